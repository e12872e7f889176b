"""REST lookups: ``/v1/{kind}`` collections, ``/v1/{kind}/{slug}`` items and ``/v1/search``.

Each kind gets its own concrete routes (not one ``/v1/{kind}`` pattern) so that every collection
documents its own filters, and so that other routers' ``/v1/…`` paths are never shadowed.
Items are rendered once per store version and format, then served from memory.
"""

# No ``from __future__ import annotations``: the routes are built in closures, and FastAPI must see
# their annotations as objects, not as strings naming closure variables.
import inspect
import threading
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from api.deps import StoreDep, get_store
from api.errors import problem
from api.routers.linked_data import write_rdf
from api.schemas import (
    CollectionOut,
    EntityOut,
    SearchOut,
    entity_out,
    hit_out,
    problem_content,
    summary_out,
)
from api.sparql.conneg import negotiate
from graph.exceptions import InvalidParameterError
from graph.listing import FILTERS, SORTS, list_members
from graph.lookup import KINDS, SLUG_PATTERN, catalog, describe
from graph.search import search
from graph.store import Store

router = APIRouter(prefix="/v1")

JSON, JSON_LD, TURTLE = "application/json", "application/ld+json", "text/turtle"
#: ``format`` parameter → media type; the order is our preference when the client has none.
FORMATS = {"json": JSON, "jsonld": JSON_LD, "turtle": TURTLE}
FormatName = Literal["json", "jsonld", "turtle"]

EXAMPLE_SLUGS = {
    "organizations": "meta",
    "models": "llama-3.1-405b",
    "families": "llama-3.1",
    "chips": "tpu-v6e",
    "clouds": "aws",
    "services": "bedrock",
    "licenses": "llama-3.1-community-license",
    "software": "pytorch",
    "offerings": "llama-3.1-405b--bedrock",
    "standards": "osaid-1.0",
    "acquisitions": "databricks-acquires-mosaicml",
}

FormatQuery = Annotated[
    FormatName | None,
    Query(description="Answer format; overrides the Accept header.", examples=["turtle"]),
]


def _responses(model: type[Any], *statuses: int) -> dict[int | str, dict[str, Any]]:
    described = {
        400: "A parameter names nothing valid (which one, and why, is in `detail`).",
        404: "No such thing; `suggestions` holds the closest slugs.",
        406: "None of the formats offered is acceptable.",
    }
    out: dict[int | str, dict[str, Any]] = {
        200: {
            "model": model,
            "content": {
                JSON_LD: {"schema": {"type": "object"}},
                TURTLE: {"schema": {"type": "string"}},
            },
            "headers": {
                "Link": {"description": "rel=next on a collection page with more after it."}
            },
        }
    }
    for status in statuses:
        out[status] = {"description": described[status], "content": problem_content()}
    return out


def _media(request: Request, format: str | None) -> str | None:
    if format is not None:
        return FORMATS[format]
    return negotiate(request.headers.get("accept"), {m: m for m in FORMATS.values()})


def _not_acceptable(request: Request) -> Response:
    return problem(
        406,
        "Not acceptable",
        f"header 'Accept': none of {', '.join(FORMATS.values())} is acceptable "
        "(or use the 'format' parameter: json, jsonld, turtle)",
        instance=request.url.path,
    )


# -- items, rendered once per store version and format ----------------------------------------

_rendered: dict[tuple[str, str, str], bytes] = {}
_rendered_for: list[tuple[int, int]] = [(0, -1)]
_rendered_lock = threading.Lock()


def render_item(store: Store, kind: str, slug: str, media: str) -> bytes:
    """The body of an item in ``media``, from the per-version cache (raises NotFoundError)."""
    cat = catalog(store)
    key = (kind, slug, media)
    with _rendered_lock:
        if _rendered_for[0] != (id(store), cat.version):
            _rendered.clear()
            _rendered_for[0] = (id(store), cat.version)
        body = _rendered.get(key)
    if body is not None:  # only things that exist are ever cached
        return body
    entity = cat.entity(kind, slug)
    if media == JSON:
        body = entity_out(entity, kind).model_dump_json().encode("utf-8")
    else:
        body = write_rdf(describe(store, entity.iri), media)
    with _rendered_lock:
        _rendered[key] = body
    return body


def _item_endpoint(kind: str) -> Callable[..., Response]:
    def item(
        request: Request,
        slug: Annotated[
            str,
            Path(
                pattern=SLUG_PATTERN,
                max_length=200,
                description="The thing's slug (the last segment of its IRI).",
                examples=[EXAMPLE_SLUGS[kind]],
            ),
        ],
        format: FormatQuery = None,
    ) -> Response:
        media = _media(request, format)
        if media is None:
            return _not_acceptable(request)
        # The store straight from app state, not through a dependency: this is the hot path.
        body = render_item(get_store(request), kind, slug, media)
        return Response(body, media_type=media, headers={"Vary": "Accept"})

    item.__doc__ = (
        f"One of the {kind}: every fact with labels resolved, its neighbours one hop away grouped "
        "by relation, its sources and as-of date. JSON by default; JSON-LD or Turtle on request."
    )
    return item


# -- collections ----------------------------------------------------------------------------


def _filter_parameters(kind: str) -> list[inspect.Parameter]:
    params = []
    for f in FILTERS[kind]:
        annotation: Any
        if f.concepts:
            annotation = Annotated[
                Literal[f.concepts] | None,
                Query(description=f"Keep those with this {f.doc}."),
            ]
        else:
            annotation = Annotated[
                str | None,
                Query(
                    pattern=SLUG_PATTERN,
                    max_length=200,
                    description=f"Keep those with this {f.doc}: a slug of /v1/{f.target}.",
                    examples=[f.example],
                ),
            ]
        params.append(
            inspect.Parameter(
                f.name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation
            )
        )
    return params


def _collection_endpoint(kind: str) -> Callable[..., Response]:
    filter_names = [f.name for f in FILTERS[kind]]
    known = {*filter_names, "sort", "order", "limit", "offset", "format"}

    def collection(request: Request, store: StoreDep, **params: Any) -> Response:
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise InvalidParameterError(
                f"parameter {unknown[0]!r}: not a parameter of /v1/{kind} "
                f"(known: {', '.join(sorted(known))})"
            )
        media = _media(request, params["format"])
        if media is None:
            return _not_acceptable(request)
        filters = {name: params[name] for name in filter_names if params[name] is not None}
        limit, offset = params["limit"], params["offset"]
        page = list_members(
            catalog(store),
            kind,
            filters,
            sort=params["sort"],
            descending=params["order"] == "desc",
            limit=limit,
            offset=offset,
        )
        more = offset + limit < page.total
        next_url = str(request.url.include_query_params(offset=offset + limit)) if more else None
        headers = {"Vary": "Accept"}
        if next_url:
            headers["Link"] = f'<{next_url}>; rel="next"'
        if media == JSON:
            out = CollectionOut(
                kind=kind,
                total=page.total,
                limit=limit,
                offset=offset,
                next=next_url,
                items=[summary_out(e, kind) for e in page.items],
            )
            return Response(out.model_dump_json(), media_type=media, headers=headers)
        triples = [t for e in page.items for t in describe(store, e.iri, offerings=False)]
        return Response(write_rdf(triples, media), media_type=media, headers=headers)

    common = [
        inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request),
        inspect.Parameter("store", inspect.Parameter.KEYWORD_ONLY, annotation=StoreDep),
        *_filter_parameters(kind),
    ]
    paging = {
        "sort": (
            Annotated[
                Literal[tuple(SORTS)], Query(description="Sort key; things without it come last.")
            ],
            "label",
        ),
        "order": (Annotated[Literal["asc", "desc"], Query(description="Sort order.")], "asc"),
        "limit": (Annotated[int, Query(ge=1, le=1000, description="Page size.")], 100),
        "offset": (Annotated[int, Query(ge=0, le=1_000_000, description="Members to skip.")], 0),
        "format": (FormatQuery, None),
    }
    for name, (annotation, default) in paging.items():
        common.append(
            inspect.Parameter(
                name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
            )
        )
    collection.__signature__ = inspect.Signature(common)  # type: ignore[attr-defined]
    collection.__doc__ = (
        f"The {kind}, filtered (filters combine with AND), sorted and paged. The answer carries "
        "`total` and a `next` link (also in the `Link` header). JSON by default; JSON-LD or "
        "Turtle (the members' own triples) on request."
    )
    return collection


# -- search (registered before the kinds; a fixed path, so order does not matter) -------------


@router.get(
    "/search",
    response_model=SearchOut,
    tags=["lookup"],
    responses={400: {"description": "Bad parameter.", "content": problem_content()}},
)
def search_things(
    store: StoreDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="Name, alternative name, provider model id or slug; typos and prefixes welcome.",
            examples=["Trillium", "TPUv5e", "Llama3.1", "meta.llama3-1-405b-instruct-v1:0"],
        ),
    ],
    kind: Annotated[
        Literal[tuple(KINDS)] | None,  # type: ignore[valid-type]
        Query(description="Only things of this collection."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100, description="At most this many hits.")] = 20,
) -> Response:
    """Things by name: ranked, prefix-aware and typo-tolerant, over labels and alternative labels."""
    hits = search(store, q, kind=kind, limit=limit)
    out = SearchOut(q=q, kind=kind, hits=[hit_out(h) for h in hits])
    return Response(out.model_dump_json(), media_type=JSON)


for _kind in KINDS:
    router.add_api_route(
        f"/{_kind}",
        _collection_endpoint(_kind),
        methods=["GET"],
        response_model=CollectionOut,
        responses=_responses(CollectionOut, 400, 406),
        tags=["lookup"],
        name=f"list_{_kind}",
        summary=f"List {_kind}",
    )
    router.add_api_route(
        f"/{_kind}/{{slug}}",
        _item_endpoint(_kind),
        methods=["GET"],
        response_model=EntityOut,
        responses=_responses(EntityOut, 404, 406),
        tags=["lookup"],
        name=f"get_{_kind}_item",
        summary=f"One of the {_kind}",
    )
