"""Properties of the analyses on generated worlds (hypothesis)."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis import Deployment, deployments, exit_paths, index, lock_in, what_if
from graph.analysis.groups import avoid_groups
from tests.graph.analysis.worlds import _node, add_offering, worlds

SETTINGS = settings(max_examples=150, deadline=None)


def _kinds(G: nx.MultiDiGraph, kind: str) -> list[str]:
    return sorted(n for n, d in G.nodes(data=True) if d["kind"] == kind)


@SETTINGS
@given(worlds(), st.data())
def test_adding_a_provider_never_raises_lock_in(G: nx.MultiDiGraph, data: st.DataObject) -> None:
    model = data.draw(st.sampled_from(_kinds(G, "Model")))
    cloud = data.draw(st.none() | st.sampled_from(_kinds(G, "Cloud")))
    chip = data.draw(st.none() | st.sampled_from(_kinds(G, "Chip")))
    before = lock_in(G, model, cloud=cloud, chip=chip)
    H = G.copy()
    if data.draw(st.booleans()):  # a brand-new provider, in a group of its own
        org = _node(H, "neworg", "Organization")
        provider = _node(H, "newcloud", "Cloud")
        H.add_edge(provider, org, key="operatedBy")
    else:
        provider = data.draw(st.sampled_from(_kinds(G, "Cloud")))
    add_offering(
        H, "newoffer", model, provider, data.draw(st.none() | st.sampled_from(_kinds(G, "Chip")))
    )
    after = lock_in(H, model, cloud=cloud, chip=chip)
    assert after.score <= before.score


@SETTINGS
@given(worlds(), st.data())
def test_removing_a_vendor_group_never_adds_deployment_options(
    G: nx.MultiDiGraph, data: st.DataObject
) -> None:
    org = data.draw(st.sampled_from(_kinds(G, "Organization")))
    groups = avoid_groups(G, [G.nodes[org]["slug"]])
    for model in _kinds(G, "Model"):
        after, before = deployments(G, model, avoid=groups), deployments(G, model)
        assert len(after) <= len(before)
        # an option is (cloud, chip, offering); avoiding may only reroute its software path
        assert {_option(d) for d in after} <= {_option(d) for d in before}
    report = what_if(G, remove=[G.nodes[org]["slug"]])
    assert all(i.options_after <= i.options_before for i in report.impacts)


@SETTINGS
@given(worlds(), st.data())
def test_exit_paths_never_touch_an_avoided_group(G: nx.MultiDiGraph, data: st.DataObject) -> None:
    orgs = data.draw(st.lists(st.sampled_from(_kinds(G, "Organization")), min_size=1, max_size=2))
    model = data.draw(st.sampled_from(_kinds(G, "Model")))
    slugs = [G.nodes[o]["slug"] for o in orgs]
    avoided = avoid_groups(G, slugs)
    # Members of an avoided group, computed independently of the index: walk subsidiaryOf by hand.
    members = {
        o
        for o in _kinds(G, "Organization")
        if any(a in nx.descendants(_subsidiary(G), o) | {o} for a in avoided)
    }
    for p in exit_paths(G, model, avoid=slugs, limit=1000):
        d = p.deployment
        nodes = [
            d.model,
            d.cloud,
            *([d.chip] if d.chip else []),
            *([d.service] if d.service else []),
            *d.software_path,
        ]
        for n in nodes:
            controllers = {
                o
                for _, o, k in G.out_edges(n.iri, keys=True)
                if k in ("developedBy", "designedBy", "operatedBy")
            }
            assert not controllers & members, (n.slug, slugs)
    assert index(G)  # the index was built for this world


def _option(d: Deployment) -> tuple[str, str | None, str | None]:
    return d.cloud.iri, d.chip.iri if d.chip else None, d.offering.iri if d.offering else None


def _subsidiary(G: nx.MultiDiGraph) -> nx.DiGraph:
    D = nx.DiGraph()
    D.add_nodes_from(n for n, d in G.nodes(data=True) if d["kind"] == "Organization")
    D.add_edges_from((s, o) for s, o, k in G.edges(keys=True) if k == "subsidiaryOf")
    return D
