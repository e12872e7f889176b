"""Loading: bad data is refused with a clear report and the store is left exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.exceptions import RdfSyntaxError, ValidationError
from graph.load import load_files, open_store
from graph.store import OxigraphStore
from ontology import ONTOLOGY_PATH
from tests.conftest import FIXTURE

HEADER = """@prefix sa: <https://w3id.org/stackatlas/ns#> .
@prefix id: <https://w3id.org/stackatlas/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def snapshot(store: OxigraphStore) -> tuple[int, int, set[str]]:
    return len(store), store.version, set(store.dump().decode().splitlines())


def write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_fixture_loads_into_one_named_graph_per_file(fixture_store: OxigraphStore) -> None:
    assert fixture_store.graph_names() == [
        "https://w3id.org/stackatlas/graph/fixture",
        "https://w3id.org/stackatlas/graph/ontology",
    ]
    ask = fixture_store.query("ASK { <https://w3id.org/stackatlas/id/open-7b> ?p ?o }")
    assert bool(ask)


def test_malformed_turtle_is_refused_with_file_line_and_column(
    fixture_store: OxigraphStore, tmp_path: Path
) -> None:
    before = snapshot(fixture_store)
    bad = write(tmp_path, "broken.ttl", 'id:x a sa:Chip ;\n    rdfs:label "unterminated .\n')
    with pytest.raises(RdfSyntaxError) as caught:
        load_files(fixture_store, [bad])
    err = caught.value
    assert err.source.endswith("broken.ttl")
    assert err.line == 7  # the header has five lines; the string opens on line 7
    assert "broken.ttl:7:" in str(err)
    assert snapshot(fixture_store) == before


def test_shape_violation_names_file_node_and_rule_and_writes_nothing(
    fixture_store: OxigraphStore, tmp_path: Path
) -> None:
    before = snapshot(fixture_store)
    good = write(
        tmp_path,
        "good.ttl",
        'id:chip-ok a sa:Chip ; rdfs:label "OK" ; sa:designedBy id:gpuco ;\n'
        '  dcterms:source <https://example.org/ok> ; sa:asOf "2026-01-01"^^xsd:date .\n',
    )
    bad = write(
        tmp_path,
        "bad.ttl",
        'id:model-x a sa:Model ; rdfs:label "X" ; sa:developedBy id:openlab ; sa:weights sa:OpenWeights ;\n'
        '  dcterms:source <https://example.org/x> ; sa:asOf "2026-01-01"^^xsd:date .\n',
    )
    with pytest.raises(ValidationError) as caught:
        load_files(fixture_store, [good, bad])
    [violation] = caught.value.violations
    assert violation.source.endswith("bad.ttl")
    assert violation.focus == "id:model-x"
    assert violation.path == "sa:license"
    assert violation.rule == "shape:ModelShape MinCount"
    assert "sa:license" in violation.message
    # The valid file was not written either: one transaction or nothing.
    assert snapshot(fixture_store) == before


def test_reference_to_a_missing_entity_is_a_violation(
    fixture_store: OxigraphStore, tmp_path: Path
) -> None:
    bad = write(
        tmp_path,
        "dangling.ttl",
        'id:chip-y a sa:Chip ; rdfs:label "Y" ; sa:designedBy id:nobody ;\n'
        '  dcterms:source <https://example.org/y> ; sa:asOf "2026-01-01"^^xsd:date .\n',
    )
    with pytest.raises(ValidationError) as caught:
        load_files(fixture_store, [bad])
    assert [(v.focus, v.path, v.value) for v in caught.value.violations] == [
        ("id:chip-y", "sa:designedBy", "id:nobody")
    ]


def test_misspelt_vocabulary_term_is_refused(fixture_store: OxigraphStore, tmp_path: Path) -> None:
    bad = write(
        tmp_path,
        "typo.ttl",
        "id:gpu-1 sa:designedby id:gpuco .\n",
    )
    with pytest.raises(ValidationError) as caught:
        load_files(fixture_store, [bad])
    assert any(
        v.rule == "vocabulary" and v.value == "sa:designedby" for v in caught.value.violations
    )


def test_missing_source_and_date_are_reported(fixture_store: OxigraphStore, tmp_path: Path) -> None:
    bad = write(tmp_path, "nosource.ttl", 'id:org-z a sa:Organization ; rdfs:label "Z" .\n')
    with pytest.raises(ValidationError) as caught:
        load_files(fixture_store, [bad])
    assert {v.path for v in caught.value.violations} == {"dcterms:source", "sa:asOf"}


def test_bad_slug_is_refused(fixture_store: OxigraphStore, tmp_path: Path) -> None:
    bad = write(
        tmp_path,
        "slug.ttl",
        '<https://w3id.org/stackatlas/id/Bad_Slug.> a sa:Organization ; rdfs:label "B" ;\n'
        '  dcterms:source <https://example.org/b> ; sa:asOf "2026-01-01"^^xsd:date .\n',
    )
    with pytest.raises(ValidationError) as caught:
        load_files(fixture_store, [bad])
    assert [v.rule for v in caught.value.violations] == ["shape:EntityShape Pattern"]


def test_loading_a_file_again_replaces_its_graph(
    fixture_store: OxigraphStore, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "extra.ttl",
        'id:chip-z a sa:Chip ; rdfs:label "Z1" ; sa:designedBy id:gpuco ;\n'
        '  dcterms:source <https://example.org/z> ; sa:asOf "2026-01-01"^^xsd:date .\n',
    )
    load_files(fixture_store, [path])
    path.write_text(path.read_text().replace('"Z1"', '"Z2"'))
    load_files(fixture_store, [path])
    labels = [r["l"].value for r in fixture_store.query(
        "SELECT ?l { <https://w3id.org/stackatlas/id/chip-z> <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    )]  # fmt: skip
    assert labels == ["Z2"]


def test_on_disk_store_survives_a_restart(tmp_path: Path) -> None:
    directory = tmp_path / "store"
    store = OxigraphStore(directory)
    load_files(store, [ONTOLOGY_PATH, FIXTURE])
    count, version = len(store), store.version
    store.close()

    reopened = OxigraphStore(directory)
    assert (len(reopened), reopened.version) == (count, version)
    assert bool(reopened.query("ASK { <https://w3id.org/stackatlas/id/big-model> ?p ?o }"))
    reopened.close()


def test_first_open_builds_the_store_from_the_bundle(tmp_path: Path) -> None:
    store = open_store(tmp_path / "fresh")
    assert len(store) > 1000
    assert store.meta["built_from"]
    version = store.version
    store.close()
    again = open_store(tmp_path / "fresh")  # already built: opened, not rebuilt
    assert again.version == version
    again.close()


def test_a_store_built_from_an_older_bundle_is_refreshed_and_keeps_user_graphs(
    tmp_path: Path,
) -> None:
    directory = tmp_path / "store"
    store = open_store(directory)
    load_files(store, [FIXTURE])  # a user's own file, in its own graph
    store.record(built_from="an-older-bundle")
    store.close()

    again = open_store(directory)
    assert again.meta["built_from"] != "an-older-bundle"
    assert "https://w3id.org/stackatlas/graph/fixture" in again.graph_names()
    again.close()


def test_a_slug_typed_as_two_kinds_is_refused(fixture_store: OxigraphStore, tmp_path: Path) -> None:
    bad = write(
        tmp_path,
        "twokinds.ttl",
        "id:open-7b a sa:ModelFamily ; sa:developedBy id:openlab .\n",
    )
    with pytest.raises(ValidationError) as caught:
        load_files(fixture_store, [bad])
    assert [(v.focus, v.rule) for v in caught.value.violations] == [
        ("id:open-7b", "shape:OneKindShape Xone")
    ]
