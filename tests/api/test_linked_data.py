"""Linked-data IRIs through a real server: RDF descriptions, the HTML page, the 303, HEAD and 406."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from graph.store import OxigraphStore, select
from tests.conftest import Server

pytestmark = pytest.mark.server

ID = "https://w3id.org/stackatlas/id/"


def _offerings(store: OxigraphStore, slug: str) -> set[str]:
    sparql = f"SELECT ?o {{ ?o a <https://w3id.org/stackatlas/ns#Offering> ; <https://w3id.org/stackatlas/ns#model> <{ID}{slug}> }}"
    return {row["o"].value for row in select(store, sparql)}


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_model_description_includes_its_offerings(
    live_server: Server, kb_store: OxigraphStore, accept: str, fmt: ox.RdfFormat
) -> None:
    r = httpx.get(f"{live_server.url}/id/llama-3.1-405b", headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    assert "Accept" in r.headers["vary"]
    triples = list(ox.parse(r.content, format=fmt))
    subjects = {t.subject.value for t in triples}
    offerings = _offerings(kb_store, "llama-3.1-405b")
    assert offerings and subjects == {ID + "llama-3.1-405b", *offerings}
    count = select(kb_store, f"SELECT (COUNT(*) AS ?n) {{ <{ID}llama-3.1-405b> ?p ?o }}")
    own = [t for t in triples if t.subject.value == ID + "llama-3.1-405b"]
    assert len(own) == int(next(iter(count))["n"].value)


def test_rdflib_dereferences_the_iri(live_server: Server) -> None:
    g = Graph()
    g.parse(f"{live_server.url}/id/h100", format="turtle")
    assert (
        URIRef(ID + "h100"),
        URIRef("https://w3id.org/stackatlas/ns#designedBy"),
        URIRef(ID + "nvidia"),
    ) in g


def test_html_page_shows_facts_sources_and_links(
    live_server: Server, kb_store: OxigraphStore
) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    r = httpx.get(f"{live_server.url}/id/tpu-v6e", headers={"Accept": browser})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    label = next(
        iter(
            select(
                kb_store,
                f"SELECT ?l {{ <{ID}tpu-v6e> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}",
            )
        )
    )
    assert f"<h1>{label['l'].value}</h1>" in page
    assert f'<div id="neighbourhood" data-iri="{ID}tpu-v6e"></div>' in page
    assert '<script src="/static/explorer/entity.js" defer></script>' in page
    assert 'href="/id/google"' in page  # the designer, as a link
    for row in select(
        kb_store, f"SELECT ?s {{ <{ID}tpu-v6e> <http://purl.org/dc/terms/source> ?s }}"
    ):
        assert row["s"].value in page
    assert "Trillium" in page


def test_html_escapes_text(live_server: Server) -> None:
    page = httpx.get(f"{live_server.url}/id/h100", headers={"Accept": "text/html"}).text
    assert "<script>" not in page.replace(
        '<script src="/static/explorer/entity.js" defer></script>', ""
    )


def test_json_redirects_303_to_the_rest_item(live_server: Server) -> None:
    r = httpx.get(f"{live_server.url}/id/bedrock", headers={"Accept": "application/json"})
    assert r.status_code == 303 and r.headers["location"] == "/v1/services/bedrock"
    followed = httpx.get(
        f"{live_server.url}/id/bedrock",
        headers={"Accept": "application/json"},
        follow_redirects=True,
    )
    assert followed.json()["id"] == ID + "bedrock"


def test_head_answers_like_get_without_a_body(live_server: Server) -> None:
    get = httpx.get(f"{live_server.url}/id/h100", headers={"Accept": "text/turtle"})
    head = httpx.head(f"{live_server.url}/id/h100", headers={"Accept": "text/turtle"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert httpx.head(f"{live_server.url}/id/no-such-thing").status_code == 404


def test_unknown_slug_unacceptable_and_malformed(live_server: Server) -> None:
    r = httpx.get(f"{live_server.url}/id/h10", headers={"Accept": "text/turtle"})
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    assert "h100" in r.json()["suggestions"]
    r = httpx.get(f"{live_server.url}/id/h100", headers={"Accept": "image/png"})
    assert r.status_code == 406 and r.headers["content-type"] == "application/problem+json"
    assert httpx.get(f"{live_server.url}/id/H100").status_code == 422
