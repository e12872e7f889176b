"""The result of a SPARQL CONSTRUCT (or DESCRIBE) as the same kind of graph the projection builds.

IRIs become nodes keyed by their full IRI, ``rdf:type`` gives the kind, ``rdfs:label`` the label,
literals, ``sa:`` concepts, aliases and sources become node attributes, and every other
IRI-to-IRI triple becomes an edge keyed by the property's local name and labelled with the
ontology's label. Things the triples do not describe (no type or label) take their kind and label
from ``reference`` (the projection of the store), so a bare CONSTRUCT still draws nicely.

>>> from graph.examples import fixture_store
>>> store = fixture_store()
>>> from graph.projection import project
>>> H = construct_graph(store, '''PREFIX sa: <https://w3id.org/stackatlas/ns#>
...     CONSTRUCT { ?m sa:developedBy ?o } WHERE { ?m sa:developedBy ?o }''', reference=project(store))
>>> model = "https://w3id.org/stackatlas/id/open-7b"
>>> H.nodes[model]["kind"], H.nodes[model]["label"]
('Model', 'Open 7B')
>>> H.edges[model, "https://w3id.org/stackatlas/id/openlab", "developedBy"]["label"]
'developed by'
>>> construct_graph(store, "SELECT * WHERE { ?s ?p ?o }", reference=H)
Traceback (most recent call last):
...
graph.exceptions.InvalidParameterError: the query must be a CONSTRUCT or DESCRIBE query, which returns triples
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import pyoxigraph as ox

from graph.exceptions import InvalidParameterError
from graph.projection import MULTI_VALUED
from graph.store import Store, select
from ontology.namespace import ID_IRI, SA_IRI

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
# Objects that are values of the subject, not things of their own (as in the projection).
ATTRIBUTE_PROPERTIES = frozenset(
    {"http://www.w3.org/2004/02/skos/core#altLabel", "http://purl.org/dc/terms/source"}
)

_PROPERTY_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?p ?label WHERE {
  ?p rdfs:label ?label .
  FILTER(STRSTARTS(STR(?p), "https://w3id.org/stackatlas/ns#") && (LANG(?label) = "" || LANGMATCHES(LANG(?label), "en")))
}
"""


def construct_graph(store: Store, query: str, *, reference: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Run a CONSTRUCT or DESCRIBE ``query`` on ``store`` and turn its triples into a graph."""
    result = store.query(query)
    if not isinstance(result, ox.QueryTriples):
        raise InvalidParameterError(
            "the query must be a CONSTRUCT or DESCRIBE query, which returns triples"
        )
    H = graph_from_triples(result, reference=reference, property_labels=property_labels(store))
    H.graph["title"] = "SPARQL CONSTRUCT result"
    return H


def property_labels(store: Store) -> dict[str, str]:
    """The ontology's label of every ``sa:`` property, by full IRI."""
    return {row["p"].value: row["label"].value for row in select(store, _PROPERTY_LABELS)}


def graph_from_triples(
    triples: Iterable[ox.Triple],
    *,
    reference: nx.MultiDiGraph,
    property_labels: Mapping[str, str],
) -> nx.MultiDiGraph:
    """The triples as a projection-shaped MultiDiGraph (see the module docstring)."""
    G = nx.MultiDiGraph()
    types: dict[str, list[str]] = {}
    for triple in triples:
        s, p, o = _key(triple.subject), triple.predicate.value, triple.object
        _ensure(G, s, reference)
        if p == RDF_TYPE and isinstance(o, ox.NamedNode):
            types.setdefault(s, []).append(o.value)
        elif p == RDFS_LABEL and isinstance(o, ox.Literal):
            G.nodes[s]["label"] = o.value
        elif isinstance(o, ox.Literal) or p in ATTRIBUTE_PROPERTIES or _is_concept(o):
            _add_attribute(G.nodes[s], _local(p), _value(o))
        else:
            target = _key(o)
            _ensure(G, target, reference)
            name = _local(p)
            G.add_edge(s, target, key=name, property=name, label=property_labels.get(p, name))
    for node, classes in types.items():
        known = reference.nodes[node]["kind"] if node in reference else None
        local = [_local(c) for c in classes if c.startswith(SA_IRI)] or [_local(classes[0])]
        G.nodes[node]["kind"] = known if known in local else local[0]
    return G


def _ensure(G: nx.MultiDiGraph, node: str, reference: nx.MultiDiGraph) -> None:
    if node in G:
        return
    known = reference.nodes[node] if node in reference else {}
    slug = node[len(ID_IRI) :] if node.startswith(ID_IRI) else ""
    G.add_node(
        node,
        kind=known.get("kind", ""),
        label=known.get("label", slug or _local(node)),
        slug=slug,
    )


def _add_attribute(attrs: dict[str, Any], name: str, value: Any) -> None:
    if name in MULTI_VALUED or name in attrs:
        previous = attrs.get(name, [])
        values = previous if isinstance(previous, list) else [previous]
        attrs[name] = sorted({*values, value}, key=str)
    else:
        attrs[name] = value


def _is_concept(term: Any) -> bool:
    return isinstance(term, ox.NamedNode) and term.value.startswith(SA_IRI)


def _key(term: Any) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else str(term.value)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _value(term: Any) -> Any:
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt.endswith("#integer"):
            return int(term.value)
        if dt.endswith(("#decimal", "#double")):
            return float(term.value)
        if dt.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return _local(term.value) if _is_concept(term) else term.value
