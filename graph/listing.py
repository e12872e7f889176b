"""Collections: the members of a kind, filtered, sorted and paged, answered from the projection.

Every filter is one row of :data:`FILTERS`. A filter takes either a slug (checked against the
catalog: it must name a thing of the right kind) or a concept from a fixed list, so no user input
ever reaches a query text.

>>> from graph.examples import fixture_store
>>> store = fixture_store()
>>> from graph.lookup import catalog
>>> page = list_members(catalog(store), "models", {"supported_on": "bigchip"})
>>> page.total, [e.slug for e in page.items]       # one by an offering, one by a software path
(2, ['big-model', 'open-7b'])
>>> list_members(catalog(store), "models", {"developer": "gpu-1"})
Traceback (most recent call last):
...
graph.exceptions.InvalidParameterError: parameter 'developer': gpu-1 is one of the chips, not of the organizations
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.exceptions import InvalidParameterError
from graph.lookup import KINDS, Catalog, Entity
from ontology.namespace import ID_IRI

__all__ = ["FILTERS", "SORTS", "Filter", "Page", "list_members"]

# A filter's test: the projection and the value (a node IRI or a concept name) → matching node IRIs.
Select = Callable[[nx.MultiDiGraph, str], set[str]]


@dataclass(frozen=True)
class Filter:
    """One query parameter of a collection: what it means and what it accepts."""

    name: str
    doc: str
    select: Select
    target: str | None = None  # the collection whose slugs it accepts
    concepts: tuple[str, ...] = ()  # or the concepts it accepts
    example: str = ""


def _out(prop: str) -> Select:
    """Things with an edge ``prop`` to the value."""
    return lambda G, v: {s for s, _, k in G.in_edges(v, keys=True) if k == prop}


def _into(prop: str) -> Select:
    """Things the value points at through ``prop``."""
    return lambda G, v: {o for _, o, k in G.out_edges(v, keys=True) if k == prop}


def _attr(name: str) -> Select:
    return lambda G, v: {n for n, d in G.nodes(data=True) if d.get(name) == v}


def _via(prop: str, inner: Select) -> Select:
    """Things with an edge ``prop`` to something that ``inner`` selects."""
    return lambda G, v: {
        s for t in inner(G, v) for s, _, k in G.in_edges(t, keys=True) if k == prop
    }


def _offering_part(part: str) -> Select:
    """Models with an offering whose ``part`` (cloud, chip, service) is the value."""
    return lambda G, v: {
        o for off in _out(part)(G, v) for _, o, k in G.out_edges(off, keys=True) if k == "model"
    }


def _runs_on(G: nx.MultiDiGraph, chip: str) -> set[str]:
    """Models that can run on ``chip`` (ONTOLOGY.md, "can run on"): offered on it, or obtainable
    weights and a path supportedBy/hasBackend*/targets to it."""
    stacks = _out("targets")(G, chip)
    backends = nx.MultiDiGraph(
        (s, o) for s, o, k in G.edges(keys=True) if k == "hasBackend"
    )  # software → software
    software = set(stacks)
    for stack in stacks:
        if stack in backends:
            software |= nx.ancestors(backends, stack)
    obtainable = {"OpenWeights", "GatedWeights"}
    by_path = {
        m
        for sw in software
        for m, _, k in G.in_edges(sw, keys=True)
        if k == "supportedBy" and G.nodes[m].get("weights") in obtainable
    }
    return by_path | _offering_part("chip")(G, chip)


def _f(name: str, doc: str, select: Select, target: str | None = None, **kw: Any) -> Filter:
    return Filter(name, doc, select, target, **kw)


_WEIGHTS = ("OpenWeights", "GatedWeights", "ClosedWeights")
_LICENSE_KINDS = ("OpenSourceLicense", "OpenWeightsLicense", "ProprietaryTerms")
_CAPABILITY = ("FrontierClass", "LargeClass", "MediumClass", "SmallClass")
_CHIP_KINDS = (
    "GPU",
    "TPU",
    "LPU",
    "RDU",
    "AIPU",
    "WaferScaleEngine",
    "TrainingASIC",
    "InferenceASIC",
)
_CLOUD_KINDS = ("Hyperscaler", "InferenceCloud", "GPUCloud", "ModelHub", "ModelDeveloperAPI")
_SOFTWARE = ("Framework", "ServingEngine", "AcceleratorStack", "Library")
_DEVELOPER = "developer (sa:developedBy)"

#: collection → its filters, in the order the API documents them.
FILTERS: dict[str, tuple[Filter, ...]] = {
    "models": (
        _f("developer", _DEVELOPER, _out("developedBy"), "organizations", example="meta"),
        _f("family", "model family (sa:family)", _out("family"), "families", example="llama-3.1"),
        _f("license", "license (sa:license)", _out("license"), "licenses", example="apache-2.0"),
        _f(
            "license_kind",
            "license's kind (sa:license/sa:licenseKind)",
            _via("license", _attr("licenseKind")),
            concepts=_LICENSE_KINDS,
        ),
        _f("weights", "weights access (sa:weights)", _attr("weights"), concepts=_WEIGHTS),
        _f(
            "capability_class",
            "capability class (sa:capabilityClass)",
            _attr("capabilityClass"),
            concepts=_CAPABILITY,
        ),
        _f(
            "derived_from",
            "base model (sa:derivedFrom)",
            _out("derivedFrom"),
            "models",
            example="llama-3.1-8b",
        ),
        _f(
            "supported_on",
            "chip it can run on (an offering on it, or open weights and a software path to it)",
            _runs_on,
            "chips",
            example="h100",
        ),
        _f(
            "offered_on",
            "cloud with an offering of it (sa:Offering)",
            _offering_part("cloud"),
            "clouds",
            example="aws",
        ),
    ),
    "families": (
        _f("developer", _DEVELOPER, _out("developedBy"), "organizations", example="google"),
    ),
    "chips": (
        _f(
            "designer",
            "designer (sa:designedBy)",
            _out("designedBy"),
            "organizations",
            example="nvidia",
        ),
        _f(
            "cloud",
            "cloud renting it out (sa:offersChip)",
            _into("offersChip"),
            "clouds",
            example="aws",
        ),
        _f("chip_kind", "chip kind (sa:chipKind)", _attr("chipKind"), concepts=_CHIP_KINDS),
    ),
    "clouds": (
        _f(
            "operator",
            "operator (sa:operatedBy)",
            _out("operatedBy"),
            "organizations",
            example="amazon",
        ),
        _f(
            "offers_chip",
            "chip it rents out (sa:offersChip)",
            _out("offersChip"),
            "chips",
            example="h100",
        ),
        _f("cloud_kind", "cloud kind (sa:cloudKind)", _attr("cloudKind"), concepts=_CLOUD_KINDS),
    ),
    "services": (
        _f("cloud", "cloud it is part of (sa:partOf)", _out("partOf"), "clouds", example="aws"),
        _f(
            "operator",
            "operator (sa:operatedBy)",
            _out("operatedBy"),
            "organizations",
            example="amazon",
        ),
    ),
    "licenses": (
        _f(
            "license_kind",
            "license kind (sa:licenseKind)",
            _attr("licenseKind"),
            concepts=_LICENSE_KINDS,
        ),
    ),
    "software": (
        _f("kind", "software kind (its class)", _attr("kind"), concepts=_SOFTWARE),
        _f("targets", "target chip (sa:targets)", _out("targets"), "chips", example="h100"),
        _f("backend", "backend (sa:hasBackend)", _out("hasBackend"), "software", example="cuda"),
        _f("developer", _DEVELOPER, _out("developedBy"), "organizations", example="meta"),
    ),
    "offerings": (
        _f("model", "model (sa:model)", _out("model"), "models", example="llama-3.1-405b"),
        _f("cloud", "cloud (sa:cloud)", _out("cloud"), "clouds", example="aws"),
        _f("service", "service (sa:service)", _out("service"), "services", example="bedrock"),
        _f("chip", "chip (sa:chip)", _out("chip"), "chips", example="trainium2"),
    ),
    "organizations": (
        _f(
            "subsidiary_of",
            "parent (sa:subsidiaryOf)",
            _out("subsidiaryOf"),
            "organizations",
            example="alphabet",
        ),
    ),
    "standards": (),
    "acquisitions": (),
}

#: sort key → how to read it from a node (missing values sort last).
SORTS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "label": lambda d: str(d["label"]).casefold(),
    "slug": lambda d: d["slug"],
    "released": lambda d: d.get("released"),
    "parameters": lambda d: d.get("parameters"),
    "as_of": lambda d: d.get("asOf"),
}


@dataclass(frozen=True)
class Page:
    """One page of a collection: how many matched in all, and the entities of this page."""

    total: int
    items: tuple[Entity, ...]


def _check(catalog: Catalog, f: Filter, value: str) -> str:
    if f.concepts:
        if value not in f.concepts:
            raise InvalidParameterError(
                f"parameter {f.name!r}: {value!r} is not one of {', '.join(f.concepts)}"
            )
        return value
    assert f.target is not None
    found = catalog.entities.get(value)
    if found is None:
        hint = catalog.closest(value, f.target, limit=3)
        more = f"; did you mean {', '.join(hint)}?" if hint else ""
        raise InvalidParameterError(
            f"parameter {f.name!r}: no {KINDS[f.target].noun} with slug {value!r}{more}"
        )
    if f.target not in found.kinds:
        raise InvalidParameterError(
            f"parameter {f.name!r}: {value} is one of the {found.kind}, not of the {f.target}"
        )
    return ID_IRI + value


def list_members(
    catalog: Catalog,
    kind: str,
    filters: Mapping[str, str] | None = None,
    *,
    sort: str = "label",
    descending: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> Page:
    """Members of collection ``kind`` that pass every filter (ANDed), sorted, then paged."""
    known = {f.name: f for f in FILTERS[kind]}
    G = catalog.G
    slugs = set(catalog.by_kind.get(kind, []))
    for name, value in (filters or {}).items():
        f = known.get(name)
        if f is None:
            raise InvalidParameterError(f"parameter {name!r}: not a filter of {kind}")
        chosen = f.select(G, _check(catalog, f, value))
        slugs &= {G.nodes[n]["slug"] for n in chosen if n in G}
    if sort not in SORTS:
        raise InvalidParameterError(f"parameter 'sort': {sort!r} is not one of {', '.join(SORTS)}")
    read = SORTS[sort]
    nodes = [G.nodes[catalog.entities[s].iri] for s in slugs]
    present = sorted((n for n in nodes if read(n) is not None), key=lambda n: (read(n), n["slug"]))
    if descending:
        present.reverse()
    missing = sorted((n for n in nodes if read(n) is None), key=lambda n: n["slug"])
    ordered = present + missing
    chosen_page = ordered[offset : offset + limit]
    return Page(len(ordered), tuple(catalog.entities[n["slug"]] for n in chosen_page))
