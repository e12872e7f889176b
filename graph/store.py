"""The store: one small interface, and its embedded Oxigraph implementation.

Facts live in named graphs (one per knowledge-base file, plus the ontology); queries see their union
as the default graph unless they name a dataset. Writes replace whole graphs in one transaction.

>>> from ontology.namespace import GRAPH, ID
>>> from rdflib.namespace import RDFS
>>> store = OxigraphStore()                       # in memory, for tests and examples
>>> g = GRAPH["example"]
>>> t = ox.Triple(ox.NamedNode(ID["h100"]), ox.NamedNode(RDFS.label), ox.Literal("H100"))
>>> store.replace_graphs({g: [t]})
>>> [row["l"].value for row in store.query("SELECT ?l WHERE { ?s ?p ?l }")]
['H100']
>>> store.version
1
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import pyoxigraph as ox

from graph.exceptions import QueryEvaluationError, QuerySyntaxError, StoreError

__all__ = ["OxigraphStore", "QueryResult", "Store", "Substitutions", "ask", "select"]

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
Substitutions = Mapping[str, ox.NamedNode | ox.BlankNode | ox.Literal]


@runtime_checkable
class Store(Protocol):
    """What the rest of the project needs from a store; a remote SPARQL store can implement it too."""

    @property
    def version(self) -> int:
        """A number that changes with every committed write (cache keys, projections)."""
        ...

    def query(
        self,
        sparql: str,
        *,
        substitutions: Substitutions | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
    ) -> QueryResult:
        """Evaluate a SPARQL query; variables in ``substitutions`` are bound, never pasted into text."""
        ...

    def replace_graphs(self, graphs: Mapping[str, Iterable[ox.Triple]]) -> None:
        """Replace each named graph by the given triples, all in one transaction."""
        ...

    def graph_names(self) -> list[str]:
        """The named graphs in the store."""
        ...

    def __len__(self) -> int:
        """The number of quads."""
        ...


class OxigraphStore:
    """Oxigraph embedded: on disk (RocksDB, ACID) when given a directory, in memory otherwise.

    The directory holds ``oxigraph/`` (the database) and ``meta.json`` (the write version).
    ``read_only=True`` opens it without ever writing (a checkpoint, in a reader process).
    :meth:`over` wraps an engine that is already open, such as a worker's in-memory snapshot.
    ``custom_functions`` (SPARQL extension functions) are offered to every query.
    """

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.custom_functions: dict[ox.NamedNode, Any] = {}
        self._lock = threading.Lock()
        self._version = 0
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path / "oxigraph"))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path / "oxigraph"))
        except OSError as e:
            raise StoreError(f"cannot open the store at {path}: {e}") from e
        if path is not None:
            self._version = int(str(self._read_meta().get("version", 0)))

    @classmethod
    def over(cls, engine: ox.Store, *, version: int) -> OxigraphStore:
        """A read-only store over an open pyoxigraph engine, at a known version.

        >>> OxigraphStore.over(ox.Store(), version=7).version
        7
        """
        store = cls(read_only=True)
        store._store = engine
        store._version = version
        return store

    # -- reading ---------------------------------------------------------------------------

    @property
    def version(self) -> int:
        return self._version

    @property
    def meta(self) -> dict[str, object]:
        """What the store records about itself (version, what it was built from)."""
        return self._read_meta() if self.path else {"version": self._version}

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
                custom_functions=self.custom_functions or None,
                substitutions=subs or None,
                use_default_graph_as_union=default_graph is None,
                default_graph=[_graph_term(g) for g in default_graph]
                if default_graph is not None
                else None,
                named_graphs=[ox.NamedNode(g) for g in named_graphs]
                if named_graphs is not None
                else None,
            )
        except SyntaxError as e:
            raise QuerySyntaxError(str(e)) from e
        except (OSError, ValueError) as e:
            raise QueryEvaluationError(str(e)) from e

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def triples(self, graph: str) -> list[ox.Triple]:
        """The triples of one named graph."""
        quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]

    def __len__(self) -> int:
        return len(self._store)

    def dump(self) -> bytes:
        """Every quad of the store as N-Quads (a snapshot for an in-memory store)."""
        return ox.serialize(self._store, format=ox.RdfFormat.N_QUADS) or b""

    def checkpoint(self, target: Path) -> None:
        """An immutable copy of the on-disk database in ``target`` (hard links: cheap).

        Readers in other processes open checkpoints, never the live database, since pyoxigraph
        leaves reading a store that another process writes undefined.
        """
        if self.path is None:
            raise StoreError("only an on-disk store can be checkpointed; dump() an in-memory one")
        try:
            self._store.backup(str(target))
        except OSError as e:
            raise StoreError(f"cannot checkpoint the store into {target}: {e}") from e

    # -- writing ---------------------------------------------------------------------------

    def replace_graphs(self, graphs: Mapping[str, Iterable[ox.Triple]]) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only")
        # One SPARQL update is one Oxigraph transaction: readers see all of it or none of it.
        # The text is produced by Oxigraph's own N-Triples writer from parsed terms, so no caller
        # string is ever spliced into SPARQL.
        parts: list[str] = []
        for name, triples in graphs.items():
            g = ox.NamedNode(name)
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            parts.append(f"DROP SILENT GRAPH {g}")
            if body:
                parts.append(f"INSERT DATA {{ GRAPH {g} {{\n{body.decode('utf-8')}\n}} }}")
        if not parts:
            return
        with self._lock:
            try:
                self._store.update(" ;\n".join(parts))
                self._store.flush()
            except OSError as e:
                raise StoreError(f"the write failed and was rolled back: {e}") from e
            self._version += 1
            if self.path is not None:
                self._write_meta(version=self._version)

    def record(self, **facts: object) -> None:
        """Remember facts about the store (e.g. which bundle built it) in its metadata."""
        if self.path is not None and not self.read_only:
            self._write_meta(**facts)

    def close(self) -> None:
        """Release the database (RocksDB keeps a lock on the directory while open)."""
        del self._store

    # -- metadata --------------------------------------------------------------------------

    def _read_meta(self) -> dict[str, object]:
        assert self.path is not None
        try:
            return dict(json.loads((self.path / "meta.json").read_text(encoding="utf-8")))
        except FileNotFoundError:
            return {}

    def _write_meta(self, **facts: object) -> None:
        assert self.path is not None
        meta = self._read_meta() | facts
        tmp = self.path / "meta.json.tmp"
        tmp.write_text(json.dumps(meta, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path / "meta.json")


def select(store: Store, sparql: str, **options: Any) -> ox.QuerySolutions:
    """Run a SELECT query; a query of another form is a programming error.

    >>> [row["x"].value for row in select(OxigraphStore(), "SELECT ?x { VALUES ?x { 1 } }")]
    ['1']
    """
    result = store.query(sparql, **options)
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError("select() needs a SELECT query")
    return result


def ask(store: Store, sparql: str, **options: Any) -> bool:
    """Run an ASK query.

    >>> ask(OxigraphStore(), "ASK { FILTER(1 < 2) }")
    True
    """
    result = store.query(sparql, **options)
    if not isinstance(result, ox.QueryBoolean):
        raise TypeError("ask() needs an ASK query")
    return bool(result)


def _graph_term(name: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if name == "" else ox.NamedNode(name)
