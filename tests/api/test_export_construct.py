"""GET /v1/export/construct: the triples of a CONSTRUCT query, drawn, under the endpoint's limits."""

from __future__ import annotations

import httpx
import networkx as nx

from tests.conftest import Server

ID = "https://w3id.org/stackatlas/id/"
BUILT_BY_META = (
    "PREFIX sa: <https://w3id.org/stackatlas/ns#> "
    "CONSTRUCT { ?m sa:developedBy ?o } WHERE { ?m sa:developedBy ?o "
    "FILTER(?o = <https://w3id.org/stackatlas/id/meta>) }"
)


def test_construct_result_is_exported_as_graphml_with_labels(live_server: Server) -> None:
    r = httpx.get(
        f"{live_server.url}/v1/export/construct",
        params={"format": "graphml", "query": BUILT_BY_META},
        timeout=60,
    )
    assert r.status_code == 200, r.text
    G = nx.parse_graphml(r.text)
    # the same question on the SPARQL endpoint: which models did Meta develop?
    rows = httpx.get(
        f"{live_server.url}/sparql",
        params={"query": BUILT_BY_META.replace("CONSTRUCT { ?m sa:developedBy ?o }", "SELECT ?m")},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    ).json()["results"]["bindings"]
    models = {row["m"]["value"] for row in rows}
    assert models and set(G.nodes) == models | {ID + "meta"}
    assert G.number_of_edges() == len(models)
    assert G.nodes[ID + "meta"]["label"] == "Meta"
    assert {d["label"] for _, _, d in G.edges(data=True)} == {"developed by"}


def test_a_select_query_is_refused_with_a_400(live_server: Server) -> None:
    r = httpx.get(
        f"{live_server.url}/v1/export/construct",
        params={"format": "dot", "query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"},
        timeout=60,
    )
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "CONSTRUCT or DESCRIBE" in r.json()["detail"]


def test_a_malformed_query_says_where(live_server: Server) -> None:
    r = httpx.get(
        f"{live_server.url}/v1/export/construct",
        params={"format": "dot", "query": "CONSTRUCT { ?s ?p ?o } WHERE {"},
        timeout=60,
    )
    assert r.status_code == 400
    body = r.json()
    assert (body["line"], body["column"]) == (1, 31)
    assert body["detail"].startswith("syntax error at line 1, column 31")
