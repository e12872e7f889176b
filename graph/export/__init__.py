"""Graph exports: what to export (whole graph, neighbourhood, analysis answer, CONSTRUCT result)
and how to write it (one table of formats in :mod:`graph.export.formats`).

>>> sorted(FORMATS)
['cytoscape', 'dot', 'gexf', 'graphml', 'html', 'mermaid', 'node-link']
"""

from graph.export.answer import answer_graph
from graph.export.construct import construct_graph, graph_from_triples
from graph.export.formats import FORMATS, ExportFormat, export, format_named
from graph.export.neighbourhood import kinds_named, neighbourhood, thing, whole

__all__ = [
    "FORMATS",
    "ExportFormat",
    "answer_graph",
    "construct_graph",
    "export",
    "format_named",
    "graph_from_triples",
    "kinds_named",
    "neighbourhood",
    "thing",
    "whole",
]
