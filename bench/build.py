"""How long building the store from the bundled knowledge base, and a first query, take.

Run by hand (not in CI):  python bench/build.py [--runs 5]

Side by side in one run: stackatlas's validated, transactional build (parse → SHACL → one
transaction) against the floor, pyoxigraph's unvalidated ``bulk_load`` of the same files.
Reports median and p99 (over few runs, p99 is the slowest run) in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from graph.load import build_from_bundle, bundled_files, open_store
from graph.store import OxigraphStore, select
from ontology import ONTOLOGY_PATH

FIRST_QUERY = """
PREFIX sa: <https://w3id.org/stackatlas/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?cloud ?label WHERE {
  ?o sa:model <https://w3id.org/stackatlas/id/llama-3.1-405b> ; sa:cloud ?cloud .
  ?cloud rdfs:label ?label
}"""


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p99(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.99 * (len(xs) - 1)))]


def build_memory() -> None:
    build_from_bundle(OxigraphStore())


def build_disk() -> None:
    with tempfile.TemporaryDirectory() as d:
        store = OxigraphStore(Path(d) / "store")
        build_from_bundle(store)
        store.close()


def bulk_load_floor() -> None:
    store = ox.Store()
    for path in [ONTOLOGY_PATH, *bundled_files()]:
        store.bulk_load(
            path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(f"urn:g:{path.stem}")
        )


def open_and_first_query(directory: Path) -> Callable[[], object]:
    def run() -> None:
        store = open_store(directory)
        rows = list(select(store, FIRST_QUERY))
        assert rows
        store.close()

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        built = Path(d) / "store"
        store = open_store(built)
        triples = len(store)
        store.close()
        cases = {
            "build, in memory (validated)": build_memory,
            "build, on disk (validated)": build_disk,
            "bulk_load floor (unvalidated)": bulk_load_floor,
            "open built store + first query": open_and_first_query(built),
        }
        print(
            f"knowledge base: {len(bundled_files())} files, {triples} quads; {args.runs} runs each"
        )
        results = {name: timed(fn, args.runs) for name, fn in cases.items()}
    floor = statistics.median(results["bulk_load floor (unvalidated)"])
    print(f"{'case':36} {'median ms':>10} {'p99 ms':>10} {'x floor':>8}")
    for name, xs in results.items():
        med = statistics.median(xs)
        print(f"{name:36} {med:10.1f} {p99(xs):10.1f} {med / floor:8.1f}")


if __name__ == "__main__":
    main()
