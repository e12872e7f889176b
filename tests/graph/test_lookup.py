"""The catalog, collections and descriptions, checked against SPARQL on the same stores."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.exceptions import InvalidParameterError, NotFoundError
from graph.listing import FILTERS, list_members
from graph.lookup import KINDS, catalog, describe
from graph.store import OxigraphStore, select

ID = "https://w3id.org/stackatlas/id/"


def test_every_described_thing_is_in_a_collection(kb_store: OxigraphStore) -> None:
    rows = select(kb_store, f'SELECT DISTINCT ?s {{ ?s a ?c FILTER(STRSTARTS(STR(?s), "{ID}")) }}')
    slugs = {row["s"].value.removeprefix(ID) for row in rows}
    cat = catalog(kb_store)
    assert set(cat.entities) == slugs
    assert {s for kind in KINDS for s in cat.by_kind.get(kind, [])} == slugs


def test_facts_are_every_triple_but_the_type(kb_store: OxigraphStore) -> None:
    cat = catalog(kb_store)
    for slug in ["llama-3.1-405b", "h100", "aws", "llama-3.1-community-license"]:
        rows = select(
            kb_store,
            f"SELECT (COUNT(*) AS ?n) {{ <{ID}{slug}> ?p ?o FILTER(?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) }}",
        )
        assert len(cat.entities[slug].facts) == int(next(iter(rows))["n"].value)


def test_a_slug_with_two_classes_is_in_both_collections(kb_store: OxigraphStore) -> None:
    rows = select(
        kb_store,
        "PREFIX sa: <https://w3id.org/stackatlas/ns#> SELECT ?s { ?s a sa:Model, sa:ModelFamily } LIMIT 1",
    )
    for row in rows:
        slug = row["s"].value.removeprefix(ID)
        cat = catalog(kb_store)
        assert cat.entity("models", slug) is cat.entity("families", slug)


def test_not_found_suggests(fixture_store: OxigraphStore) -> None:
    with pytest.raises(NotFoundError) as e:
        catalog(fixture_store).entity("chips", "gpu-2")
    assert e.value.suggestions[0] == "gpu-1"


def test_describe_includes_offerings_only_for_models(fixture_store: OxigraphStore) -> None:
    model = {t.subject.value for t in describe(fixture_store, ID + "open-7b")}
    assert model == {ID + "open-7b", ID + "open-7b--bigcloud-ai", ID + "open-7b--gpucloud"}
    alone = {t.subject.value for t in describe(fixture_store, ID + "open-7b", offerings=False)}
    assert alone == {ID + "open-7b"}


def test_describe_follows_blank_nodes(fixture_store: OxigraphStore) -> None:
    # A store built here with a blank node (the bundled data has none today).
    store = OxigraphStore()
    b = ox.BlankNode()
    p = ox.NamedNode("https://w3id.org/stackatlas/ns#note")
    store.replace_graphs(
        {
            "urn:g": [
                ox.Triple(ox.NamedNode(ID + "x"), p, b),
                ox.Triple(b, p, ox.Literal("inner")),
            ]
        }
    )
    objects = {t.object.value for t in describe(store, ID + "x")}
    assert "inner" in objects


def test_filters_reject_unknown_values(fixture_store: OxigraphStore) -> None:
    cat = catalog(fixture_store)
    with pytest.raises(InvalidParameterError, match="'weights'"):
        list_members(cat, "models", {"weights": "Open"})
    with pytest.raises(InvalidParameterError, match=r"'developer'.*did you mean openlab"):
        list_members(cat, "models", {"developer": "openlb"})
    with pytest.raises(InvalidParameterError, match="'colour'"):
        list_members(cat, "models", {"colour": "red"})


def test_every_filter_example_names_a_thing_of_its_target(kb_store: OxigraphStore) -> None:
    cat = catalog(kb_store)
    for kind, filters in FILTERS.items():
        for f in filters:
            if f.target:
                assert f.target in cat.entities[f.example].kinds, (kind, f.name)
                list_members(cat, kind, {f.name: f.example})
            else:
                assert f.concepts
