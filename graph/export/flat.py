"""Attributes made safe for formats that hold one scalar per key (GraphML, GEXF, DOT).

The projection keeps several-valued attributes (sources, aliases) as lists; these formats cannot,
so lists become one string joined by :data:`SEPARATOR`, which a reader can split again. An
attribute whose values have different types on different nodes becomes a string everywhere, since
GraphML and GEXF declare one type per attribute key.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", kind="Model", source=["https://a", "https://b"], version=1.0)
>>> G.add_node("b", kind="Standard", version="1.0-draft")
>>> F = flattened(G)
>>> F.nodes["a"]["source"], F.nodes["a"]["version"], F.nodes["b"]["version"]
('https://a | https://b', '1.0', '1.0-draft')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

SEPARATOR = " | "


def flattened(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` whose node, edge and graph attributes are scalars of one type per key."""
    F = nx.MultiDiGraph()
    F.graph.update({k: _scalar(v) for k, v in G.graph.items()})
    node_types = _types(data for _, data in G.nodes(data=True))
    for node, data in G.nodes(data=True):
        F.add_node(node, **_harmonized(data, node_types))
    edge_types = _types(data for _, _, data in G.edges(data=True))
    for u, v, key, data in G.edges(keys=True, data=True):
        F.add_edge(u, v, key=key, **_harmonized(data, edge_types))
    return F


def _scalar(value: Any) -> Any:
    if isinstance(value, list | tuple | set | frozenset):
        return SEPARATOR.join(str(v) for v in value)
    if value is None:
        return ""
    return value


def _types(rows: Iterable[dict[str, Any]]) -> dict[str, type]:
    """The one type each attribute keeps: its own when every value agrees, ``str`` otherwise."""
    seen: dict[str, set[type]] = {}
    for data in rows:
        for key, value in data.items():
            seen.setdefault(key, set()).add(type(_scalar(value)))
    return {key: types.pop() if len(types) == 1 else str for key, types in seen.items()}


def _harmonized(data: dict[str, Any], types: dict[str, type]) -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        scalar = _scalar(value)
        out[key] = scalar if types[key] is not str else str(scalar)
    return out
