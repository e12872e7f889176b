"""The README's first command: ``stackatlas serve`` starts a real server that answers."""

from __future__ import annotations

import httpx

from tests.conftest import Server


def test_serve_builds_the_store_on_first_start_and_answers_health(live_server: Server) -> None:
    health = httpx.get(f"{live_server.url}/healthz").json()
    assert health["status"] == "ok"
    assert health["triples"] > 1000
