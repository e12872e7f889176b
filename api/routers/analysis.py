"""Routes: the analyses (compatibility, lock-in, exit paths, what-if, obligations, openness).

Thin: resolve slugs to IRIs (unknown → 404 with suggestions), call ``graph.analysis`` on the cached
projection, shape the answer. Plain ``def`` routes: the work is CPU-bound and runs in the pool.
"""

from __future__ import annotations

from typing import Annotated

import networkx as nx
from fastapi import APIRouter, Path, Query, Response
from pydantic import StringConstraints

from api.deps import StoreDep
from api.schemas import problem_content
from api.schemas_analysis import (
    CompatibilityOut,
    DeploymentsOut,
    ExitPathOut,
    ExitPathsIn,
    ExitPathsOut,
    LockInOut,
    MofClassOut,
    NamePrefixOut,
    ObligationsOut,
    OpennessOut,
    RefOut,
    RunsOnOut,
    Slug,
    StackIn,
    StackOut,
    WhatIfOut,
)
from graph import analysis as A
from graph.analysis.groups import slug as slug_of
from graph.export import FORMATS, export, format_named
from graph.export.answer import stack_answer
from graph.projection import projection

router = APIRouter(prefix="/v1", tags=["analysis"])

ERRORS: dict[int | str, dict[str, object]] = {
    400: {
        "description": "Malformed request: a body that is not JSON (FastAPI answers it in JSON)",
        "content": {**problem_content(), "application/json": {"schema": {"type": "object"}}},
    },
    404: {
        "description": "No such thing; `suggestions` lists close slugs",
        "content": problem_content(),
    },
}
#: one or more comma-separated slugs (the pattern applies to each repeated parameter value)
SlugList = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.-]*(,[a-z0-9][a-z0-9.-]*)*$")
]
SlugPath = Annotated[str, Path(pattern=r"^[a-z0-9](?:[a-z0-9.-]{0,198}[a-z0-9-])?$")]
#: ``?format=`` on an analysis draws its answer as a graph instead of answering in JSON
DrawAs = Annotated[
    str | None,
    Query(
        alias="format",
        description=f"Draw the answer as a graph in one of: {', '.join(FORMATS)} (default: JSON).",
    ),
]
DRAWN: dict[int | str, dict[str, object]] = {
    200: {
        "description": "The answer in JSON, or drawn as a graph when `format` is given.",
        "content": {f.media_type: {} for f in FORMATS.values()},
    },
}


def _drawn(
    G: nx.MultiDiGraph,
    fmt: str,
    model: str,
    *,
    cloud: str | None,
    chip: str | None,
    avoid: list[str],
    exits: int = 5,
) -> Response:
    """The stack outlined, its exit paths and the evidence edges marked, in an export format."""
    drawn_as = format_named(fmt)
    H = stack_answer(G, model, cloud=cloud, chip=chip, avoid=avoid, exits=exits)
    name = f"stackatlas-{slug_of(model)}-{'exit-paths' if avoid else 'lockin'}"
    return Response(
        export(H, drawn_as.name),
        media_type=f"{drawn_as.media_type}; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{name}.{drawn_as.extension}"'},
    )


def _model(G: nx.MultiDiGraph, name: str) -> str:
    return A.resolve(G, name, ["Model"], what="model")


def _stack(G: nx.MultiDiGraph, body: StackIn) -> tuple[str, str | None, str | None, str | None]:
    return (
        _model(G, body.model),
        A.resolve(G, body.cloud, ["Cloud"], what="cloud") if body.cloud else None,
        A.resolve(G, body.chip, ["Chip"], what="chip") if body.chip else None,
        A.resolve(G, body.software, ["Software"], what="software") if body.software else None,
    )


@router.get("/models/{slug}/deployments", response_model=DeploymentsOut, responses=ERRORS)
def model_deployments(slug: SlugPath, store: StoreDep) -> DeploymentsOut:
    """Every current deployment of the model: documented offerings and self-hosting paths."""
    G = projection(store)
    return DeploymentsOut.model_validate(A.where_can_run(G, _model(G, slug)))


@router.get("/compat", response_model=CompatibilityOut, responses=ERRORS)
def compat(
    store: StoreDep,
    model: Annotated[Slug, Query(description="model slug")],
    chip: Annotated[Slug, Query(description="chip slug", examples=["trainium2"])],
) -> CompatibilityOut:
    """Can the model run on the chip? The paths that say yes, or what is missing."""
    G = projection(store)
    c = A.resolve(G, chip, ["Chip"], what="chip")
    return CompatibilityOut.model_validate(A.can_run(G, _model(G, model), c))


@router.get("/chips/{slug}/models", response_model=RunsOnOut, responses=ERRORS)
def chip_models(slug: SlugPath, store: StoreDep) -> RunsOnOut:
    """The models that can run on the chip, and how."""
    G = projection(store)
    return RunsOnOut.model_validate(A.what_runs_on(G, A.resolve(G, slug, ["Chip"], what="chip")))


@router.get("/clouds/{slug}/models", response_model=RunsOnOut, responses=ERRORS)
def cloud_models(slug: SlugPath, store: StoreDep) -> RunsOnOut:
    """The models that can be deployed in the cloud (offered, or self-hosted on its chips)."""
    G = projection(store)
    return RunsOnOut.model_validate(A.what_runs_on(G, A.resolve(G, slug, ["Cloud"], what="cloud")))


@router.post("/lockin", response_model=LockInOut, responses={**ERRORS, **DRAWN})
def lockin(body: StackIn, store: StoreDep, draw_as: DrawAs = None) -> LockInOut | Response:
    """The lock-in score of a stack, with its factor table and evidence (method: docs/lock-in.md)."""
    G = projection(store)
    model, cloud, chip, software = _stack(G, body)
    if draw_as is not None:
        return _drawn(G, draw_as, model, cloud=cloud, chip=chip, avoid=[])
    return LockInOut.model_validate(A.lock_in(G, model, cloud=cloud, chip=chip, software=software))


@router.post("/exit-paths", response_model=ExitPathsOut, responses={**ERRORS, **DRAWN})
def exit_paths(
    body: ExitPathsIn, store: StoreDep, draw_as: DrawAs = None
) -> ExitPathsOut | Response:
    """Alternative stacks touching none of the avoided vendor groups, cheapest migration first."""
    G = projection(store)
    model, cloud, chip, software = _stack(G, body)
    if draw_as is not None:
        return _drawn(
            G, draw_as, model, cloud=cloud, chip=chip, avoid=body.avoid, exits=min(body.limit, 50)
        )
    paths = A.exit_paths(
        G, model, avoid=body.avoid, cloud=cloud, chip=chip, software=software, limit=body.limit
    )
    groups = A.avoid_groups(G, body.avoid)
    stack = A.lock_in(G, model, cloud=cloud, chip=chip, software=software).stack
    return ExitPathsOut(
        stack=StackOut.model_validate(stack),
        avoided=[RefOut.model_validate(A.evidence.ref(G, g)) for g in sorted(groups)],
        paths=[ExitPathOut.model_validate(p) for p in paths],
    )


@router.get("/what-if", response_model=WhatIfOut, responses=ERRORS)
def what_if(
    store: StoreDep,
    remove: Annotated[
        list[SlugList],
        Query(
            min_length=1,
            max_length=20,
            description="organization slugs (repeat the parameter or comma-separate)",
            examples=["google"],
        ),
    ],
) -> WhatIfOut:
    """What if these vendor groups vanished: lost deployments, single-sourced models, SPOFs."""
    G = projection(store)
    names = [n for item in remove for n in item.split(",") if n]
    return WhatIfOut.model_validate(A.what_if(G, remove=names))


@router.get("/models/{slug}/obligations", response_model=ObligationsOut, responses=ERRORS)
def obligations(slug: SlugPath, store: StoreDep) -> ObligationsOut:
    """License terms the model carries, inherited from every ancestor along sa:derivedFrom."""
    G = projection(store)
    o = A.license_obligations(G, _model(G, slug))
    data = ObligationsOut.model_validate(
        {
            **_fields(o),
            "name_prefixes": [
                NamePrefixOut(prefix=p, license=RefOut.model_validate(lic))
                for p, lic in o.name_prefixes
            ],
        },
        from_attributes=True,
    )
    return data


@router.get("/models/{slug}/openness", response_model=OpennessOut, responses=ERRORS)
def openness(slug: SlugPath, store: StoreDep) -> OpennessOut:
    """OSI Open Source AI Definition conformance and Model Openness Framework class (docs/openness.md)."""
    G = projection(store)
    r = A.openness(G, _model(G, slug))
    return OpennessOut.model_validate(
        {
            **_fields(r),
            "mof_components": [
                MofClassOut.model_validate(
                    {"name": name, "components": list(comps)}, from_attributes=True
                )
                for name, comps in r.mof_components
            ],
        },
        from_attributes=True,
    )


def _fields(obj: object) -> dict[str, object]:
    return {k: getattr(obj, k) for k in obj.__dataclass_fields__}  # type: ignore[attr-defined]


_ = slug_of
