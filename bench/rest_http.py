"""REST lookups and search over HTTP on loopback, beside a FastAPI "hello world" (the ceiling).

Run by hand (not in CI):  python bench/rest_http.py [--seconds 3]

Both servers are real uvicorn processes started the same way (``stackatlas serve`` on a fresh
on-disk store built from the bundle; a one-route FastAPI app), loaded by bench/_load.py's
closed-loop generator at concurrency 1 and 8. Item lookups cycle over every model, chip and
cloud (JSON); searches cycle over a few spellings users type. Target (issue #4): item lookups
≥ 0.6x the hello-world ceiling.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._load import Request, Stats, run  # noqa: E402
from bench.sparql_http import HELLO_APP, free_port, server  # noqa: E402

SEARCHES = [
    "Trillium",
    "TPUv5e",
    "Llama3.1",
    "meta.llama3-1-405b-instruct-v1:0",
    "gemma 2 9",
    "claude sonet",
]


def row(label: str, stats: Stats, ceiling: Stats | None) -> None:
    ratio = f"{stats.rps / ceiling.rps:5.2f}x hello" if ceiling else ""
    print(
        f"  {label:<28} {stats.rps:>8.0f} req/s   p50 {stats.p50_ms:>6.2f} ms   "
        f"p99 {stats.p99_ms:>7.2f} ms   {ratio}   (n={stats.requests})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=3.0, help="measured seconds per run")
    args = parser.parse_args()
    store_dir = Path(tempfile.mkdtemp(prefix="rest-bench-")) / "store"
    api_port, hello_port = free_port(), free_port()
    serve = [
        sys.executable,
        "-m",
        "api.cli",
        "serve",
        "--port",
        str(api_port),
        "--store",
        str(store_dir),
    ]
    hello = [sys.executable, "-c", HELLO_APP, str(hello_port)]
    with (
        server("stackatlas", serve, api_port, "/healthz"),
        server("hello", hello, hello_port, "/hello"),
    ):
        base = f"http://127.0.0.1:{api_port}"
        items = [
            it["href"]
            for kind in ("models", "chips", "clouds")
            for it in httpx.get(f"{base}/v1/{kind}", params={"limit": 1000}).json()["items"]
        ]
        for href in items:  # warm: every item rendered once, as after any store change
            httpx.get(base + href).raise_for_status()
        loads = {
            "hello world (ceiling)": (hello_port, [Request.get("/hello")]),
            f"item lookup ({len(items)} items)": (
                api_port,
                [Request.get(h, accept="application/json") for h in items],
            ),
            "search": (api_port, [Request.get("/v1/search", {"q": q}) for q in SEARCHES]),
        }
        for concurrency in (1, 8):
            print(f"concurrency {concurrency}, {args.seconds:g} s each, loopback")
            ceiling: Stats | None = None
            for label, (port, requests) in loads.items():
                stats = run(
                    "127.0.0.1", port, requests, concurrency=concurrency, seconds=args.seconds
                )
                row(label, stats, ceiling)
                ceiling = ceiling or stats


if __name__ == "__main__":
    main()
