"""The stackatlas vocabulary: the ontology, its SHACL shapes, the JSON-LD context and saved queries.

This package knows nothing of stores or HTTP; it only locates and reads its own files.

>>> from ontology import load_ontology
>>> g = load_ontology()
>>> (SA.Model, RDFS.label, None) in g
True
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.namespace import RDFS

from ontology.namespace import GRAPH, ID, SA, SHAPES_IRI

__all__ = [
    "GRAPH",
    "ID",
    "ONTOLOGY_PATH",
    "SA",
    "SHAPES_IRI",
    "SHAPES_PATH",
    "CONTEXT_PATH",
    "QUERIES_DIR",
    "RDFS",
    "load_context",
    "load_ontology",
    "load_shapes",
]

_HERE = Path(str(files(__name__)))
ONTOLOGY_PATH = _HERE / "stackatlas.ttl"
SHAPES_PATH = _HERE / "shapes.ttl"
CONTEXT_PATH = _HERE / "context.jsonld"
QUERIES_DIR = _HERE / "queries"


@cache
def _parsed(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def load_ontology() -> Graph:
    """The vocabulary as an rdflib graph (a fresh copy the caller may change)."""
    g = Graph()
    g += _parsed(ONTOLOGY_PATH)
    return g


def load_shapes() -> Graph:
    """The SHACL shapes as an rdflib graph (a fresh copy the caller may change).

    >>> from rdflib import URIRef
    >>> from rdflib.namespace import SH
    >>> (URIRef(SHAPES_IRI + "ModelShape"), SH.targetClass, SA.Model) in load_shapes()
    True
    """
    g = Graph()
    g += _parsed(SHAPES_PATH)
    return g


def load_context() -> dict[str, Any]:
    """The JSON-LD context document (``{"@context": {...}}``).

    >>> load_context()["@context"]["sa"]
    'https://w3id.org/stackatlas/ns#'
    """
    return dict(json.loads(CONTEXT_PATH.read_text(encoding="utf-8")))
