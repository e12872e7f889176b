"""Exit paths: alternative stacks that touch no avoided vendor group, cheapest migration first.

Ranks (domain research §5.3): 1 the same model from another provider or on other hardware;
2 another model of the same family; 3 another model of the same capability class (re-evaluation
needed). Within a rank, fewer changed layers first. No alternative touches an avoided group at any
layer: model developer, cloud and service operator, chip designer, software on the path.

>>> from graph.examples import fixture_graph
>>> G = fixture_graph()
>>> paths = exit_paths(G, ID_IRI + "open-7b", cloud=ID_IRI + "bigcloud", avoid=["bigco"])
>>> [(p.rank, p.deployment.cloud.slug, p.changes) for p in paths][:1]
[(1, 'gpucloud', ('cloud',))]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from graph.analysis.compat import Deployment, _deployment, _raw
from graph.analysis.evidence import Evidence, Ref, fact, ref
from graph.analysis.groups import avoid_groups, index
from ontology.namespace import ID_IRI

__all__ = ["RANKS", "ExitPath", "exit_paths"]

RANKS = {1: "same model elsewhere", 2: "same family", 3: "comparable capability"}


@dataclass(frozen=True)
class ExitPath:
    """One alternative stack, the layers it changes, and why it qualifies."""

    rank: int
    kind: str
    deployment: Deployment
    changes: tuple[str, ...]
    avoided: tuple[Ref, ...]
    evidence: tuple[Evidence, ...]


def exit_paths(
    G: nx.MultiDiGraph,
    model: str,
    *,
    avoid: Sequence[str],
    cloud: str | None = None,
    chip: str | None = None,
    software: str | None = None,
    limit: int = 50,
) -> tuple[ExitPath, ...]:
    """Alternatives to the stack (IRIs) that avoid the groups of the ``avoid`` organization slugs."""
    idx = index(G)
    groups = avoid_groups(G, avoid)
    family = set(idx.out(model, "family"))
    cls = G.nodes[model].get("capabilityClass")
    candidates: list[tuple[int, str]] = [(1, model)]
    for other in idx.by_kind["Model"]:
        if other == model:
            continue
        if family & set(idx.out(other, "family")):
            candidates.append((2, other))
        elif cls is not None and G.nodes[other].get("capabilityClass") == cls:
            candidates.append((3, other))
    candidates.sort(key=lambda c: c[0])
    found: list[tuple[tuple[int, int, bool, str, str, str, str], int, str, Row, Changes]] = []
    for rank, m in candidates:
        if len(found) >= limit and found[-1][0][0] < rank:
            break  # cheaper ranks already fill the answer (candidates come rank by rank)
        label = G.nodes[m]["label"]
        for row in _raw(idx, m, groups):
            r_cloud, r_chip, off, _service, path = row
            changes = tuple(
                layer
                for layer, old, new in (
                    ("model", model, m),
                    ("cloud", cloud, r_cloud),
                    ("chip", chip, r_chip),
                    ("software", software, software if software in path else None),
                )
                if old is not None and old != new
            )
            if rank == 1 and not changes:
                continue  # that is the stack itself
            key = (rank, len(changes), off is None, label, r_cloud, r_chip or "", off or "")
            found.append((key, rank, m, row, changes))
    found.sort(key=lambda f: f[0])
    avoided = tuple(ref(G, g) for g in sorted(groups))
    out: list[ExitPath] = []
    for _key, rank, m, row, changes in found[:limit]:  # build answers for the kept rows only
        dep = _deployment(G, m, row)
        ev: list[Evidence] = []
        if rank == 2:
            ev += [fact(G, m, "family", f) for f in sorted(family & set(idx.out(m, "family")))]
        elif rank == 3:
            ev.append(fact(G, m, "capabilityClass", cls))
        ev += list(dep.evidence)
        out.append(ExitPath(rank, RANKS[rank], dep, changes, avoided, tuple(ev)))
    return tuple(out)


Row = tuple[str, str | None, str | None, str | None, tuple[str, ...]]
Changes = tuple[str, ...]


_ = ID_IRI
