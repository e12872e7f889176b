"""Linked-data IRIs: ``GET /id/{slug}`` answers by content negotiation, as Wikidata and DBpedia do.

An RDF format gives the thing's description (its triples, its blank nodes', and for a model its
offerings'); ``text/html`` a readable page; ``application/json`` a 303 to its ``/v1/`` item.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path as FilePath
from typing import Annotated, Any

import jinja2
import pyoxigraph as ox
from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import StoreDep
from api.errors import problem
from api.schemas import entity_out, problem_content
from api.sparql.conneg import negotiate
from graph.lookup import SLUG_PATTERN, catalog, describe
from graph.terms import triples_to_graph
from ontology import load_context

router = APIRouter(tags=["linked data"])

# -- RDF formats: media type → writer (one row per format) ----------------------------------------

PREFIXES = {
    "sa": "https://w3id.org/stackatlas/ns#",
    "id": "https://w3id.org/stackatlas/id/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": "http://www.wikidata.org/entity/",
}


def _oxigraph(fmt: ox.RdfFormat) -> Callable[[Sequence[ox.Triple]], bytes]:
    def write(triples: Sequence[ox.Triple]) -> bytes:
        out = ox.serialize(triples, format=fmt, prefixes=PREFIXES)
        assert out is not None
        return out

    return write


def _json_ld(triples: Sequence[ox.Triple]) -> bytes:
    # Compacted with the ontology's own context, embedded so that no client has to fetch it.
    g = triples_to_graph(triples)
    text = g.serialize(format="json-ld", context=load_context()["@context"], auto_compact=True)
    return text.encode("utf-8")


#: media type → writer of a list of triples, in our order of preference for ``*/*``.
RDF_WRITERS: dict[str, Callable[[Sequence[ox.Triple]], bytes]] = {
    "text/turtle": _oxigraph(ox.RdfFormat.TURTLE),
    "application/ld+json": _json_ld,
    "application/n-triples": _oxigraph(ox.RdfFormat.N_TRIPLES),
    "application/rdf+xml": _oxigraph(ox.RdfFormat.RDF_XML),
}


def write_rdf(triples: Sequence[ox.Triple], media: str) -> bytes:
    """Serialize triples in the RDF format of ``media`` (a key of :data:`RDF_WRITERS`)."""
    return RDF_WRITERS[media](triples)


# -- /id/{slug} -----------------------------------------------------------------------------------

HTML, JSON = "text/html", "application/json"
OFFERS: dict[str, str] = {**{m: m for m in RDF_WRITERS}, HTML: HTML, JSON: JSON}

_templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(FilePath(__file__).parent.parent / "templates"),
    autoescape=True,
)

_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The thing's description in the negotiated format.",
        "content": {
            **{
                m: {"schema": {"type": "string"}} for m in RDF_WRITERS if m != "application/ld+json"
            },
            "application/ld+json": {"schema": {"type": "object"}},
            HTML: {"schema": {"type": "string"}},
        },
    },
    303: {"description": "Asked for application/json: see the thing's /v1/ item."},
    404: {
        "description": "No such thing; `suggestions` holds the closest slugs.",
        "content": problem_content(),
    },
    406: {
        "description": "None of the offered formats is acceptable.",
        "content": problem_content(),
    },
}


def dereference(
    request: Request,
    store: StoreDep,
    slug: Annotated[
        str,
        Path(
            pattern=SLUG_PATTERN,
            max_length=200,
            description="The last segment of the IRI https://w3id.org/stackatlas/id/{slug}.",
            examples=["llama-3.1-405b"],
        ),
    ],
) -> Response:
    """Dereference an IRI: Turtle, JSON-LD, N-Triples or RDF/XML give its triples (and those of
    its blank nodes and, for a model, of its offerings); text/html a readable page;
    application/json a 303 redirect to its REST item."""
    cat = catalog(store)
    entity = cat.entity(None, slug)
    media = negotiate(request.headers.get("accept"), OFFERS)
    headers = {"Vary": "Accept", "Link": f'<{entity.iri}>; rel="canonical"'}
    if media is None:
        return problem(
            406,
            "Not acceptable",
            f"header 'Accept': none of {', '.join(OFFERS)} is acceptable",
            instance=request.url.path,
        )
    if media == JSON:
        return RedirectResponse(
            f"/v1/{entity.kind}/{entity.slug}", status_code=303, headers=headers
        )
    if media == HTML:
        page = _templates.get_template("entity.html").render(entity=entity_out(entity))
        return Response(page, media_type=HTML, headers=headers)
    return Response(
        write_rdf(describe(store, entity.iri), media), media_type=media, headers=headers
    )


for _method in ("GET", "HEAD"):
    router.add_api_route(
        "/id/{slug}",
        dereference,
        methods=[_method],
        responses=_RESPONSES,
        response_class=Response,
        operation_id=f"dereference_{_method.lower()}",
        summary="Dereference an IRI" + (" (headers only)" if _method == "HEAD" else ""),
    )
