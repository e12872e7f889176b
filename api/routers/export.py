"""Routes: the graph, or a part of it, in a format graph tools read (``GET /v1/export``)."""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep
from api.errors import problem, query_problem
from graph.analysis import resolve
from graph.exceptions import InvalidParameterError, StackAtlasError
from graph.export import FORMATS, export, format_named, neighbourhood, thing, whole
from graph.export.answer import stack_answer
from graph.export.construct import graph_from_triples, property_labels
from graph.pool import Job, NotAcceptableError
from graph.projection import projection

router = APIRouter(tags=["export"])

MAX_DEPTH = 6


@router.get(
    "/v1/export",
    summary="Export the graph or a neighbourhood",
    response_class=Response,
    responses={
        200: {
            "description": "The graph in the requested format.",
            "content": {f.media_type: {} for f in FORMATS.values()},
        },
        400: {"description": "Unknown format or kind, or depth out of range (problem+json)."},
        404: {"description": "No thing with the focus slug (problem+json, with suggestions)."},
    },
)
def export_graph(
    store: StoreDep,
    format: Annotated[
        str,
        Query(description=f"One of: {', '.join(FORMATS)}."),
    ],
    focus: Annotated[
        str | None,
        Query(description="Slug of a thing: export its neighbourhood instead of the whole graph."),
    ] = None,
    depth: Annotated[
        int, Query(description=f"Relations to follow from the focus (0 to {MAX_DEPTH}).")
    ] = 1,
    kinds: Annotated[
        list[str],
        Query(description="Keep only things of these kinds (repeat, or separate with commas)."),
    ] = [],  # noqa: B006 - FastAPI copies defaults per request
    model: Annotated[
        str | None,
        Query(description="Slug of a model: export the lock-in answer for this stack instead."),
    ] = None,
    cloud: Annotated[str | None, Query(description="Slug of the stack's cloud.")] = None,
    chip: Annotated[str | None, Query(description="Slug of the stack's chip.")] = None,
    avoid: Annotated[
        list[str],
        Query(description="Organization slugs whose vendor groups the drawn exit paths avoid."),
    ] = [],  # noqa: B006
    exits: Annotated[int, Query(description="How many exit paths to draw (1 to 50).")] = 5,
) -> Response:
    """The whole graph, the things within ``depth`` relations of ``focus``, or the lock-in answer
    for the stack ``model``/``cloud``/``chip`` with its exit paths, in ``format``."""
    fmt = format_named(format)
    if not 0 <= depth <= MAX_DEPTH:
        raise InvalidParameterError(f"depth must be between 0 and {MAX_DEPTH}, not {depth}")
    if not 1 <= exits <= 50:
        raise InvalidParameterError(f"exits must be between 1 and 50, not {exits}")
    if focus is not None and model is not None:
        raise InvalidParameterError("focus and model exclude each other: export one or the other")
    if model is None and (cloud or chip or avoid):
        raise InvalidParameterError("cloud, chip and avoid describe a stack: give its model too")
    selected = [k.strip() for value in kinds for k in value.split(",") if k.strip()]
    G = projection(store)
    if model is not None:
        H = stack_answer(
            G,
            resolve(G, model, ["Model"], what="model"),
            cloud=resolve(G, cloud, ["Cloud"], what="cloud") if cloud else None,
            chip=resolve(G, chip, ["Chip"], what="chip") if chip else None,
            avoid=[a.strip() for value in avoid for a in value.split(",") if a.strip()],
            exits=exits,
        )
        name = f"stackatlas-lockin-{model}"
    elif focus is None:
        H = whole(G, kinds=selected)
        name = "stackatlas"
    else:
        H = neighbourhood(G, thing(G, focus), depth=depth, kinds=selected)
        name = f"stackatlas-{focus}"
    # every format is UTF-8 text; the focus is a known slug by now, safe in a header
    return Response(
        export(H, fmt.name),
        media_type=f"{fmt.media_type}; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{name}.{fmt.extension}"'},
    )


@router.get(
    "/v1/export/construct",
    summary="Export the triples of a SPARQL CONSTRUCT or DESCRIBE query",
    response_class=Response,
    responses={
        200: {
            "description": "The query's triples as a graph, in the requested format.",
            "content": {f.media_type: {} for f in FORMATS.values()},
        },
        400: {"description": "Unknown format, malformed query, or not CONSTRUCT/DESCRIBE."},
        429: {"description": "This client already has its share of queries running."},
        503: {"description": "The query passed its deadline (problem+json)."},
    },
)
async def export_construct(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    format: Annotated[str, Query(description=f"One of: {', '.join(FORMATS)}.")],
    query: Annotated[
        str,
        Query(
            min_length=1,
            # percent-encoded, it must still fit the 16 KiB a request line may take
            max_length=4000,
            description="A CONSTRUCT or DESCRIBE query (at most 4000 characters); its triples are drawn.",
            examples=[
                "PREFIX sa: <https://w3id.org/stackatlas/ns#> "
                "CONSTRUCT { ?m sa:developedBy ?o } WHERE { ?m sa:developedBy ?o }"
            ],
        ),
    ],
) -> Response:
    """The result of a CONSTRUCT or DESCRIBE query, drawn like any other export.

    The query runs in the SPARQL endpoint's worker pool, under the same deadline, row limit and
    per-client limit as on ``/sparql``: an export is no way around them.
    """
    fmt = format_named(format)
    service = request.app.state.sparql
    client = request.client.host if request.client else "unknown"
    if not service.gate.enter(client):
        return problem(
            429,
            "Too many queries at once",
            f"this client already has {settings.max_queries_per_client} queries running",
            headers={"Retry-After": "1"},
        )
    job = Job(
        query,
        result_format=None,
        graph_format="ntriples",
        max_rows=settings.max_result_rows,
        base_iri=str(request.base_url),
    )
    try:
        answer, _ = await service.query(job, timeout=settings.query_timeout)
    except NotAcceptableError:
        raise InvalidParameterError(
            "the query must be a CONSTRUCT or DESCRIBE query, which returns triples"
        ) from None
    except StackAtlasError as e:  # syntax, evaluation, deadline: said as on /sparql
        return query_problem(e, query)
    finally:
        service.gate.leave(client)

    def draw() -> bytes:
        triples = ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES)
        H = graph_from_triples(
            triples, reference=projection(store), property_labels=property_labels(store)
        )
        H.graph["title"] = "SPARQL CONSTRUCT result"
        return export(H, fmt.name)

    return Response(
        await run_in_threadpool(draw),  # writing a large graph must not block the event loop
        media_type=f"{fmt.media_type}; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="stackatlas-construct.{fmt.extension}"'},
    )
