"""SPARQL 1.1 Update, validated against the shapes before anything is committed.

The update runs first on a scratch copy of the data; the graphs it changed are validated together
with the untouched ones, exactly as a file load is (:func:`graph.load.load_files`), and only then
written to the store in one transaction (:meth:`graph.store.OxigraphStore.replace_graphs`). Bad
data is refused whole, with the report.

Every fact lives in a named graph (queries read their union). An update's default graph is the
graph :data:`UPDATES_GRAPH`: ``INSERT DATA { … }`` without ``GRAPH`` lands there, and a ``WHERE``
without ``GRAPH`` reads only it (use ``GRAPH ?g { … }`` to read the whole knowledge base).

>>> from graph.store import OxigraphStore, ask
>>> store = OxigraphStore()
>>> report = apply_update(store, 'INSERT DATA { <http://e/s> <http://e/p> "o" }')
>>> (report.graphs, report.added, report.removed, report.version)
(('https://w3id.org/stackatlas/graph/updates',), 1, 0, 1)
>>> ask(store, 'ASK { <http://e/s> <http://e/p> "o" }')
True
>>> apply_update(store, 'INSERT DATA { <http://e/s> a <https://w3id.org/stackatlas/ns#Chip> }')
Traceback (most recent call last):
...
graph.exceptions.ValidationError: ...
>>> ask(store, 'ASK { <http://e/s> a ?type }')
False
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from graph.exceptions import (
    InvalidParameterError,
    QueryEvaluationError,
    QuerySyntaxError,
    ValidationError,
)
from graph.store import OxigraphStore
from graph.terms import to_rdflib
from graph.validate import validate
from ontology.namespace import GRAPH

__all__ = ["UPDATES_GRAPH", "UpdateReport", "apply_update"]

UPDATES_GRAPH = str(GRAPH["updates"])
_ONTOLOGY_GRAPH = str(GRAPH["ontology"])


@dataclass(frozen=True)
class UpdateReport:
    """What an update changed: the graphs it rewrote, triples added and removed, the new version."""

    graphs: tuple[str, ...]
    added: int
    removed: int
    version: int


def apply_update(store: OxigraphStore, update: str, *, base_iri: str | None = None) -> UpdateReport:
    """Run ``update`` on a copy, validate the result, and commit the changed graphs in one go.

    Raises QuerySyntaxError (does not parse), QueryEvaluationError (cannot run),
    InvalidParameterError (touches the ontology graph) or ValidationError (breaks the shapes);
    in every case nothing is written. The caller serialises updates (one writer at a time).
    """
    before = {name: set(store.triples(name)) for name in store.graph_names()}
    scratch = ox.Store()
    scratch.extend(
        ox.Quad(t.subject, t.predicate, t.object, _scratch_graph(name))
        for name, triples in before.items()
        for t in triples
    )
    try:
        scratch.update(update, base_iri=base_iri)
    except SyntaxError as e:
        raise QuerySyntaxError(str(e)) from e
    except (OSError, ValueError) as e:
        raise QueryEvaluationError(str(e)) from e

    after: dict[str, set[ox.Triple]] = {}
    for q in scratch:
        name = UPDATES_GRAPH if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        if isinstance(q.graph_name, ox.BlankNode):
            raise InvalidParameterError("graphs must be named by IRIs, not blank nodes")
        after.setdefault(name, set()).add(ox.Triple(q.subject, q.predicate, q.object))
    changed = {
        name: after.get(name, set())
        for name in before.keys() | after.keys()
        if before.get(name, set()) != after.get(name, set())
    }
    if _ONTOLOGY_GRAPH in changed:
        raise InvalidParameterError(
            f"the ontology graph <{_ONTOLOGY_GRAPH}> is read-only; it is loaded from the vocabulary"
        )
    if not changed:
        return UpdateReport((), 0, 0, store.version)

    data, origin = _data_graph(after)
    violations = validate(data, origin=origin)
    if violations:
        raise ValidationError(violations)
    store.replace_graphs({name: sorted(ts, key=str) for name, ts in changed.items()})
    added = sum(len(ts - before.get(name, set())) for name, ts in changed.items())
    removed = sum(len(before.get(name, set()) - ts) for name, ts in changed.items())
    return UpdateReport(tuple(sorted(changed)), added, removed, store.version)


def _scratch_graph(name: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if name == UPDATES_GRAPH else ox.NamedNode(name)


def _data_graph(graphs: dict[str, set[ox.Triple]]) -> tuple[Graph, Callable[[Node], str]]:
    """Everything but the ontology as one rdflib graph, and where each subject comes from."""
    data = Graph()
    origin: dict[Node, str] = {}
    for name, triples in graphs.items():
        if name == _ONTOLOGY_GRAPH:
            continue
        for t in triples:
            s = to_rdflib(t.subject)
            data.add((s, to_rdflib(t.predicate), to_rdflib(t.object)))
            origin.setdefault(s, f"<graph {name}>")
    return data, lambda node: origin.get(node, "<update>")
