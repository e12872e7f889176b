"""What the store holds: counts per class, sources, and the range of as-of dates.

>>> from graph.load import open_store
>>> s = stats(open_store(None))
>>> s.classes["Model"] > 0 and s.sources > 0
True
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.store import Store, select

_CLASS_COUNTS = """
PREFIX sa: <https://w3id.org/stackatlas/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?c .
  ?c rdfs:subClassOf* ?class .
  FILTER(STRSTARTS(STR(?s), "https://w3id.org/stackatlas/id/"))
  FILTER(STRSTARTS(STR(?class), "https://w3id.org/stackatlas/ns#"))
} GROUP BY ?class
"""

_PROVENANCE = """
PREFIX sa: <https://w3id.org/stackatlas/ns#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?sources ?oldest ?newest WHERE {
  { SELECT (COUNT(DISTINCT ?src) AS ?sources) WHERE { ?s dcterms:source ?src } }
  { SELECT (MIN(?d) AS ?oldest) (MAX(?d) AS ?newest) WHERE { ?s sa:asOf ?d } }
}
"""


@dataclass(frozen=True)
class Stats:
    """Counts per class (local names, subclasses counted in their superclass too) and provenance."""

    triples: int
    graphs: int
    classes: dict[str, int]
    sources: int
    oldest_as_of: str | None
    newest_as_of: str | None


def stats(store: Store) -> Stats:
    """Count what the store holds."""
    classes = {
        row["class"].value.rsplit("#", 1)[1]: int(row["n"].value)
        for row in select(store, _CLASS_COUNTS)
    }
    row = next(iter(select(store, _PROVENANCE)))
    oldest, newest = row["oldest"], row["newest"]
    return Stats(
        triples=len(store),
        graphs=len(store.graph_names()),
        classes=dict(sorted(classes.items())),
        sources=int(row["sources"].value),
        oldest_as_of=oldest.value if oldest is not None else None,
        newest_as_of=newest.value if newest is not None else None,
    )
