"""Entities for people and programs that do not speak SPARQL: facts with labels, neighbours, sources.

A :class:`Catalog` is built once per store version (two SPARQL queries and the projection) and
answers every item lookup from memory, which is what keeps ``GET /v1/{kind}/{slug}`` cheap.

>>> from graph.examples import fixture_store
>>> store = fixture_store()
>>> model = catalog(store).entity("models", "open-7b")
>>> model.label, model.kind, model.types
('Open 7B', 'models', ('Model',))
>>> [(f.property, f.value.label) for f in model.facts if f.property == "sa:developedBy"]
[('sa:developedBy', 'OpenLab')]
>>> [(r.property, r.direction, [n.slug for n in r.links]) for r in model.relations][:2]
[('derivedFrom', 'in', ['open-7b-tuned']), ('developedBy', 'out', ['openlab'])]
>>> catalog(store).entity("models", "open-7c")
Traceback (most recent call last):
...
graph.exceptions.NotFoundError: no model with slug 'open-7c'; did you mean open-7b, open-7b-tuned?
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rapidfuzz import fuzz, process

from graph.cache import per_store_version
from graph.exceptions import NotFoundError
from graph.projection import projection
from graph.store import Store, select
from ontology import load_context
from ontology.namespace import ID_IRI, SA_IRI

__all__ = [
    "KINDS",
    "SLUG_PATTERN",
    "Catalog",
    "Entity",
    "Fact",
    "Kind",
    "Link",
    "Relation",
    "Value",
    "catalog",
    "describe",
]

#: Slugs as ONTOLOGY.md fixes them: lowercase ASCII, never ending in "." (the API adds a 200-char cap;
#: a bounded repetition here would make property-based generators crawl).
SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9-])?$"
_SLUG = re.compile(SLUG_PATTERN)

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SOURCE = "http://purl.org/dc/terms/source"
_AS_OF = SA_IRI + "asOf"
_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
_XSD = "http://www.w3.org/2001/XMLSchema#"
# Labels for the few non-``sa:`` properties the store does not label itself.
_PROPERTY_LABELS = {
    "http://www.w3.org/2000/01/rdf-schema#label": "label",
    "http://www.w3.org/2000/01/rdf-schema#comment": "comment",
    _ALT_LABEL: "also known as",
    _SOURCE: "source",
    "http://www.w3.org/2002/07/owl#sameAs": "same as",
}


@dataclass(frozen=True)
class Kind:
    """One collection of the REST API: its path segment, its singular noun and its classes."""

    name: str
    noun: str
    classes: frozenset[str]


#: collection → the most specific ``sa:`` classes of its members (the projection's ``kind``).
KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("organizations", "organization", frozenset({"Organization"})),
        Kind("models", "model", frozenset({"Model"})),
        Kind("families", "model family", frozenset({"ModelFamily"})),
        Kind("chips", "chip", frozenset({"Chip"})),
        Kind("clouds", "cloud", frozenset({"Cloud"})),
        Kind("services", "service", frozenset({"Service"})),
        Kind("licenses", "license", frozenset({"License"})),
        Kind(
            "software",
            "software",
            frozenset({"Software", "Framework", "ServingEngine", "AcceleratorStack", "Library"}),
        ),
        Kind("offerings", "offering", frozenset({"Offering"})),
        Kind("standards", "standard", frozenset({"Standard"})),
        Kind("acquisitions", "acquisition", frozenset({"Acquisition"})),
    )
}
_KIND_OF_CLASS = {cls: kind.name for kind in KINDS.values() for cls in kind.classes}


@dataclass(frozen=True)
class Value:
    """The object of a fact: an IRI (with its label and slug when known), a blank node or a literal."""

    value: str | int | float | bool
    iri: str | None = None
    label: str | None = None
    slug: str | None = None
    kind: str | None = None
    datatype: str | None = None
    facts: tuple[Fact, ...] = ()  # the blank node's own facts


@dataclass(frozen=True)
class Fact:
    """One triple about the thing: the property (as a CURIE, its IRI and its label) and the value."""

    property: str
    property_iri: str
    property_label: str
    value: Value


@dataclass(frozen=True)
class Link:
    """A neighbour: another described thing."""

    slug: str
    iri: str
    label: str
    kind: str | None


@dataclass(frozen=True)
class Relation:
    """Neighbours one hop away through one property: ``out`` (this → them) or ``in`` (them → this)."""

    property: str
    direction: str
    label: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Entity:
    """Everything the graph says about one thing, with labels resolved."""

    iri: str
    slug: str
    kind: str  # the collection of its most specific class; ``kinds`` has all of them
    types: tuple[str, ...]
    label: str
    alt_labels: tuple[str, ...]
    facts: tuple[Fact, ...]
    relations: tuple[Relation, ...]
    sources: tuple[str, ...]
    as_of: str | None
    kinds: tuple[str, ...] = ()


@dataclass
class Catalog:
    """Every described thing of one store version, keyed by slug, plus the projection it came from."""

    version: int
    G: nx.MultiDiGraph
    entities: dict[str, Entity]
    by_kind: dict[str, list[str]] = field(default_factory=dict)

    def entity(self, kind: str | None, slug: str) -> Entity:
        """The thing with ``slug`` (of collection ``kind``, or of any kind when None)."""
        found = self.entities.get(slug)
        if found is not None and (kind is None or kind in found.kinds):
            return found
        noun = KINDS[kind].noun if kind else "thing"
        raise NotFoundError(noun, slug, self.closest(slug, kind))

    def closest(self, text: str, kind: str | None = None, *, limit: int = 5) -> list[str]:
        """The slugs nearest to ``text`` by edit distance, best first (for "did you mean")."""
        slugs = self.by_kind.get(kind, []) if kind else list(self.entities)
        hits = process.extract(text, slugs, scorer=fuzz.ratio, limit=limit, score_cutoff=60)
        return [slug for slug, _, _ in hits]


_TRIPLES = """
SELECT ?s ?p ?o WHERE {
  ?s ?p ?o .
  FILTER(isBlank(?s) || STRSTARTS(STR(?s), "https://w3id.org/stackatlas/id/"))
}
"""

_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?x ?label WHERE { ?x rdfs:label ?label . FILTER(LANG(?label) = "" || LANGMATCHES(LANG(?label), "en")) }
"""


def _prefixes() -> list[tuple[str, str]]:
    context = load_context()["@context"]
    pairs = [(p, ns) for p, ns in context.items() if isinstance(ns, str) and ns[-1:] in "#/"]
    pairs.append(("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"))
    return sorted(pairs, key=lambda pair: -len(pair[1]))


_PREFIXES = _prefixes()


def curie(iri: str) -> str:
    """The compact form of ``iri`` with the JSON-LD context's prefixes.

    >>> curie("https://w3id.org/stackatlas/ns#developedBy"), curie("http://example.org/x")
    ('sa:developedBy', 'http://example.org/x')
    """
    for prefix, ns in _PREFIXES:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def _literal(term: ox.Literal) -> tuple[str | int | float | bool, str]:
    dt = term.datatype.value
    try:
        if dt == _XSD + "integer":
            return int(term.value), dt
        if dt in (_XSD + "decimal", _XSD + "double"):
            return float(term.value), dt
    except ValueError:
        pass  # an ill-typed literal stays a string rather than failing the whole catalog
    if dt == _XSD + "boolean":
        return term.value == "true", dt
    return term.value, dt


def build_catalog(store: Store) -> Catalog:
    """Build the catalog of ``store`` now (prefer :func:`catalog`, which caches per version)."""
    G = projection(store)
    labels = {row["x"].value: row["label"].value for row in select(store, _LABELS)}
    labels |= _PROPERTY_LABELS
    about: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    blank: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for row in select(store, _TRIPLES):
        s = row["s"]
        (blank if isinstance(s, ox.BlankNode) else about)[s.value].append(
            (row["p"].value, row["o"])
        )

    def value_of(term: Any, seen: frozenset[str]) -> Value:
        if isinstance(term, ox.NamedNode):
            iri = term.value
            node = G.nodes.get(iri)
            return Value(
                value=iri,
                iri=iri,
                label=labels.get(iri),
                slug=node["slug"] if node else None,
                kind=_KIND_OF_CLASS.get(node["kind"]) if node else None,
            )
        if isinstance(term, ox.BlankNode):
            inner = () if term.value in seen else facts_of(blank[term.value], seen | {term.value})
            return Value(value="_:" + term.value, facts=inner)
        literal, dt = _literal(term)
        return Value(value=literal, datatype=curie(dt))

    def facts_of(pairs: list[tuple[str, Any]], seen: frozenset[str]) -> tuple[Fact, ...]:
        facts = [
            Fact(curie(p), p, labels.get(p, curie(p)), value_of(o, seen))
            for p, o in pairs
            if p != _RDF_TYPE
        ]
        return tuple(sorted(facts, key=lambda f: (f.property, str(f.value.value))))

    entities: dict[str, Entity] = {}
    by_kind: dict[str, list[str]] = defaultdict(list)
    for iri, attrs in G.nodes(data=True):
        kind = _KIND_OF_CLASS.get(attrs["kind"])
        if kind is None:
            continue
        pairs = about.get(iri, [])
        # A few IRIs carry two unrelated classes (a family and its only model share a slug):
        # such a thing is listed in both collections.
        types = sorted(
            {
                o.value[len(SA_IRI) :]
                for p, o in pairs
                if p == _RDF_TYPE and o.value.startswith(SA_IRI)
            }
            & set(_KIND_OF_CLASS)
        )
        if len(types) > 1:
            types = [t for t in types if t != "Software"]
        kinds = tuple(sorted({kind, *(_KIND_OF_CLASS[t] for t in types)}))
        entities[attrs["slug"]] = Entity(
            iri=iri,
            slug=attrs["slug"],
            kind=kind,
            kinds=kinds,
            types=tuple(types) or (attrs["kind"],),
            label=attrs["label"],
            alt_labels=tuple(sorted(str(o.value) for p, o in pairs if p == _ALT_LABEL)),
            facts=facts_of(pairs, frozenset()),
            relations=_relations(G, iri),
            sources=tuple(sorted(o.value for p, o in pairs if p == _SOURCE)),
            as_of=attrs.get("asOf"),
        )
        for member_of in kinds:
            by_kind[member_of].append(attrs["slug"])
    for slugs in by_kind.values():
        slugs.sort()
    return Catalog(store.version, G, entities, dict(by_kind))


def _relations(G: nx.MultiDiGraph, iri: str) -> tuple[Relation, ...]:
    groups: dict[tuple[str, str], tuple[str, list[Link]]] = {}
    edges = [("out", o, k, d) for _, o, k, d in G.out_edges(iri, keys=True, data=True)]
    edges += [("in", s, k, d) for s, _, k, d in G.in_edges(iri, keys=True, data=True)]
    for direction, other, key, data in edges:
        node = G.nodes[other]
        link = Link(node["slug"], other, node["label"], _KIND_OF_CLASS.get(node["kind"]))
        groups.setdefault((key, direction), (data.get("label", key), []))[1].append(link)
    return tuple(
        Relation(key, direction, label, tuple(sorted(links, key=lambda n: n.slug)))
        for (key, direction), (label, links) in sorted(groups.items())
    )


@per_store_version
def catalog(store: Store) -> Catalog:
    """The catalog of ``store``, built once per store version and shared (treat it as read-only)."""
    return build_catalog(store)


_DESCRIBE = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
_OFFERINGS = """
PREFIX sa: <https://w3id.org/stackatlas/ns#>
SELECT ?offering ?model WHERE { ?offering sa:model ?model ; a sa:Offering }
"""


def describe(store: Store, iri: str, *, offerings: bool = True) -> list[ox.Triple]:
    """The thing's own triples, those of its blank nodes (recursively) and, for a model, its offerings'
    (unless ``offerings=False``).

    The IRI is bound as a substitution, never pasted into the query text.

    >>> from graph.load import build_from_bundle
    >>> from graph.store import OxigraphStore
    >>> store = OxigraphStore()
    >>> _ = build_from_bundle(store)
    >>> triples = describe(store, ID_IRI + "llama-3.1-405b")
    >>> len({t.subject for t in triples}) > 1          # the model and its offerings
    True
    """
    subject = ox.NamedNode(iri)
    todo: list[ox.NamedNode | ox.BlankNode] = [subject]
    if offerings:
        rows = select(store, _OFFERINGS, substitutions={"model": subject})
        todo += [row["offering"] for row in rows]
    seen: set[ox.NamedNode | ox.BlankNode] = set()
    triples: list[ox.Triple] = []
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        result = store.query(_DESCRIBE, substitutions={"s": node})
        assert isinstance(result, ox.QueryTriples)
        for triple in result:
            triples.append(triple)
            if isinstance(triple.object, ox.BlankNode):
                todo.append(triple.object)
    return triples


def is_slug(text: str) -> bool:
    """Whether ``text`` is a well-formed slug.

    >>> is_slug("llama-3.1-405b"), is_slug("Llama"), is_slug("x."), is_slug("a--b")
    (True, False, False, True)
    """
    return len(text) <= 200 and _SLUG.fullmatch(text) is not None


def slug_of(iri: str) -> str | None:
    """The slug of an ``id:`` IRI.

    >>> slug_of(ID_IRI + "h100"), slug_of("http://example.org/h100")
    ('h100', None)
    """
    return iri[len(ID_IRI) :] if iri.startswith(ID_IRI) else None
