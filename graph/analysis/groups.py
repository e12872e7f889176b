"""Vendor groups and the per-projection index every analysis shares.

A *vendor group* is an organization with everything transitively ``sa:subsidiaryOf`` it; it is
named by its top organization. The group of a model, software, chip, cloud or service is the group
of who develops, designs or operates it (a node may belong to several: PyTorch is Meta's and the
Linux Foundation's).

>>> from graph.examples import fixture_graph
>>> G = fixture_graph()
>>> idx = index(G)
>>> sorted(slug(g) for g in idx.groups_of(ID_IRI + "big-model"))
['bigco']
>>> slug(idx.org_group[ID_IRI + "bigco-labs"])
'bigco'
>>> sorted(slug(c) for c in idx.reach[ID_IRI + "runner"])
['bigchip', 'gpu-1']
"""

from __future__ import annotations

import difflib
import threading
import weakref
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from graph.exceptions import NotFoundError
from ontology.namespace import ID_IRI

__all__ = [
    "CONTROL",
    "SOFTWARE_KINDS",
    "Index",
    "avoid_groups",
    "index",
    "resolve",
    "slug",
]

#: The edges that say which organization controls a node.
CONTROL = ("developedBy", "designedBy", "operatedBy")
SOFTWARE_KINDS = frozenset(
    {"Software", "Framework", "ServingEngine", "Library", "AcceleratorStack"}
)
#: Kinds a caller may name with one word.
KIND_ALIASES: dict[str, frozenset[str]] = {"Software": SOFTWARE_KINDS}


def slug(iri: str) -> str:
    """The slug of an ``id:`` IRI."""
    return iri[len(ID_IRI) :] if iri.startswith(ID_IRI) else iri


@dataclass
class Offer:
    """One current (not retired) offering, flattened."""

    iri: str
    model: str
    cloud: str
    service: str | None
    chip: str | None


@dataclass
class Index:
    """Everything the analyses precompute once per projection (built by :func:`index`)."""

    G: nx.MultiDiGraph
    org_group: dict[str, str] = field(default_factory=dict)
    members: dict[str, frozenset[str]] = field(default_factory=dict)
    node_groups: dict[str, frozenset[str]] = field(default_factory=dict)
    #: software → chip → the shortest software path (software … accelerator stack) reaching it
    reach: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    offers_by_model: dict[str, list[Offer]] = field(default_factory=lambda: defaultdict(list))
    offers_by_chip: dict[str, list[Offer]] = field(default_factory=lambda: defaultdict(list))
    offers_by_cloud: dict[str, list[Offer]] = field(default_factory=lambda: defaultdict(list))
    #: chip → the software from which it is reachable (the inverse of ``reach``)
    software_reaching: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cloud_chips: dict[str, frozenset[str]] = field(default_factory=dict)
    chip_clouds: dict[str, frozenset[str]] = field(default_factory=dict)
    by_kind: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    kind_sets: dict[str, frozenset[str]] = field(default_factory=dict)
    #: property → subject → sorted objects, and property → object → sorted subjects
    adj: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    radj: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    cache: dict[object, object] = field(default_factory=dict)

    def is_a(self, node: str, kind: str) -> bool:
        """Whether ``node`` is of ``kind`` (``"Software"`` covers its subclasses)."""
        return node in self.kind_sets.get(kind, frozenset())

    def groups_of(self, node: str) -> frozenset[str]:
        """The vendor groups (top organizations) that control ``node``."""
        return self.node_groups.get(node, frozenset())

    def out(self, node: str, prop: str) -> tuple[str, ...]:
        """The objects of ``node``'s ``prop`` edges, sorted."""
        return self.adj.get(prop, {}).get(node, ())

    def into(self, node: str, prop: str) -> tuple[str, ...]:
        """The subjects of ``prop`` edges into ``node``, sorted."""
        return self.radj.get(prop, {}).get(node, ())

    def reach_avoiding(self, software: str, avoid: frozenset[str]) -> dict[str, tuple[str, ...]]:
        """Like ``reach[software]``, through software of no group in ``avoid`` (cached)."""
        if not avoid:
            return self.reach.get(software, {})
        key = ("reach", software, avoid)
        hit = self.cache.get(key)
        if hit is None:
            allowed = self.cache.get(("allowed", avoid))
            if allowed is None:
                allowed = frozenset(
                    s for s in self.by_kind["Software"] if not self.groups_of(s) & avoid
                )
                self.cache[("allowed", avoid)] = allowed
            hit = software_reach(self.G, software, allowed=allowed)  # type: ignore[arg-type]
            self.cache[key] = hit
        return hit  # type: ignore[return-value]


_indexes: weakref.WeakKeyDictionary[nx.MultiDiGraph, Index] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def index(G: nx.MultiDiGraph) -> Index:
    """The shared index of ``G``, built on first use and kept as long as ``G`` lives."""
    with _lock:
        idx = _indexes.get(G)
        if idx is None:
            idx = _build(G)
            _indexes[G] = idx
        return idx


def _build(G: nx.MultiDiGraph) -> Index:
    idx = Index(G)
    adj: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    radj: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for s, o, k in G.edges(keys=True):
        adj[k][s].append(o)
        radj[k][o].append(s)
    idx.adj = {k: {n: tuple(sorted(v)) for n, v in d.items()} for k, d in adj.items()}
    idx.radj = {k: {n: tuple(sorted(v)) for n, v in d.items()} for k, d in radj.items()}
    for n, d in G.nodes(data=True):
        idx.by_kind[d["kind"]].append(n)
        if d["kind"] in SOFTWARE_KINDS:
            idx.by_kind["Software"].append(n)
    # A node typed both sa:Model and sa:ModelFamily gets one kind in the projection, whichever
    # came last; model facts (weights, a family, offerings) say it is a model too.
    for n in idx.by_kind.get("ModelFamily", []):
        d = G.nodes[n]
        if (
            "weights" in d
            or any(k in ("family", "license") for _, _, k in G.out_edges(n, keys=True))
            or any(k == "model" for _, _, k in G.in_edges(n, keys=True))
        ):
            idx.by_kind["Model"].append(n)
    for kind in idx.by_kind:
        idx.by_kind[kind] = sorted(set(idx.by_kind[kind]))
    idx.kind_sets = {k: frozenset(v) for k, v in idx.by_kind.items()}
    for org in idx.by_kind["Organization"]:
        idx.org_group[org] = _top(G, org)
    members: dict[str, set[str]] = defaultdict(set)
    for org, top in idx.org_group.items():
        members[top].add(org)
    idx.members = {top: frozenset(m) for top, m in members.items()}
    for org, top in idx.org_group.items():
        idx.node_groups[org] = frozenset({top})
    for s, o, k in G.edges(keys=True):
        if k in CONTROL and o in idx.org_group:
            idx.node_groups[s] = idx.node_groups.get(s, frozenset()) | {idx.org_group[o]}
    cloud_chips: dict[str, set[str]] = defaultdict(set)
    chip_clouds: dict[str, set[str]] = defaultdict(set)
    for s, o, k in G.edges(keys=True):
        if k == "offersChip":
            cloud_chips[s].add(o)
            chip_clouds[o].add(s)
    idx.cloud_chips = {c: frozenset(v) for c, v in cloud_chips.items()}
    idx.chip_clouds = {c: frozenset(v) for c, v in chip_clouds.items()}
    for off in idx.by_kind["Offering"]:
        if "retired" in G.nodes[off]:  # a retired offering is history, not a deployment
            continue
        parts = {k: o for _, o, k in G.out_edges(off, keys=True)}
        if "model" in parts and "cloud" in parts:
            offer = Offer(
                off, parts["model"], parts["cloud"], parts.get("service"), parts.get("chip")
            )
            idx.offers_by_model[offer.model].append(offer)
            idx.offers_by_cloud[offer.cloud].append(offer)
            if offer.chip is not None:
                idx.offers_by_chip[offer.chip].append(offer)
    reaching: dict[str, set[str]] = defaultdict(set)
    for sw in idx.by_kind["Software"]:
        idx.reach[sw] = software_reach(G, sw)
        for chip in idx.reach[sw]:
            reaching[chip].add(sw)
    idx.software_reaching = {c: tuple(sorted(v)) for c, v in reaching.items()}
    return idx


def _top(G: nx.MultiDiGraph, org: str) -> str:
    seen = {org}
    node = org
    while True:
        parents = sorted(o for _, o, k in G.out_edges(node, keys=True) if k == "subsidiaryOf")
        if not parents or parents[0] in seen:  # a cycle in the data must not hang us
            return node
        node = parents[0]
        seen.add(node)


def software_reach(
    G: nx.MultiDiGraph, start: str, *, allowed: frozenset[str] | None = None
) -> dict[str, tuple[str, ...]]:
    """Chips reachable from ``start`` by ``sa:hasBackend*/sa:targets``, each with its shortest path.

    ``allowed`` (when given) limits the software the path may pass through.
    """
    paths: dict[str, tuple[str, ...]] = {}
    if allowed is not None and start not in allowed:
        return paths
    queue: deque[tuple[str, ...]] = deque([(start,)])
    seen = {start}
    while queue:
        path = queue.popleft()
        here = path[-1]
        for _, o, k in sorted(G.out_edges(here, keys=True), key=lambda e: (e[2], e[1])):
            if k == "targets" and o not in paths:
                paths[o] = path
            elif k == "hasBackend" and o not in seen and (allowed is None or o in allowed):
                seen.add(o)
                queue.append((*path, o))
    return paths


def resolve(G: nx.MultiDiGraph, name: str, kinds: Iterable[str], *, what: str) -> str:
    """The IRI of the node with slug ``name`` whose kind is one of ``kinds``.

    Raises :class:`NotFoundError` with the closest slugs of those kinds as suggestions.

    >>> from graph.examples import fixture_graph
    >>> resolve(fixture_graph(), "gpu-1", ["Chip"], what="chip")
    'https://w3id.org/stackatlas/id/gpu-1'
    >>> resolve(fixture_graph(), "gpu1", ["Chip"], what="chip")
    Traceback (most recent call last):
    ...
    graph.exceptions.NotFoundError: no chip with slug 'gpu1'; did you mean gpu-1?
    """
    wanted: set[str] = set()
    for k in kinds:
        wanted |= KIND_ALIASES.get(k, frozenset({k}))
    iri = ID_IRI + name
    idx = index(G)
    if any(idx.is_a(iri, k) for k in wanted):
        return iri
    candidates = sorted({slug(n) for k in wanted for n in idx.by_kind.get(k, [])})
    close = difflib.get_close_matches(name, candidates, n=5, cutoff=0.6)
    raise NotFoundError(what, name, close)


def avoid_groups(G: nx.MultiDiGraph, organizations: Iterable[str]) -> frozenset[str]:
    """The vendor groups to avoid, from organization slugs (each names its whole group).

    >>> from graph.examples import fixture_graph
    >>> sorted(slug(g) for g in avoid_groups(fixture_graph(), ["bigco-labs"]))
    ['bigco']
    """
    idx = index(G)
    out = set()
    for name in organizations:
        iri = resolve(G, name, ["Organization"], what="organization")
        out.add(idx.org_group[iri])
    return frozenset(out)
