"""Oracle: every compatibility answer by traversal equals the same question as a SPARQL property path."""

from __future__ import annotations

from itertools import pairwise

import pytest

from graph.analysis import can_run, index, what_runs_on, where_can_run
from graph.projection import projection
from graph.store import OxigraphStore, select

PREFIX = "PREFIX sa: <https://w3id.org/stackatlas/ns#>\n"
RUNS_ON = (
    PREFIX
    + """
SELECT DISTINCT ?m ?c WHERE {
  { ?o sa:model ?m ; sa:cloud ?cl ; sa:chip ?c . MINUS { ?o sa:retired ?r } }
  UNION
  { VALUES ?w { sa:OpenWeights sa:GatedWeights }
    ?m sa:weights ?w ; sa:supportedBy/sa:hasBackend*/sa:targets ?c . }
}"""
)
DEPLOYMENTS = (
    PREFIX
    + """
SELECT DISTINCT ?m ?cl ?c ?o WHERE {
  { ?o sa:model ?m ; sa:cloud ?cl . OPTIONAL { ?o sa:chip ?c } MINUS { ?o sa:retired ?r } }
  UNION
  { VALUES ?w { sa:OpenWeights sa:GatedWeights }
    ?m sa:weights ?w ; sa:supportedBy/sa:hasBackend*/sa:targets ?c . ?cl sa:offersChip ?c . }
}"""
)
MODELS = PREFIX + "SELECT DISTINCT ?m WHERE { ?m a sa:Model }"
CHIPS = PREFIX + "SELECT DISTINCT ?c WHERE { ?c a sa:Chip }"
CLOUDS = PREFIX + "SELECT DISTINCT ?c WHERE { ?c a sa:Cloud }"


def _v(term: object) -> str | None:
    return None if term is None else str(term.value)  # type: ignore[attr-defined]


@pytest.fixture(params=["fixture", "kb"])
def store(request: pytest.FixtureRequest) -> OxigraphStore:
    name = "fixture_store" if request.param == "fixture" else "kb_store"
    s: OxigraphStore = request.getfixturevalue(name)
    return s


def test_models_and_chips_are_the_same_sets(store: OxigraphStore) -> None:
    idx = index(projection(store))
    assert set(idx.by_kind["Model"]) == {_v(r["m"]) for r in select(store, MODELS)}
    assert set(idx.by_kind["Chip"]) == {_v(r["c"]) for r in select(store, CHIPS)}


def test_can_run_equals_property_path(store: OxigraphStore) -> None:
    G = projection(store)
    idx = index(G)
    by_traversal = {
        (m, c) for m in idx.by_kind["Model"] for c in idx.by_kind["Chip"] if can_run(G, m, c).runs
    }
    by_sparql = {(_v(r["m"]), _v(r["c"])) for r in select(store, RUNS_ON)}
    assert by_sparql, "the oracle query found nothing: it is not testing anything"
    assert by_traversal == by_sparql


def test_where_can_run_equals_property_path(store: OxigraphStore) -> None:
    G = projection(store)
    by_traversal = {
        (
            d.model.iri,
            d.cloud.iri,
            d.chip.iri if d.chip else None,
            d.offering.iri if d.offering else None,
        )
        for m in index(G).by_kind["Model"]
        for d in where_can_run(G, m).deployments
    }
    by_sparql = {
        (_v(r["m"]), _v(r["cl"]), _v(r["c"]), _v(r["o"])) for r in select(store, DEPLOYMENTS)
    }
    assert by_traversal == by_sparql


def test_what_runs_on_chip_equals_property_path(store: OxigraphStore) -> None:
    G = projection(store)
    pairs = {(_v(r["m"]), _v(r["c"])) for r in select(store, RUNS_ON)}
    for row in select(store, CHIPS):
        chip = str(row["c"].value)
        expected = {m for m, c in pairs if c == chip}
        assert {m.model.iri for m in what_runs_on(G, chip).models} == expected, chip


def test_what_runs_on_cloud_equals_property_path(store: OxigraphStore) -> None:
    G = projection(store)
    rows = list(select(store, DEPLOYMENTS))
    for row in select(store, CLOUDS):
        cloud = str(row["c"].value)
        expected = {_v(r["m"]) for r in rows if _v(r["cl"]) == cloud}
        assert {m.model.iri for m in what_runs_on(G, cloud).models} == expected, cloud


def test_every_path_and_offering_is_real(kb_store: OxigraphStore) -> None:
    """Each reported software path is a chain of real edges ending in a stack targeting the chip."""
    G = projection(kb_store)
    for m in index(G).by_kind["Model"]:
        for d in where_can_run(G, m).deployments:
            if d.via == "self-hosted":
                path = [s.iri for s in d.software_path]
                assert G.has_edge(m, path[0], "supportedBy")
                assert all(G.has_edge(a, b, "hasBackend") for a, b in pairwise(path))
                assert d.chip is not None and G.has_edge(path[-1], d.chip.iri, "targets")
                assert G.has_edge(d.cloud.iri, d.chip.iri, "offersChip")
            else:
                assert d.offering is not None
                assert G.has_edge(d.offering.iri, m, "model")
