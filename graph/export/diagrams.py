"""Writers for diagram languages: Graphviz DOT and Mermaid flowcharts.

Both draw nodes coloured and shaped by kind (see :mod:`graph.export.style`), label edges with the
ontology's property labels, outline the things an analysis highlights, draw evidence edges in red,
and carry a legend.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(title="demo")
>>> G.add_node("https://w3id.org/stackatlas/id/h100", kind="Chip", label='H100 "Hopper"', slug="h100")
>>> G.add_node("https://w3id.org/stackatlas/id/nvidia", kind="Organization", label="Nvidia", slug="nvidia")
>>> _ = G.add_edge("https://w3id.org/stackatlas/id/h100", "https://w3id.org/stackatlas/id/nvidia",
...                key="designedBy", property="designedBy", label="designed by")
>>> dot = write_dot(G).decode()
>>> '"h100" -> "nvidia" [label="designed by"' in dot, 'H100 \\\\"Hopper\\\\"' in dot
(True, True)
>>> print(write_mermaid(G).decode().splitlines()[2])
  n0["H100 #quot;Hopper#quot;"]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.export.style import EVIDENCE_COLOR, ROLE_COLORS, legend, style_of


def write_dot(G: nx.MultiDiGraph) -> bytes:
    """A Graphviz digraph; node ids are slugs, tooltips and URLs carry the full IRI."""
    title = str(G.graph.get("title", "stackatlas"))
    lines = [
        f"digraph {_q(title)} {{",
        f"  graph [label={_q(title)}, labelloc=t, rankdir=LR, overlap=false, fontname=Helvetica];",
        '  node [style=filled, fontname=Helvetica, fontsize=10, color="#555555"];',
        '  edge [fontname=Helvetica, fontsize=8, color="#888888", fontcolor="#555555"];',
    ]
    for node, data in G.nodes(data=True):
        style = style_of(str(data.get("kind", "")))
        attrs: dict[str, Any] = {
            "label": data.get("label", node),
            "shape": style.dot,
            "fillcolor": style.color,
            "tooltip": f"{data.get('kind', '')}: {node}",
            "URL": node,
        }
        if data.get("role") in ROLE_COLORS:
            attrs.update(color=ROLE_COLORS[data["role"]], penwidth=3)
        lines.append(f"  {_q(_name(G, node))} [{_attrs(attrs)}];")
    for u, v, key, data in G.edges(keys=True, data=True):
        attrs = {"label": data.get("label", key)}
        if data.get("evidence"):
            attrs.update(color=EVIDENCE_COLOR, fontcolor=EVIDENCE_COLOR, penwidth=2)
        lines.append(f"  {_q(_name(G, u))} -> {_q(_name(G, v))} [{_attrs(attrs)}];")
    lines.append("  subgraph cluster_legend {")
    lines.append('    label="legend"; fontsize=10; color="#cccccc";')
    for i, style in enumerate(legend({str(d.get("kind", "")) for _, d in G.nodes(data=True)})):
        attrs = {"label": style.label, "shape": style.dot, "fillcolor": style.color}
        lines.append(f"    {_q(f'legend {i}')} [{_attrs(attrs)}];")
    lines.append("  }")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_mermaid(G: nx.MultiDiGraph) -> bytes:
    """A Mermaid flowchart (renders on GitHub and in most Markdown tools), with a legend subgraph."""
    ids = {node: f"n{i}" for i, node in enumerate(G.nodes)}
    lines = [f"%% {_one_line(str(G.graph.get('title', 'stackatlas')))}", "flowchart LR"]
    classes: dict[str, list[str]] = {}
    for node, data in G.nodes(data=True):
        kind = str(data.get("kind", ""))
        open_, close = style_of(kind).mermaid
        lines.append(f"  {ids[node]}{open_}{_mq(str(data.get('label', node)))}{close}")
        classes.setdefault(_class(style_of(kind).label), []).append(ids[node])
        if data.get("role") in ROLE_COLORS:
            classes.setdefault(f"role_{data['role']}", []).append(ids[node])
    evidence = []
    for i, (u, v, key, data) in enumerate(G.edges(keys=True, data=True)):
        lines.append(f"  {ids[u]} -->|{_mq(str(data.get('label', key)))}| {ids[v]}")
        if data.get("evidence"):
            evidence.append(str(i))
    lines.append('  subgraph legend["legend"]')
    for i, style in enumerate(legend({str(d.get("kind", "")) for _, d in G.nodes(data=True)})):
        open_, close = style.mermaid
        lines.append(f"    legend{i}{open_}{_mq(style.label)}{close}")
        classes.setdefault(_class(style.label), []).append(f"legend{i}")
    lines.append("  end")
    for style in legend({str(d.get("kind", "")) for _, d in G.nodes(data=True)}):
        lines.append(f"  classDef {_class(style.label)} fill:{style.color},stroke:#555555")
    for role, color in ROLE_COLORS.items():
        lines.append(f"  classDef role_{role} stroke:{color},stroke-width:3px")
    for name, members in classes.items():
        lines.append(f"  class {','.join(members)} {name}")
    if evidence:
        lines.append(f"  linkStyle {','.join(evidence)} stroke:{EVIDENCE_COLOR},stroke-width:2px")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _name(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("slug") or node)


def _q(text: object) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, newlines kept as DOT's ``\\n``."""
    s = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{s}"'


def _attrs(attrs: dict[str, Any]) -> str:
    return ", ".join(f"{k}={_q(v)}" for k, v in attrs.items())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _mq(text: str) -> str:
    """A Mermaid quoted label: quotes and markup characters as entity codes, which Mermaid decodes."""
    for char, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(char, code)
    return f'"{_one_line(text)}"'


def _class(label: str) -> str:
    return "kind_" + "".join(c for c in label if c.isalnum())
