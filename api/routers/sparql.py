"""The SPARQL 1.1 doors: query (``/sparql``, alias ``/query``), update (``/sparql/update``), ``/metrics``.

Thin: :mod:`api.sparql.protocol` reads the request, :mod:`api.sparql.conneg` picks the formats,
the worker pool (:mod:`graph.pool`) evaluates and serializes, and this module only moves bytes and
turns every refusal into a problem+json answer that says what is wrong.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from api.errors import problem, query_problem
from api.schemas import problem_content
from api.sparql import conneg, description
from api.sparql.metrics import CONTENT_TYPE as METRICS_TYPE
from api.sparql.protocol import (
    OperationRequest,
    ProtocolError,
    parse_query_request,
    parse_update_request,
)
from api.sparql.service import SparqlService
from graph.exceptions import QuerySyntaxError, StackAtlasError
from graph.pool import Job

router = APIRouter(tags=["sparql"])


def _problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    text = {
        400: "Malformed request or SPARQL: says what and where (line, column for syntax)",
        401: "Missing or wrong bearer token",
        403: "Updates are off: how to enable them",
        405: "Method not allowed",
        406: "No acceptable format for this result",
        413: "Request body too large",
        415: "Unsupported Content-Type or charset",
        422: "Result over the row limit, or an update that breaks the shapes (with violations)",
        429: "Too many queries at once from this client (Retry-After)",
        503: "Query past its deadline, or its worker died (Retry-After)",
    }
    return {code: {"description": text[code], "content": problem_content()} for code in statuses}


QUERY_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Results (SELECT/ASK), a graph (CONSTRUCT/DESCRIBE), or without a query "
        "the service description (RDF) or the query editor (HTML)",
        "content": {
            media: {} for media in [*conneg.RESULT_TYPES, *conneg.GRAPH_TYPES, "text/html"]
        },
    },
    **_problems(400, 406, 413, 415, 422, 429, 503),
}
UPDATE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Committed: the graphs changed, triples added and removed, new version"},
    **_problems(400, 401, 403, 413, 415, 422),
}

QUERIES_DIR = Path(__file__).resolve().parents[2] / "ontology" / "queries"
_templates = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parents[1] / "templates"),
    autoescape=select_autoescape(["html"]),
)
_DESCRIPTION = "SPARQL 1.1 Protocol. Without a query: the service description (or the query editor for browsers)."
#: Documented for OpenAPI only: the protocol is read from the raw request (repeated parameters,
#: form bodies, direct bodies), so FastAPI does not parse or validate it on the hot path.
_PARAMETERS = {
    "parameters": [
        {
            "name": name,
            "in": "query",
            "required": False,
            "schema": {"type": "string"},
            "description": text,
        }
        for name, text in [
            ("query", "The SPARQL query (GET); POST carries it in a form or as the body."),
            ("default-graph-uri", "A graph of the default graph (repeatable); wins over FROM."),
            ("named-graph-uri", "A named graph of the dataset (repeatable); wins over FROM NAMED."),
            ("timeout", "Seconds; at most the server's query_timeout."),
            (
                "format",
                "Overrides Accept: json, xml, csv, tsv, turtle, nt, nq, trig, jsonld, rdfxml.",
            ),
        ]
    ]
}


@router.get(
    "/sparql", description=_DESCRIPTION, openapi_extra=_PARAMETERS, responses=QUERY_RESPONSES
)
@router.post(
    "/sparql", description=_DESCRIPTION, openapi_extra=_PARAMETERS, responses=QUERY_RESPONSES
)
@router.get("/query", include_in_schema=False)
@router.post("/query", include_in_schema=False)
async def sparql_query(request: Request) -> Response:
    """Answer a SPARQL query (SPARQL 1.1 Protocol: GET, form POST or direct POST)."""
    started = time.perf_counter()
    service: SparqlService = request.app.state.sparql
    response = await _query(request, service)
    response.headers["Vary"] = "Accept"
    service.metrics.observe("query", response.status_code, time.perf_counter() - started)
    return response


@router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
@router.api_route("/query", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
async def sparql_wrong_method(request: Request) -> Response:
    """Only GET and POST query; updates are POSTed to /sparql/update."""
    return _refuse(ProtocolError(405, "Method not allowed", "query with GET or POST"), "GET, POST")


@router.post("/sparql/update", responses=UPDATE_RESPONSES)
async def sparql_update(request: Request) -> Response:
    """SPARQL 1.1 Update, validated against the shapes and committed whole, or refused whole."""
    started = time.perf_counter()
    service: SparqlService = request.app.state.sparql
    response = await _update(request, service)
    service.metrics.observe("update", response.status_code, time.perf_counter() - started)
    return response


@router.api_route(
    "/sparql/update", methods=["GET", "PUT", "DELETE", "PATCH"], include_in_schema=False
)
async def sparql_update_wrong_method(request: Request) -> Response:
    """Updates change data, so they are POSTed."""
    return _refuse(ProtocolError(405, "Method not allowed", "POST updates"), "POST")


@router.get(
    "/metrics",
    tags=["operations"],
    response_class=Response,
    responses={200: {"description": "Prometheus text format", "content": {"text/plain": {}}}},
)
async def metrics(request: Request) -> Response:
    """Prometheus text format: requests, latencies, timeouts, worker restarts, cache, store."""
    service: SparqlService = request.app.state.sparql
    body = service.metrics.render(service.counters())
    return Response(body, media_type=METRICS_TYPE)


# -- query -------------------------------------------------------------------------------------


async def _query(request: Request, service: SparqlService) -> Response:
    settings = service.settings
    try:
        body = await _body(request, settings.max_body_bytes)  # a GET with a body is refused
        op = parse_query_request(
            request.method,
            list(request.query_params.multi_items()),
            request.headers.get("content-type"),
            body,
        )
        if op is None:
            if request.method == "POST":
                raise ProtocolError(400, "Missing query", "send one 'query' parameter")
            return _describe(request, service)
        timeout = _timeout(op, settings.query_timeout)
        accept = _accept(request, op)
    except ProtocolError as e:
        return _refuse(e)
    result_type = conneg.negotiate(accept, conneg.RESULT_TYPES)
    graph_type = conneg.negotiate(accept, conneg.GRAPH_TYPES)
    if result_type is None and graph_type is None:
        return _not_acceptable(accept)
    job = Job(
        op.text,
        result_format=conneg.RESULT_TYPES[result_type] if result_type else None,
        graph_format=conneg.GRAPH_TYPES[graph_type] if graph_type else None,
        default_graph=op.default_graphs,
        named_graphs=op.named_graphs,
        max_rows=settings.max_result_rows,
        base_iri=_endpoint(request),
    )
    client = request.client.host if request.client else "unknown"
    if not service.gate.enter(client):
        return problem(
            429,
            "Too many queries at once",
            f"this client already has {settings.max_queries_per_client} queries running; "
            "wait for one to finish",
            headers={"Retry-After": "1"},
        )
    try:
        answer, hit = await service.query(job, timeout=timeout)
    except StackAtlasError as e:
        return query_problem(e, op.text)
    finally:
        service.gate.leave(client)
    media = graph_type if answer.kind == "graph" else result_type
    assert media is not None  # the worker only writes a format the client accepts
    return Response(
        answer.body,
        media_type=conneg.content_type(media),
        headers={"X-Cache": "hit" if hit else "miss", "X-Store-Version": str(answer.version)},
    )


def _accept(request: Request, op: OperationRequest) -> str | None:
    fmt = op.param("format")
    if fmt is None:
        return request.headers.get("accept")
    media = conneg.SHORT_NAMES.get(fmt.lower(), fmt)
    if media not in conneg.RESULT_TYPES and media not in conneg.GRAPH_TYPES:
        names = ", ".join(conneg.SHORT_NAMES)
        raise ProtocolError(400, "Unknown format", f"format={fmt!r}; use one of {names}")
    return media


def _timeout(op: OperationRequest, maximum: float) -> float:
    raw = op.param("timeout")
    if raw is None:
        return maximum
    try:
        value = float(raw)
    except ValueError:
        raise ProtocolError(
            400, "Invalid timeout", f"timeout={raw!r} is not a number of seconds"
        ) from None
    if not 0 < value <= maximum:
        raise ProtocolError(
            400, "Invalid timeout", f"timeout must be more than 0 and at most {maximum:g} seconds"
        )
    return value


def _describe(request: Request, service: SparqlService) -> Response:
    offers = {**conneg.GRAPH_TYPES, "text/html": "html"}
    media = conneg.negotiate(request.headers.get("accept"), offers)
    if media is None:
        return _not_acceptable(request.headers.get("accept"))
    if media == "text/html":
        return _page(request)
    settings = service.settings
    endpoint = _endpoint(request)
    body = description.describe(
        service.store,
        endpoint,
        update=settings.update_token is not None,
        limits={
            "timeout_s": settings.query_timeout,
            "max_result_rows": settings.max_result_rows,
            "max_body_bytes": settings.max_body_bytes,
            "max_queries_per_client": settings.max_queries_per_client,
        },
        fmt=conneg.GRAPH_TYPES[media],
    )
    return Response(body, media_type=conneg.content_type(media))


def _page(request: Request) -> HTMLResponse:
    saved = [
        {"name": path.stem, "query": path.read_text(encoding="utf-8")}
        for path in sorted(QUERIES_DIR.glob("*.rq"))
    ]
    html = _templates.get_template("sparql.html").render(
        endpoint=str(request.url_for("sparql_query")),
        static=str(request.url_for("static", path="vendor/yasgui")),
        saved=saved,
    )
    return HTMLResponse(html)


# -- update ------------------------------------------------------------------------------------


async def _update(request: Request, service: SparqlService) -> Response:
    token = service.settings.update_token
    if token is None:
        return problem(
            403,
            "Updates are off",
            "this server accepts no SPARQL Update; start it with STACKATLAS_UPDATE_TOKEN=<secret> "
            "and send 'Authorization: Bearer <secret>'",
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip(), token):
        return problem(
            401,
            "Token required",
            "send the configured update token as 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": 'Bearer realm="sparql-update"'},
        )
    try:
        body = await _body(request, service.settings.max_body_bytes)
        op = parse_update_request(
            list(request.query_params.multi_items()), request.headers.get("content-type"), body
        )
    except ProtocolError as e:
        return _refuse(e)
    try:
        report = await service.update(op.text, base_iri=_endpoint(request))
    except StackAtlasError as e:
        if isinstance(e, QuerySyntaxError):
            return query_problem(e, op.text)
        raise  # the app's handler answers with the violation report
    return JSONResponse(
        {
            "graphs": list(report.graphs),
            "added": report.added,
            "removed": report.removed,
            "version": report.version,
        }
    )


# -- shared --------------------------------------------------------------------------------------


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _endpoint(request: Request) -> str:
    """The URL of the door, without query: the base of relative IRIs, the SD's sd:endpoint."""
    return str(request.url.replace(query="", fragment=""))


def _too_large(limit: int) -> ProtocolError:
    return ProtocolError(413, "Request body too large", f"the body may be at most {limit} bytes")


def _refuse(e: ProtocolError, allow: str | None = None) -> Response:
    headers = {"Allow": allow} if allow else None
    return problem(e.status, e.title, e.detail, headers=headers)


def _not_acceptable(accept: str | None) -> Response:
    offered = ", ".join(dict.fromkeys([*conneg.RESULT_TYPES, *conneg.GRAPH_TYPES]))
    return problem(406, "Not acceptable", f"Accept: {accept!r} matches none of: {offered}")
