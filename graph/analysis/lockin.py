"""Lock-in of a stack (model, with any of cloud, chip, software): a 0-100 score with its factor table.

Method, weights and citations: ``docs/lock-in.md`` (grounded in the project's domain research §5:
CMA, FTC, AI Now, Opara-Martins et al.). Each factor is a value in [0, 1] (1 = most locked), a
weight (the weights sum to 1), and a contribution = value x weight x 100; the score is the sum.

>>> from graph.examples import fixture_graph
>>> G = fixture_graph()
>>> closed = lock_in(G, ID_IRI + "big-model", cloud=ID_IRI + "bigcloud", chip=ID_IRI + "bigchip")
>>> open_ = lock_in(G, ID_IRI + "open-7b", cloud=ID_IRI + "gpucloud", chip=ID_IRI + "gpu-1")
>>> closed.score > open_.score, closed.level
(True, 'very high')
>>> [f.name for f in closed.factors][:3]
['weights_access', 'license_restrictiveness', 'independent_providers']
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from graph.analysis.compat import OBTAINABLE, _raw, runnable_chips
from graph.analysis.evidence import Evidence, Ref, fact, ref
from graph.analysis.groups import Index, index
from ontology.namespace import ID_IRI

__all__ = ["LEVELS", "WEIGHTS", "Factor", "LockInReport", "Stack", "lock_in", "stack_layers"]

#: factor → weight (sums to 1); see docs/lock-in.md for why each weight is what it is.
WEIGHTS: dict[str, float] = {
    "weights_access": 0.20,
    "license_restrictiveness": 0.10,
    "independent_providers": 0.15,
    "substitutes": 0.10,
    "chip_portability": 0.15,
    "cloud_exclusive_silicon": 0.10,
    "proprietary_accelerator_stack": 0.05,
    "vertical_integration": 0.15,
}
#: (lowest score of the level, level), highest first.
LEVELS = ((75, "very high"), (50, "high"), (25, "moderate"), (0, "low"))
#: Saturation points: this many independent alternatives count as "fully substitutable".
K_PROVIDERS, K_SUBSTITUTES, K_CHIP_GROUPS = 5, 5, 4
WEIGHTS_VALUE = {"OpenWeights": 0.0, "GatedWeights": 0.25, "ClosedWeights": 1.0}
LICENSE_VALUE = {"OpenSourceLicense": 0.0, "OpenWeightsLicense": 0.5, "ProprietaryTerms": 1.0}


@dataclass(frozen=True)
class Stack:
    """The stack assessed: a model and, optionally, where and how it runs."""

    model: Ref
    cloud: Ref | None = None
    chip: Ref | None = None
    software: Ref | None = None


@dataclass(frozen=True)
class Factor:
    """One row of the factor table."""

    name: str
    value: float
    weight: float
    contribution: float
    explanation: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class LockInReport:
    """The score (0-100), its level, the factor table and the vendor-disjoint deployment options."""

    stack: Stack
    score: int
    level: str
    factors: tuple[Factor, ...]
    vendor_disjoint_options: int
    disjoint_option_groups: tuple[tuple[Ref, ...], ...]


def stack_layers(
    idx: Index, model: str, cloud: str | None, chip: str | None, software: str | None
) -> dict[str, str]:
    """layer name → node, for the layers the stack names."""
    layers = {"model": model, "cloud": cloud, "chip": chip, "software": software}
    return {k: v for k, v in layers.items() if v is not None}


def lock_in(
    G: nx.MultiDiGraph,
    model: str,
    *,
    cloud: str | None = None,
    chip: str | None = None,
    software: str | None = None,
) -> LockInReport:
    """How locked in the stack is, factor by factor (all arguments are IRIs)."""
    idx = index(G)
    key = ("lockin", model, cloud, chip, software)
    hit = idx.cache.get(key)
    if isinstance(hit, LockInReport):
        return hit
    rows = [
        _weights(idx, model),
        _license(idx, model),
        _providers(idx, model, cloud),
        _substitutes(idx, model),
        _chip_portability(idx, model, software),
        _exclusive(idx, chip),
        _accelerator_stack(idx, model, chip, software),
        _vertical(idx, stack_layers(idx, model, cloud, chip, software)),
    ]
    factors = tuple(
        Factor(name, value, WEIGHTS[name], round(value * WEIGHTS[name] * 100, 2), why, tuple(ev))
        for name, value, why, ev in rows
    )
    score = round(sum(f.value * f.weight for f in factors) * 100)
    level = next(name for low, name in LEVELS if score >= low)
    disjoint = _disjoint_options(idx, model)
    report = LockInReport(
        stack=Stack(
            ref(G, model),
            ref(G, cloud) if cloud else None,
            ref(G, chip) if chip else None,
            ref(G, software) if software else None,
        ),
        score=score,
        level=level,
        factors=factors,
        vendor_disjoint_options=len(disjoint),
        disjoint_option_groups=tuple(tuple(ref(G, g) for g in sorted(s)) for s in disjoint),
    )
    idx.cache[key] = report
    return report


Row = tuple[str, float, str, list[Evidence]]


def _weights(idx: Index, model: str) -> Row:
    w = idx.G.nodes[model].get("weights")
    if w is None:
        return ("weights_access", 1.0, "weights access not recorded: counted as closed", [])
    why = {
        "OpenWeights": "weights downloadable",
        "GatedWeights": "weights downloadable after accepting terms (gated)",
        "ClosedWeights": "weights not released (API only)",
    }[w]
    return ("weights_access", WEIGHTS_VALUE[w], why, [fact(idx.G, model, "weights", w)])


def _license(idx: Index, model: str) -> Row:
    G = idx.G
    licenses = idx.out(model, "license")
    if not licenses:
        return ("license_restrictiveness", 1.0, "no license recorded: counted as proprietary", [])
    # Several licenses apply together (a merge's or a distillation's): the strictest one binds.
    values = {lic: LICENSE_VALUE.get(G.nodes[lic].get("licenseKind", ""), 1.0) for lic in licenses}
    worst = max(licenses, key=lambda lic: (values[lic], lic))
    kind = G.nodes[worst].get("licenseKind", "unrecorded kind")
    ev = [fact(G, model, "license", lic) for lic in licenses]
    ev.append(fact(G, worst, "licenseKind", kind))
    return ("license_restrictiveness", values[worst], f"{G.nodes[worst]['label']}: {kind}", ev)


def _providers(idx: Index, model: str, cloud: str | None) -> Row:
    G = idx.G
    exclude = set(idx.groups_of(model)) | (set(idx.groups_of(cloud)) if cloud else set())
    groups: dict[str, str] = {}
    for off in idx.offers_by_model.get(model, []):
        for g in idx.groups_of(off.cloud) - exclude:
            groups.setdefault(g, off.iri)
    n = len(groups)
    ev = [
        fact(G, off, "cloud", next(o.cloud for o in idx.offers_by_model[model] if o.iri == off))
        for off in sorted(set(groups.values()))
    ]
    why = (
        f"{n} vendor group(s) other than the developer's"
        + (" and the stack's cloud's" if cloud else "")
        + " offer this model"
    )
    return ("independent_providers", 1 - min(1.0, n / K_PROVIDERS), why, ev)


def has_deployment(idx: Index, model: str) -> bool:
    """Whether the model has at least one current deployment (cheap: no options are built)."""
    if idx.offers_by_model.get(model):
        return True
    return any(idx.chip_clouds.get(chip) for chip in runnable_chips(idx, model))


def _substitutes(idx: Index, model: str) -> Row:
    G = idx.G
    cls = G.nodes[model].get("capabilityClass")
    if cls is None:
        return ("substitutes", 1.0, "no capability class recorded: substitutes unknown", [])
    mine = idx.groups_of(model)
    found: dict[str, str] = {}
    # The first deployable model of each distinct developer-group set: O(groups), not O(models).
    for groups, other in _deployable_by_groups(idx, cls).items():
        if other != model and groups and not groups & mine:
            for g in sorted(groups):
                found.setdefault(g, other)
    ev = [fact(G, model, "capabilityClass", cls)]
    ev += [fact(G, m, "capabilityClass", cls) for m in sorted(set(found.values()))]
    n = len(found)
    why = f"{n} other vendor group(s) have a deployable {cls} model"
    return ("substitutes", 1 - min(1.0, n / K_SUBSTITUTES), why, ev)


def _deployable_by_groups(idx: Index, cls: str) -> dict[frozenset[str], str]:
    """Developer-group set → first deployable model of capability class ``cls`` (cached)."""
    key = ("deployable", cls)
    hit = idx.cache.get(key)
    if hit is None:
        table: dict[frozenset[str], str] = {}
        for m in idx.by_kind["Model"]:
            if idx.G.nodes[m].get("capabilityClass") == cls and has_deployment(idx, m):
                table.setdefault(idx.groups_of(m), m)
        idx.cache[key] = hit = table
    return hit  # type: ignore[return-value]


def _chip_portability(idx: Index, model: str, software: str | None) -> Row:
    G = idx.G
    if software is not None and G.nodes[model].get("weights") in OBTAINABLE:
        chips = dict(idx.reach.get(software, {}))
        source = f"from {G.nodes[software]['label']}"
    else:
        chips = dict(runnable_chips(idx, model))
        source = "through the model's software"
        for off in idx.offers_by_model.get(model, []):  # documented hardware counts too
            if off.chip is not None:
                chips.setdefault(off.chip, ())
    designer: dict[str, str] = {}
    for chip in sorted(chips):
        for g in idx.groups_of(chip):
            designer.setdefault(g, chip)
    ev = [
        fact(G, chip, "designedBy", d)
        for chip in sorted(set(designer.values()))
        for d in idx.out(chip, "designedBy")
    ]
    n = len(designer)
    why = f"chips of {n} designer group(s) reachable {source}"
    return ("chip_portability", 1 - min(1.0, n / K_CHIP_GROUPS), why, ev)


def _exclusive(idx: Index, chip: str | None) -> Row:
    if chip is None:
        return ("cloud_exclusive_silicon", 0.0, "no chip in the stack", [])
    clouds = idx.out(chip, "exclusiveTo")
    if not clouds:
        return ("cloud_exclusive_silicon", 0.0, "the chip is sold or rented beyond one cloud", [])
    names = ", ".join(idx.G.nodes[c]["label"] for c in clouds)
    return (
        "cloud_exclusive_silicon",
        1.0,
        f"the chip is only available in {names}",
        [fact(idx.G, chip, "exclusiveTo", c) for c in clouds],
    )


def _accelerator_stack(idx: Index, model: str, chip: str | None, software: str | None) -> Row:
    G = idx.G
    name = "proprietary_accelerator_stack"
    if chip is None:
        return (name, 0.0, "no chip in the stack", [])
    stacks = set(idx.into(chip, "targets"))
    reach_from = [software] if software else idx.out(model, "supportedBy")
    on_path = {p[-1] for s in reach_from if (p := idx.reach.get(s, {}).get(chip))}
    if on_path:
        stacks = on_path  # the stacks the model's own path uses
    if not stacks:
        return (name, 0.5, "no accelerator stack recorded for the chip: not assessable", [])

    # The least proprietary usable stack decides: one open route is enough to leave.
    def value(s: str) -> float:
        kinds = {G.nodes[lic].get("licenseKind") for lic in idx.out(s, "license")}
        if not kinds:
            return 0.5  # license not curated: neither open nor closed is known
        return 1.0 if kinds == {"ProprietaryTerms"} else 0.0

    best = min(sorted(stacks), key=value)
    ev = [fact(G, best, "targets", chip)] + [
        fact(G, best, "license", lic) for lic in idx.out(best, "license")
    ]
    v = value(best)
    state = {0.0: "open-source", 0.5: "of unrecorded license", 1.0: "proprietary"}[v]
    return (name, v, f"{G.nodes[best]['label']} is {state}", ev)


def _vertical(idx: Index, layers: dict[str, str]) -> Row:
    G = idx.G
    name = "vertical_integration"
    if len(layers) < 2:
        return (name, 0.0, "a single layer cannot be vertically integrated", [])
    count = Counter(g for node in layers.values() for g in idx.groups_of(node))
    if not count:
        return (name, 0.0, "no controlling organization recorded", [])
    group, c = max(sorted(count.items()), key=lambda kv: kv[1])
    owned = [k for k, node in layers.items() if group in idx.groups_of(node)]
    ev: list[Evidence] = []
    for k in owned:
        node = layers[k]
        for prop in ("developedBy", "designedBy", "operatedBy"):
            ev += [
                fact(G, node, prop, o) for o in idx.out(node, prop) if idx.org_group.get(o) == group
            ]
    why = f"{c} of {len(layers)} layers ({', '.join(owned)}) belong to {G.nodes[group]['label']}"
    return (name, (c - 1) / (len(layers) - 1), why, ev)


def _disjoint_options(idx: Index, model: str) -> list[frozenset[str]]:
    """A largest-first greedy packing of deployments whose cloud/service/chip groups are disjoint.

    Exact packing is NP-hard; greedy by fewest groups is a lower bound, exact on the KB's shapes
    (options are one or two groups each).
    """
    sigs: set[frozenset[str]] = set()
    for cloud, chip, _off, service, _path in _raw(idx, model):
        gs = idx.groups_of(cloud) | (idx.groups_of(service) if service else frozenset())
        gs |= idx.groups_of(chip) if chip else frozenset()
        if gs:
            sigs.add(frozenset(gs))
    chosen: list[frozenset[str]] = []
    used: set[str] = set()
    for s in sorted(sigs, key=lambda s: (len(s), sorted(s))):
        if not s & used:
            chosen.append(s)
            used |= s
    return chosen


_ = ID_IRI  # for the doctests
