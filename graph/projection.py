"""The networkx projection of the store: the graph the analyses and exports work on.

Nodes are the described things (every ``id:`` IRI with a ``sa:`` type); an edge joins two of them
for every ``sa:`` property between them, keyed by the property's local name. Literal and concept
values become node attributes (lists where a property has several values).

>>> from graph.examples import fixture_store
>>> store = fixture_store()
>>> G = project(store)
>>> model = str(ID["open-7b"])                  # nodes are keyed by their full IRI, as a str
>>> G.nodes[model]["kind"], G.nodes[model]["weights"], G.nodes[model]["slug"]
('Model', 'OpenWeights', 'open-7b')
>>> sorted(k for _, _, k in G.out_edges(model, keys=True))
['developedBy', 'license', 'supportedBy']
>>> G.edges[model, str(ID["openlab"]), "developedBy"]["label"]
'developed by'
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.cache import per_store_version
from graph.store import Store, select
from ontology.namespace import ID, ID_IRI, SA_IRI

__all__ = ["ID", "MULTI_VALUED", "project", "projection"]

# Attributes that keep every value as a sorted list; every other attribute keeps one value.
MULTI_VALUED = frozenset(
    {"altLabel", "source", "permits", "requires", "prohibits", "providerModelId"}
)

_NODES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?class ?label WHERE {
  ?s a ?class .
  FILTER(STRSTARTS(STR(?s), "https://w3id.org/stackatlas/id/") && STRSTARTS(STR(?class), "https://w3id.org/stackatlas/ns#"))
  # keep the most specific class: drop ?class when another type of ?s is its subclass
  MINUS { ?s a ?sub . ?sub rdfs:subClassOf+ ?class . }
  OPTIONAL { ?s rdfs:label ?label }
}
"""

_EDGES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?p ?o ?plabel WHERE {
  ?s ?p ?o .
  FILTER(isIRI(?o) && STRSTARTS(STR(?s), "https://w3id.org/stackatlas/id/")
         && STRSTARTS(STR(?o), "https://w3id.org/stackatlas/id/") && STRSTARTS(STR(?p), "https://w3id.org/stackatlas/ns#"))
  OPTIONAL { ?p rdfs:label ?plabel }
}
"""

_ATTRIBUTES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?s ?p ?o WHERE {
  ?s ?p ?o .
  FILTER(STRSTARTS(STR(?s), "https://w3id.org/stackatlas/id/"))
  # sa: facts whose value is not another described thing (literals, concepts, outside IRIs such as sa:paper)
  FILTER((STRSTARTS(STR(?p), "https://w3id.org/stackatlas/ns#") && !STRSTARTS(STR(?o), "https://w3id.org/stackatlas/id/"))
         || ?p IN (skos:altLabel, dcterms:source))
}
"""


def project(store: Store) -> nx.MultiDiGraph:
    """Build the projection of everything in ``store`` (prefer :func:`projection`, which caches)."""
    G = nx.MultiDiGraph(version=store.version)
    for row in select(store, _NODES):
        iri = row["s"].value
        kind = _local(row["class"].value)
        label = row["label"].value if row["label"] is not None else iri[len(ID_IRI) :]
        G.add_node(iri, kind=kind, label=label, slug=iri[len(ID_IRI) :])
    for row in select(store, _EDGES):
        s, o = row["s"].value, row["o"].value
        if s in G and o in G:
            prop = _local(row["p"].value)
            label = row["plabel"].value if row["plabel"] is not None else prop
            G.add_edge(s, o, key=prop, property=prop, label=label)
    for row in select(store, _ATTRIBUTES):
        s = row["s"].value
        if s not in G:
            continue
        name = _local(row["p"].value)
        value = _value(row["o"])
        attrs = G.nodes[s]
        if name in MULTI_VALUED:
            attrs[name] = sorted({*attrs.get(name, []), value})
        else:
            attrs.setdefault(name, value)
    return G


@per_store_version
def projection(store: Store) -> nx.MultiDiGraph:
    """The projection of ``store``, built once per store version and shared (treat it as read-only)."""
    return project(store)


def _local(iri: str) -> str:
    if iri.startswith(SA_IRI):
        return iri[len(SA_IRI) :]
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _value(term: Any) -> Any:
    value = term.value
    if hasattr(term, "datatype"):  # a literal
        dt = term.datatype.value
        if dt.endswith("#integer"):
            return int(value)
        if dt.endswith("#decimal") or dt.endswith("#double"):
            return float(value)
        if dt.endswith("#boolean"):
            return value == "true"
        return value
    return _local(value) if value.startswith(SA_IRI) else value
