"""Compatibility: where a model can run, whether it runs on a chip, and what runs on a chip or cloud.

The rule (ONTOLOGY.md, "can run on"): model M runs on chip C when a current offering of M lists C,
or when M's weights are obtainable (``sa:OpenWeights``/``sa:GatedWeights``) and a path
``M sa:supportedBy/sa:hasBackend*/sa:targets C`` exists. A *deployment* is (model, cloud, chip):
documented by an offering (the chip may be undocumented), or self-hosted on a chip the cloud rents.

>>> from graph.examples import fixture_graph
>>> G = fixture_graph()
>>> [(slug(d.cloud.iri), d.chip.slug if d.chip else None, d.via)
...  for d in where_can_run(G, ID_IRI + "open-7b").deployments]
... # doctest: +NORMALIZE_WHITESPACE
[('bigcloud', None, 'offering'), ('bigcloud', 'bigchip', 'self-hosted'),
 ('bigcloud', 'gpu-1', 'self-hosted'), ('gpucloud', 'gpu-1', 'offering'),
 ('gpucloud', 'gpu-1', 'self-hosted')]
>>> c = can_run(G, ID_IRI + "big-model", ID_IRI + "gpu-1")
>>> c.runs, c.missing
(False, ('closed weights: Big Model can only be used where an offering documents it, and no current offering lists GPU-1',))
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from graph.analysis.evidence import Evidence, Ref, fact, ref
from graph.analysis.groups import Index, index, slug
from ontology.namespace import ID_IRI

__all__ = [
    "OBTAINABLE",
    "Compatibility",
    "Deployment",
    "Deployments",
    "ModelOn",
    "RunsOn",
    "can_run",
    "deployments",
    "runnable_chips",
    "what_runs_on",
    "where_can_run",
]

#: Weights one can download and run oneself.
OBTAINABLE = frozenset({"OpenWeights", "GatedWeights"})


@dataclass(frozen=True)
class Deployment:
    """One way to run the model: a cloud, a chip (None when the offering does not document it), and
    either the offering that documents it or the software path from the model to the chip."""

    model: Ref
    cloud: Ref
    chip: Ref | None
    via: str  # "offering" | "self-hosted"
    offering: Ref | None
    service: Ref | None
    software_path: tuple[Ref, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Deployments:
    """Every current deployment of a model."""

    model: Ref
    deployments: tuple[Deployment, ...]


@dataclass(frozen=True)
class Compatibility:
    """Can the model run on the chip? With the offerings and software paths that say yes, the clouds
    renting the chip, or what is missing."""

    model: Ref
    chip: Ref
    runs: bool
    offerings: tuple[Ref, ...]
    software_paths: tuple[tuple[Ref, ...], ...]
    clouds: tuple[Ref, ...]
    missing: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class ModelOn:
    """A model that runs on the chip or in the cloud asked about, and how."""

    model: Ref
    via: tuple[str, ...]  # "offering" and/or "self-hosted"
    offerings: tuple[Ref, ...]


@dataclass(frozen=True)
class RunsOn:
    """What runs on a chip or in a cloud."""

    target: Ref
    models: tuple[ModelOn, ...]


def _raw(
    idx: Index, model: str, avoid: frozenset[str] = frozenset()
) -> list[tuple[str, str | None, str | None, str | None, tuple[str, ...]]]:
    """(cloud, chip, offering, service, software path) of every deployment touching no avoided group.

    Cached per (model, avoid): the analyses ask for the same model many times.
    """
    key = ("raw", model, avoid)
    hit = idx.cache.get(key)
    if hit is not None:
        return hit  # type: ignore[return-value]
    out: list[tuple[str, str | None, str | None, str | None, tuple[str, ...]]] = []

    def clear(*nodes: str | None) -> bool:
        return all(n is None or not (idx.groups_of(n) & avoid) for n in nodes)

    if clear(model):
        for off in idx.offers_by_model.get(model, []):
            if clear(off.cloud, off.service, off.chip):
                out.append((off.cloud, off.chip, off.iri, off.service, ()))
        for chip, path in runnable_chips(idx, model, avoid).items():
            for cloud in sorted(idx.chip_clouds.get(chip, ())):
                if clear(cloud, chip):
                    out.append((cloud, chip, None, None, path))
    out.sort(key=lambda r: (r[0], r[1] or "", r[2] is None, r[2] or ""))
    idx.cache[key] = out
    return out


def runnable_chips(
    idx: Index, model: str, avoid: frozenset[str] = frozenset()
) -> dict[str, tuple[str, ...]]:
    """Chips the model's obtainable weights reach through software, each with a shortest path.

    With ``avoid``, the path may not pass through software of an avoided group, nor end on a chip
    designed by one.
    """
    if idx.G.nodes[model].get("weights") not in OBTAINABLE:
        return {}
    best: dict[str, tuple[str, ...]] = {}
    for sw in idx.out(model, "supportedBy"):
        for chip, path in idx.reach_avoiding(sw, avoid).items():
            if avoid and idx.groups_of(chip) & avoid:
                continue
            if chip not in best or (len(path), path) < (len(best[chip]), best[chip]):
                best[chip] = path
    return best


def _path_evidence(
    G: nx.MultiDiGraph, model: str, path: tuple[str, ...], chip: str
) -> list[Evidence]:
    ev = [fact(G, model, "supportedBy", path[0])]
    ev += [fact(G, a, "hasBackend", b) for a, b in pairwise(path)]
    ev.append(fact(G, path[-1], "targets", chip))
    return ev


def _deployment(
    G: nx.MultiDiGraph,
    model: str,
    row: tuple[str, str | None, str | None, str | None, tuple[str, ...]],
) -> Deployment:
    cloud, chip, off, service, path = row
    if off is not None:
        ev = [fact(G, off, "model", model), fact(G, off, "cloud", cloud)]
        if chip is not None:
            ev.append(fact(G, off, "chip", chip))
        if service is not None:
            ev.append(fact(G, off, "service", service))
    else:
        assert chip is not None
        ev = [fact(G, model, "weights", G.nodes[model]["weights"])]
        ev += _path_evidence(G, model, path, chip)
        ev.append(fact(G, cloud, "offersChip", chip))
    return Deployment(
        model=ref(G, model),
        cloud=ref(G, cloud),
        chip=ref(G, chip) if chip else None,
        via="offering" if off else "self-hosted",
        offering=ref(G, off) if off else None,
        service=ref(G, service) if service else None,
        software_path=tuple(ref(G, s) for s in path),
        evidence=tuple(ev),
    )


def deployments(
    G: nx.MultiDiGraph, model: str, *, avoid: frozenset[str] = frozenset()
) -> tuple[Deployment, ...]:
    """Every current deployment of ``model`` that touches no vendor group in ``avoid``."""
    return tuple(_deployment(G, model, r) for r in _raw(index(G), model, avoid))


def where_can_run(G: nx.MultiDiGraph, model: str) -> Deployments:
    """Every current deployment of ``model`` (an IRI): offerings first-class, self-hosting after.

    One self-hosted deployment per (cloud, chip), with the shortest software path; ask
    :func:`can_run` for every path to one chip.
    """
    return Deployments(ref(G, model), deployments(G, model))


def can_run(G: nx.MultiDiGraph, model: str, chip: str) -> Compatibility:
    """Whether ``model`` can run on ``chip`` (IRIs): the evidence for yes, or what is missing."""
    idx = index(G)
    offers = [o for o in idx.offers_by_model.get(model, []) if o.chip == chip]
    ev: list[Evidence] = [fact(G, o.iri, "chip", chip) for o in offers]
    paths: list[tuple[str, ...]] = []
    weights = G.nodes[model].get("weights")
    if weights in OBTAINABLE:
        ev.append(fact(G, model, "weights", weights))
        for sw in idx.out(model, "supportedBy"):
            path = idx.reach.get(sw, {}).get(chip)
            if path is not None:
                paths.append(path)
                ev += _path_evidence(G, model, path, chip)
    missing: list[str] = []
    m, c = G.nodes[model]["label"], G.nodes[chip]["label"]
    if not offers and not paths:
        if weights not in OBTAINABLE:
            what = "closed weights" if weights == "ClosedWeights" else "weights access not recorded"
            missing.append(
                f"{what}: {m} can only be used where an offering documents it, "
                f"and no current offering lists {c}"
            )
        elif not idx.out(model, "supportedBy"):
            missing.append(f"no software is recorded as supporting {m} (sa:supportedBy)")
        else:
            stacks = idx.into(chip, "targets")
            if not stacks:
                missing.append(f"no accelerator stack is recorded as targeting {c} (sa:targets)")
            else:
                names = ", ".join(G.nodes[s]["label"] for s in stacks)
                missing.append(
                    f"no backend for {c}: none of {m}'s software reaches {names} through sa:hasBackend"
                )
    clouds = sorted(idx.chip_clouds.get(chip, ()))
    ev += [fact(G, cl, "offersChip", chip) for cl in clouds]
    return Compatibility(
        model=ref(G, model),
        chip=ref(G, chip),
        runs=bool(offers or paths),
        offerings=tuple(ref(G, o.iri) for o in offers),
        software_paths=tuple(tuple(ref(G, s) for s in p) for p in sorted(set(paths))),
        clouds=tuple(ref(G, cl) for cl in clouds),
        missing=tuple(missing),
        evidence=tuple(ev),
    )


def what_runs_on(G: nx.MultiDiGraph, target: str) -> RunsOn:
    """The models that run on a chip, or that can be deployed in a cloud (``target`` is an IRI).

    >>> from graph.examples import fixture_graph
    >>> [m.model.slug for m in what_runs_on(fixture_graph(), ID_IRI + "gpucloud").models]
    ['open-7b']
    """
    idx = index(G)
    chips = (target,) if idx.is_a(target, "Chip") else tuple(idx.cloud_chips.get(target, ()))
    found: dict[str, tuple[set[str], set[str]]] = {}
    # Offerings: of the chip, or in the cloud (whatever their chip).
    offers = idx.offers_by_chip if chips == (target,) else idx.offers_by_cloud
    for off in offers.get(target, []):
        via, offs = found.setdefault(off.model, (set(), set()))
        via.add("offering")
        offs.add(off.iri)
    # Self-hosting: obtainable weights whose software reaches one of the chips (inverse index).
    for chip in chips:
        for sw in idx.software_reaching.get(chip, ()):
            for model in idx.into(sw, "supportedBy"):
                if G.nodes[model].get("weights") in OBTAINABLE and idx.is_a(model, "Model"):
                    found.setdefault(model, (set(), set()))[0].add("self-hosted")
    return RunsOn(
        ref(G, target),
        tuple(
            ModelOn(ref(G, m), tuple(sorted(v)), tuple(ref(G, o) for o in sorted(offs)))
            for m, (v, offs) in sorted(found.items(), key=lambda kv: G.nodes[kv[0]]["label"])
        ),
    )


_ = slug, ID_IRI  # re-exported for the doctests above
