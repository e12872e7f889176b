"""One table from domain errors to HTTP statuses, and one handler that answers in problem+json (RFC 9457).

Only deliberate errors are mapped; a bug stays a 500 and is logged, never dressed up as a 400.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from graph.exceptions import (
    InvalidParameterError,
    NotFoundError,
    QueryEvaluationError,
    QuerySyntaxError,
    RdfSyntaxError,
    StackAtlasError,
    StoreError,
    ValidationError,
)
from graph.pool import (
    NotAcceptableError,
    QueryTimeoutError,
    ResultTooLargeError,
    WorkerCrashedError,
)

PROBLEM_JSON = "application/problem+json"

#: error class → (status, title). The most specific class wins (looked up along the MRO).
STATUS: dict[type[StackAtlasError], tuple[int, str]] = {
    NotFoundError: (404, "Not found"),
    InvalidParameterError: (400, "Invalid parameter"),
    RdfSyntaxError: (400, "Malformed RDF"),
    ValidationError: (422, "Data breaks the shapes"),
    QuerySyntaxError: (400, "Malformed SPARQL"),
    QueryEvaluationError: (400, "Query could not be evaluated"),
    StoreError: (503, "Store unavailable"),
    QueryTimeoutError: (503, "Query timed out"),
    WorkerCrashedError: (503, "Query worker died"),
    ResultTooLargeError: (422, "Result too large"),
    NotAcceptableError: (406, "Not acceptable"),
}


def problem(status: int, title: str, detail: str, **extra: Any) -> JSONResponse:
    """A problem+json response."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def status_of(error: StackAtlasError) -> tuple[int, str]:
    """The status and title for a domain error."""
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500, "Internal error"


async def _handle(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StackAtlasError)
    status, title = status_of(error)
    extra: dict[str, Any] = {}
    if isinstance(error, ValidationError):
        extra["violations"] = [asdict(v) for v in error.violations]
    elif isinstance(error, NotFoundError):
        extra["suggestions"] = error.suggestions
    elif is_dataclass(error) and isinstance(error, RdfSyntaxError):
        extra.update(line=error.line, column=error.column)
    return problem(status, title, str(error), instance=str(request.url.path), **extra)


def install(app: FastAPI) -> None:
    """Register the handler for every domain error."""
    app.add_exception_handler(StackAtlasError, _handle)
