"""Nothing takes the endpoint down: a runaway query is stopped at its deadline with a 503 while
another client keeps being answered, and the next query succeeds.

The one timing bound here (deadline + 2 s) is the service's contract stated in issue #3; it is
generous (the deadline is 3 s and the replacement worker starts in the background).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import Server

pytestmark = pytest.mark.server

DEADLINE = 3.0
RUNAWAYS = {
    "cross_product_of_five_patterns": (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n0 ?o }"
    ),
    # Every node reaches every other one along any edge in either direction: ~5 M pairs.
    "unbounded_property_path": (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a (!<http://example.org/none>|^!<http://example.org/none>)* ?b }"
    ),
}
ASK = "ASK { ?model a <https://w3id.org/stackatlas/ns#Model> }"
JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    srv = Server(
        ["--memory"],
        env={"STACKATLAS_QUERY_TIMEOUT": str(DEADLINE), "STACKATLAS_QUERY_WORKERS": "2"},
    )
    yield srv
    srv.stop()


def other_client() -> httpx.Client:
    """Another client: a different loopback address, so per-client limits do not mix them up."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"), timeout=30)


def metric(server: Server, name: str) -> float:
    for line in httpx.get(f"{server.url}/metrics").text.splitlines():
        if line.startswith(f"{name} "):
            return float(line.split()[1])
    raise AssertionError(f"{name} missing from /metrics")


@pytest.mark.parametrize("name", list(RUNAWAYS))
def test_runaway_query_is_stopped_while_others_are_served(server: Server, name: str) -> None:
    timeouts_before = metric(server, "sparql_query_timeouts_total")
    result: dict[str, object] = {}
    sent = threading.Event()

    def runaway() -> None:
        started = time.monotonic()
        sent.set()
        r = httpx.get(f"{server.url}/sparql", params={"query": RUNAWAYS[name]}, timeout=60)
        result["response"], result["elapsed"] = r, time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    sent.wait()
    with other_client() as client:
        answers = []
        while thread.is_alive():  # the other client is answered throughout the runaway
            r = client.get(f"{server.url}/sparql", params={"query": ASK}, headers=JSON)
            answers.append((r.status_code, r.json().get("boolean")))
            time.sleep(0.2)
    thread.join()

    response = result["response"]
    assert isinstance(response, httpx.Response)
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert f"deadline of {DEADLINE:g} s" in response.json()["detail"]
    assert isinstance(result["elapsed"], float)
    assert result["elapsed"] < DEADLINE + 2
    assert answers
    assert set(answers) == {(200, True)}
    # The next query, from the same client, succeeds; the stopped worker was replaced.
    after = httpx.get(f"{server.url}/sparql", params={"query": ASK}, headers=JSON)
    assert after.status_code == 200 and after.json()["boolean"] is True
    assert metric(server, "sparql_query_timeouts_total") == timeouts_before + 1
    assert metric(server, "sparql_worker_restarts_total") >= 1


def test_client_may_ask_for_a_shorter_deadline(server: Server) -> None:
    r = httpx.get(
        f"{server.url}/sparql",
        params={"query": RUNAWAYS["cross_product_of_five_patterns"], "timeout": "0.5"},
        timeout=30,
    )
    assert r.status_code == 503
    assert "deadline of 0.5 s" in r.json()["detail"]
