"""The worked cases a reader of the article would check by hand, on the whole knowledge base."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import (
    can_run,
    exit_paths,
    index,
    license_obligations,
    lock_in,
    openness,
    resolve,
    what_if,
    where_can_run,
)
from graph.exceptions import NotFoundError
from graph.projection import projection
from graph.store import OxigraphStore, select
from ontology.namespace import ID_IRI


def iri(slug: str) -> str:
    return ID_IRI + slug


@pytest.fixture(scope="module")
def G(kb_store: OxigraphStore) -> nx.MultiDiGraph:
    return projection(kb_store)


def test_llama_405b_runs_on_trainium2_through_bedrock(G: nx.MultiDiGraph) -> None:
    c = can_run(G, iri("llama-3.1-405b"), iri("trainium2"))
    assert c.runs and not c.missing
    bedrock = [
        d
        for d in where_can_run(G, iri("llama-3.1-405b")).deployments
        if d.chip and d.chip.slug == "trainium2" and d.service and d.service.slug == "bedrock"
    ]
    assert bedrock and bedrock[0].via == "offering"
    assert any(p[-1].slug == "aws-neuron-sdk" for p in c.software_paths)


def test_llama_405b_runs_on_every_nvidia_gpu_in_every_cloud_renting_one(G: nx.MultiDiGraph) -> None:
    idx = index(G)
    nvidia = [c for c in idx.by_kind["Chip"] if iri("nvidia") in idx.groups_of(c)]
    assert len(nvidia) >= 3
    deployed = {
        (d.cloud.iri, d.chip.iri)
        for d in where_can_run(G, iri("llama-3.1-405b")).deployments
        if d.chip
    }
    for chip in nvidia:
        c = can_run(G, iri("llama-3.1-405b"), chip)
        assert c.runs and any(p[-1].slug == "cuda" for p in c.software_paths), chip
        for cloud in idx.chip_clouds.get(chip, ()):
            assert (cloud, chip) in deployed


def test_closed_model_cannot_run_on_a_gpu_and_says_why(G: nx.MultiDiGraph) -> None:
    c = can_run(G, iri("gemini-2.5-pro"), iri("h100"))
    assert not c.runs and "closed weights" in c.missing[0]


def test_lock_in_ordering_gemini_tpu_over_llama_trainium_over_llama_h100(
    G: nx.MultiDiGraph,
) -> None:
    for gemini in ("gemini-1.5-pro", "gemini-2.5-pro"):
        g = lock_in(G, iri(gemini), cloud=iri("google-cloud"), chip=iri("tpu-v5e"))
        t = lock_in(G, iri("llama-3.1-405b"), cloud=iri("aws"), chip=iri("trainium2"))
        h = lock_in(G, iri("llama-3.1-405b"), cloud=iri("aws"), chip=iri("h100"))
        assert g.score > t.score > h.score, (g.score, t.score, h.score)
    assert sum(f.weight for f in g.factors) == pytest.approx(1.0)
    assert g.score == round(sum(f.contribution for f in g.factors))
    vertical = next(f for f in g.factors if f.name == "vertical_integration")
    assert vertical.value == 1.0 and vertical.evidence


def test_every_evidence_triple_is_in_the_graph_with_its_sources(G: nx.MultiDiGraph) -> None:
    r = lock_in(G, iri("llama-3.1-405b"), cloud=iri("aws"), chip=iri("trainium2"))
    for f in r.factors:
        for e in f.evidence:
            if e.obj in G:
                assert G.has_edge(e.subject, e.obj, e.predicate), e
            else:
                value = G.nodes[e.subject][e.predicate]
                assert e.obj in (value if isinstance(value, list) else [str(value)]), e
            assert e.sources == tuple(G.nodes[e.subject].get("source", []))


def test_exit_paths_from_gemini_avoiding_google_exist_and_touch_nothing_of_alphabet(
    G: nx.MultiDiGraph, kb_store: OxigraphStore
) -> None:
    q = """PREFIX sa: <https://w3id.org/stackatlas/ns#> PREFIX id: <https://w3id.org/stackatlas/id/>
           SELECT ?o WHERE { ?o sa:subsidiaryOf* id:alphabet }"""
    alphabet = {str(r["o"].value) for r in select(kb_store, q)}
    assert {iri("google"), iri("google-deepmind"), iri("alphabet")} <= alphabet
    paths = exit_paths(
        G, iri("gemini-2.5-pro"), cloud=iri("google-cloud"), chip=iri("tpu-v6e"), avoid=["google"]
    )
    assert paths and [p.rank for p in paths] == sorted(p.rank for p in paths)
    for p in paths:
        d = p.deployment
        touched = [
            d.model,
            d.cloud,
            *([d.chip] if d.chip else []),
            *([d.service] if d.service else []),
            *d.software_path,
        ]
        for node in touched:
            controllers = {
                o
                for _, o, k in G.out_edges(node.iri, keys=True)
                if k in ("developedBy", "designedBy", "operatedBy")
            }
            assert not controllers & alphabet, (p.deployment.model.slug, node.slug)
        assert "model" in p.changes


def test_exit_paths_prefer_the_same_model_elsewhere(G: nx.MultiDiGraph) -> None:
    paths = exit_paths(
        G, iri("llama-3.1-405b"), cloud=iri("aws"), chip=iri("trainium2"), avoid=["amazon"]
    )
    assert paths[0].rank == 1 and paths[0].deployment.model.slug == "llama-3.1-405b"
    assert all(p.deployment.cloud.slug != "aws" for p in paths)


def test_a_llama_fine_tune_inherits_the_name_prefix_and_the_700m_user_clause(
    G: nx.MultiDiGraph,
) -> None:
    o = license_obligations(G, iri("hermes-3-llama-3.1-405b"))
    assert [m.slug for m in o.lineage] == ["hermes-3-llama-3.1-405b", "llama-3.1-405b"]
    assert ("Llama", "llama-3.1-community-license") in {(p, lic.slug) for p, lic in o.name_prefixes}
    assert [t.max_monthly_active_users for t in o.user_thresholds] == [700_000_000]


def test_inheritance_does_not_depend_on_the_child_restating_the_license(G: nx.MultiDiGraph) -> None:
    """A fine-tune that declares only Apache-2.0 still carries Llama's terms from its parent."""
    H = G.copy()
    child = iri("example-llama-tune")
    H.add_node(
        child,
        kind="Model",
        label="Example tune",
        slug="example-llama-tune",
        weights="OpenWeights",
        derivation="FineTune",
    )
    H.add_edge(child, iri("apache-2.0"), key="license")
    H.add_edge(child, iri("llama-3.1-8b"), key="derivedFrom")
    o = license_obligations(H, child)
    assert {lic.slug for lic in o.licenses} == {"apache-2.0", "llama-3.1-community-license"}
    assert (
        o.name_prefixes[0][0] == "Llama"
        and o.user_thresholds[0].max_monthly_active_users == 700_000_000
    )
    assert any(t.term == "NamePrefix" and t.model.slug == "llama-3.1-8b" for t in o.duties)


def test_a_merge_inherits_every_parent(G: nx.MultiDiGraph) -> None:
    o = license_obligations(G, iri("deepseek-r1-distill-llama-8b"))
    assert {"llama-3.1-8b", "deepseek-r1"} <= {m.slug for m in o.lineage}
    assert {"mit", "llama-3.1-community-license"} <= {lic.slug for lic in o.licenses}


def test_olmo_conforms_to_osaid_and_llama_31_does_not(G: nx.MultiDiGraph) -> None:
    idx = index(G)
    olmos = [m for m in idx.by_kind["Model"] if G.nodes[m]["slug"].startswith("olmo")]
    assert olmos
    for m in olmos:
        assert openness(G, m).osaid == "conforms", m
    for size in ("8b", "70b", "405b"):
        r = openness(G, iri(f"llama-3.1-{size}"))
        assert r.osaid == "does not conform"
        assert any("not OSI-approved" in reason for reason in r.osaid_reasons)
        assert r.mof_class is None and r.mof_ceiling is None


def test_uncurated_components_are_unknown_not_guessed(G: nx.MultiDiGraph) -> None:
    idx = index(G)
    for m in idx.by_kind["Model"]:
        r = openness(G, m)
        data = next(c for c in r.osaid_components if c.name == "data information")
        if "trainingData" not in G.nodes[m]:
            assert data.status == "unknown"
            assert r.osaid in ("unknown", "does not conform")


def test_what_if_google_vanished(G: nx.MultiDiGraph) -> None:
    r = what_if(G, remove=["google"])
    assert {"tpu-v5e", "tpu-v6e"} <= {c.slug for c in r.chips_gone}
    assert "google-cloud" in {c.slug for c in r.clouds_gone}
    assert "gemini-2.5-pro" in {m.slug for m in r.models_losing_all}
    assert all(i.options_after <= i.options_before for i in r.impacts)


def test_unknown_slug_suggests_close_ones(G: nx.MultiDiGraph) -> None:
    with pytest.raises(NotFoundError) as e:
        resolve(G, "llama-3.1-450b", ["Model"], what="model")
    assert "llama-3.1-405b" in e.value.suggestions
