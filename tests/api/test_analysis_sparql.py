"""The SPARQL extension functions and the saved analysis queries, through the live endpoint.

Queries go through SPARQLWrapper to the server's worker pool (which registers
graph.analysis.functions); expected values come from graph.analysis on kb_store.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from graph import analysis as A
from graph.projection import projection
from graph.store import OxigraphStore, select
from ontology import ONTOLOGY_PATH
from tests.conftest import Server

pytestmark = pytest.mark.server

QUERIES = sorted((Path(ONTOLOGY_PATH).parent / "queries").glob("analysis_*.rq"))
ID = "https://w3id.org/stackatlas/id/"


def ask(server: Server, sparql: str) -> list[dict[str, dict[str, str]]]:
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setMethod(POST)
    client.setQuery(sparql)
    client.setReturnFormat(JSON)
    result = client.queryAndConvert()
    assert isinstance(result, dict)
    rows: list[dict[str, dict[str, str]]] = result["results"]["bindings"]
    return rows


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_every_saved_analysis_query_states_its_question_and_answers(
    live_server: Server, path: Path
) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ") and text.splitlines()[0].rstrip().endswith(("?", ")", "."))
    assert ask(live_server, text), f"{path.name} answered nothing"


def test_lock_in_score_function_equals_the_analysis(
    live_server: Server, kb_store: OxigraphStore
) -> None:
    G = projection(kb_store)
    rows = ask(
        live_server, (QUERIES[0].parent / "analysis_lock_in_score_of_every_model.rq").read_text()
    )
    assert len(rows) == len(A.index(G).by_kind["Model"])
    for row in rows:
        assert int(row["score"]["value"]) == A.lock_in(G, row["model"]["value"]).score


def test_lock_in_of_stacks_passes_cloud_and_chip(
    live_server: Server, kb_store: OxigraphStore
) -> None:
    G = projection(kb_store)
    rows = ask(
        live_server,
        (QUERIES[0].parent / "analysis_lock_in_of_stacks_on_exclusive_chips.rq").read_text(),
    )
    for row in rows:
        expected = A.lock_in(
            G, row["model"]["value"], cloud=row["cloud"]["value"], chip=row["chip"]["value"]
        )
        assert int(row["score"]["value"]) == expected.score


def test_can_run_on_function_equals_the_property_path(
    live_server: Server, kb_store: OxigraphStore
) -> None:
    by_function = {
        r["model"]["value"]
        for r in ask(
            live_server,
            (QUERIES[0].parent / "analysis_which_models_can_run_on_trainium2.rq").read_text(),
        )
    }
    path_query = (QUERIES[0].parent / "analysis_can_run_on_by_property_path.rq").read_text()
    by_path = {
        str(r["model"].value)
        for r in select(kb_store, path_query)
        if str(r["chip"].value) == ID + "trainium2"
    }
    assert by_function == by_path and ID + "llama-3.1-405b" in by_function


def test_functions_on_things_of_the_wrong_kind_leave_the_value_unbound(live_server: Server) -> None:
    rows = ask(
        live_server,
        """PREFIX sa: <https://w3id.org/stackatlas/ns#>
        PREFIX id: <https://w3id.org/stackatlas/id/>
        SELECT ?x ?y WHERE { BIND(sa:canRunOn(id:aws, id:h100) AS ?x) BIND(sa:lockInScore("x") AS ?y) }""",
    )
    assert rows == [{}]
