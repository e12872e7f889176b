"""SPARQL 1.1 Protocol requests: where the query (or update) and its dataset come from, and what is wrong.

Pure functions over what the router read from the request, so every rule is testable in isolation.

>>> req = parse_query_request("GET", [("query", "ASK {}"), ("default-graph-uri", "http://e/g")], None, b"")
>>> (req.text, req.default_graphs, req.named_graphs)
('ASK {}', ('http://e/g',), ())
>>> parse_query_request("GET", [("update", "CLEAR ALL")], None, b"")
Traceback (most recent call last):
...
api.sparql.protocol.ProtocolError: 400 Update at the query endpoint: updates must be POSTed to /sparql/update
>>> first_keyword("PREFIX x: <http://e/#a> # comment\\n insert data {}")
'INSERT'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

import pyoxigraph as ox

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)


class ProtocolError(Exception):
    """A request the protocol does not allow: the status, a short title, and what to do instead."""

    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(f"{status} {title}: {detail}")
        self.status, self.title, self.detail = status, title, detail


@dataclass(frozen=True)
class OperationRequest:
    """A query or update as the protocol delivered it."""

    text: str
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    params: tuple[tuple[str, str], ...] = ()

    def param(self, name: str) -> str | None:
        """The single value of an extra parameter (``timeout``, ``format``), or None."""
        values = [v for k, v in self.params if k == name]
        if len(values) > 1:
            raise ProtocolError(400, "Repeated parameter", f"give {name!r} at most once")
        return values[0] if values else None


def parse_query_request(
    method: str, url_params: list[tuple[str, str]], content_type: str | None, body: bytes
) -> OperationRequest | None:
    """The query of a request to the query door, or None when it carries none (a plain GET)."""
    if method == "GET":
        if body:
            raise ProtocolError(400, "GET with a body", "a GET request carries no body; use POST")
        fields = url_params
    elif method == "POST":
        mime, charset = _content_type(content_type)
        if mime == FORM:
            fields = _form(body, charset)
            if any(k == "query" for k, _ in url_params):
                raise ProtocolError(
                    400, "Query in the URL", "a form POST carries 'query' in its body, not its URL"
                )
            fields = [*fields, *url_params]
        elif mime == QUERY_TYPE:
            fields = [("query", _utf8(body, charset)), *url_params]
        elif mime == UPDATE_TYPE:
            raise _update_here()
        else:
            raise _unsupported(mime, (FORM, QUERY_TYPE))
    else:
        raise ProtocolError(405, "Method not allowed", "use GET or POST")
    queries = [v for k, v in fields if k == "query"]
    if any(k == "update" for k, _ in fields):
        raise _update_here()
    if not queries:
        return None
    if len(queries) > 1:
        raise ProtocolError(400, "More than one query", "send exactly one 'query' parameter")
    if first_keyword(queries[0]) in UPDATE_KEYWORDS:
        raise _update_here()
    return _operation(queries[0], fields, "default-graph-uri", "named-graph-uri")


def parse_update_request(
    url_params: list[tuple[str, str]], content_type: str | None, body: bytes
) -> OperationRequest:
    """The update of a POST to the update door."""
    mime, charset = _content_type(content_type)
    if mime == FORM:
        if any(k == "update" for k, _ in url_params):
            raise ProtocolError(
                400, "Update in the URL", "a form POST carries 'update' in its body, not its URL"
            )
        fields = [*_form(body, charset), *url_params]
    elif mime == UPDATE_TYPE:
        fields = [("update", _utf8(body, charset)), *url_params]
    else:
        raise _unsupported(mime, (FORM, UPDATE_TYPE))
    updates = [v for k, v in fields if k == "update"]
    if any(k == "query" for k, _ in fields):
        raise ProtocolError(400, "Query at the update endpoint", "send queries to /sparql")
    if len(updates) != 1:
        raise ProtocolError(400, "Expected one update", "send exactly one 'update' parameter")
    if any(k in ("using-graph-uri", "using-named-graph-uri") for k, _ in fields):
        raise ProtocolError(
            400,
            "Unsupported parameter",
            "using-graph-uri and using-named-graph-uri are not supported; "
            "write USING / USING NAMED (or GRAPH) in the update itself",
        )
    return _operation(updates[0], fields, "", "")


def first_keyword(text: str) -> str | None:
    """The first keyword after the prologue (PREFIX/BASE), upper-cased: SELECT, ASK, INSERT…"""
    pos = 0
    while True:
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            return None
        pos = m.end()
        word = m.group("word")
        if word is None:
            continue  # an IRI, a prefix name or a comment in the prologue
        upper = word.upper()
        if upper not in ("PREFIX", "BASE"):
            return upper


# whitespace, then a comment, an IRI, a prefixed name ending in ':' or a keyword
_TOKEN = re.compile(r"\s*(?:#[^\n]*|<[^<>\s]*>|[A-Za-z_][\w.-]*:|(?P<word>[A-Za-z]+)|:)", re.ASCII)


def _operation(
    text: str, fields: list[tuple[str, str]], default_key: str, named_key: str
) -> OperationRequest:
    default = tuple(_iri(v, default_key) for k, v in fields if k == default_key)
    named = tuple(_iri(v, named_key) for k, v in fields if k == named_key)
    protocol = {"query", "update", default_key, named_key}
    extra = tuple((k, v) for k, v in fields if k not in protocol)
    # The protocol's dataset replaces FROM / FROM NAMED entirely (SPARQL 1.1 Protocol §2.1.4):
    # naming only named graphs leaves an empty default graph, and vice versa.
    if default or named:
        return OperationRequest(text, default, named, extra)
    return OperationRequest(text, None, None, extra)


def _iri(value: str, key: str) -> str:
    try:
        return ox.NamedNode(value).value
    except ValueError:
        raise ProtocolError(
            400, "Invalid graph IRI", f"{key}={value!r} is not an absolute IRI"
        ) from None


def _content_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        raise ProtocolError(
            400,
            "Missing Content-Type",
            f"say what the body is: {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}",
        )
    mime, *params = (p.strip() for p in header.split(";"))
    charset = None
    for p in params:
        name, _, value = p.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return mime.lower(), charset


def _utf8(body: bytes, charset: str | None) -> str:
    if charset not in (None, "utf-8", "utf8"):
        raise ProtocolError(
            415, "Unsupported charset", f"the body must be UTF-8, not {charset} (SPARQL 1.1 §2.1.3)"
        )
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ProtocolError(
            400, "Body is not UTF-8", f"invalid UTF-8 at byte {e.start}: the body must be UTF-8"
        ) from None


def _form(body: bytes, charset: str | None) -> list[tuple[str, str]]:
    text = _utf8(body, charset)
    try:
        return parse_qsl(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except UnicodeDecodeError as e:
        raise ProtocolError(
            400, "Form is not UTF-8", f"a percent-encoded value is not UTF-8 ({e.reason})"
        ) from None


def _update_here() -> ProtocolError:
    return ProtocolError(
        400, "Update at the query endpoint", "updates must be POSTed to /sparql/update"
    )


def _unsupported(mime: str, allowed: tuple[str, ...]) -> ProtocolError:
    return ProtocolError(
        415,
        "Unsupported Content-Type",
        f"{mime!r} is not accepted here; use {' or '.join(allowed)}",
    )
