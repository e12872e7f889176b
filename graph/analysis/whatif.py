"""What if a vendor group vanished: who loses every deployment, who is left single-sourced, which
chips and clouds go, and which nodes are single points of control of the deployment graph.

>>> from graph.examples import fixture_graph
>>> r = what_if(fixture_graph(), remove=["bigco"])
>>> [m.slug for m in r.models_losing_all], [c.slug for c in r.clouds_gone]
(['big-model'], ['bigcloud'])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from graph.analysis.compat import runnable_chips
from graph.analysis.evidence import Ref, ref
from graph.analysis.groups import Index, avoid_groups, index

__all__ = ["ModelImpact", "WhatIfReport", "deployment_graph", "what_if"]


@dataclass(frozen=True)
class ModelImpact:
    """A model's deployment options and provider groups before and after the removal."""

    model: Ref
    options_before: int
    options_after: int
    providers_after: tuple[Ref, ...]


@dataclass(frozen=True)
class WhatIfReport:
    """The consequences of removing vendor groups.

    ``models_losing_all`` includes the removed groups' own models (listed again in
    ``models_of_removed_groups``) and models whose only routes ran through the removed groups.
    """

    removed: tuple[Ref, ...]
    members: tuple[Ref, ...]
    models_losing_all: tuple[Ref, ...]
    models_of_removed_groups: tuple[Ref, ...]
    models_single_provider: tuple[ModelImpact, ...]
    chips_gone: tuple[Ref, ...]
    clouds_gone: tuple[Ref, ...]
    articulation_points: tuple[Ref, ...]
    impacts: tuple[ModelImpact, ...]


def deployment_graph(idx: Index, avoid: frozenset[str] = frozenset()) -> nx.Graph:
    """The layered, undirected graph of every current deployment touching no group in ``avoid``.

    Offerings join model-cloud (and cloud-chip where documented); self-hosting joins
    model-software-...-accelerator stack-chip along the model's shortest path, and chip-cloud for
    every cloud renting the chip. Its articulation points are the single points of control.
    """
    edges: set[tuple[str, str]] = set()

    def clear(n: str | None) -> bool:
        return n is None or not idx.groups_of(n) & avoid

    for model in idx.by_kind["Model"]:
        if not clear(model):
            continue
        for off in idx.offers_by_model.get(model, []):
            if clear(off.cloud) and clear(off.service) and clear(off.chip):
                edges.add((model, off.cloud))
                if off.chip is not None:
                    edges.add((off.cloud, off.chip))
        for chip, path in runnable_chips(idx, model, avoid).items():
            clouds = [c for c in idx.chip_clouds.get(chip, ()) if clear(c)]
            if clouds:
                edges.update(pairwise((model, *path, chip)))
                edges.update((chip, c) for c in clouds)
    D = nx.Graph()
    D.add_edges_from(edges)
    return D


def _summary(idx: Index, model: str, avoid: frozenset[str]) -> tuple[int, frozenset[str]]:
    """(number of deployment options, provider groups) without building the options (cached)."""
    key = ("summary", model, avoid)
    hit = idx.cache.get(key)
    if hit is not None:
        return hit  # type: ignore[return-value]

    def clear(n: str | None) -> bool:
        return n is None or not idx.groups_of(n) & avoid

    count, providers = 0, set[str]()
    if clear(model):
        for off in idx.offers_by_model.get(model, []):
            if clear(off.cloud) and clear(off.service) and clear(off.chip):
                count += 1
                providers |= idx.groups_of(off.cloud)
        for chip in runnable_chips(idx, model, avoid):
            for cloud in idx.chip_clouds.get(chip, ()):
                if clear(cloud):
                    count += 1
                    providers |= idx.groups_of(cloud)
    result = (count, frozenset(providers))
    idx.cache[key] = result
    return result


def what_if(G: nx.MultiDiGraph, *, remove: Sequence[str]) -> WhatIfReport:
    """Remove the vendor groups of the ``remove`` organization slugs and report the damage."""
    idx = index(G)
    groups = avoid_groups(G, remove)
    key = ("whatif", groups)
    hit = idx.cache.get(key)
    if isinstance(hit, WhatIfReport):
        return hit
    impacts: list[ModelImpact] = []
    losing: list[str] = []
    single: list[ModelImpact] = []
    for model in idx.by_kind["Model"]:
        (before, prov_before), (after, prov) = (
            _summary(idx, model, frozenset()),
            _summary(idx, model, groups),
        )
        if before == after and not idx.groups_of(model) & groups:
            continue
        impact = ModelImpact(ref(G, model), before, after, tuple(ref(G, g) for g in sorted(prov)))
        impacts.append(impact)
        if before and not after:
            losing.append(model)
        if len(prov) == 1 and len(prov_before) > 1:
            single.append(impact)
    gone = {n for n, gs in idx.node_groups.items() if gs & groups}
    clouds_gone = {c for c in idx.by_kind["Cloud"] if c in gone}
    chips_gone = {c for c in idx.by_kind["Chip"] if c in gone}
    # Silicon exclusive to a vanished cloud vanishes with it.
    chips_gone |= {c for c in idx.by_kind["Chip"] if set(idx.out(c, "exclusiveTo")) & clouds_gone}
    D = deployment_graph(idx, groups)
    points = sorted(p for p in nx.articulation_points(D) if not idx.is_a(p, "Model"))
    report = WhatIfReport(
        removed=tuple(ref(G, g) for g in sorted(groups)),
        members=tuple(ref(G, o) for g in sorted(groups) for o in sorted(idx.members[g])),
        models_losing_all=tuple(ref(G, m) for m in losing),
        models_of_removed_groups=tuple(
            ref(G, m) for m in idx.by_kind["Model"] if idx.groups_of(m) & groups
        ),
        models_single_provider=tuple(single),
        chips_gone=tuple(ref(G, c) for c in sorted(chips_gone)),
        clouds_gone=tuple(ref(G, c) for c in sorted(clouds_gone)),
        articulation_points=tuple(ref(G, p) for p in points),
        impacts=tuple(impacts),
    )
    idx.cache[key] = report
    return report
