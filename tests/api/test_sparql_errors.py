"""Every way to ask the SPARQL doors wrongly gets a 4xx (or 503) problem+json that says what is wrong,
never a 500; and SPARQL Update is validated, committed whole, and seen by the next query.

The server runs on an on-disk store (so the checkpoint snapshots are exercised) with small limits.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import Server

pytestmark = pytest.mark.server

TOKEN = "s3cret-token"
ROWS, BODY, TIMEOUT = 50, 4000, 3
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n0 ?o }"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NEW_CHIP = """PREFIX sa: <https://w3id.org/stackatlas/ns#>
PREFIX id: <https://w3id.org/stackatlas/id/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA { GRAPH <https://w3id.org/stackatlas/graph/chips> {
  id:test-chip-9000 a sa:Chip ; rdfs:label "Test Chip 9000" ; sa:designedBy id:nvidia ;
    sa:chipKind sa:GPU ; dcterms:source <https://example.org/test-chip> ; sa:asOf "2026-01-01"^^xsd:date .
} }"""
ASK_NEW_CHIP = "ASK { <https://w3id.org/stackatlas/id/test-chip-9000> a ?t }"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sparql-errors") / "store"


@pytest.fixture(scope="module")
def server(store_dir: Path) -> Iterator[Server]:
    srv = Server(
        ["--store", str(store_dir)],
        env={
            "STACKATLAS_UPDATE_TOKEN": TOKEN,
            "STACKATLAS_MAX_RESULT_ROWS": str(ROWS),
            "STACKATLAS_MAX_BODY_BYTES": str(BODY),
            "STACKATLAS_MAX_QUERIES_PER_CLIENT": "1",
            "STACKATLAS_QUERY_TIMEOUT": str(TIMEOUT),
        },
    )
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def closed_server() -> Iterator[Server]:
    """A server with no update token configured."""
    srv = Server(["--memory"])
    yield srv
    srv.stop()


def assert_problem(r: httpx.Response, status: int, *words: str) -> dict[str, object]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = r.json()
    text = f"{body['title']} {body['detail']}".lower()
    for word in words:
        assert word.lower() in text, (word, body)
    return body


def test_syntax_error_names_line_and_column(server: Server) -> None:
    query = "SELECT ?s WHERE {\n  ?s ?p\n}"
    r = httpx.get(f"{server.url}/sparql", params={"query": query})
    body = assert_problem(r, 400, "syntax error at line 3, column", "expected")
    assert body["line"] == 3
    assert body["near"] == "}"


@pytest.mark.parametrize(
    ("method", "params", "headers", "content", "status", "words"),
    [
        (
            "POST",
            {},
            {"Content-Type": "application/x-www-form-urlencoded"},
            b"",
            400,
            ["missing query"],
        ),
        ("GET", [("query", "ASK {}"), ("query", "ASK {}")], {}, b"", 400, ["more than one"]),
        ("GET", {"update": "CLEAR ALL"}, {}, b"", 400, ["/sparql/update"]),
        ("GET", {"query": "INSERT DATA { <a:b> <a:c> <a:d> }"}, {}, b"", 400, ["/sparql/update"]),
        (
            "POST",
            {},
            {"Content-Type": "application/sparql-update"},
            b"CLEAR ALL",
            400,
            ["/sparql/update"],
        ),
        ("POST", {}, {"Content-Type": "text/plain"}, b"ASK {}", 415, ["text/plain"]),
        ("POST", {}, {}, b"ASK {}", 400, ["content-type"]),
        (
            "POST",
            {},
            {"Content-Type": "application/sparql-query; charset=latin-1"},
            b"ASK {}",
            415,
            ["latin-1"],
        ),
        (
            "POST",
            {},
            {"Content-Type": "application/sparql-query"},
            b"ASK { FILTER(\xff) }",
            400,
            ["utf-8", "byte 13"],
        ),
        (
            "POST",
            {},
            {"Content-Type": "application/x-www-form-urlencoded"},
            b"query=ASK%FF",
            400,
            ["utf-8"],
        ),
        ("PUT", {"query": "ASK {}"}, {}, b"", 405, ["GET or POST"]),
        ("DELETE", {}, {}, b"", 405, ["GET or POST"]),
        ("GET", {"query": "ASK {}", "timeout": "60"}, {}, b"", 400, ["at most 3"]),
        ("GET", {"query": "ASK {}", "timeout": "soon"}, {}, b"", 400, ["soon"]),
        (
            "GET",
            {"query": "ASK {}", "default-graph-uri": "not an iri"},
            {},
            b"",
            400,
            ["not an iri"],
        ),
        ("GET", {"query": "ASK {}", "format": "pdf"}, {}, b"", 400, ["pdf"]),
        ("GET", {"query": "ASK {}"}, {"Accept": "application/pdf"}, b"", 406, ["application/pdf"]),
        (
            "POST",
            {},
            {"Content-Type": "application/sparql-query"},
            b"ASK {} #" + b"x" * BODY,
            413,
            [str(BODY)],
        ),
        (
            "GET",
            {"query": "SELECT * WHERE { ?s ?p ?o }"},
            {},
            b"",
            422,
            [f"limit of {ROWS}", "LIMIT"],
        ),
        (
            "GET",
            {"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
            {},
            b"",
            422,
            [f"limit of {ROWS}"],
        ),
    ],
)
def test_query_door_refusals(
    server: Server,
    method: str,
    params: object,
    headers: dict[str, str],
    content: bytes,
    status: int,
    words: list[str],
) -> None:
    request = httpx.Request(
        method, f"{server.url}/sparql", params=params, headers=headers, content=content
    )
    if "Content-Type" not in headers:
        request.headers.pop("Content-Type", None)
    with httpx.Client(timeout=30) as client:
        r = client.send(request)
    assert_problem(r, status, *words)
    if status == 405:
        assert r.headers["allow"] == "GET, POST"


def test_too_many_queries_from_one_client(server: Server) -> None:
    def attempt() -> tuple[httpx.Response | None, httpx.Response, list[int]]:
        slow: dict[str, httpx.Response] = {}

        def run_slow() -> None:
            slow["r"] = httpx.get(f"{server.url}/sparql", params={"query": RUNAWAY}, timeout=30)

        thread = threading.Thread(target=run_slow)
        thread.start()
        time.sleep(0.3)  # let the slow query take the client's only slot before polling
        refused, seen = None, []
        give_up = time.monotonic() + 30
        # Poll while the slow query runs: it holds the only slot, so a poll is refused.
        while thread.is_alive() and refused is None and time.monotonic() < give_up:
            r = httpx.get(f"{server.url}/sparql", params={"query": "ASK {}"})
            seen.append(r.status_code)
            if r.status_code == 429:
                refused = r
            time.sleep(0.05)
        thread.join()
        return refused, slow["r"], seen

    # On a loaded machine a poll can still reach the server first and take the slot itself;
    # then the slow query is the one refused, and the race is run again.
    for _ in range(5):
        refused, slow_answer, seen = attempt()
        if slow_answer.status_code != 429:
            break
    assert refused is not None, f"polls saw {seen}; the slow query got {slow_answer.status_code}"
    assert_problem(refused, 429, "queries running")
    assert refused.headers["retry-after"] == "1"
    assert_problem(slow_answer, 503, "deadline of 3 s")
    assert httpx.get(f"{server.url}/sparql", params={"query": "ASK {}"}).status_code == 200


def test_update_is_off_without_a_token(closed_server: Server) -> None:
    r = httpx.post(f"{closed_server.url}/sparql/update", data={"update": NEW_CHIP})
    assert_problem(r, 403, "STACKATLAS_UPDATE_TOKEN", "Bearer")


@pytest.mark.parametrize("auth", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}])
def test_update_needs_the_token(server: Server, auth: dict[str, str]) -> None:
    r = httpx.post(f"{server.url}/sparql/update", data={"update": NEW_CHIP}, headers=auth)
    assert_problem(r, 401, "Bearer")
    assert r.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    ("params", "headers", "content", "status", "words"),
    [
        (
            {},
            {"Content-Type": "application/sparql-update"},
            b"CLEAR XYZ",
            400,
            ["line 1, column", "expected one of ALL"],
        ),
        ({}, {"Content-Type": "text/plain"}, b"CLEAR ALL", 415, ["text/plain"]),
        (
            {"query": "ASK {}"},
            {"Content-Type": "application/x-www-form-urlencoded"},
            b"",
            400,
            ["/sparql"],
        ),
        (
            {"using-graph-uri": "http://e/g"},
            {"Content-Type": "application/sparql-update"},
            b"CLEAR SILENT GRAPH <http://e/x>",
            400,
            ["using-graph-uri"],
        ),
        (
            {},
            {"Content-Type": "application/sparql-update"},
            b"DROP GRAPH <https://w3id.org/stackatlas/graph/ontology>",
            400,
            ["read-only"],
        ),
    ],
)
def test_update_door_refusals(
    server: Server,
    params: dict[str, str],
    headers: dict[str, str],
    content: bytes,
    status: int,
    words: list[str],
) -> None:
    r = httpx.post(
        f"{server.url}/sparql/update", params=params, headers={**headers, **AUTH}, content=content
    )
    assert_problem(r, status, *words)


def test_update_get_is_not_allowed(server: Server) -> None:
    r = httpx.get(f"{server.url}/sparql/update", params={"update": "CLEAR ALL"}, headers=AUTH)
    assert_problem(r, 405, "POST")


def test_invalid_update_is_refused_whole_with_the_report(server: Server) -> None:
    before = httpx.get(f"{server.url}/healthz").json()
    broken = NEW_CHIP.replace('rdfs:label "Test Chip 9000" ;', "").replace(
        "id:test-chip-9000", "id:test-chip-broken"
    )
    r = httpx.post(f"{server.url}/sparql/update", data={"update": broken}, headers=AUTH, timeout=60)
    body = assert_problem(r, 422, "nothing was written")
    violations = body["violations"]
    assert isinstance(violations, list)
    assert any(
        v["focus"] == "id:test-chip-broken" and v["path"] == "rdfs:label" for v in violations
    )
    assert httpx.get(f"{server.url}/healthz").json() == before
    ask = httpx.get(
        f"{server.url}/sparql",
        params={"query": "ASK { <https://w3id.org/stackatlas/id/test-chip-broken> ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert ask.json()["boolean"] is False


def test_valid_update_is_seen_by_the_next_query(server: Server, store_dir: Path) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    before = httpx.get(f"{server.url}/sparql", params={"query": ASK_NEW_CHIP}, headers=accept)
    assert before.json()["boolean"] is False
    r = httpx.post(
        f"{server.url}/sparql/update",
        content=NEW_CHIP,
        headers={"Content-Type": "application/sparql-update", **AUTH},
        timeout=60,
    )
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["graphs"] == ["https://w3id.org/stackatlas/graph/chips"]
    assert (report["added"], report["removed"]) == (6, 0)
    after = httpx.get(f"{server.url}/sparql", params={"query": ASK_NEW_CHIP}, headers=accept)
    assert after.json()["boolean"] is True
    assert after.headers["x-store-version"] == str(report["version"])
    assert after.headers["x-cache"] == "miss"  # the update emptied the cache
    # Old checkpoints are deleted once no worker answers from them.
    assert len(list((store_dir / "snapshots").iterdir())) == 1
