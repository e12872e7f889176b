"""SPARQL Update through graph.update: validated, committed in one transaction, or refused whole."""

from __future__ import annotations

import pytest

from graph.exceptions import (
    InvalidParameterError,
    QueryEvaluationError,
    QuerySyntaxError,
    ValidationError,
)
from graph.store import OxigraphStore, ask
from graph.update import UPDATES_GRAPH, apply_update

PREFIXES = """PREFIX sa: <https://w3id.org/stackatlas/ns#>
PREFIX id: <https://w3id.org/stackatlas/id/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
GOOD_CHIP = """id:npu-1 a sa:Chip ; rdfs:label "NPU 1" ; sa:designedBy ?designer ; sa:chipKind sa:GPU ;
  dcterms:source <https://example.org/npu-1> ; sa:asOf "2026-01-01"^^xsd:date ."""


def designer(store: OxigraphStore) -> str:
    """An organization the fixture world knows (read from it, not assumed)."""
    rows = list(
        store.query(PREFIXES + "SELECT ?o WHERE { ?o a sa:Organization } ORDER BY ?o LIMIT 1")
    )
    return str(rows[0]["o"].value)  # type: ignore[index]


def insert_chip(store: OxigraphStore, *, graph: str | None, label: bool = True) -> str:
    body = GOOD_CHIP.replace("?designer", f"<{designer(store)}>")
    if not label:
        body = body.replace('rdfs:label "NPU 1" ;', "")
    data = f"GRAPH <{graph}> {{ {body} }}" if graph else body
    return f"{PREFIXES}INSERT DATA {{ {data} }}"


def test_valid_insert_commits_one_version(fixture_store: OxigraphStore) -> None:
    before = fixture_store.version
    report = apply_update(fixture_store, insert_chip(fixture_store, graph="https://example.org/g"))
    assert report.graphs == ("https://example.org/g",)
    assert (report.added, report.removed) == (6, 0)
    assert fixture_store.version == report.version == before + 1
    assert ask(fixture_store, PREFIXES + "ASK { id:npu-1 a sa:Chip }")


def test_default_graph_writes_land_in_the_updates_graph(fixture_store: OxigraphStore) -> None:
    report = apply_update(fixture_store, insert_chip(fixture_store, graph=None))
    assert report.graphs == (UPDATES_GRAPH,)
    apply_update(fixture_store, PREFIXES + "DELETE WHERE { id:npu-1 ?p ?o }")
    assert not ask(fixture_store, PREFIXES + "ASK { id:npu-1 ?p ?o }")


def test_shape_violation_refuses_the_whole_update(fixture_store: OxigraphStore) -> None:
    before = (fixture_store.version, len(fixture_store))
    broken = insert_chip(fixture_store, graph="https://example.org/g", label=False)
    also_fine = 'INSERT DATA { GRAPH <https://example.org/h> { <http://e/s> <http://e/p> "o" } }'
    with pytest.raises(ValidationError) as refused:
        apply_update(fixture_store, f"{broken} ;\n{also_fine}")
    assert any(v.focus == "id:npu-1" and v.path == "rdfs:label" for v in refused.value.violations)
    assert (fixture_store.version, len(fixture_store)) == before


def test_an_update_that_changes_nothing_commits_nothing(fixture_store: OxigraphStore) -> None:
    before = fixture_store.version
    report = apply_update(fixture_store, "DELETE DATA { <http://e/absent> <http://e/p> 1 }")
    assert (report.graphs, report.version) == ((), before)


def test_ontology_graph_is_read_only(fixture_store: OxigraphStore) -> None:
    with pytest.raises(InvalidParameterError, match="read-only"):
        apply_update(fixture_store, "CLEAR ALL")


def test_syntax_and_evaluation_errors(fixture_store: OxigraphStore) -> None:
    with pytest.raises(QuerySyntaxError, match="expected one of ALL"):
        apply_update(fixture_store, "CLEAR XYZ")
    with pytest.raises(QueryEvaluationError):
        apply_update(fixture_store, "LOAD <file:///nonexistent/data.ttl>")


def test_relative_iris_resolve_against_the_base(fixture_store: OxigraphStore) -> None:
    apply_update(
        fixture_store,
        "INSERT DATA { GRAPH <http://e/g> { <http://example.org/s> <http://example.org/p> <test> } }",
        base_iri="http://service.example/sparql",
    )
    assert ask(fixture_store, "ASK { <http://example.org/s> ?p <http://service.example/test> }")
