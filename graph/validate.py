"""Check data against the SHACL shapes and the vocabulary before anything reaches the store.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
...   @prefix sa: <https://w3id.org/stackatlas/ns#> .
...   <https://w3id.org/stackatlas/id/h100> a sa:Chip ; <http://www.w3.org/2000/01/rdf-schema#label> "H100" .
... ''', format="turtle")
>>> [v.message for v in validate(g)][:2]
['needs at least one dcterms:source, the http(s) IRI of a public document', 'needs exactly one sa:asOf, an xsd:date']
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pyshacl
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from graph.exceptions import Violation
from ontology import load_ontology, load_shapes
from ontology.namespace import SA_IRI, SHAPES_IRI

Origin = Callable[[Node], str]


def validate(data: Graph, *, origin: Origin | None = None) -> list[Violation]:
    """Every violation of the shapes and of the vocabulary in ``data``, sorted by file and node.

    ``origin`` names the file a node comes from, so that a report says where to look.
    """
    where = origin or (lambda _node: "<data>")
    found = _unknown_terms(data, where) + _shape_violations(data, where)
    return sorted(found, key=lambda v: (v.source, v.focus, v.path or "", v.rule))


def _shape_violations(data: Graph, where: Origin) -> list[Violation]:
    shapes = _shapes()
    # The vocabulary goes into the data graph so that sh:class follows rdfs:subClassOf
    # (a sa:Framework is a sa:Software) and finds the concepts' classes (sa:OpenWeights a sa:WeightsAccess).
    mixed = Graph()
    mixed += data
    mixed += _ontology()
    conforms, results, _text = pyshacl.validate(
        mixed,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=False,
    )
    if conforms:
        return []
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        value = results.value(r, SH.value)
        out.append(
            Violation(
                source=where(focus),
                focus=_short(focus),
                path=_short(path) if path is not None else None,
                rule=_rule_name(
                    shapes,
                    results.value(r, SH.sourceShape),
                    results.value(r, SH.sourceConstraintComponent),
                ),
                message=str(results.value(r, SH.resultMessage) or "violates a shape"),
                value=_short(value) if value is not None else None,
            )
        )
    return out


def _unknown_terms(data: Graph, where: Origin) -> list[Violation]:
    """A misspelt sa: term would otherwise slip through the shapes as an unconstrained property."""
    known = _vocabulary()
    out = []
    for s, p, o in data:
        for position, term in (("predicate", p), ("object", o)):
            if isinstance(term, URIRef) and str(term).startswith(SA_IRI) and term not in known:
                out.append(
                    Violation(
                        source=where(s),
                        focus=_short(s),
                        path=_short(p),
                        rule="vocabulary",
                        message=f"{_short(term)} ({position}) is not defined in the stackatlas vocabulary",
                        value=_short(term),
                    )
                )
    return out


def _rule_name(shapes: Graph, shape: Node | None, component: Node | None) -> str:
    owner = shape
    if shape is not None and not isinstance(shape, URIRef):
        owner = shapes.value(None, SH.property, shape) or shape
    comp = (
        _short(component).removeprefix("sh:").removesuffix("ConstraintComponent")
        if component
        else "?"
    )
    return f"{_short(owner)} {comp}" if owner is not None else comp


_PREFIXES = {
    SA_IRI: "sa:",
    SHAPES_IRI: "shape:",
    "https://w3id.org/stackatlas/id/": "id:",
    "http://www.w3.org/ns/shacl#": "sh:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
}


def _short(term: Node | None) -> str:
    text = str(term)
    for iri, prefix in _PREFIXES.items():
        if text.startswith(iri):
            return prefix + text[len(iri) :]
    return text


@cache
def _shapes() -> Graph:
    return load_shapes()


@cache
def _ontology() -> Graph:
    return load_ontology()


@cache
def _vocabulary() -> frozenset[Node]:
    return frozenset(
        s for s in _ontology().subjects() if isinstance(s, URIRef) and str(s).startswith(SA_IRI)
    )
