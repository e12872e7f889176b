"""The SPARQL 1.1 Service Description of the endpoint, as RDF in any format the endpoint writes.

>>> from graph.store import OxigraphStore
>>> text = describe(OxigraphStore(), "http://h/sparql", update=False, limits={"timeout": 30}).decode()
>>> "<http://h/sparql>" in text and "sd:UnionDefaultGraph" in text
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from graph.formats import GRAPH_FORMATS, RESULT_FORMATS
from graph.store import OxigraphStore

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
PREFIXES = {"sd": SD, "void": VOID, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}


def describe(
    store: OxigraphStore,
    endpoint: str,
    *,
    update: bool,
    limits: Mapping[str, object],
    functions: Iterable[str] = (),
    fmt: str = "turtle",
) -> bytes:
    """The description of ``endpoint`` serving ``store``, in the format key ``fmt``."""
    service = ox.NamedNode(endpoint)
    dataset, default = ox.BlankNode(), ox.BlankNode()
    triples = [
        _t(service, RDF_TYPE, _sd("Service")),
        _t(service, _sd("endpoint"), service),
        _t(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        _t(service, _sd("feature"), _sd("UnionDefaultGraph")),
        _t(service, _sd("feature"), _sd("BasicFederatedQuery")),
        _t(service, _sd("defaultDataset"), dataset),
        _t(dataset, RDF_TYPE, _sd("Dataset")),
        _t(dataset, _sd("defaultGraph"), default),
        _t(default, RDF_TYPE, _sd("Graph")),
        _t(default, _v("triples"), ox.Literal(str(len(store)), datatype=_XSD_INT)),
        _t(
            service,
            RDFS_COMMENT,
            ox.Literal(
                "The default graph is the union of the named graphs. Limits: "
                + ", ".join(f"{k}={v}" for k, v in limits.items())
            ),
        ),
    ]
    if update:
        triples.append(_t(service, _sd("supportedLanguage"), _sd("SPARQL11Update")))
    for f in RESULT_FORMATS.values():
        triples.append(_t(service, _sd("resultFormat"), ox.NamedNode(f.iri)))
    for g in GRAPH_FORMATS.values():
        triples.append(_t(service, _sd("resultFormat"), ox.NamedNode(g.iri)))
    for name in functions:
        triples.append(_t(service, _sd("extensionFunction"), ox.NamedNode(name)))
    for name in store.graph_names():
        node, graph = ox.BlankNode(), ox.BlankNode()
        triples += [
            _t(dataset, _sd("namedGraph"), node),
            _t(node, _sd("name"), ox.NamedNode(name)),
            _t(node, _sd("graph"), graph),
            _t(graph, RDF_TYPE, _sd("Graph")),
            _t(graph, _v("triples"), ox.Literal(str(len(store.triples(name))), datatype=_XSD_INT)),
        ]
    prefixes = PREFIXES if fmt in ("turtle", "trig") else None
    return ox.serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=prefixes) or b""


_XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def _sd(local: str) -> ox.NamedNode:
    return ox.NamedNode(SD + local)


def _v(local: str) -> ox.NamedNode:
    return ox.NamedNode(VOID + local)


def _t(
    s: ox.NamedNode | ox.BlankNode, p: ox.NamedNode, o: ox.NamedNode | ox.BlankNode | ox.Literal
) -> ox.Triple:
    return ox.Triple(s, p, o)
