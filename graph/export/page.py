"""The self-contained interactive HTML page: one file, no network, that can be mailed.

Cytoscape.js (vendored from npm under ``api/static/vendor/cytoscape``), the explorer's view script
and stylesheet (``api/static/explorer``) and the graph itself are inlined, so the page draws the
same picture as the web explorer without a server. The assets are read from the app's static
directory rather than copied here, so there is one copy of each to keep up to date.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(title="H100 <and friends>")
>>> G.add_node("https://w3id.org/stackatlas/id/h100", kind="Chip", label="</script>", slug="h100")
>>> page = write_html(G).decode()
>>> "<title>H100 &lt;and friends&gt;</title>" in page, page.count("</script>") == page.count("<script")
(True, True)
>>> "cdn" in page.lower() or "src=\\"http" in page      # nothing is fetched from anywhere
False
"""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path

import networkx as nx

from graph.export.cytoscape import cytoscape_document

STATIC = Path(__file__).resolve().parents[2] / "api" / "static"
ASSETS = {
    "cytoscape": STATIC / "vendor" / "cytoscape" / "cytoscape.min.js",
    "view_js": STATIC / "explorer" / "view.js",
    "view_css": STATIC / "explorer" / "view.css",
}

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="stackatlas">
<title>{title}</title>
<style>
html, body {{ margin: 0; height: 100%; font-family: system-ui, sans-serif; }}
body {{ display: flex; flex-direction: column; }}
header {{ padding: 0.4rem 0.8rem; border-bottom: 1px solid #ddd; }}
header h1 {{ font-size: 1.05rem; margin: 0; }}
header p {{ margin: 0; font-size: 0.8rem; color: #666; }}
#graph {{ flex: 1; padding: 0.5rem; min-height: 0; }}
{view_css}
</style>
</head>
<body>
<header><h1>{title}</h1><p>{counts} · stackatlas · click a node for its facts</p></header>
<main id="graph"></main>
<script>{cytoscape}</script>
<script>{view_js}</script>
<script id="graph-data" type="application/json">{data}</script>
<script>
StackAtlas.draw(document.getElementById("graph"),
  JSON.parse(document.getElementById("graph-data").textContent), {{}});
</script>
</body>
</html>
"""


def write_html(G: nx.MultiDiGraph) -> bytes:
    """One HTML file that draws ``G`` with Cytoscape.js, a legend and a facts panel, offline."""
    doc = cytoscape_document(G)
    # "<" escaped inside JSON strings: no label can close the script element or open a comment.
    data = json.dumps(doc, ensure_ascii=False, default=str).replace("<", "\\u003c")
    assets = _assets()
    page = _PAGE.format(
        title=html.escape(doc["title"]),
        counts=f"{G.number_of_nodes()} things, {G.number_of_edges()} relations",
        data=data,
        **assets,
    )
    return page.encode("utf-8")


@cache
def _assets() -> dict[str, str]:
    return {name: path.read_text(encoding="utf-8") for name, path in ASSETS.items()}
