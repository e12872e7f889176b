"""Content negotiation (RFC 9110 §12.5.1): q-values, wildcards, specificity, and a 406 when nothing fits.

>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)
'application/sparql-results+xml'
>>> negotiate("text/*", RESULT_TYPES)
'text/csv'
>>> negotiate("*/*;q=0.1, text/turtle;q=0", GRAPH_TYPES)
'application/n-triples'
>>> negotiate("image/png", GRAPH_TYPES) is None
True
>>> negotiate(None, GRAPH_TYPES)
'text/turtle'
"""

from __future__ import annotations

from dataclasses import dataclass

#: media type → format key (graph/pool.py RESULT_FORMATS), in the server's order of preference.
RESULT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}

#: media type → format key (graph/pool.py GRAPH_FORMATS), in the server's order of preference.
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/n-quads": "nquads",
    "application/trig": "trig",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/x-turtle": "turtle",
    "text/plain": "ntriples",  # the N-Triples type of the 2004 test suites
}

#: ``?format=`` short names (they override Accept), for links and tools that cannot set headers.
SHORT_NAMES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "nquads": "application/n-quads",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
}


@dataclass(frozen=True)
class MediaRange:
    """One element of an Accept header."""

    type: str
    subtype: str
    params: tuple[tuple[str, str], ...]
    q: float

    def specificity(self, media_type: str) -> int | None:
        """How precisely this range names ``media_type`` (higher is more specific), or None."""
        t, _, s = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 0
        if self.type != t:
            return None
        if self.subtype == "*":
            return 1
        if self.subtype != s:
            return None
        # Parameters we do not serve differently (charset=utf-8) still make a range more specific.
        return 3 if self.params else 2


def parse_accept(header: str) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed elements are skipped, as RFC 9110 allows.

    >>> [(r.type, r.subtype, r.q) for r in parse_accept("text/html;q=0.9, */*;q=0.1")]
    [('text', 'html', 0.9), ('*', '*', 0.1)]
    """
    ranges = []
    for element in header.split(","):
        media, *raw_params = (p.strip() for p in element.split(";"))
        t, slash, s = media.lower().partition("/")
        if not slash or not t or not s or (t == "*" and s != "*"):
            continue
        q = 1.0
        params = []
        for p in raw_params:
            name, _, value = p.partition("=")
            name, value = name.strip().lower(), value.strip().strip('"')
            if name == "q":
                try:
                    q = min(1.0, max(0.0, float(value)))
                except ValueError:
                    q = 0.0
            elif name:
                params.append((name, value.lower()))
        ranges.append(MediaRange(t, s, tuple(params), q))
    return ranges


def quality(ranges: list[MediaRange], media_type: str) -> float:
    """The q-value the client gives ``media_type``: that of the most specific range naming it."""
    best: tuple[int, float] | None = None
    for r in ranges:
        spec = r.specificity(media_type)
        if spec is None:
            continue
        if r.params and any(k == "charset" and v not in ("utf-8", "utf8") for k, v in r.params):
            continue  # we only write UTF-8
        if best is None or spec > best[0]:
            best = (spec, r.q)
    return 0.0 if best is None else best[1]


def negotiate(accept: str | None, offers: dict[str, str]) -> str | None:
    """The offered media type the client prefers; server order breaks ties; None means 406."""
    if accept is None or not accept.strip():
        return next(iter(offers))
    ranges = parse_accept(accept)
    if not ranges:
        return next(iter(offers))
    best: tuple[float, str] | None = None
    for media_type in offers:
        q = quality(ranges, media_type)
        if q > 0 and (best is None or q > best[0]):
            best = (q, media_type)
    return None if best is None else best[1]


def content_type(media_type: str) -> str:
    """The Content-Type header for a response in ``media_type`` (text types say their charset)."""
    textual = media_type.startswith("text/") or media_type.endswith(("+xml", "+json", "/json"))
    return f"{media_type}; charset=utf-8" if textual else media_type
