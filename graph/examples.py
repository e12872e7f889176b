"""The small world the runnable examples in docstrings use: ``tests/data/fixture.ttl``.

Two vendor groups, an open and a closed model, a software path to two chips, two clouds and
three offerings; every fact in it is made up for testing.

>>> len(fixture_store()) > 100 and fixture_graph().number_of_nodes() > 10
True
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import networkx as nx

from graph.load import load_files
from graph.store import OxigraphStore
from ontology import ONTOLOGY_PATH

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "data" / "fixture.ttl"


def fixture_store() -> OxigraphStore:
    """A fresh in-memory store holding the ontology and the fixture world."""
    store = OxigraphStore()
    load_files(store, [ONTOLOGY_PATH, FIXTURE])
    return store


@lru_cache(maxsize=1)
def fixture_graph() -> nx.MultiDiGraph:
    """The projection of the fixture world (shared: treat it as read-only)."""
    from graph.projection import project  # the projection's own examples import this module

    return project(fixture_store())
