"""Openness: OSI Open Source AI Definition 1.0 conformance and the Model Openness Framework class.

Both are decided only from curated facts (``docs/openness.md``): a component the knowledge base does
not record is ``unknown``, never guessed. OSAID needs data information, code and parameters, all
under terms granting the four freedoms; MOF classes are cumulative (III ⊂ II ⊂ I).

>>> from graph.examples import fixture_graph
>>> r = openness(fixture_graph(), ID_IRI + "big-model")
>>> r.osaid, r.mof_class, r.mof_ceiling
('does not conform', None, None)
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.analysis.compat import OBTAINABLE
from graph.analysis.evidence import Evidence, Ref, fact, ref
from graph.analysis.groups import index
from ontology.namespace import ID_IRI

__all__ = ["MOF_CLASSES", "Component", "OpennessReport", "openness"]

#: MOF v1 classes, lowest first, with their required components (lfai/model_openness_tool).
MOF_CLASSES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Class III - Open Model",
        (
            "model architecture",
            "model parameters (final)",
            "model card",
            "data card",
            "technical report",
            "evaluation results",
        ),
    ),
    (
        "Class II - Open Tooling",
        ("training code", "inference code", "evaluation code", "evaluation data"),
    ),
    (
        "Class I - Open Science",
        (
            "data preprocessing code",
            "model parameters (intermediate)",
            "datasets",
            "research paper",
        ),
    ),
)
#: statuses that rule a component out (MOF: "missing", "unlicensed"; OSAID adds "restricted").
FAILING = frozenset({"missing", "unlicensed", "restricted"})


@dataclass(frozen=True)
class Component:
    """One required component: ``open``/``included``, ``missing``, ``restricted``/``unlicensed`` or
    ``unknown`` (not curated), with the reason and the triples behind it."""

    name: str
    status: str
    reason: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class OpennessReport:
    """OSAID verdict (``conforms``, ``does not conform`` or ``unknown``) and MOF class.

    ``mof_class`` is the highest class proven reached; ``mof_ceiling`` the highest class not ruled
    out by a missing or unlicensed component (equal when nothing is unknown).
    """

    model: Ref
    osaid: str
    osaid_components: tuple[Component, ...]
    osaid_reasons: tuple[str, ...]
    mof_class: str | None
    mof_ceiling: str | None
    mof_components: tuple[tuple[str, tuple[Component, ...]], ...]
    mof_reasons: tuple[str, ...]


def _parameters(G: nx.MultiDiGraph, model: str, *, mof: bool) -> Component:
    idx = index(G)
    name = "model parameters (final)" if mof else "parameters"
    w = G.nodes[model].get("weights")
    if w is None:
        return Component(name, "unknown", "weights access not recorded", ())
    ev = [fact(G, model, "weights", w)]
    if w not in OBTAINABLE:
        return Component(name, "missing", "weights are not released", tuple(ev))
    lics = idx.out(model, "license")
    if not lics:
        return Component(name, "unknown", "no license recorded for the weights", tuple(ev))
    for lic in lics:
        ev += [fact(G, model, "license", lic)]
        if "osiApproved" in G.nodes[lic]:
            ev.append(fact(G, lic, "osiApproved", str(G.nodes[lic]["osiApproved"]).lower()))
    approved = [G.nodes[lic].get("osiApproved") for lic in lics]
    if all(a is True for a in approved):
        return Component(
            name,
            "included" if mof else "open",
            "weights released under OSI-approved terms",
            tuple(ev),
        )
    if any(a is False for a in approved):
        bad = ", ".join(
            G.nodes[lic]["label"] for lic, a in zip(lics, approved, strict=True) if a is False
        )
        status = "unlicensed" if mof else "restricted"
        return Component(
            name, status, f"weights under terms that are not OSI-approved ({bad})", tuple(ev)
        )
    return Component(
        name, "unknown", "OSI approval of the weights' license not recorded", tuple(ev)
    )


def _code(G: nx.MultiDiGraph, model: str, name: str) -> Component:
    code = G.nodes[model].get("trainingCode")
    if code is None:
        return Component(name, "unknown", "training code not curated", ())
    ev = (fact(G, model, "trainingCode", code),)
    if code == "CodeOpen":
        return Component(
            name, "included", "training code released under an open-source license", ev
        )
    return Component(name, "missing", "training code not released", ev)


def _data_information(G: nx.MultiDiGraph, model: str) -> Component:
    data = G.nodes[model].get("trainingData")
    name = "data information"
    if data is None:
        return Component(name, "unknown", "training data not curated", ())
    ev = (fact(G, model, "trainingData", data),)
    if data == "DataOpen":
        return Component(name, "open", "training data released", ev)
    if data == "DataDescribed":
        return Component(
            name,
            "unknown",
            "training data described; whether the description is "
            "complete enough to rebuild the system is not curated",
            ev,
        )
    return Component(name, "missing", "training data neither released nor described", ev)


def _unknown(name: str) -> Component:
    return Component(name, "unknown", "not curated in the knowledge base", ())


def openness(G: nx.MultiDiGraph, model: str) -> OpennessReport:
    """Where ``model`` (an IRI) stands under OSAID 1.0 and MOF v1, component by component."""
    code = _code(G, model, "code")
    osaid_parts = (
        _data_information(G, model),
        Component(
            "code", "open" if code.status == "included" else code.status, code.reason, code.evidence
        ),
        _parameters(G, model, mof=False),
    )
    failing = [c for c in osaid_parts if c.status in FAILING]
    unknown = [c for c in osaid_parts if c.status == "unknown"]
    verdict = "does not conform" if failing else "unknown" if unknown else "conforms"
    reasons = tuple(f"{c.name}: {c.reason}" for c in (failing or unknown or osaid_parts))

    data = G.nodes[model].get("trainingData")
    datasets = (
        Component(
            "datasets",
            "included",
            "training data released",
            (fact(G, model, "trainingData", data),),
        )
        if data == "DataOpen"
        else Component(
            "datasets",
            "missing",
            "training data not released",
            (fact(G, model, "trainingData", data),),
        )
        if data is not None
        else _unknown("datasets")
    )
    paper = G.nodes[model].get("paper")  # present only if the projection carries sa:paper
    known: dict[str, Component] = {
        "model parameters (final)": _parameters(G, model, mof=True),
        "training code": _code(G, model, "training code"),
        "datasets": datasets,
    }
    if paper:
        known["research paper"] = Component(
            "research paper", "included", "paper recorded", (fact(G, model, "paper", paper),)
        )
    if G.nodes[model].get("weights") == "ClosedWeights":
        known["model architecture"] = Component(
            "model architecture", "missing", "closed model: architecture code not released", ()
        )
    classes: list[tuple[str, tuple[Component, ...]]] = []
    reached: str | None = None
    ceiling: str | None = None
    mof_reasons: list[str] = []
    proven, possible = True, True
    for cls, required in MOF_CLASSES:
        comps = tuple(known.get(n) or _unknown(n) for n in required)
        classes.append((cls, comps))
        bad = [c for c in comps if c.status in FAILING]
        unsure = [c for c in comps if c.status == "unknown"]
        possible = possible and not bad
        proven = proven and possible and not unsure
        if possible:
            ceiling = cls
        if proven:
            reached = cls
        mof_reasons += [f"{cls}: {c.name} {c.status} ({c.reason})" for c in bad]
    if reached != ceiling:
        mof_reasons.append(
            f"{ceiling or 'no class'} not ruled out, but some required components are not curated"
        )
    return OpennessReport(
        model=ref(G, model),
        osaid=verdict,
        osaid_components=osaid_parts,
        osaid_reasons=reasons,
        mof_class=reached,
        mof_ceiling=ceiling,
        mof_components=tuple(classes),
        mof_reasons=tuple(mof_reasons),
    )


_ = ID_IRI
