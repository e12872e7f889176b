"""The web explorer in Debian's Chromium: start page, whole graph, a thing's page, the stack page."""

from __future__ import annotations

import networkx as nx
import pytest
from playwright.sync_api import Page

from graph.analysis import avoid_groups, index, lock_in
from graph.export import neighbourhood, thing
from graph.projection import projection
from graph.store import OxigraphStore
from ontology.namespace import ID_IRI
from tests.browser.conftest import click_node
from tests.conftest import Server

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture(scope="module")
def G(kb_store: OxigraphStore) -> nx.MultiDiGraph:
    return projection(kb_store)


def test_the_start_page_searches_and_links_to_sparql_and_the_api_docs(
    page: Page, live_server: Server
) -> None:
    page.goto(live_server.url + "/")
    assert page.locator('a[href="/sparql"]').count() >= 1
    assert page.locator('a[href="/docs"]').count() >= 1
    page.fill("#q", "Llama 3.1 405B")
    hit = page.locator('#hits a[href="/id/llama-3.1-405b"]')
    hit.wait_for()
    hit.click()
    page.wait_for_url(live_server.url + "/id/llama-3.1-405b")
    assert page.errors == []  # type: ignore[attr-defined]


def test_the_whole_graph_is_drawn_and_a_click_shows_a_things_facts(
    page: Page, live_server: Server, G: nx.MultiDiGraph
) -> None:
    page.goto(live_server.url + "/explore")
    page.wait_for_selector("#graph[data-ready=true]", timeout=60_000)
    assert page.get_attribute("#graph", "data-nodes") == str(G.number_of_nodes())
    assert page.get_attribute("#graph", "data-edges") == str(G.number_of_edges())
    model = thing(G, "gemma-2-9b")
    click_node(page, "#graph", model)
    facts = page.locator(".sa-facts")
    facts.wait_for(state="visible")
    assert facts.locator(".sa-facts-title").inner_text() == G.nodes[model]["label"]
    assert facts.locator('.sa-facts-iri a[href="/id/gemma-2-9b"]').count() == 1
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_things_page_draws_its_neighbourhood(
    page: Page, live_server: Server, G: nx.MultiDiGraph
) -> None:
    page.goto(live_server.url + "/id/llama-3.1-405b")
    page.wait_for_selector("#neighbourhood[data-ready=true]", timeout=60_000)
    H = neighbourhood(G, thing(G, "llama-3.1-405b"), depth=1)
    assert page.get_attribute("#neighbourhood", "data-nodes") == str(H.number_of_nodes())
    # the focus is selected and its facts shown; a click on a neighbour shows the neighbour's
    assert page.locator(".sa-facts-title").inner_text() == "Llama 3.1 405B"
    click_node(page, "#neighbourhood", thing(G, "meta"))
    page.wait_for_function(
        "document.querySelector('.sa-facts-title').textContent === 'Meta'", timeout=10_000
    )
    assert page.errors == []  # type: ignore[attr-defined]


def test_the_stack_page_scores_gemini_on_a_tpu_and_draws_exits_avoiding_google(
    page: Page, live_server: Server, G: nx.MultiDiGraph
) -> None:
    page.goto(live_server.url + "/explore/stack")
    page.select_option("#model", "gemini-1.5-pro")
    page.select_option("#cloud", "google-cloud")
    page.select_option("#chip", "tpu-v5p")
    page.select_option("#avoid", "google")
    page.click("#stack button[type=submit]")
    page.wait_for_selector("#answer[data-ready=true]", timeout=60_000)
    model, cloud, chip = (ID_IRI + s for s in ("gemini-1.5-pro", "google-cloud", "tpu-v5p"))
    report = lock_in(G, model, cloud=cloud, chip=chip)
    assert int(page.inner_text("#score")) == report.score
    assert page.inner_text("#level") == report.level
    assert page.locator("#factors tbody tr").count() == len(report.factors)
    assert page.locator("#exits li").count() >= 1
    drawn = page.evaluate(
        """() => StackAtlas.viewOf(document.getElementById("stack-graph"))
                 .nodes(".role-exit").map(n => n.id())"""
    )
    clouds = [n for n in drawn if G.nodes[n]["kind"] == "Cloud"]
    assert clouds, "no exit path drawn"
    idx, google = index(G), avoid_groups(G, ["google"])
    for exit_cloud in clouds:  # every drawn exit cloud is run by someone outside Google's group
        operators = [v for _, v, k in G.out_edges(exit_cloud, keys=True) if k == "operatedBy"]
        assert operators and not {idx.org_group[o] for o in operators} & google
    assert page.errors == []  # type: ignore[attr-defined]
