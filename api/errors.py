"""One table from domain errors to HTTP statuses, and one handler that answers in problem+json (RFC 9457).

Only deliberate errors are mapped; a bug stays a 500 and is logged, never dressed up as a 400.
"""

from __future__ import annotations

import re
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


def problem(
    status: int, title: str, detail: str, *, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    """A problem+json response, with extra response headers (Retry-After, Allow, WWW-Authenticate)."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


_SYNTAX_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def query_problem(error: StackAtlasError, text: str) -> JSONResponse:
    """The problem+json for a failed SPARQL query; a syntax error points at its line and column.

    >>> from graph.exceptions import QuerySyntaxError
    >>> r = query_problem(QuerySyntaxError("error at 1:8: expected a variable"), "SELECT { ?s ?p ?o }")
    >>> r.status_code, r.body.decode().count('"pointer":"       ^"')
    (400, 1)
    """
    status, title = status_of(error)
    extra: dict[str, Any] = {}
    detail = str(error)
    if isinstance(error, QuerySyntaxError) and (m := _SYNTAX_AT.match(detail)):
        line, column = int(m.group(1)), int(m.group(2))
        lines = text.splitlines() or [""]
        extra = {
            "line": line,
            "column": column,
            "near": lines[line - 1] if 0 < line <= len(lines) else "",
            "pointer": " " * (column - 1) + "^",
        }
        detail = f"syntax error at line {line}, column {column}: {m.group(3)}"
    # a query past its deadline may well succeed later, when the machine is less busy
    headers = {"Retry-After": "5"} if status == 503 else None
    return problem(status, title, detail, headers=headers, **extra)


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
