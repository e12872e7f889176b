"""Writers for the graph-tool file formats: GraphML (yEd, Gephi), GEXF (Gephi) and node-link JSON (D3).

Each writer takes the projection (or any subgraph of it) and returns the file as bytes.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("https://w3id.org/stackatlas/id/h100", kind="Chip", label="H100", slug="h100")
>>> G.add_node("https://w3id.org/stackatlas/id/nvidia", kind="Organization", label="Nvidia", slug="nvidia")
>>> _ = G.add_edge("https://w3id.org/stackatlas/id/h100", "https://w3id.org/stackatlas/id/nvidia",
...                key="designedBy", property="designedBy", label="designed by")
>>> b"designed by" in write_graphml(G) and b"<gexf" in write_gexf(G)
True
>>> import json
>>> json.loads(write_node_link(G))["links"][0]["label"]
'designed by'
"""

from __future__ import annotations

import io
import json

import networkx as nx

from graph.export.flat import flattened
from graph.export.style import style_of


def write_graphml(G: nx.MultiDiGraph) -> bytes:
    """GraphML: node kinds, labels and every attribute as typed ``<key>``s; edge keys as edge ids."""
    buffer = io.BytesIO()
    nx.write_graphml(flattened(G), buffer, encoding="utf-8")
    return buffer.getvalue()


def write_gexf(G: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2: attributes as typed ``<attvalue>``s, plus ``viz`` colour and shape by kind for Gephi."""
    F = flattened(G)
    for _, data in F.nodes(data=True):
        style = style_of(str(data.get("kind", "")))
        r, g, b = (int(style.color[i : i + 2], 16) for i in (1, 3, 5))
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "shape": style.gexf}
    for u, v, key, data in F.edges(keys=True, data=True):
        # GEXF edge ids are unique per document; the property name alone repeats across edges.
        data["id"] = f"{u} {key} {v}"
    buffer = io.BytesIO()
    nx.write_gexf(F, buffer, encoding="utf-8")
    return buffer.getvalue()


def write_node_link(G: nx.MultiDiGraph) -> bytes:
    """Node-link JSON as D3's force layout reads it: ``nodes`` with ``id``, ``links`` with source/target."""
    data = nx.node_link_data(G, edges="links")
    return json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")
