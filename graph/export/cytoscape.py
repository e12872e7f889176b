"""Cytoscape.js JSON: the elements, a stylesheet and a legend, ready for ``cytoscape({...})``.

The same document feeds the web explorer and the self-contained HTML page, so a graph looks the
same wherever it is drawn. Node ``data`` carries the kind, label, slug, full IRI, colour and shape,
and ``facts`` (every other attribute); analysis roles and evidence become element classes.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(title="demo")
>>> G.add_node("https://w3id.org/stackatlas/id/h100", kind="Chip", label="H100", slug="h100",
...            source=["https://nvidia.com/h100"], role="stack")
>>> G.add_node("https://w3id.org/stackatlas/id/nvidia", kind="Organization", label="Nvidia", slug="nvidia")
>>> _ = G.add_edge("https://w3id.org/stackatlas/id/h100", "https://w3id.org/stackatlas/id/nvidia",
...                key="designedBy", property="designedBy", label="designed by", evidence=True)
>>> doc = cytoscape_document(G)
>>> node = doc["elements"]["nodes"][0]
>>> node["data"]["id"], node["data"]["facts"], node["classes"]
('https://w3id.org/stackatlas/id/h100', {'source': ['https://nvidia.com/h100']}, 'Chip role-stack')
>>> doc["elements"]["edges"][0]["classes"], [entry["label"] for entry in doc["legend"]]
('evidence', ['Organization', 'Chip'])
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from graph.export.style import EVIDENCE_COLOR, ROLE_COLORS, legend, style_of

# Attributes shown as the node's identity rather than among its facts.
_IDENTITY = frozenset({"kind", "label", "slug", "role"})


def cytoscape_document(G: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph as a Cytoscape.js document: ``elements``, ``style``, plus ``legend`` and ``title``."""
    nodes = []
    for node, data in G.nodes(data=True):
        kind = str(data.get("kind", ""))
        style = style_of(kind)
        element = {
            "data": {
                "id": node,
                "label": str(data.get("label", node)),
                "kind": kind,
                "slug": str(data.get("slug", "")),
                "color": style.color,
                "shape": style.cytoscape,
                "facts": {k: v for k, v in data.items() if k not in _IDENTITY},
            },
            "classes": " ".join([kind, *([f"role-{data['role']}"] if data.get("role") else [])]),
        }
        nodes.append(element)
    edges = []
    for u, v, key, data in G.edges(keys=True, data=True):
        edges.append(
            {
                "data": {
                    "id": f"{u} {key} {v}",
                    "source": u,
                    "target": v,
                    "property": str(data.get("property", key)),
                    "label": str(data.get("label", key)),
                },
                "classes": "evidence" if data.get("evidence") else "",
            }
        )
    kinds = {str(d.get("kind", "")) for _, d in G.nodes(data=True)}
    return {
        "title": str(G.graph.get("title", "stackatlas")),
        "elements": {"nodes": nodes, "edges": edges},
        "style": STYLESHEET,
        "legend": [
            {"label": s.label, "color": s.color, "shape": s.cytoscape} for s in legend(kinds)
        ],
    }


def write_cytoscape(G: nx.MultiDiGraph) -> bytes:
    """:func:`cytoscape_document` as UTF-8 JSON."""
    return json.dumps(cytoscape_document(G), ensure_ascii=False, default=str).encode("utf-8")


STYLESHEET: list[dict[str, Any]] = [
    {
        "selector": "node",
        "style": {
            "label": "data(label)",
            "background-color": "data(color)",
            "shape": "data(shape)",
            "border-width": 1,
            "border-color": "#555555",
            "font-size": 9,
            "text-valign": "bottom",
            "text-margin-y": 3,
            "width": 22,
            "height": 22,
        },
    },
    {
        "selector": "edge",
        "style": {
            "label": "data(label)",
            "curve-style": "bezier",
            "target-arrow-shape": "triangle",
            "width": 1,
            "line-color": "#aaaaaa",
            "target-arrow-color": "#aaaaaa",
            "font-size": 7,
            "color": "#666666",
            "text-rotation": "autorotate",
            "min-zoomed-font-size": 8,
        },
    },
    {"selector": "node:selected", "style": {"border-width": 4, "border-color": "#000000"}},
    *(
        {
            "selector": f"node.role-{role}",
            "style": {"border-width": 4, "border-color": color, "width": 30, "height": 30},
        }
        for role, color in ROLE_COLORS.items()
    ),
    {
        "selector": "edge.evidence",
        "style": {
            "line-color": EVIDENCE_COLOR,
            "target-arrow-color": EVIDENCE_COLOR,
            "width": 3,
            "color": EVIDENCE_COLOR,
        },
    },
    {"selector": ".faded", "style": {"opacity": 0.15}},
]
