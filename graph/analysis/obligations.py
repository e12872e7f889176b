"""License obligations inherited along ``sa:derivedFrom``: every ancestor's license terms accumulate.

A fine-tune, quantization, adapter or distillation carries its parents' terms; a merge carries
all of its parents' (domain research, Appendix A). Each term is reported with the license it
comes from and the ancestor whose license that is.

>>> from graph.examples import fixture_graph
>>> o = license_obligations(fixture_graph(), ID_IRI + "open-7b-tuned")
>>> [m.slug for m in o.lineage], sorted({t.term for t in o.duties})
(['open-7b-tuned', 'open-7b'], ['Attribution'])
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import networkx as nx

from graph.analysis.evidence import Evidence, Ref, fact, ref
from graph.analysis.groups import index
from ontology.namespace import ID_IRI

__all__ = ["Derivation", "Obligations", "Term", "Threshold", "license_obligations"]


@dataclass(frozen=True)
class Term:
    """One permission, duty or prohibition, the license it comes from and whose license that is."""

    term: str
    license: Ref
    model: Ref


@dataclass(frozen=True)
class Threshold:
    """A monthly-active-user ceiling above which the licensor's permission is needed."""

    max_monthly_active_users: int
    license: Ref


@dataclass(frozen=True)
class Derivation:
    """One ``sa:derivedFrom`` step of the lineage."""

    model: Ref
    parent: Ref
    kind: str | None


@dataclass(frozen=True)
class Obligations:
    """What the model's license and every ancestor's license permit, require and forbid."""

    model: Ref
    lineage: tuple[Ref, ...]
    derivations: tuple[Derivation, ...]
    licenses: tuple[Ref, ...]
    permissions: tuple[Term, ...]
    duties: tuple[Term, ...]
    prohibitions: tuple[Term, ...]
    conflicts: tuple[str, ...]
    user_thresholds: tuple[Threshold, ...]
    name_prefixes: tuple[tuple[str, Ref], ...]
    unlicensed: tuple[Ref, ...]
    evidence: tuple[Evidence, ...]


def license_obligations(G: nx.MultiDiGraph, model: str) -> Obligations:
    """Walk ``model``'s ancestors (breadth first, every parent of a merge) and accumulate terms."""
    idx = index(G)
    lineage = [model]
    derivations: list[Derivation] = []
    ev: list[Evidence] = []
    queue, seen = deque([model]), {model}
    while queue:
        m = queue.popleft()
        for parent in idx.out(m, "derivedFrom"):
            kind = G.nodes[m].get("derivation")
            derivations.append(Derivation(ref(G, m), ref(G, parent), kind))
            ev.append(fact(G, m, "derivedFrom", parent))
            if parent not in seen:
                seen.add(parent)
                lineage.append(parent)
                queue.append(parent)
    terms: dict[str, list[Term]] = {"permits": [], "requires": [], "prohibits": []}
    licenses: list[str] = []
    thresholds: list[Threshold] = []
    prefixes: list[tuple[str, Ref]] = []
    unlicensed: list[str] = []
    for m in lineage:
        lics = idx.out(m, "license")
        if not lics:
            unlicensed.append(m)
        for lic in lics:
            ev.append(fact(G, m, "license", lic))
            d = G.nodes[lic]
            for prop, bucket in terms.items():
                for t in d.get(prop, []):
                    bucket.append(Term(t, ref(G, lic), ref(G, m)))
                    ev.append(fact(G, lic, prop, t))
            if lic in licenses:
                continue
            licenses.append(lic)
            if "maxMonthlyActiveUsers" in d:
                thresholds.append(Threshold(d["maxMonthlyActiveUsers"], ref(G, lic)))
                ev.append(fact(G, lic, "maxMonthlyActiveUsers", d["maxMonthlyActiveUsers"]))
            if "namePrefix" in d:
                prefixes.append((d["namePrefix"], ref(G, lic)))
                ev.append(fact(G, lic, "namePrefix", d["namePrefix"]))
    permitted = {t.term for t in terms["permits"]}
    forbidden = {t.term for t in terms["prohibits"]}
    conflicts = tuple(
        f"{t} is permitted by one inherited license and prohibited by another: the prohibition binds"
        for t in sorted(permitted & forbidden)
    )
    return Obligations(
        model=ref(G, model),
        lineage=tuple(ref(G, m) for m in lineage),
        derivations=tuple(derivations),
        licenses=tuple(ref(G, lic) for lic in licenses),
        permissions=_dedupe(terms["permits"]),
        duties=_dedupe(terms["requires"]),
        prohibitions=_dedupe(terms["prohibits"]),
        conflicts=conflicts,
        user_thresholds=tuple(sorted(thresholds, key=lambda t: t.max_monthly_active_users)),
        name_prefixes=tuple(prefixes),
        unlicensed=tuple(ref(G, m) for m in unlicensed),
        evidence=tuple(dict.fromkeys(ev)),
    )


def _dedupe(terms: list[Term]) -> tuple[Term, ...]:
    """One row per (term, license): the nearest model in the lineage names it."""
    out: dict[tuple[str, str], Term] = {}
    for t in terms:
        out.setdefault((t.term, t.license.iri), t)
    return tuple(sorted(out.values(), key=lambda t: (t.term, t.license.slug)))


_ = ID_IRI
