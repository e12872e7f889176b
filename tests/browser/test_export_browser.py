"""The HTML export and the Cytoscape.js JSON, opened in Debian's Chromium."""

from __future__ import annotations

from pathlib import Path

import httpx
import networkx as nx
import pytest
from playwright.sync_api import Page

from graph.export import export, neighbourhood, thing, whole
from graph.export.page import ASSETS
from graph.export.style import legend, style_of
from graph.projection import projection
from graph.store import OxigraphStore
from tests.browser.conftest import click_node
from tests.conftest import Server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def G(kb_store: OxigraphStore) -> nx.MultiDiGraph:
    return projection(kb_store)


@pytest.mark.parametrize("focus", ["llama-3.1-405b", None])
def test_the_html_export_draws_every_node_offline_and_a_click_shows_the_facts(
    page: Page, tmp_path: Path, G: nx.MultiDiGraph, focus: str | None
) -> None:
    H = neighbourhood(G, thing(G, focus), depth=1) if focus else whole(G)
    file = tmp_path / "graph.html"
    file.write_bytes(export(H, "html"))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(file.as_uri())
    page.wait_for_selector("#graph[data-ready=true]", timeout=60_000)
    assert page.get_attribute("#graph", "data-nodes") == str(H.number_of_nodes())
    assert page.get_attribute("#graph", "data-edges") == str(H.number_of_edges())
    kinds = {d["kind"] for _, d in H.nodes(data=True)}
    assert page.locator(".sa-legend-item").all_inner_texts() == [s.label for s in legend(kinds)]
    target = thing(G, "h100")
    click_node(page, "#graph", target)
    facts = page.locator(".sa-facts")
    facts.wait_for(state="visible")
    assert facts.locator(".sa-facts-title").inner_text() == G.nodes[target]["label"]
    assert facts.locator(".sa-facts-kind").inner_text() == "Chip"
    for source in G.nodes[target]["source"]:
        assert facts.locator(f'a[href="{source}"]').count() == 1
    assert page.errors == []  # type: ignore[attr-defined]
    assert requests == [file.as_uri()]  # nothing fetched: the page works offline


def test_cytoscape_json_loads_into_cytoscape_with_its_style(
    page: Page, live_server: Server, G: nx.MultiDiGraph
) -> None:
    doc = httpx.get(
        f"{live_server.url}/v1/export",
        params={"format": "cytoscape", "focus": "tpu-v5p", "depth": 2},
        timeout=60,
    ).json()
    H = neighbourhood(G, thing(G, "tpu-v5p"), depth=2)
    page.set_content('<div id="cy" style="width:800px;height:600px"></div>')
    page.add_script_tag(path=str(ASSETS["cytoscape"]))
    counts = page.evaluate(
        """doc => {
             const cy = cytoscape({container: document.getElementById("cy"), elements: doc.elements,
                                   style: doc.style, layout: {name: "cose", animate: false}});
             const chip = cy.getElementById("https://w3id.org/stackatlas/id/tpu-v5p");
             return {nodes: cy.nodes().length, edges: cy.edges().length,
                     colour: chip.style("background-color"), shape: chip.style("shape"),
                     label: chip.style("label")};
           }""",
        doc,
    )
    chip = style_of("Chip")
    assert counts == {
        "nodes": H.number_of_nodes(),
        "edges": H.number_of_edges(),
        "colour": "rgb({},{},{})".format(*(int(chip.color[i : i + 2], 16) for i in (1, 3, 5))),
        "shape": chip.cytoscape,
        "label": G.nodes[thing(G, "tpu-v5p")]["label"],
    }
    assert page.errors == []  # type: ignore[attr-defined]
