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
>>> view = open_snapshot(snap)
>>> [r["o"].value for r in view.query("SELECT ?o { ?s ?p ?o }")]
['o']
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.store import OxigraphStore

__all__ = ["Snapshot", "discard_snapshots", "open_snapshot", "take_snapshot"]

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
        return Snapshot(store.version, dump=store.dump())
    target = store.path / SNAPSHOT_DIR / f"v{store.version}-{uuid.uuid4().hex[:8]}"
    target.mkdir(parents=True)
    store.checkpoint(target / "oxigraph")
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


def open_snapshot(snapshot: Snapshot) -> OxigraphStore:
    """The read-only store a worker queries: a checkpoint opened read-only, or a dump in memory.

    Queries see the union of the named graphs as their default graph unless they name a dataset,
    exactly like the live store.
    """
    if snapshot.path is not None:
        engine = ox.Store.read_only(str(Path(snapshot.path) / "oxigraph"))
    else:
        engine = ox.Store()
        if snapshot.dump:
            engine.bulk_load(snapshot.dump, format=ox.RdfFormat.N_QUADS)
    return OxigraphStore.over(engine, version=snapshot.version)
