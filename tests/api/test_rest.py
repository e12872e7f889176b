"""REST lookups through a real server: items, collections, filters, paging, formats and bad input.

Expected answers come from SPARQL over the same knowledge base (kb_store), an independent oracle.
"""

from __future__ import annotations

import json

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.namespace import RDFS

from graph.store import OxigraphStore, select
from tests.conftest import Server

pytestmark = pytest.mark.server

ID = "https://w3id.org/stackatlas/id/"


def _slugs(store: OxigraphStore, sparql: str) -> set[str]:
    prefixes = "PREFIX sa: <https://w3id.org/stackatlas/ns#>\n"
    return {row["x"].value.removeprefix(ID) for row in select(store, prefixes + sparql)}


def _all(server: Server, path: str, **params: str | int) -> list[dict[str, object]]:
    """Every member of a collection, following `next` links."""
    items: list[dict[str, object]] = []
    url: str | None = f"{server.url}{path}"
    query: dict[str, str | int] | None = {**params, "limit": 7}
    while url:
        r = httpx.get(url, params=query)
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        url, query = page["next"], None
    return items


def test_model_item_has_labelled_facts_neighbours_and_sources(
    live_server: Server, kb_store: OxigraphStore
) -> None:
    r = httpx.get(f"{live_server.url}/v1/models/llama-3.1-405b")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    item = r.json()
    assert item["id"] == ID + "llama-3.1-405b" and item["kind"] == "models"
    developer = [f["value"] for f in item["facts"] if f["property"] == "sa:developedBy"]
    (label,) = _labels(kb_store, "llama-3.1-405b", "developedBy")
    assert [(d["slug"], d["label"], d["href"]) for d in developer] == [
        ("meta", label, "/v1/organizations/meta")
    ]
    groups = {
        (g["property"], g["direction"]): {n["slug"] for n in g["items"]} for g in item["neighbours"]
    }
    assert groups[("developedBy", "out")] == {"meta"}
    assert groups[("derivedFrom", "in")] == _slugs(
        kb_store, f"SELECT ?x {{ ?x sa:derivedFrom <{ID}llama-3.1-405b> }}"
    )
    assert groups[("model", "in")] == _slugs(
        kb_store, f"SELECT ?x {{ ?x a sa:Offering ; sa:model <{ID}llama-3.1-405b> }}"
    )
    assert groups[("supportedBy", "out")] == _slugs(
        kb_store, f"SELECT ?x {{ <{ID}llama-3.1-405b> sa:supportedBy ?x }}"
    )
    assert {"family", "license"} <= {p for p, d in groups if d == "out"}
    sources = _slugs(
        kb_store, f"SELECT ?x {{ <{ID}llama-3.1-405b> <http://purl.org/dc/terms/source> ?x }}"
    )
    assert set(item["sources"]) == sources and item["as_of"]
    assert "meta.llama3-1-405b-instruct-v1:0" in item["alt_labels"]


def _labels(store: OxigraphStore, slug: str, prop: str) -> list[str]:
    rows = select(
        store,
        f"SELECT ?l {{ <{ID}{slug}> <https://w3id.org/stackatlas/ns#{prop}> ?o . ?o <{RDFS.label}> ?l }}",
    )
    return [row["l"].value for row in rows]


def test_derived_model_lists_its_base(live_server: Server, kb_store: OxigraphStore) -> None:
    pairs = [
        (row["d"].value.removeprefix(ID), row["b"].value.removeprefix(ID))
        for row in select(
            kb_store,
            "SELECT ?d ?b { ?d <https://w3id.org/stackatlas/ns#derivedFrom> ?b } ORDER BY ?d LIMIT 1",
        )
    ]
    derived, base = pairs[0]
    item = httpx.get(f"{live_server.url}/v1/models/{derived}").json()
    outs = {
        n["slug"]
        for g in item["neighbours"]
        if g["property"] == "derivedFrom" and g["direction"] == "out"
        for n in g["items"]
    }
    assert base in outs


@pytest.mark.parametrize(
    ("path", "params", "sparql"),
    [
        (
            "/v1/models",
            {"developer": "meta"},
            f"SELECT ?x {{ ?x a sa:Model ; sa:developedBy <{ID}meta> }}",
        ),
        (
            "/v1/models",
            {"weights": "OpenWeights"},
            "SELECT ?x { ?x a sa:Model ; sa:weights sa:OpenWeights }",
        ),
        (
            "/v1/models",
            {"license_kind": "OpenSourceLicense"},
            "SELECT ?x { ?x a sa:Model ; sa:license/sa:licenseKind sa:OpenSourceLicense }",
        ),
        (
            "/v1/models",
            {"family": "gemma-2"},
            f"SELECT ?x {{ ?x a sa:Model ; sa:family <{ID}gemma-2> }}",
        ),
        (
            "/v1/models",
            {"offered_on": "aws", "weights": "GatedWeights"},
            f"SELECT DISTINCT ?x {{ ?o a sa:Offering ; sa:model ?x ; sa:cloud <{ID}aws> . ?x sa:weights sa:GatedWeights }}",
        ),
        (
            "/v1/models",
            {"supported_on": "tpu-v5e"},
            """SELECT DISTINCT ?x {{
                 {{ ?o a sa:Offering ; sa:model ?x ; sa:chip <{c}> }}
                 UNION {{ ?x sa:weights ?w . VALUES ?w {{ sa:OpenWeights sa:GatedWeights }}
                         ?x sa:supportedBy/sa:hasBackend*/sa:targets <{c}> }} }}""".format(
                c=ID + "tpu-v5e"
            ),
        ),
        (
            "/v1/chips",
            {"designer": "google"},
            f"SELECT ?x {{ ?x a sa:Chip ; sa:designedBy <{ID}google> }}",
        ),
        ("/v1/chips", {"cloud": "aws"}, f"SELECT ?x {{ <{ID}aws> sa:offersChip ?x }}"),
        (
            "/v1/offerings",
            {"model": "llama-3.1-405b", "cloud": "aws"},
            f"SELECT ?x {{ ?x a sa:Offering ; sa:model <{ID}llama-3.1-405b> ; sa:cloud <{ID}aws> }}",
        ),
        ("/v1/software", {"targets": "h100"}, f"SELECT ?x {{ ?x sa:targets <{ID}h100> }}"),
        ("/v1/software", {"kind": "ServingEngine"}, "SELECT ?x { ?x a sa:ServingEngine }"),
        ("/v1/licenses", {}, "SELECT ?x { ?x a sa:License }"),
        ("/v1/organizations", {}, "SELECT ?x { ?x a sa:Organization }"),
        ("/v1/clouds", {}, "SELECT ?x { ?x a sa:Cloud }"),
        ("/v1/services", {}, "SELECT ?x { ?x a sa:Service }"),
        ("/v1/families", {}, "SELECT ?x { ?x a sa:ModelFamily }"),
    ],
)
def test_collection_filters_match_sparql(
    live_server: Server, kb_store: OxigraphStore, path: str, params: dict[str, str], sparql: str
) -> None:
    items = _all(live_server, path, **params)
    expected = _slugs(kb_store, sparql)
    assert expected, "the oracle found nothing: the case would prove nothing"
    assert sorted(i["slug"] for i in items) == sorted(expected)  # every member once, across pages


def test_collection_pages_sort_and_total(live_server: Server) -> None:
    r = httpx.get(
        f"{live_server.url}/v1/models", params={"sort": "parameters", "order": "desc", "limit": 3}
    )
    page = r.json()
    assert page["total"] > 3 and len(page["items"]) == 3
    assert 'rel="next"' in r.headers["link"] and "offset=3" in page["next"]
    sizes = []
    for it in page["items"]:
        item = httpx.get(live_server.url + it["href"]).json()
        sizes += [f["value"]["value"] for f in item["facts"] if f["property"] == "sa:parameters"]
    assert sizes == sorted(sizes, reverse=True) and len(sizes) == 3
    last = httpx.get(f"{live_server.url}/v1/models", params={"offset": page["total"] - 1}).json()
    assert last["next"] is None and len(last["items"]) == 1


@pytest.mark.parametrize("how", ["accept", "format"])
def test_item_as_turtle_and_json_ld(live_server: Server, kb_store: OxigraphStore, how: str) -> None:
    chip = ID + "tpu-v6e"
    expected = {
        (row["p"].value, row["o"].value)
        for row in select(kb_store, f"SELECT ?p ?o {{ <{chip}> ?p ?o }}")
    }
    for media, fmt, rdf_format in [
        ("text/turtle", "turtle", ox.RdfFormat.TURTLE),
        ("application/ld+json", "jsonld", ox.RdfFormat.JSON_LD),
    ]:
        kw: dict[str, object] = (
            {"headers": {"Accept": media}} if how == "accept" else {"params": {"format": fmt}}
        )
        r = httpx.get(f"{live_server.url}/v1/chips/tpu-v6e", **kw)  # type: ignore[arg-type]
        assert r.status_code == 200 and r.headers["content-type"].startswith(media)
        got = {(t.predicate.value, t.object.value) for t in ox.parse(r.content, format=rdf_format)}
        assert got == expected
        assert ("http://www.w3.org/2004/02/skos/core#altLabel", "Trillium") in got
    body = httpx.get(f"{live_server.url}/v1/chips/tpu-v6e", params={"format": "jsonld"}).json()
    assert body["@context"]["sa"] == "https://w3id.org/stackatlas/ns#"


def test_collection_as_turtle(live_server: Server) -> None:
    r = httpx.get(f"{live_server.url}/v1/chips", params={"designer": "google", "format": "turtle"})
    g = Graph().parse(data=r.text, format="turtle")
    listed = {
        i["slug"]
        for i in httpx.get(f"{live_server.url}/v1/chips", params={"designer": "google"}).json()[
            "items"
        ]
    }
    assert {str(s).removeprefix(ID) for s in g.subjects(RDFS.label)} == listed


def test_unknown_slug_is_problem_json_with_suggestions(live_server: Server) -> None:
    r = httpx.get(f"{live_server.url}/v1/models/llama-3.1-40b")
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    problem = r.json()
    assert problem["status"] == 404 and "llama-3.1-405b" in problem["suggestions"]
    # a real slug of another kind is not a model
    assert httpx.get(f"{live_server.url}/v1/models/h100").status_code == 404


@pytest.mark.parametrize(
    ("path", "params", "status", "where"),
    [
        ("/v1/models", {"limit": "0"}, 422, "limit"),
        ("/v1/models", {"limit": "1001"}, 422, "limit"),
        ("/v1/models", {"offset": "-1"}, 422, "offset"),
        ("/v1/models", {"weights": "Open"}, 422, "weights"),
        ("/v1/models", {"developer": "Meta Platforms"}, 422, "developer"),
        ("/v1/models", {"developer": "h100"}, 400, "developer"),
        ("/v1/models", {"developer": "metta"}, 400, "developer"),
        ("/v1/models", {"developr": "meta"}, 400, "developr"),
        ("/v1/models", {"sort": "colour"}, 422, "sort"),
        ("/v1/models", {"format": "xml"}, 422, "format"),
        ("/v1/models/Llama 3.1", {}, 422, "slug"),
        ("/v1/search", {}, 422, "q"),
        ("/v1/search", {"q": "x", "kind": "boats"}, 422, "kind"),
    ],
)
def test_bad_input_says_which_parameter(
    live_server: Server, path: str, params: dict[str, str], status: int, where: str
) -> None:
    r = httpx.get(live_server.url + path, params=params)
    assert r.status_code == status, r.text
    assert where in json.dumps(r.json())


def test_not_acceptable(live_server: Server) -> None:
    r = httpx.get(f"{live_server.url}/v1/chips/h100", headers={"Accept": "image/png"})
    assert r.status_code == 406 and r.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("q", "slug"),
    [
        ("Trillium", "tpu-v6e"),
        ("TPUv5e", "tpu-v5e"),
        ("Llama3.1", "llama-3.1"),
        ("meta.llama3-1-405b-instruct-v1:0", "llama-3.1-405b"),
        ("lama 3.1 405", "llama-3.1-405b"),  # typo and prefix
        ("gemma-2-9", "gemma-2-9b"),  # prefix
    ],
)
def test_search_finds_spellings(live_server: Server, q: str, slug: str) -> None:
    r = httpx.get(f"{live_server.url}/v1/search", params={"q": q})
    hits = r.json()["hits"]
    assert hits[0]["slug"] == slug, hits[:3]
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_search_by_kind(live_server: Server) -> None:
    hits = httpx.get(
        f"{live_server.url}/v1/search", params={"q": "llama", "kind": "families"}
    ).json()["hits"]
    assert hits and {h["kind"] for h in hits} == {"families"}


def test_docs_and_openapi_list_every_route(live_server: Server) -> None:
    assert httpx.get(f"{live_server.url}/docs").status_code == 200
    doc = httpx.get(f"{live_server.url}/openapi.json").json()
    paths = doc["paths"]
    for kind in [
        "organizations",
        "models",
        "families",
        "chips",
        "clouds",
        "services",
        "licenses",
        "software",
        "offerings",
    ]:
        assert {"get"} <= set(paths[f"/v1/{kind}"]) and "get" in paths[f"/v1/{kind}/{{slug}}"]
        item = paths[f"/v1/{kind}/{{slug}}"]["get"]
        assert item["parameters"][0]["schema"]["examples"]
        assert {"200", "404", "406", "422"} <= set(item["responses"])
    assert {"get", "head"} <= set(paths["/id/{slug}"])
    models = {p["name"] for p in paths["/v1/models"]["get"]["parameters"]}
    assert {
        "developer",
        "license",
        "license_kind",
        "weights",
        "family",
        "supported_on",
        "offered_on",
        "limit",
        "offset",
        "sort",
    } <= models
    assert "examples" in doc["components"]["schemas"]["EntityOut"]
