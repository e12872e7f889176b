"""SPARQL extension functions (``sa:canRunOn``, ``sa:lockInScore``, …) for the query endpoint.

The endpoint passes ``sparql_functions(store)`` to pyoxigraph as ``custom_functions``; each function
takes and returns pyoxigraph terms.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyoxigraph as ox

from graph.store import Store

SparqlFunction = Callable[..., Any]


def sparql_functions(store: Store) -> dict[ox.NamedNode, SparqlFunction]:
    """The extension functions, bound to ``store``'s projection (none yet)."""
    return {}
