"""Real SPARQL clients against a real server: SPARQLWrapper (JSON, XML), rdflib's SPARQLStore, httpx
for content negotiation, the service description, the query page, CORS and /metrics.

Expected answers are computed from the same knowledge base loaded in-process (``kb_store``).
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

from graph.store import OxigraphStore, select
from ontology.namespace import SA
from tests.conftest import Server

pytestmark = pytest.mark.server

CHIPS = """PREFIX sa: <https://w3id.org/stackatlas/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?chip ?label WHERE { ?chip a sa:Chip ; rdfs:label ?label } ORDER BY ?chip"""
CHIP_GRAPH = """PREFIX sa: <https://w3id.org/stackatlas/ns#>
CONSTRUCT { ?chip a sa:Chip ; sa:designedBy ?org } WHERE { ?chip a sa:Chip ; sa:designedBy ?org }"""
SD = "http://www.w3.org/ns/sparql-service-description#"


def parse_rdf(data: bytes, fmt: str) -> Graph:
    """rdflib's independent reading of a response (its N-Quads, TriG and JSON-LD parsers raise
    their own internal DeprecationWarnings in rdflib 7.6, which are not ours to fix)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return Graph().parse(data=data, format=fmt)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    srv = Server(["--memory"])
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def chips(kb_store: OxigraphStore) -> list[tuple[str, str]]:
    return [(r["chip"].value, r["label"].value) for r in select(kb_store, CHIPS)]


def test_sparqlwrapper_json_get_and_post(server: Server, chips: list[tuple[str, str]]) -> None:
    for method in ("GET", POST):
        client = SPARQLWrapper(f"{server.url}/sparql")
        client.setQuery(CHIPS)
        client.setReturnFormat(JSON)
        client.setMethod(method)
        result = client.queryAndConvert()
        assert isinstance(result, dict)
        rows = [(b["chip"]["value"], b["label"]["value"]) for b in result["results"]["bindings"]]
        assert rows == chips


def test_sparqlwrapper_xml(server: Server, chips: list[tuple[str, str]]) -> None:
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery(CHIPS)
    client.setReturnFormat(XML)
    document = client.queryAndConvert()
    results = document.getElementsByTagName("result")  # type: ignore[union-attr]
    assert len(results) == len(chips)


def test_sparqlwrapper_ask_and_construct(server: Server, kb_store: OxigraphStore) -> None:
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery("PREFIX sa: <https://w3id.org/stackatlas/ns#> ASK { ?m a sa:Model }")
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is True  # type: ignore[index]
    client.setQuery(CHIP_GRAPH)
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.queryAndConvert(), format="turtle")  # type: ignore[arg-type]
    expected = list(kb_store.query(CHIP_GRAPH))
    assert len(graph) == len(expected) > 0


def test_rdflib_sparqlstore(server: Server, chips: list[tuple[str, str]]) -> None:
    graph = Graph(store=SPARQLStore(f"{server.url}/sparql", returnFormat="xml"))
    rows = [(str(r[0]), str(r[1])) for r in graph.query(CHIPS)]  # type: ignore[index]
    assert rows == chips
    labelled = set(
        graph.objects(URIRef(chips[0][0]), URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
    )
    assert labelled == {Literal(chips[0][1])}
    assert (URIRef(chips[0][0]), RDF.type, SA.Chip) in graph


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", "application/json"),
        ("*/*", "application/sparql-results+json"),
        ("text/*", "text/csv"),
        ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/turtle, application/sparql-results+json;q=0.5", "application/sparql-results+json"),
        ("*/*;q=0.1, text/tab-separated-values", "text/tab-separated-values"),
    ],
)
def test_select_conneg(
    server: Server, chips: list[tuple[str, str]], accept: str, media: str
) -> None:
    r = httpx.get(f"{server.url}/sparql", params={"query": CHIPS}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == media
    assert "Accept" in r.headers["vary"]
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(r.text)))[1:]
        assert [tuple(row) for row in rows] == chips
    else:
        fmt = ox.QueryResultsFormat.from_media_type(media) or ox.QueryResultsFormat.JSON
        parsed = ox.parse_query_results(r.content, format=fmt)
        assert [(s["chip"].value, s["label"].value) for s in parsed] == chips  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("accept", "media", "rdflib_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/n-quads", "application/n-quads", "nquads"),
        ("application/trig", "application/trig", "trig"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("*/*", "text/turtle", "turtle"),
        # SPARQLWrapper-style headers that list result types first: a graph is still a graph.
        ("application/sparql-results+xml, application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json;q=0.5, text/turtle;q=0.9", "text/turtle", "turtle"),
    ],
)
def test_construct_conneg(
    server: Server, kb_store: OxigraphStore, accept: str, media: str, rdflib_format: str
) -> None:
    r = httpx.post(
        f"{server.url}/sparql",
        content=CHIP_GRAPH,
        headers={"Content-Type": "application/sparql-query", "Accept": accept},
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == media
    graph = parse_rdf(r.content, rdflib_format)
    assert len(graph) == len(list(kb_store.query(CHIP_GRAPH)))


def test_describe_and_format_override(server: Server) -> None:
    r = httpx.get(
        f"{server.url}/sparql",
        params={"query": "DESCRIBE <https://w3id.org/stackatlas/id/h100>", "format": "nt"},
        headers={"Accept": "text/turtle"},
    )
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/n-triples")
    assert "<https://w3id.org/stackatlas/id/h100>" in r.text


def test_not_acceptable(server: Server) -> None:
    r = httpx.get(
        f"{server.url}/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"}
    )
    assert r.status_code == 406
    assert "image/png" in r.json()["detail"]
    # An ASK has no CSV form; the client accepts nothing else.
    r = httpx.get(
        f"{server.url}/sparql", params={"query": "ASK {}"}, headers={"Accept": "text/csv"}
    )
    assert r.status_code == 406


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
    ],
)
def test_service_description(server: Server, accept: str, fmt: str) -> None:
    r = httpx.get(f"{server.url}/sparql", headers={"Accept": accept})
    assert r.status_code == 200
    graph = parse_rdf(r.content, fmt)
    endpoint = URIRef(f"{server.url}/sparql")
    assert (endpoint, URIRef(SD + "endpoint"), endpoint) in graph
    assert (endpoint, URIRef(SD + "feature"), URIRef(SD + "UnionDefaultGraph")) in graph
    assert (endpoint, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Update")) not in graph
    named = set(graph.objects(None, URIRef(SD + "name")))
    assert URIRef("https://w3id.org/stackatlas/graph/chips") in named


def test_query_page_and_vendored_editor(server: Server) -> None:
    page = httpx.get(f"{server.url}/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "yasgui.min.js" in page.text
    assert "which_chips_are_exclusive_to_one_cloud" in page.text
    script = httpx.get(f"{server.url}/static/vendor/yasgui/yasgui.min.js")
    assert script.status_code == 200
    assert len(script.content) > 100_000


def test_cors_preflight_and_read(server: Server) -> None:
    preflight = httpx.options(
        f"{server.url}/sparql",
        headers={
            "Origin": "https://notebook.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    r = httpx.get(
        f"{server.url}/sparql",
        params={"query": "ASK {}"},
        headers={"Origin": "https://notebook.example"},
    )
    assert r.headers["access-control-allow-origin"] == "*"


def test_alias_cache_metrics_and_health(server: Server) -> None:
    query = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}
    first = httpx.get(f"{server.url}/query", params=query)
    httpx.get(f"{server.url}/sparql", params=query)
    second = httpx.get(f"{server.url}/sparql", params=query)
    assert first.status_code == second.status_code == 200
    assert second.headers["x-cache"] == "hit"
    assert first.content == second.content
    health = httpx.get(f"{server.url}/healthz").json()
    assert set(health) >= {"status", "triples", "version"}
    metrics = httpx.get(f"{server.url}/metrics")
    assert metrics.headers["content-type"].startswith("text/plain")
    text = metrics.text
    assert 'sparql_requests_total{door="query",status="200"}' in text
    assert "sparql_cache_hits_total" in text
    assert "sparql_worker_restarts_total" in text
    assert 'sparql_request_duration_seconds_bucket{door="query",le="+Inf"}' in text
