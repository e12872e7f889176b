"""The export formats, in one table: name → media type, file extension and writer.

Adding a format is one row here plus one writer function.

>>> fmt = format_named("graphml")
>>> fmt.media_type, fmt.extension
('application/graphml+xml', 'graphml')
>>> format_named("pdf")
Traceback (most recent call last):
...
graph.exceptions.InvalidParameterError: unknown export format 'pdf'; known formats: graphml, gexf, dot, cytoscape, node-link, mermaid, html
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from graph.exceptions import InvalidParameterError
from graph.export.cytoscape import write_cytoscape
from graph.export.diagrams import write_dot, write_mermaid
from graph.export.files import write_gexf, write_graphml, write_node_link
from graph.export.page import write_html

Writer = Callable[[nx.MultiDiGraph], bytes]


@dataclass(frozen=True)
class ExportFormat:
    """One way to write a graph: what it is called, how it is served and saved, who writes it."""

    name: str
    media_type: str
    extension: str
    writer: Writer
    description: str


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "graphml",
            "application/graphml+xml",
            "graphml",
            write_graphml,
            "GraphML for yEd, Gephi, Cytoscape desktop, networkx",
        ),
        ExportFormat("gexf", "application/gexf+xml", "gexf", write_gexf, "GEXF 1.2 for Gephi"),
        ExportFormat("dot", "text/vnd.graphviz", "dot", write_dot, "Graphviz DOT"),
        ExportFormat("cytoscape", "application/json", "cyjs", write_cytoscape, "Cytoscape.js JSON"),
        ExportFormat(
            "node-link", "application/json", "json", write_node_link, "node-link JSON for D3"
        ),
        ExportFormat("mermaid", "text/vnd.mermaid", "mmd", write_mermaid, "Mermaid flowchart"),
        ExportFormat(
            "html", "text/html", "html", write_html, "self-contained interactive HTML page"
        ),
    )
}


def format_named(name: str) -> ExportFormat:
    """The format called ``name``; an unknown name raises :class:`InvalidParameterError`."""
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise InvalidParameterError(
            f"unknown export format {name!r}; known formats: {known}"
        ) from None


def export(G: nx.MultiDiGraph, format_name: str) -> bytes:
    """``G`` written in the format called ``format_name``.

    >>> export(nx.MultiDiGraph(), "mermaid").splitlines()[1]
    b'flowchart LR'
    """
    return format_named(format_name).writer(G)
