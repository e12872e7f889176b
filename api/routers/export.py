"""Routes: the graph, or a part of it, in a format graph tools read (``GET /v1/export``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import StoreDep
from graph.analysis import resolve
from graph.exceptions import InvalidParameterError
from graph.export import FORMATS, export, format_named, neighbourhood, thing, whole
from graph.export.answer import stack_answer
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
