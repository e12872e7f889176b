"""The analyses: pure functions over the networkx projection, each answer with its evidence.

Every function takes the projection ``G`` (``graph.projection.projection(store)``) first and IRIs
(``str``) for the things it asks about; options are keyword-only; results are frozen dataclasses
that name nodes by :class:`Ref` (iri, slug, label, kind) and carry :class:`Evidence` triples with
their ``dcterms:source`` documents. Turn a slug into an IRI with :func:`resolve` (raises
``NotFoundError`` with suggestions). Per-projection work (vendor groups, software → chip
reachability, offerings per model) is cached keyed by the projection object.

=============================  ===========================================================
question                       function → result
=============================  ===========================================================
where can M run?               ``where_can_run(G, m)`` → :class:`Deployments`
can M run on chip C?           ``can_run(G, m, c)`` → :class:`Compatibility`
what runs on chip/cloud X?     ``what_runs_on(G, x)`` → :class:`RunsOn`
how locked in is the stack?    ``lock_in(G, m, cloud=, chip=, software=)`` → :class:`LockInReport`
exits avoiding groups?         ``exit_paths(G, m, avoid=[slugs], cloud=, chip=, software=)``
                               → tuple of :class:`ExitPath`
what if group V vanished?      ``what_if(G, remove=[slugs])`` → :class:`WhatIfReport`
license obligations of M?      ``license_obligations(G, m)`` → :class:`Obligations`
is M open?                     ``openness(G, m)`` → :class:`OpennessReport`
=============================  ===========================================================

>>> from graph.examples import fixture_graph
>>> G = fixture_graph()
>>> model = resolve(G, "open-7b", ["Model"], what="model")
>>> can_run(G, model, resolve(G, "gpu-1", ["Chip"], what="chip")).runs
True
>>> lock_in(G, model).level
'moderate'
"""

from graph.analysis.compat import (
    Compatibility,
    Deployment,
    Deployments,
    ModelOn,
    RunsOn,
    can_run,
    deployments,
    what_runs_on,
    where_can_run,
)
from graph.analysis.evidence import Evidence, Ref
from graph.analysis.exits import ExitPath, exit_paths
from graph.analysis.groups import avoid_groups, index, resolve
from graph.analysis.lockin import WEIGHTS, Factor, LockInReport, Stack, lock_in
from graph.analysis.obligations import Derivation, Obligations, Term, Threshold, license_obligations
from graph.analysis.openness import Component, OpennessReport, openness
from graph.analysis.whatif import ModelImpact, WhatIfReport, what_if

__all__ = [
    "WEIGHTS",
    "Compatibility",
    "Component",
    "Deployment",
    "Deployments",
    "Derivation",
    "Evidence",
    "ExitPath",
    "Factor",
    "LockInReport",
    "ModelImpact",
    "ModelOn",
    "Obligations",
    "OpennessReport",
    "Ref",
    "RunsOn",
    "Stack",
    "Term",
    "Threshold",
    "WhatIfReport",
    "avoid_groups",
    "can_run",
    "deployments",
    "exit_paths",
    "index",
    "license_obligations",
    "lock_in",
    "openness",
    "resolve",
    "what_if",
    "what_runs_on",
    "where_can_run",
]
