"""Conversions between pyoxigraph terms (the engine) and rdflib terms (formats, SHACL, clients).

>>> to_rdflib(ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
rdflib.term.Literal('7', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
>>> from_rdflib(URIRef("https://w3id.org/stackatlas/id/h100"))
<NamedNode value=https://w3id.org/stackatlas/id/h100>
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """The rdflib term for a pyoxigraph term (RDF-star quoted triples are not supported)."""
    if isinstance(term, ox.Triple):
        raise TypeError("quoted triples (RDF-star) are not supported")
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    # rdflib treats an untyped literal and an xsd:string one as different terms; RDF 1.1 does not.
    return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))


def from_rdflib(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def triples_to_graph(triples: Iterable[ox.Triple | ox.Quad], g: Graph | None = None) -> Graph:
    """Add pyoxigraph triples (or quads, graph name dropped) to an rdflib graph.

    >>> t = ox.Triple(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"))
    >>> len(triples_to_graph([t]))
    1
    """
    g = Graph() if g is None else g
    for t in triples:
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g
