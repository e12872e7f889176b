"""Prometheus text-format metrics for the SPARQL doors, written by hand (a few counters and one histogram).

>>> m = Metrics()
>>> m.observe("query", 200, 0.004)
>>> text = m.render({"sparql_worker_restarts_total": 0})
>>> 'sparql_requests_total{door="query",status="200"} 1' in text
True
>>> 'sparql_request_duration_seconds_bucket{door="query",le="0.005"} 1' in text
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

_HELP = {
    "sparql_worker_restarts_total": "Query workers killed (deadline passed, crash, client gone) and replaced.",
    "sparql_query_timeouts_total": "Queries that ran past their deadline.",
    "sparql_worker_crashes_total": "Query workers that died while answering.",
    "sparql_cache_hits_total": "Queries answered from the result cache.",
    "sparql_cache_misses_total": "Queries evaluated by a worker.",
    "sparql_rate_limited_total": "Queries refused with 429 (too many at once from one client).",
    "sparql_updates_total": "Updates committed.",
}


class Metrics:
    """Request counts by door and status, and a latency histogram by door."""

    def __init__(self) -> None:
        self.requests: Counter[tuple[str, int]] = Counter()
        self.buckets: Counter[tuple[str, float]] = Counter()
        self.sums: dict[str, float] = {}
        self.counts: Counter[str] = Counter()

    def observe(self, door: str, status: int, seconds: float) -> None:
        """Record one answered request."""
        self.requests[(door, status)] += 1
        self.sums[door] = self.sums.get(door, 0.0) + seconds
        self.counts[door] += 1
        for le in BUCKETS:
            if seconds <= le:
                self.buckets[(door, le)] += 1

    def render(self, counters: Mapping[str, float]) -> str:
        """The exposition text; ``counters`` are the other services' totals by metric name."""
        lines = [
            "# HELP sparql_requests_total Requests to the SPARQL doors by door and status.",
            "# TYPE sparql_requests_total counter",
        ]
        for (door, status), n in sorted(self.requests.items()):
            lines.append(f'sparql_requests_total{{door="{door}",status="{status}"}} {n}')
        lines += [
            "# HELP sparql_request_duration_seconds Time to answer a SPARQL request.",
            "# TYPE sparql_request_duration_seconds histogram",
        ]
        for door in sorted(self.counts):
            for le in BUCKETS:
                n = self.buckets[(door, le)]
                lines.append(
                    f'sparql_request_duration_seconds_bucket{{door="{door}",le="{le:g}"}} {n}'
                )
            lines.append(
                f'sparql_request_duration_seconds_bucket{{door="{door}",le="+Inf"}} {self.counts[door]}'
            )
            lines.append(
                f'sparql_request_duration_seconds_sum{{door="{door}"}} {self.sums[door]:.6f}'
            )
            lines.append(
                f'sparql_request_duration_seconds_count{{door="{door}"}} {self.counts[door]}'
            )
        for name, value in counters.items():
            kind = "counter" if name.endswith("_total") else "gauge"
            lines.append(f"# HELP {name} {_HELP.get(name, name.replace('_', ' '))}")
            lines.append(f"# TYPE {name} {kind}")
            lines.append(f"{name} {value:g}")
        return "\n".join(lines) + "\n"
