"""Every saved query in ontology/queries/ states its question and answers it on the knowledge base.

They run through the real endpoint, as the query page sends them, so the ones that call the SPARQL
extension functions (sa:canRunOn, sa:lockInScore…) exercise the functions wired into the workers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import Server

pytestmark = pytest.mark.server

QUERIES = sorted((Path(__file__).parents[2] / "ontology" / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    srv = Server(["--memory"])
    yield srv
    srv.stop()


def test_there_are_enough_saved_queries_covering_questions_1_to_8() -> None:
    questions = {
        int(m.group(1))
        for path in QUERIES
        if (m := re.match(r"# Q(\d+)\.", path.read_text(encoding="utf-8")))
    }
    assert len(QUERIES) >= 15
    assert questions >= set(range(1, 9))


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_saved_query_returns_rows(server: Server, path: Path) -> None:
    assert re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", path.stem)
    text = path.read_text(encoding="utf-8")
    first_line = text.splitlines()[0]
    assert first_line.startswith("# ") and "?" in first_line  # it states its question
    assert "NOT EXISTS" not in text.upper()  # DESIGN.md: MINUS or GROUP BY … HAVING instead
    r = httpx.post(
        f"{server.url}/sparql",
        content=text.encode(),
        headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json",
        },
        timeout=30,
    )
    assert r.status_code == 200, r.text
    rows = r.json()["results"]["bindings"]
    assert rows
    assert all(row for row in rows)  # every row binds something
