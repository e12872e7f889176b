"""What every answer carries: references to the things it names, and the triples it rests on.

>>> from graph.analysis.evidence import Evidence, Ref
>>> Ref("https://w3id.org/stackatlas/id/h100", "h100", "NVIDIA H100", "Chip").slug
'h100'
>>> Evidence("https://w3id.org/stackatlas/id/cuda", "targets", "https://w3id.org/stackatlas/id/h100",
...          ("https://developer.nvidia.com/cuda-toolkit",)).predicate
'targets'
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

__all__ = ["Evidence", "Ref", "fact", "ref"]


@dataclass(frozen=True)
class Ref:
    """A node of the graph as answers name it: its IRI, slug, display label and kind."""

    iri: str
    slug: str
    label: str
    kind: str


@dataclass(frozen=True)
class Evidence:
    """One triple an answer rests on (``predicate`` is the ``sa:`` local name) and its sources.

    ``obj`` is an IRI for a relation, or the value of a literal or concept attribute
    (``weights`` → ``"GatedWeights"``). ``sources`` are the ``dcterms:source`` documents of the
    subject: in this knowledge base a node's sources back the facts stated about it.
    """

    subject: str
    predicate: str
    obj: str
    sources: tuple[str, ...]


def ref(G: nx.MultiDiGraph, iri: str) -> Ref:
    """The :class:`Ref` of a node of ``G``."""
    d = G.nodes[iri]
    return Ref(iri, d["slug"], d["label"], d["kind"])


def fact(G: nx.MultiDiGraph, subject: str, predicate: str, obj: object) -> Evidence:
    """Evidence for ``subject predicate obj``, with the subject's sources."""
    sources = G.nodes[subject].get("source", []) if subject in G else []
    return Evidence(subject, predicate, str(obj), tuple(sources))
