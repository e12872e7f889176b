"""A pool of worker processes that evaluate SPARQL queries under a deadline.

pyoxigraph cannot cancel a query from Python, so each query runs in a worker process; a worker past
its deadline is killed and replaced, and everyone else keeps being served by the other workers.
Workers answer from a :class:`graph.snapshot.Snapshot` (never the live store) and serialize the
result themselves with pyoxigraph's writers, so the service only moves bytes.

What a worker does with one job (the pool runs this in a worker process, under a deadline):

>>> from graph.snapshot import Snapshot, open_snapshot
>>> view = open_snapshot(Snapshot(version=0, dump=b""))
>>> _answer(view, Job("ASK {}", result_format="json", graph_format=None)).body
b'{"head":{},"boolean":true}'
>>> _answer(view, Job("SELECT * { VALUES ?x { 1 2 3 } }", "json", None, max_rows=2))
Traceback (most recent call last):
...
graph.pool.ResultTooLargeError: the query returned 3 rows, more than the limit of 2; add LIMIT (and OFFSET to page)
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import multiprocessing.connection
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from multiprocessing.process import BaseProcess
from typing import Any

import pyoxigraph as ox

from graph.exceptions import QueryEvaluationError, QuerySyntaxError, StackAtlasError
from graph.formats import GRAPH_FORMATS, RESULT_FORMATS
from graph.snapshot import Snapshot, open_snapshot
from graph.store import OxigraphStore

__all__ = [
    "Answer",
    "Job",
    "NotAcceptableError",
    "QueryPool",
    "QueryTimeoutError",
    "ResultTooLargeError",
    "WorkerCrashedError",
]


class QueryTimeoutError(StackAtlasError):
    """The query ran past its deadline; its worker was stopped."""


class WorkerCrashedError(StackAtlasError):
    """The worker evaluating the query died (out of memory, killed); it has been replaced."""


class ResultTooLargeError(StackAtlasError):
    """The result has more rows or triples than the configured limit."""


class NotAcceptableError(StackAtlasError):
    """The client accepts no format this kind of result can be written in."""


@dataclass(frozen=True)
class Job:
    """One query and how to answer it. A format of None means the client accepts none for that form."""

    sparql: str
    result_format: str | None  # for SELECT and ASK: a key of RESULT_FORMATS
    graph_format: str | None  # for CONSTRUCT and DESCRIBE: a key of GRAPH_FORMATS
    default_graph: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    max_rows: int = 100_000
    base_iri: str | None = None  # relative IRIs in the query resolve against it
    snapshot: Snapshot | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Answer:
    """A serialized result: ``kind`` is "solutions", "boolean" or "graph"; ``format`` a format key."""

    kind: str
    format: str
    body: bytes
    version: int


FunctionsFactory = Callable[[OxigraphStore], dict[ox.NamedNode, Any]]


# -- the worker process ------------------------------------------------------------------------


def _worker_main(conn: multiprocessing.connection.Connection, functions: str | None) -> None:
    """Answer jobs forever; ``functions`` names a FunctionsFactory as ``module:attr``."""
    factory = _import(functions) if functions else None
    store: OxigraphStore | None = None
    conn.send(("ready",))
    while True:
        try:
            job: Job = conn.recv()
        except EOFError:
            return
        if job.snapshot is not None and (store is None or store.version != job.snapshot.version):
            store = None  # drop the old snapshot before opening the new one
            store = open_snapshot(job.snapshot)
            if factory is not None:
                store.custom_functions = factory(store)
        assert store is not None, "the first job always carries a snapshot"
        try:
            conn.send(("ok", _answer(store, job)))
        except StackAtlasError as e:
            conn.send(("error", type(e).__name__, str(e)))


def _answer(store: OxigraphStore, job: Job) -> Answer:
    result = store.query(
        job.sparql,
        default_graph=list(job.default_graph) if job.default_graph is not None else None,
        named_graphs=list(job.named_graphs) if job.named_graphs is not None else None,
        base_iri=job.base_iri,
    )
    try:
        if isinstance(result, ox.QueryBoolean):
            fmt = _need(job.result_format, "a boolean result", ("json", "xml"))
            return Answer(
                "boolean",
                fmt,
                _written(result.serialize(format=RESULT_FORMATS[fmt])),
                store.version,
            )
        if isinstance(result, ox.QuerySolutions):
            fmt = _need(job.result_format, "solutions", tuple(RESULT_FORMATS))
            return Answer("solutions", fmt, _solutions(result, fmt, job.max_rows), store.version)
        fmt = _need(job.graph_format, "an RDF graph", tuple(GRAPH_FORMATS))
        return Answer("graph", fmt, _graph(result, fmt, job.max_rows), store.version)
    except (OSError, ValueError) as e:  # evaluation errors surface while the results are written
        raise QueryEvaluationError(str(e)) from e


def _need(fmt: str | None, what: str, allowed: tuple[str, ...]) -> str:
    if fmt is None or fmt not in allowed:
        raise NotAcceptableError(
            f"this query returns {what}; none of the accepted types can hold it"
        )
    return fmt


#: The fewest bytes one row takes in each format (an empty row: "{}," · "<result></result>" · "\n").
_MIN_ROW_BYTES = {"json": 3, "xml": 17, "tsv": 1}


def _solutions(result: ox.QuerySolutions, fmt: str, max_rows: int) -> bytes:
    if fmt in _MIN_ROW_BYTES:
        body = _written(result.serialize(format=RESULT_FORMATS[fmt]))
        if len(body) <= _MIN_ROW_BYTES[fmt] * max_rows:
            return body  # too short to hold more rows than the limit: no need to count
        # Count exactly in the XML form, where markup is escaped inside values so each
        # "<result>" is a row; pyoxigraph converts, with no Python loop over rows.
        if fmt == "xml":
            xml = body
        else:
            parsed = ox.parse_query_results(body, format=RESULT_FORMATS[fmt])
            assert isinstance(parsed, ox.QuerySolutions)
            xml = _written(parsed.serialize(format=ox.QueryResultsFormat.XML))
        _check_rows(xml.count(b"<result>"), max_rows)
        return body
    # CSV cannot be read back: write XML first, count, then convert.
    xml = _written(result.serialize(format=ox.QueryResultsFormat.XML))
    _check_rows(xml.count(b"<result>"), max_rows)
    parsed = ox.parse_query_results(xml, format=ox.QueryResultsFormat.XML)
    assert isinstance(parsed, ox.QuerySolutions)
    return _written(parsed.serialize(format=RESULT_FORMATS[fmt]))


def _check_rows(rows: int, max_rows: int) -> None:
    if rows > max_rows:
        raise ResultTooLargeError(
            f"the query returned {rows} rows, more than the limit of {max_rows}; "
            "add LIMIT (and OFFSET to page)"
        )


def _graph(result: ox.QueryTriples, fmt: str, max_rows: int) -> bytes:
    # N-Triples is one line per triple (newlines in literals are escaped): an exact count.
    nt = _written(ox.serialize(result, format=ox.RdfFormat.N_TRIPLES))
    triples = nt.count(b"\n")
    if triples > max_rows:
        raise ResultTooLargeError(
            f"the query returned {triples} triples, more than the limit of {max_rows}; "
            "add LIMIT or narrow the pattern"
        )
    if fmt == "ntriples":
        return nt
    parsed = ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)
    return _written(ox.serialize(parsed, format=GRAPH_FORMATS[fmt]))


def _written(data: bytes | None) -> bytes:
    # pyoxigraph returns the bytes when no output file is given; None only with a file.
    assert data is not None
    return data


def _import(name: str) -> FunctionsFactory:
    module, _, attr = name.partition(":")
    factory: FunctionsFactory = getattr(__import__(module, fromlist=[attr]), attr)
    return factory


# -- the pool, in the service process ----------------------------------------------------------

_ERRORS: dict[str, type[StackAtlasError]] = {
    "QuerySyntaxError": QuerySyntaxError,
    "QueryEvaluationError": QueryEvaluationError,
    "ResultTooLargeError": ResultTooLargeError,
    "NotAcceptableError": NotAcceptableError,
}


@dataclass
class _Worker:
    process: BaseProcess
    conn: multiprocessing.connection.Connection
    version: int = -1  # the snapshot version it holds; -1 until its first job


@dataclass
class PoolStats:
    """Counters the service exports as metrics."""

    timeouts: int = 0
    restarts: int = 0
    crashes: int = 0


class QueryPool:
    """``size`` worker processes; :meth:`run` sends a job to an idle one and waits for its answer.

    ``functions`` is the ``module:attr`` of a FunctionsFactory run in each worker (the SPARQL
    extension functions); a string, because a worker is a fresh interpreter.
    """

    def __init__(self, size: int, *, functions: str | None = None) -> None:
        self.size = size
        self.functions = functions
        self.stats = PoolStats()
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._busy: dict[int, Snapshot] = {}  # pid → the snapshot it is answering from
        self._workers: dict[int, _Worker] = {}
        self._threads = ThreadPoolExecutor(max_workers=size + 2, thread_name_prefix="sparql-pool")
        self._snapshot = Snapshot(version=0, dump=b"")
        self._closed = False

    @property
    def snapshot(self) -> Snapshot:
        """The newest published snapshot."""
        return self._snapshot

    def snapshots_in_use(self) -> list[Snapshot]:
        """The current snapshot and any older one a busy worker is still answering from."""
        return [self._snapshot, *self._busy.values()]

    async def start(self, snapshot: Snapshot) -> None:
        """Publish the first snapshot and start every worker (returns when all are ready)."""
        self._snapshot = snapshot
        loop = asyncio.get_running_loop()
        workers = await asyncio.gather(
            *(loop.run_in_executor(self._threads, self._spawn) for _ in range(self.size))
        )
        for w in workers:
            self._idle.put_nowait(w)

    def publish(self, snapshot: Snapshot) -> None:
        """Make ``snapshot`` current: every job sent from now on is answered from it."""
        self._snapshot = snapshot

    async def run(self, job: Job, *, timeout: float) -> Answer:
        """Answer ``job`` within ``timeout`` seconds (queueing for a worker included)."""
        deadline = time.monotonic() + timeout
        if not self._idle.empty():
            worker = self._idle.get_nowait()
        else:
            try:
                worker = await asyncio.wait_for(self._idle.get(), timeout)
            except TimeoutError:
                self.stats.timeouts += 1
                raise QueryTimeoutError(_late(timeout, "while waiting for a free worker")) from None
        snapshot = self._snapshot
        if worker.version == snapshot.version:
            message = replace(job, snapshot=Snapshot(snapshot.version))  # no need to resend data
        else:
            message = replace(job, snapshot=snapshot)
        self._busy[worker.process.pid or 0] = snapshot
        healthy = False
        try:
            reply = await self._exchange(worker, message, deadline)
            healthy = True
        except TimeoutError:
            self.stats.timeouts += 1
            raise QueryTimeoutError(_late(timeout, "and was stopped")) from None
        except (EOFError, OSError):
            self.stats.crashes += 1
            raise WorkerCrashedError(
                "the worker evaluating this query died (probably out of memory); "
                "it has been replaced — simplify the query or add LIMIT"
            ) from None
        finally:
            self._busy.pop(worker.process.pid or 0, None)
            if healthy:
                worker.version = snapshot.version
                self._idle.put_nowait(worker)
            else:  # timed out, crashed or the client went away: stop the work, start afresh
                self._retire(worker)
        if reply[0] == "ok":
            answer: Answer = reply[1]
            return answer
        raise _ERRORS.get(reply[1], QueryEvaluationError)(reply[2])

    async def _exchange(self, worker: _Worker, message: Job, deadline: float) -> tuple[Any, ...]:
        """Send a job and wait for the reply, or raise TimeoutError at ``deadline`` (monotonic).

        No thread and no wait_for task per query: the event loop watches the pipe, and a timer
        fails the future at the deadline.
        """
        loop = asyncio.get_running_loop()
        reply: asyncio.Future[tuple[Any, ...]] = loop.create_future()
        fd = worker.conn.fileno()

        def late() -> None:
            if not reply.done():
                reply.set_exception(TimeoutError())

        def readable() -> None:
            loop.remove_reader(fd)
            if reply.done():
                return
            try:
                reply.set_result(worker.conn.recv())
            except (EOFError, OSError) as e:
                reply.set_exception(e)

        loop.add_reader(fd, readable)
        timer = loop.call_later(max(0.0, deadline - time.monotonic()), late)
        try:
            if message.snapshot is not None and message.snapshot.dump:
                # A whole dataset may exceed the pipe buffer: send it off the event loop.
                await loop.run_in_executor(self._threads, worker.conn.send, message)
            else:
                worker.conn.send(message)
            return await reply
        finally:
            timer.cancel()
            loop.remove_reader(fd)

    async def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        for w in list(self._workers.values()):
            _stop(w)
        self._threads.shutdown(wait=False, cancel_futures=True)

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_worker_main, args=(child, self.functions), daemon=True, name="sparql-worker"
        )
        process.start()
        child.close()
        if parent.recv() != ("ready",):
            raise RuntimeError("a query worker failed to start")
        worker = _Worker(process, parent)
        self._workers[process.pid or 0] = worker
        return worker

    def _retire(self, worker: _Worker) -> None:
        _stop(worker)
        self._workers.pop(worker.process.pid or 0, None)
        if self._closed:
            return
        self.stats.restarts += 1
        loop = asyncio.get_running_loop()
        replacement = loop.run_in_executor(self._threads, self._spawn)
        replacement.add_done_callback(
            lambda f: self._idle.put_nowait(f.result()) if not f.exception() else None
        )


def _stop(worker: _Worker) -> None:
    with contextlib.suppress(OSError):
        worker.process.kill()
    worker.process.join(timeout=5)
    worker.conn.close()


def _late(timeout: float, what: str) -> str:
    return (
        f"the query did not finish within its deadline of {timeout:g} s {what}; "
        "narrow it (LIMIT, fewer unbound patterns, bounded paths) or ask for a longer timeout "
        "up to the server's maximum"
    )
