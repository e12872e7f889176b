"""Immutable snapshots of the store for the query workers, and the store view a worker queries.

pyoxigraph forbids opening a store read-only while another process writes it, so workers never
open the live store. After each commit the service publishes a :class:`Snapshot`: an Oxigraph
checkpoint directory (``Store.backup``, hard links, cheap) for an on-disk store, or the dataset as
N-Quads bytes for an in-memory one. A worker whose snapshot is older than the current one reloads
before it answers, so a query sent after an acknowledged update sees that update.

>>> from graph.store import OxigraphStore
>>> import pyoxigraph as ox
>>> live = OxigraphStore()
>>> t = ox.Triple(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"))
>>> live.replace_graphs({"http://e/g": [t]})
>>> snap = take_snapshot(live)
>>> (snap.version, snap.path is None)
(1, True)
>>> view = SnapshotStore.open(snap)
>>> [r["o"].value for r in view.query("SELECT ?o { ?s ?p ?o }")]
['o']
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.exceptions import QueryEvaluationError, QuerySyntaxError, StoreError
from graph.store import OxigraphStore, QueryResult, Substitutions

__all__ = ["Snapshot", "SnapshotStore", "discard_snapshots", "take_snapshot"]

SNAPSHOT_DIR = "snapshots"


@dataclass(frozen=True)
class Snapshot:
    """One published state of the store: a checkpoint directory, or an N-Quads dump."""

    version: int
    path: str | None = None
    dump: bytes | None = None


def take_snapshot(store: OxigraphStore) -> Snapshot:
    """Checkpoint ``store`` as it is now (call it right after a commit, under the write lock)."""
    if store.path is None:
        quads = (
            ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g))
            for g in store.graph_names()
            for t in store.triples(g)
        )
        dump = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        return Snapshot(store.version, dump=dump or b"")
    target = store.path / SNAPSHOT_DIR / f"v{store.version}-{uuid.uuid4().hex[:8]}"
    target.mkdir(parents=True)
    try:
        # OxigraphStore has no public checkpoint method; Store.backup is the documented way to
        # get an immutable copy (hard links to the live SST files, so it is cheap).
        store._store.backup(str(target / "oxigraph"))
    except OSError as e:
        raise StoreError(f"cannot checkpoint the store into {target}: {e}") from e
    (target / "meta.json").write_text(json.dumps({"version": store.version}), encoding="utf-8")
    return Snapshot(store.version, path=str(target))


def discard_snapshots(store: OxigraphStore, *, keep: Iterable[Snapshot]) -> None:
    """Delete the checkpoint directories of ``store`` except those in ``keep`` (still in use)."""
    if store.path is None:
        return
    kept = {Path(s.path).name for s in keep if s.path is not None}
    root = store.path / SNAPSHOT_DIR
    for child in root.iterdir() if root.is_dir() else []:
        if child.name not in kept:
            shutil.rmtree(child, ignore_errors=True)


class SnapshotStore:
    """A read-only :class:`graph.store.Store` over one snapshot, as a worker process sees it.

    Queries see the union of the named graphs as their default graph unless they name a dataset,
    exactly like :meth:`graph.store.OxigraphStore.query`.
    """

    def __init__(self, store: ox.Store, version: int) -> None:
        self._store = store
        self._version = version
        self.custom_functions: dict[ox.NamedNode, Any] = {}

    @classmethod
    def open(cls, snapshot: Snapshot) -> SnapshotStore:
        """Open a checkpoint read-only, or load a dump into memory."""
        if snapshot.path is not None:
            return cls(ox.Store.read_only(str(Path(snapshot.path) / "oxigraph")), snapshot.version)
        store = ox.Store()
        if snapshot.dump:
            store.bulk_load(snapshot.dump, format=ox.RdfFormat.N_QUADS)
        return cls(store, snapshot.version)

    @property
    def version(self) -> int:
        return self._version

    def query(
        self,
        sparql: str,
        *,
        substitutions: Substitutions | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
    ) -> QueryResult:
        subs: dict[ox.Variable, Any] = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
        try:
            return self._store.query(
                sparql,
                base_iri=base_iri,
                substitutions=subs or None,
                use_default_graph_as_union=default_graph is None,
                default_graph=[_graph(g) for g in default_graph]
                if default_graph is not None
                else None,
                named_graphs=[ox.NamedNode(g) for g in named_graphs]
                if named_graphs is not None
                else None,
                custom_functions=self.custom_functions or None,
            )
        except SyntaxError as e:
            raise QuerySyntaxError(str(e)) from e
        except (OSError, ValueError) as e:
            raise QueryEvaluationError(str(e)) from e

    def replace_graphs(self, graphs: Mapping[str, Iterable[ox.Triple]]) -> None:
        raise StoreError("a snapshot is read-only; updates go through the service")

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def triples(self, graph: str) -> list[ox.Triple]:
        """The triples of one named graph."""
        quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]

    def __len__(self) -> int:
        return len(self._store)


def _graph(name: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if name == "" else ox.NamedNode(name)
