"""Small graphs for the runnable examples in this package's docstrings.

>>> fixture_graph().number_of_nodes() > 10
True
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import networkx as nx

FIXTURE = Path(__file__).resolve().parents[2] / "tests" / "data" / "fixture.ttl"


@lru_cache(maxsize=1)
def fixture_graph() -> nx.MultiDiGraph:
    """The projection of ``tests/data/fixture.ttl`` (two vendor groups, three offerings)."""
    from graph.load import load_files
    from graph.projection import projection
    from graph.store import OxigraphStore
    from ontology import ONTOLOGY_PATH

    store = OxigraphStore()
    load_files(store, [ONTOLOGY_PATH, FIXTURE])
    return projection(store)
