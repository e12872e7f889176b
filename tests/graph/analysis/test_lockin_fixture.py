"""The lock-in factor table on the fixture world, checked against values worked out by hand."""

from __future__ import annotations

import pytest

from graph.analysis import lock_in, what_if
from graph.projection import projection
from graph.store import OxigraphStore
from ontology.namespace import ID_IRI


def test_big_model_on_its_own_cloud_and_chip(fixture_store: OxigraphStore) -> None:
    G = projection(fixture_store)
    r = lock_in(G, ID_IRI + "big-model", cloud=ID_IRI + "bigcloud", chip=ID_IRI + "bigchip")
    values = {f.name: f.value for f in r.factors}
    # By hand: closed weights, proprietary terms; its one provider is its developer's own group;
    # no capability class (substitutes unknown); one chip designer (BigCo) of 4; BigChip is
    # exclusive to BigCloud; its stack has no license on record; model, cloud and chip all BigCo.
    assert values == {
        "weights_access": 1.0,
        "license_restrictiveness": 1.0,
        "independent_providers": 1.0,
        "substitutes": 1.0,
        "chip_portability": 0.75,
        "cloud_exclusive_silicon": 1.0,
        "proprietary_accelerator_stack": 0.5,
        "vertical_integration": 1.0,
    }
    assert r.score == 94 and r.level == "very high"  # 20+10+15+10+11.25+10+2.5+15 = 93.75
    assert r.vendor_disjoint_options == 1


def test_open_model_has_two_vendor_disjoint_options(fixture_store: OxigraphStore) -> None:
    G = projection(fixture_store)
    r = lock_in(G, ID_IRI + "open-7b")
    # options: BigCloud (BigCo), BigCloud on GPU-1 (BigCo+GPUCo), GPUCloud on GPU-1 (GPUCo)
    assert r.vendor_disjoint_options == 2
    assert {tuple(g.slug for g in s) for s in r.disjoint_option_groups} == {("bigco",), ("gpuco",)}
    providers = next(f for f in r.factors if f.name == "independent_providers")
    assert providers.value == pytest.approx(1 - 2 / 5)  # BigCo and GPUCo both offer it


def test_what_if_bigco_vanished(fixture_store: OxigraphStore) -> None:
    r = what_if(projection(fixture_store), remove=["bigco-labs"])
    assert [g.slug for g in r.removed] == ["bigco"]
    assert {m.slug for m in r.members} == {"bigco", "bigco-labs"}
    assert [c.slug for c in r.chips_gone] == ["bigchip"]
    # open-7b-tuned is BigCo's too, but had no deployment to lose (no offering, no software)
    assert {m.slug for m in r.models_losing_all} == {"big-model"}
    assert {m.slug for m in r.models_of_removed_groups} == {"big-model", "open-7b-tuned"}
    impact = {i.model.slug: i for i in r.impacts}
    assert impact["open-7b"].options_after < impact["open-7b"].options_before
    assert [p.slug for p in impact["open-7b"].providers_after] == ["gpuco"]
    assert "open-7b" in {i.model.slug for i in r.models_single_provider}
