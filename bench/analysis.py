"""How fast the analyses answer, on the knowledge base and on a generated graph of ≥ 1M triples.

Run by hand (not in CI):  python bench/analysis.py [--samples 200] [--models 25000] [--skip-big]

For each graph: the projection build time, the analysis index build time (vendor groups,
software → chip reachability, offerings per model: built once per projection), then p50/p99 of
each analysis over distinct inputs, each input asked once (so per-input caches never hit).
Side by side in the same run, the reference the issue names: the same compatibility questions
written as SPARQL property paths on the same store (ratios = SPARQL time / traversal time).

The generated graph (bench/generate.py) is bulk-loaded with pyoxigraph, *bypassing shape
validation*: it is shaped like the knowledge base but not checked against the shapes.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import pyoxigraph as ox

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

from generate import write  # noqa: E402

from graph import analysis as A  # noqa: E402
from graph.analysis.groups import index  # noqa: E402
from graph.load import build_from_bundle  # noqa: E402
from graph.projection import project  # noqa: E402
from graph.store import OxigraphStore  # noqa: E402
from ontology import ONTOLOGY_PATH  # noqa: E402

ASK_RUNS = """PREFIX sa: <https://w3id.org/stackatlas/ns#>
ASK { { ?o sa:model ?m ; sa:cloud ?cl ; sa:chip ?c . MINUS { ?o sa:retired ?r } }
      UNION { VALUES ?w { sa:OpenWeights sa:GatedWeights }
              ?m sa:weights ?w ; sa:supportedBy/sa:hasBackend*/sa:targets ?c . } }"""
SELECT_DEPLOYMENTS = """PREFIX sa: <https://w3id.org/stackatlas/ns#>
SELECT DISTINCT ?m ?cl ?c ?o WHERE {
  { ?o sa:model ?m ; sa:cloud ?cl . OPTIONAL { ?o sa:chip ?c } MINUS { ?o sa:retired ?r } }
  UNION { VALUES ?w { sa:OpenWeights sa:GatedWeights }
          ?m sa:weights ?w ; sa:supportedBy/sa:hasBackend*/sa:targets ?c . ?cl sa:offersChip ?c . } }"""


class BulkStore:
    """The Store protocol over a bulk-loaded pyoxigraph store (no validation, no transaction)."""

    version = 1

    def __init__(self, store: ox.Store) -> None:
        self._store = store

    def query(self, sparql: str, *, substitutions: Any = None, **_: Any) -> Any:
        subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
        return self._store.query(
            sparql, substitutions=subs or None, use_default_graph_as_union=True
        )

    def __len__(self) -> int:
        return len(self._store)


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def pct(xs: Sequence[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def row(name: str, xs: list[float], ref: list[float] | None = None) -> str:
    p50, p99 = statistics.median(xs), pct(xs, 0.99)
    ratio = f"{statistics.median(ref) / p50:8.1f}x" if ref else " " * 9
    return f"  {name:<34} n={len(xs):<5} p50 {p50:9.3f} ms   p99 {p99:9.3f} ms  {ratio}"


def run(label: str, store: Any, samples: int) -> None:
    print(f"\n== {label}: {len(store):,} triples")
    t = time.perf_counter()
    G = project(store)
    print(
        f"  projection build {1000 * (time.perf_counter() - t):10.1f} ms  "
        f"({G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges)"
    )
    t = time.perf_counter()
    idx = index(G)
    print(f"  analysis index   {1000 * (time.perf_counter() - t):10.1f} ms")
    rnd = random.Random(1)
    models = idx.by_kind["Model"]
    chips, clouds, orgs = idx.by_kind["Chip"], idx.by_kind["Cloud"], idx.by_kind["Organization"]
    pick = rnd.sample(models, min(samples, len(models)))
    pairs = [(m, rnd.choice(chips)) for m in pick]
    slugs = [G.nodes[o]["slug"] for o in orgs]

    def sparql(q: str, m: str, c: str | None = None) -> Callable[[], object]:
        subs = {"m": ox.NamedNode(m), **({"c": ox.NamedNode(c)} if c else {})}
        return lambda: (
            list(store.query(q, substitutions=subs))
            if "SELECT" in q
            else bool(store.query(q, substitutions=subs))
        )

    results: list[str] = []
    ref = [timed(sparql(ASK_RUNS, m, c)) for m, c in pairs]
    results.append(row("can_run", [timed(partial(A.can_run, G, m, c)) for m, c in pairs], ref))
    results.append(row("  (SPARQL property path ASK)", ref))
    ref = [timed(sparql(SELECT_DEPLOYMENTS, m)) for m in pick]
    results.append(row("where_can_run", [timed(partial(A.where_can_run, G, m)) for m in pick], ref))
    results.append(row("  (SPARQL property path SELECT)", ref))
    targets = rnd.sample(chips, min(samples // 4 or 1, len(chips))) + rnd.sample(
        clouds, min(samples // 4 or 1, len(clouds))
    )
    results.append(
        row(
            "what_runs_on (chip or cloud)",
            [timed(partial(A.what_runs_on, G, x)) for x in targets],
        )
    )
    stacks = [(m, rnd.choice(clouds), rnd.choice(chips)) for m in pick]
    results.append(
        row(
            "lock_in (model, cloud, chip)",
            [timed(partial(A.lock_in, G, s[0], cloud=s[1], chip=s[2])) for s in stacks],
        )
    )
    few = pick[: max(1, samples // 10)]
    results.append(
        row(
            "exit_paths (avoid 1 group)",
            [timed(partial(A.exit_paths, G, m, avoid=[rnd.choice(slugs)])) for m in few],
        )
    )
    results.append(
        row(
            "what_if (remove 1 group)",
            [
                timed(partial(A.what_if, G, remove=[o]))
                for o in rnd.sample(slugs, min(len(slugs), max(1, samples // 20)))
            ],
        )
    )
    results.append(
        row("license_obligations", [timed(partial(A.license_obligations, G, m)) for m in pick])
    )
    results.append(row("openness", [timed(partial(A.openness, G, m)) for m in pick]))
    print(f"  {'analysis':<34} {'':<7} {'':>14}   {'':>14}  SPARQL/traversal")
    print("\n".join(results))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--models", type=int, default=25000)
    parser.add_argument("--skip-big", action="store_true")
    args = parser.parse_args()
    kb = OxigraphStore()
    build_from_bundle(kb)
    run("knowledge base", kb, args.samples)
    if args.skip_big:
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.nt"
        write(path, models=args.models)
        raw = ox.Store()
        t = time.perf_counter()
        g = ox.NamedNode("https://w3id.org/stackatlas/graph/bench")
        raw.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=g)
        raw.bulk_load(
            path=str(ONTOLOGY_PATH),
            format=ox.RdfFormat.TURTLE,
            to_graph=ox.NamedNode("https://w3id.org/stackatlas/graph/ontology"),
        )
        print(
            f"\n(bulk load of the generated graph, no validation: {time.perf_counter() - t:.1f} s)"
        )
        run(f"generated graph ({args.models:,} models)", BulkStore(raw), args.samples)


if __name__ == "__main__":
    main()
