"""SPARQL extension functions (``sa:canRunOn``, ``sa:lockInScore``, …) for the query endpoint.

The endpoint passes ``sparql_functions(store)`` to pyoxigraph as ``custom_functions``; each function
takes and returns pyoxigraph terms. A call with a term that names nothing of the right kind returns
``None``, which SPARQL treats as an error: the expression is unbound, the query goes on.

>>> from graph.examples import FIXTURE
>>> from graph.load import load_files
>>> from graph.store import OxigraphStore
>>> from ontology import ONTOLOGY_PATH
>>> store = OxigraphStore()
>>> _ = load_files(store, [ONTOLOGY_PATH, FIXTURE])
>>> fns = sparql_functions(store)
>>> fns[CAN_RUN_ON](ox.NamedNode(ID_IRI + "open-7b"), ox.NamedNode(ID_IRI + "gpu-1")).value
'true'
>>> fns[LOCK_IN_SCORE](ox.NamedNode(ID_IRI + "big-model")).datatype.value
'http://www.w3.org/2001/XMLSchema#integer'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx
import pyoxigraph as ox

from graph.analysis.compat import can_run, where_can_run
from graph.analysis.groups import index
from graph.analysis.lockin import lock_in
from graph.projection import projection
from graph.store import Store
from ontology.namespace import ID_IRI, SA_IRI

__all__ = ["CAN_RUN_ON", "DEPLOYMENT_COUNT", "LOCK_IN_SCORE", "sparql_functions"]

SparqlFunction = Callable[..., Any]

CAN_RUN_ON = ox.NamedNode(SA_IRI + "canRunOn")
LOCK_IN_SCORE = ox.NamedNode(SA_IRI + "lockInScore")
DEPLOYMENT_COUNT = ox.NamedNode(SA_IRI + "deploymentCount")
XSD_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def _node(G: nx.MultiDiGraph, term: Any, kinds: set[str]) -> str | None:
    if not isinstance(term, ox.NamedNode) or not term.value.startswith(ID_IRI):
        return None
    idx = index(G)
    return term.value if any(idx.is_a(term.value, k) for k in kinds) else None


def sparql_functions(store: Store) -> dict[ox.NamedNode, SparqlFunction]:
    """The extension functions, bound to ``store``'s projection (rebuilt when the store changes).

    - ``sa:canRunOn(model, chip)`` → ``xsd:boolean``
    - ``sa:lockInScore(model[, cloud[, chip]])`` → ``xsd:integer`` (0-100)
    - ``sa:deploymentCount(model)`` → ``xsd:integer``
    """

    def can_run_on(model: Any, chip: Any) -> ox.Literal | None:
        G = projection(store)
        m, c = _node(G, model, {"Model"}), _node(G, chip, {"Chip"})
        if m is None or c is None:
            return None
        return ox.Literal("true" if can_run(G, m, c).runs else "false", datatype=XSD_BOOLEAN)

    def lock_in_score(model: Any, cloud: Any = None, chip: Any = None) -> ox.Literal | None:
        G = projection(store)
        m = _node(G, model, {"Model"})
        cl = _node(G, cloud, {"Cloud"}) if cloud is not None else None
        ch = _node(G, chip, {"Chip"}) if chip is not None else None
        if m is None or (cloud is not None and cl is None) or (chip is not None and ch is None):
            return None
        return ox.Literal(str(lock_in(G, m, cloud=cl, chip=ch).score), datatype=XSD_INTEGER)

    def deployment_count(model: Any) -> ox.Literal | None:
        G = projection(store)
        m = _node(G, model, {"Model"})
        if m is None:
            return None
        return ox.Literal(str(len(where_can_run(G, m).deployments)), datatype=XSD_INTEGER)

    return {
        CAN_RUN_ON: can_run_on,
        LOCK_IN_SCORE: lock_in_score,
        DEPLOYMENT_COUNT: deployment_count,
    }
