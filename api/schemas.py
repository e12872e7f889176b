"""The JSON shapes of the REST answers (pydantic models ending in ``Out``), and their builders."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from graph.lookup import Entity, Fact, Link, Value
from graph.search import Hit


class ValueOut(BaseModel):
    """The object of a fact: a described thing (with label and link), another IRI, or a literal."""

    value: str | int | float | bool = Field(description="The IRI, blank node id or literal value.")
    iri: str | None = Field(None, description="Set when the value is an IRI.")
    label: str | None = Field(None, description="The value's rdfs:label, when it has one.")
    slug: str | None = Field(None, description="Set when the value is a described thing.")
    kind: str | None = Field(None, description="The collection of that thing.")
    href: str | None = Field(None, description="Its REST item.")
    datatype: str | None = Field(None, description="The literal's datatype, as a CURIE.")
    facts: list[FactOut] = Field(default_factory=list, description="A blank node's own facts.")


class FactOut(BaseModel):
    """One triple about the thing."""

    property: str = Field(description="The property as a CURIE.", examples=["sa:developedBy"])
    property_iri: str
    property_label: str = Field(examples=["developed by"])
    value: ValueOut


class LinkOut(BaseModel):
    """A neighbouring thing."""

    slug: str
    id: str = Field(description="Its IRI.")
    label: str
    kind: str | None
    href: str | None = Field(description="Its REST item.")


class RelationOut(BaseModel):
    """Neighbours through one property: ``out`` means this → them, ``in`` means them → this."""

    property: str = Field(examples=["derivedFrom"])
    direction: str = Field(pattern="^(in|out)$")
    label: str = Field(examples=["derived from"])
    items: list[LinkOut]


class EntityOut(BaseModel):
    """Everything the graph says about one thing, labels resolved, neighbours grouped by relation."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "https://w3id.org/stackatlas/id/h100",
                    "slug": "h100",
                    "kind": "chips",
                    "types": ["Chip"],
                    "label": "NVIDIA H100",
                    "alt_labels": ["H100 SXM"],
                    "facts": [
                        {
                            "property": "sa:designedBy",
                            "property_iri": "https://w3id.org/stackatlas/ns#designedBy",
                            "property_label": "designed by",
                            "value": {
                                "value": "https://w3id.org/stackatlas/id/nvidia",
                                "iri": "https://w3id.org/stackatlas/id/nvidia",
                                "label": "NVIDIA",
                                "slug": "nvidia",
                                "kind": "organizations",
                                "href": "/v1/organizations/nvidia",
                            },
                        }
                    ],
                    "neighbours": [
                        {
                            "property": "designedBy",
                            "direction": "out",
                            "label": "designed by",
                            "items": [
                                {
                                    "slug": "nvidia",
                                    "id": "https://w3id.org/stackatlas/id/nvidia",
                                    "label": "NVIDIA",
                                    "kind": "organizations",
                                    "href": "/v1/organizations/nvidia",
                                }
                            ],
                        }
                    ],
                    "sources": ["https://www.nvidia.com/en-us/data-center/h100/"],
                    "as_of": "2026-11-29",
                    "links": {"self": "/v1/chips/h100", "iri": "/id/h100"},
                }
            ]
        }
    )

    id: str = Field(description="The thing's IRI.")
    slug: str
    kind: str = Field(description="Its collection.")
    types: list[str] = Field(description="Its most specific sa: classes.")
    label: str
    alt_labels: list[str]
    facts: list[FactOut]
    neighbours: list[RelationOut]
    sources: list[str]
    as_of: str | None
    links: dict[str, str]


class SummaryOut(BaseModel):
    """A member of a collection."""

    id: str
    slug: str
    kind: str
    types: list[str]
    label: str
    as_of: str | None
    href: str


class CollectionOut(BaseModel):
    """One page of a collection."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "chips",
                    "total": 22,
                    "limit": 1,
                    "offset": 0,
                    "next": "http://127.0.0.1:8000/v1/chips?limit=1&offset=1",
                    "items": [
                        {
                            "id": "https://w3id.org/stackatlas/id/h100",
                            "slug": "h100",
                            "kind": "chips",
                            "types": ["Chip"],
                            "label": "NVIDIA H100",
                            "as_of": "2026-11-29",
                            "href": "/v1/chips/h100",
                        }
                    ],
                }
            ]
        }
    )

    kind: str
    total: int = Field(description="How many members match, on all pages.")
    limit: int
    offset: int
    next: str | None = Field(description="The next page, or null on the last one.")
    items: list[SummaryOut]


class SearchHitOut(BaseModel):
    """One thing found by a search, and the name of it that matched."""

    id: str
    slug: str
    kind: str
    label: str
    matched: str = Field(description="The label, alternative label, provider id or slug matched.")
    score: float = Field(ge=0, le=100)
    href: str


class SearchOut(BaseModel):
    """Search results, best first."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "q": "Trillium",
                    "kind": None,
                    "hits": [
                        {
                            "id": "https://w3id.org/stackatlas/id/tpu-v6e",
                            "slug": "tpu-v6e",
                            "kind": "chips",
                            "label": "Google TPU v6e",
                            "matched": "Trillium",
                            "score": 100.0,
                            "href": "/v1/chips/tpu-v6e",
                        }
                    ],
                }
            ]
        }
    )

    q: str
    kind: str | None
    hits: list[SearchHitOut]


class ProblemOut(BaseModel):
    """An RFC 9457 problem document."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    suggestions: list[str] | None = Field(None, description="Closest known slugs, on a 404.")


def href(kind: str | None, slug: str | None) -> str | None:
    """The REST item path of a thing."""
    return f"/v1/{kind}/{slug}" if kind and slug else None


def _value(v: Value) -> ValueOut:
    return ValueOut(
        value=v.value,
        iri=v.iri,
        label=v.label,
        slug=v.slug,
        kind=v.kind,
        href=href(v.kind, v.slug),
        datatype=v.datatype,
        facts=[_fact(f) for f in v.facts],
    )


def _fact(f: Fact) -> FactOut:
    return FactOut(
        property=f.property,
        property_iri=f.property_iri,
        property_label=f.property_label,
        value=_value(f.value),
    )


def _link(n: Link) -> LinkOut:
    return LinkOut(slug=n.slug, id=n.iri, label=n.label, kind=n.kind, href=href(n.kind, n.slug))


def entity_out(e: Entity, kind: str | None = None) -> EntityOut:
    """The REST item of an entity, as a member of collection ``kind`` (default: its main one)."""
    kind = kind or e.kind
    return EntityOut(
        id=e.iri,
        slug=e.slug,
        kind=kind,
        types=list(e.types),
        label=e.label,
        alt_labels=list(e.alt_labels),
        facts=[_fact(f) for f in e.facts],
        neighbours=[
            RelationOut(
                property=r.property,
                direction=r.direction,
                label=r.label,
                items=[_link(n) for n in r.links],
            )
            for r in e.relations
        ],
        sources=list(e.sources),
        as_of=e.as_of,
        links={"self": f"/v1/{kind}/{e.slug}", "iri": f"/id/{e.slug}"},
    )


def summary_out(e: Entity, kind: str) -> SummaryOut:
    """A member of collection ``kind``."""
    return SummaryOut(
        id=e.iri,
        slug=e.slug,
        kind=kind,
        types=list(e.types),
        label=e.label,
        as_of=e.as_of,
        href=f"/v1/{kind}/{e.slug}",
    )


def hit_out(h: Hit) -> SearchHitOut:
    """A search hit."""
    return SearchHitOut(
        id=h.iri,
        slug=h.slug,
        kind=h.kind,
        label=h.label,
        matched=h.matched,
        score=h.score,
        href=f"/v1/{h.kind}/{h.slug}",
    )


def problem_content() -> dict[str, Any]:
    """The OpenAPI ``content`` of a problem+json response."""
    return {"application/problem+json": {"schema": ProblemOut.model_json_schema()}}
