"""SPARQL over HTTP, side by side in one run: stackatlas vs ``oxigraph serve`` vs rdflib-endpoint,
with a FastAPI "hello world" JSON route as the ceiling of Python's HTTP stack.

Run by hand (not in CI), from the repository root:

    python bench/sparql_http.py [--seconds 3] [--skip-rdflib] [--memory]

Every server gets the same data (the bundled knowledge base) and listens on loopback:

- stackatlas (``stackatlas serve --store DIR``, on disk like ``oxigraph serve``; ``--memory`` runs
  it on its in-memory store instead), result cache off, for the uncached figures;
- stackatlas again with its result cache on, for the repeated 3-join;
- ``oxigraph serve-read-only --union-default-graph`` on the same quads (PyPI ``oxigraph``);
- ``rdflib-endpoint serve`` on the same triples (rdflib's in-memory engine);
- a FastAPI app with one ``GET /hello`` JSON route, served by uvicorn exactly as stackatlas is.

Queries: a point lookup (``SELECT ?p ?o { <iri> ?p ?o }``, a different entity each request, so no
cache helps) and a 3-join (offering → model → developer, offering → cloud → operator: four patterns,
three joins, ~130 rows), each at concurrency 1 and 8, results in SPARQL JSON. The load generator
(bench/_load.py) is closed-loop and bounded in time and count.

Targets (issue #3): 3-join ≥ 0.7x oxigraph serve; point lookup ≥ 0.6x hello world; ≥ 10x
rdflib-endpoint on both; cached repeated 3-join ≥ 1.5x oxigraph serve. The machine is small and
shared: read the ratios, not the absolute numbers, and rerun when in doubt.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._load import Request, Stats, run  # noqa: E402
from graph.load import build_from_bundle  # noqa: E402
from graph.store import OxigraphStore  # noqa: E402

JSON = "application/sparql-results+json"
JOIN3 = """PREFIX sa: <https://w3id.org/stackatlas/ns#>
SELECT ?offering ?model ?developer ?operator WHERE {
  ?offering sa:model ?model ; sa:cloud ?cloud .
  ?model sa:developedBy ?developer .
  ?cloud sa:operatedBy ?operator .
}"""
POINT = "SELECT ?p ?o WHERE { <%s> ?p ?o }"
HELLO_APP = """
import sys, uvicorn
from fastapi import FastAPI
app = FastAPI()
@app.get("/hello")
def hello() -> dict[str, str]:
    return {"hello": "world"}
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(
    name: str, cmd: list[str], port: int, probe: str, env: dict[str, str] | None = None
) -> Iterator[int]:
    """Start ``cmd`` and wait until ``probe`` answers 200; stop it afterwards."""
    proc = subprocess.Popen(
        cmd,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                raise RuntimeError(f"{name} exited with {proc.returncode}:\n{err[-2000:]}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}{probe}", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start")
            time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def sparql_requests(path: str, entities: list[str]) -> dict[str, list[Request]]:
    return {
        "point": [Request.get(path, {"query": POINT % iri}, accept=JSON) for iri in entities],
        "join3": [Request.get(path, {"query": JOIN3}, accept=JSON)],
    }


def row(label: str, stats: Stats) -> None:
    print(
        f"  {label:<44} {stats.rps:>9.0f} req/s   p50 {stats.p50_ms:>7.2f} ms   p99 {stats.p99_ms:>8.2f} ms   (n={stats.requests})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=3.0, help="measured seconds per run")
    parser.add_argument("--skip-rdflib", action="store_true", help="leave rdflib-endpoint out")
    parser.add_argument(
        "--memory", action="store_true", help="run stackatlas on its in-memory store, not on disk"
    )
    args = parser.parse_args()
    if shutil.which("oxigraph") is None:
        sys.exit("the `oxigraph` command is missing: pip install -e '.[bench]'")

    store = OxigraphStore()
    build_from_bundle(store)
    entities = sorted(
        {r["s"].value for r in store.query("SELECT DISTINCT ?s WHERE { ?s a ?t } ORDER BY ?s")}  # type: ignore[index]
    )
    expected_join = len(list(store.query(JOIN3)))
    work = Path(tempfile.mkdtemp(prefix="sparql-bench-"))
    results: dict[tuple[str, str, int], Stats] = {}
    try:
        quads = [
            ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g))
            for g in store.graph_names()
            for t in store.triples(g)
        ]
        ox.serialize(quads, str(work / "data.nq"), format=ox.RdfFormat.N_QUADS)
        ox.serialize(
            (q.triple for q in quads), str(work / "data.nt"), format=ox.RdfFormat.N_TRIPLES
        )
        subprocess.run(
            [
                "oxigraph",
                "load",
                "--location",
                str(work / "oxigraph"),
                "--file",
                str(work / "data.nq"),
            ],
            check=True,
            capture_output=True,
        )
        print(
            f"data: {len(quads)} quads, {len(entities)} entities; 3-join returns {expected_join} rows"
        )
        print(f"each run: {args.seconds:g} s measured after 0.3 s warm-up; concurrency 1 and 8\n")

        def measure(name: str, port: int, kind: str, requests: list[Request]) -> None:
            for c in (1, 8):
                stats = run("127.0.0.1", port, requests, concurrency=c, seconds=args.seconds)
                results[(name, kind, c)] = stats
                row(f"{name} {kind} c={c}", stats)

        where = ["--memory"] if args.memory else ["--store", str(work / "stackatlas")]
        sa_cmd = [sys.executable, "-m", "api.cli", "serve", *where, "--port"]
        port = free_port()
        print("stackatlas (cache off)")
        with server(
            "stackatlas",
            [*sa_cmd, str(port)],
            port,
            "/healthz",
            {"STACKATLAS_RESULT_CACHE_ENTRIES": "0"},
        ):
            for kind, reqs in sparql_requests("/sparql", entities).items():
                measure("stackatlas", port, kind, reqs)
        port = free_port()
        print("stackatlas (cache on)")
        with server("stackatlas-cached", [*sa_cmd, str(port)], port, "/healthz"):
            measure(
                "stackatlas-cached", port, "join3", sparql_requests("/sparql", entities)["join3"]
            )
        port = free_port()
        print("oxigraph serve-read-only")
        ox_cmd = [
            "oxigraph",
            "serve-read-only",
            "--location",
            str(work / "oxigraph"),
            "--union-default-graph",
            "--bind",
            f"127.0.0.1:{port}",
        ]
        with server("oxigraph", ox_cmd, port, "/query?query=ASK%7B%7D"):
            for kind, reqs in sparql_requests("/query", entities).items():
                measure("oxigraph", port, kind, reqs)
        port = free_port()
        print("FastAPI hello world")
        with server("hello", [sys.executable, "-c", HELLO_APP, str(port)], port, "/hello"):
            measure("hello", port, "hello", [Request.get("/hello")])
        if not args.skip_rdflib:
            port = free_port()
            print("rdflib-endpoint")
            rd_cmd = [
                "rdflib-endpoint",
                "serve",
                str(work / "data.nt"),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ]
            with server("rdflib-endpoint", rd_cmd, port, "/?query=ASK%7B%7D"):
                for kind, reqs in sparql_requests("/", entities).items():
                    measure("rdflib-endpoint", port, kind, reqs)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("\nratios (requests/s), target in brackets")

    def ratio(label: str, a: tuple[str, str], b: tuple[str, str], target: float) -> None:
        for c in (1, 8):
            x, y = results.get((*a, c)), results.get((*b, c))
            if x is None or y is None or not y.rps:
                continue
            r = x.rps / y.rps
            verdict = "meets" if r >= target else "MISSES"
            print(f"  {label:<48} c={c}: {r:6.2f}x  [>= {target:g}x] {verdict}")

    ratio(
        "3-join: stackatlas / oxigraph serve", ("stackatlas", "join3"), ("oxigraph", "join3"), 0.7
    )
    ratio(
        "point lookup: stackatlas / hello world", ("stackatlas", "point"), ("hello", "hello"), 0.6
    )
    ratio(
        "point lookup: stackatlas / rdflib-endpoint",
        ("stackatlas", "point"),
        ("rdflib-endpoint", "point"),
        10,
    )
    ratio(
        "3-join: stackatlas / rdflib-endpoint",
        ("stackatlas", "join3"),
        ("rdflib-endpoint", "join3"),
        10,
    )
    ratio(
        "cached 3-join: stackatlas / oxigraph serve",
        ("stackatlas-cached", "join3"),
        ("oxigraph", "join3"),
        1.5,
    )
    ratio(
        "(context) point lookup: stackatlas / oxigraph",
        ("stackatlas", "point"),
        ("oxigraph", "point"),
        0,
    )


if __name__ == "__main__":
    main()
