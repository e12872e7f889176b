"""The SPARQL service of one app: worker pool, snapshots, cache, per-client gate, metrics, update lock.

Created by the app's lifespan (:func:`start`) and reached by the router as ``app.state.sparql``.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from api.settings import Settings
from api.sparql.cache import ResultCache
from api.sparql.limits import ClientGate
from api.sparql.metrics import Metrics
from graph.pool import Answer, Job, QueryPool
from graph.snapshot import discard_snapshots, take_snapshot
from graph.store import OxigraphStore
from graph.update import UpdateReport, apply_update

#: Run in every worker to build the SPARQL extension functions over its snapshot.
FUNCTIONS = "graph.analysis.functions:sparql_functions"


@dataclass
class SparqlService:
    """Everything the SPARQL doors share, for one running app."""

    store: OxigraphStore
    settings: Settings
    pool: QueryPool
    cache: ResultCache[Answer]
    gate: ClientGate
    metrics: Metrics = field(default_factory=Metrics)
    updates: int = 0
    _write_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def query(self, job: Job, *, timeout: float) -> tuple[Answer, bool]:
        """The answer to ``job`` and whether it came from the cache."""
        key = (job, self.pool.snapshot.version)
        cached = self.cache.get(key)
        if cached is not None:
            return cached, True
        answer = await self.pool.run(job, timeout=timeout)
        if answer.version == self.pool.snapshot.version:  # never cache an answer an update outdated
            self.cache.put((job, answer.version), answer)
        return answer, False

    async def update(self, text: str, *, base_iri: str | None = None) -> UpdateReport:
        """Validate and commit ``text``; when this returns, every later query sees the change."""
        async with self._write_lock:
            report = await asyncio.to_thread(apply_update, self.store, text, base_iri=base_iri)
            if report.graphs:
                snapshot = await asyncio.to_thread(take_snapshot, self.store)
                self.pool.publish(snapshot)
                self.cache.clear()
                await asyncio.to_thread(
                    discard_snapshots, self.store, keep=self.pool.snapshots_in_use()
                )
            self.updates += 1
            return report

    def counters(self) -> dict[str, float]:
        """Totals for /metrics beyond the request counts."""
        stats = self.pool.stats
        return {
            "sparql_query_timeouts_total": stats.timeouts,
            "sparql_worker_restarts_total": stats.restarts,
            "sparql_worker_crashes_total": stats.crashes,
            "sparql_cache_hits_total": self.cache.hits,
            "sparql_cache_misses_total": self.cache.misses,
            "sparql_rate_limited_total": self.gate.refused,
            "sparql_updates_total": self.updates,
            "sparql_workers": self.pool.size,
            "store_version": self.store.version,
            "store_quads": len(self.store),
        }

    async def close(self) -> None:
        """Stop the workers."""
        await self.pool.close()


async def start(store: OxigraphStore, settings: Settings) -> SparqlService:
    """Checkpoint the store, start the workers on it, and return the service."""
    if store.path is not None:
        discard_snapshots(store, keep=())  # left over from a previous run
    pool = QueryPool(settings.query_workers, functions=FUNCTIONS)
    await pool.start(await asyncio.to_thread(take_snapshot, store))
    return SparqlService(
        store=store,
        settings=settings,
        pool=pool,
        cache=ResultCache(settings.result_cache_entries),
        gate=ClientGate(settings.max_queries_per_client),
    )
