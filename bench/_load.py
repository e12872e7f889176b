"""A small closed-loop HTTP load generator for the benchmarks (loopback only, bounded in count and time).

``concurrency`` asyncio tasks each hold one keep-alive HTTP/1.1 connection (from its own loopback
address, 127.0.0.2, .3, …) and send requests back to back; each measures its own latencies. The client speaks raw HTTP/1.1 over asyncio streams (request
bytes built once, Content-Length or chunked responses read) because a full client such as httpx
tops out at a few thousand requests per second here, which would hide the servers' differences.

    from bench._load import Request, run
    stats = run("127.0.0.1", 8000, [Request.get("/healthz")], concurrency=8, seconds=3)
    print(stats.rps, stats.p50_ms, stats.p99_ms)

Requests cycle through the given list (so a point lookup can ask for a different IRI each time).
Every response must be 200: any other status stops the run with an error naming it.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass
from urllib.parse import urlencode

__all__ = ["Request", "Stats", "run"]


@dataclass(frozen=True)
class Request:
    """One request, encoded once."""

    raw: bytes

    @classmethod
    def get(cls, path: str, params: dict[str, str] | None = None, accept: str = "*/*") -> Request:
        target = f"{path}?{urlencode(params)}" if params else path
        head = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: {accept}\r\n\r\n"
        return cls(head.encode())

    @classmethod
    def post(cls, path: str, body: str, content_type: str, accept: str = "*/*") -> Request:
        data = body.encode()
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: {accept}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(data)}\r\n\r\n"
        )
        return cls(head.encode() + data)


@dataclass(frozen=True)
class Stats:
    """Throughput and latency of one run."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def run(
    host: str,
    port: int,
    requests: list[Request],
    *,
    concurrency: int,
    seconds: float = 3.0,
    max_requests: int = 200_000,
    warmup: float = 0.3,
) -> Stats:
    """Load ``host:port`` for ``seconds`` (or ``max_requests``), after ``warmup`` unmeasured seconds."""
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("the load generator only targets loopback")
    return asyncio.run(_run(host, port, requests, concurrency, seconds, max_requests, warmup))


async def _run(
    host: str,
    port: int,
    requests: list[Request],
    concurrency: int,
    seconds: float,
    max_requests: int,
    warmup: float,
) -> Stats:
    latencies: list[float] = []
    budget = [max_requests]
    start = time.perf_counter()
    measure_from = start + warmup
    stop_at = measure_from + seconds

    async def worker(offset: int) -> None:
        # Each connection comes from its own loopback address, as separate clients would
        # (servers with per-client limits see 8 clients, not one client with 8 queries).
        local = (f"127.0.0.{2 + offset}", 0) if host == "127.0.0.1" else None
        reader, writer = await asyncio.open_connection(host, port, local_addr=local)
        try:
            i = offset
            while budget[0] > 0:
                t0 = time.perf_counter()
                if t0 >= stop_at:
                    return
                writer.write(requests[i % len(requests)].raw)
                i += concurrency
                await _read_response(reader)
                t1 = time.perf_counter()
                if t0 >= measure_from:
                    latencies.append(t1 - t0)
                    budget[0] -= 1
        finally:
            writer.close()

    await asyncio.gather(*(worker(k) for k in range(concurrency)))
    elapsed = min(time.perf_counter(), stop_at) - measure_from
    if not latencies:
        return Stats(0, elapsed, float("nan"), float("nan"))
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return Stats(len(latencies), elapsed, statistics.median(latencies) * 1e3, p99 * 1e3)


async def _read_response(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split(" ", 2)[1])
    headers = {}
    for line in header_lines:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                break
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
        body = b"".join(parts)
    else:
        raise RuntimeError("response without Content-Length or chunked encoding")
    if status != 200:
        raise RuntimeError(f"HTTP {status}: {body[:300]!r}")
    return body
