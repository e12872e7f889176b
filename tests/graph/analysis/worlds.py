"""Hypothesis strategies: small random worlds shaped like the projection (kinds, keyed edges)."""

from __future__ import annotations

import networkx as nx
from hypothesis import strategies as st

from ontology.namespace import ID_IRI

WEIGHTS = ["OpenWeights", "GatedWeights", "ClosedWeights"]
LICENSE_KINDS = ["OpenSourceLicense", "OpenWeightsLicense", "ProprietaryTerms"]
CLASSES = ["FrontierClass", "LargeClass", "MediumClass"]


def _node(G: nx.MultiDiGraph, slug: str, kind: str, **attrs: object) -> str:
    iri = ID_IRI + slug
    G.add_node(
        iri,
        kind=kind,
        label=slug.upper(),
        slug=slug,
        source=[f"https://example.org/{slug}"],
        **attrs,
    )
    return iri


@st.composite
def worlds(draw: st.DrawFn) -> nx.MultiDiGraph:
    """A random world: organizations in groups, software stacks, chips, clouds, models, offerings."""
    G = nx.MultiDiGraph()
    n_org = draw(st.integers(2, 6))
    orgs = [_node(G, f"org{i}", "Organization") for i in range(n_org)]
    for i in range(1, n_org):  # subsidiaries point to an earlier org: no cycles
        if draw(st.booleans()):
            G.add_edge(orgs[i], orgs[draw(st.integers(0, i - 1))], key="subsidiaryOf")
    pick = st.sampled_from(orgs)
    licenses = [
        _node(G, f"lic{i}", "License", licenseKind=k, osiApproved=k == "OpenSourceLicense")
        for i, k in enumerate(LICENSE_KINDS)
    ]
    chips = [_node(G, f"chip{i}", "Chip") for i in range(draw(st.integers(1, 4)))]
    for c in chips:
        G.add_edge(c, draw(pick), key="designedBy")
    stacks = [_node(G, f"stack{i}", "AcceleratorStack") for i in range(draw(st.integers(1, 3)))]
    for s in stacks:
        G.add_edge(s, draw(pick), key="developedBy")
        for c in draw(st.lists(st.sampled_from(chips), max_size=2, unique=True)):
            G.add_edge(s, c, key="targets")
        if draw(st.booleans()):
            G.add_edge(s, draw(st.sampled_from(licenses)), key="license")
    frameworks = [_node(G, f"fw{i}", "Framework") for i in range(draw(st.integers(1, 3)))]
    for f in frameworks:
        G.add_edge(f, draw(pick), key="developedBy")
        for s in draw(st.lists(st.sampled_from(stacks), min_size=1, max_size=2, unique=True)):
            G.add_edge(f, s, key="hasBackend")
    clouds = [_node(G, f"cloud{i}", "Cloud") for i in range(draw(st.integers(1, 4)))]
    for cl in clouds:
        G.add_edge(cl, draw(pick), key="operatedBy")
        for c in draw(st.lists(st.sampled_from(chips), max_size=3, unique=True)):
            G.add_edge(cl, c, key="offersChip")
    for c in chips:
        if draw(st.integers(0, 3)) == 0:
            G.add_edge(c, draw(st.sampled_from(clouds)), key="exclusiveTo")
    models = []
    for i in range(draw(st.integers(1, 5))):
        m = _node(
            G,
            f"model{i}",
            "Model",
            weights=draw(st.sampled_from(WEIGHTS)),
            capabilityClass=draw(st.sampled_from(CLASSES)),
        )
        models.append(m)
        G.add_edge(m, draw(pick), key="developedBy")
        G.add_edge(m, draw(st.sampled_from(licenses)), key="license")
        for f in draw(st.lists(st.sampled_from(frameworks), max_size=2, unique=True)):
            G.add_edge(m, f, key="supportedBy")
    for i in range(draw(st.integers(0, 6))):
        add_offering(
            G,
            f"off{i}",
            draw(st.sampled_from(models)),
            draw(st.sampled_from(clouds)),
            draw(st.none() | st.sampled_from(chips)),
        )
    return G


def add_offering(G: nx.MultiDiGraph, slug: str, model: str, cloud: str, chip: str | None) -> str:
    """Add one offering of ``model`` on ``cloud`` (optionally on ``chip``)."""
    off = _node(G, slug, "Offering")
    G.add_edge(off, model, key="model")
    G.add_edge(off, cloud, key="cloud")
    if chip is not None:
        G.add_edge(off, chip, key="chip")
    return off
