"""Files → parse → validate → one transaction into the store. Bad data is refused whole.

Each file becomes one named graph, ``https://w3id.org/stackatlas/graph/{file stem}``; loading a file
again replaces its graph. The ontology itself is kept in the graph ``…/graph/ontology`` so that
queries can read labels of classes and properties.

>>> from graph.store import OxigraphStore
>>> store = OxigraphStore()
>>> report = build_from_bundle(store)
>>> report.triples > 1000 and ONTOLOGY_GRAPH in report.graphs
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from graph.exceptions import RdfSyntaxError, ValidationError, Violation, display_path
from graph.store import OxigraphStore, Store
from graph.terms import to_rdflib, triples_to_graph
from graph.validate import validate
from ontology import ONTOLOGY_PATH
from ontology.namespace import GRAPH

DATA_DIR = Path(str(files("graph"))) / "data"
ONTOLOGY_GRAPH = str(GRAPH["ontology"])

Progress = Callable[[str], None]


@dataclass(frozen=True)
class LoadReport:
    """What a load wrote: the graphs it replaced and how many triples they now hold."""

    graphs: tuple[str, ...]
    triples: int
    version: int


def bundled_files() -> list[Path]:
    """The curated knowledge base shipped with the package, in a stable order.

    >>> [p.name for p in bundled_files()][:1]
    ['chips.ttl']
    """
    return sorted(DATA_DIR.glob("*.ttl"))


def bundle_fingerprint() -> str:
    """A hash of the ontology and the bundled files, recorded in a store built from them."""
    h = hashlib.sha256()
    for path in [ONTOLOGY_PATH, *bundled_files()]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def graph_name(path: Path) -> str:
    """The named graph a file is loaded into.

    >>> graph_name(Path("graph/data/chips.ttl"))
    'https://w3id.org/stackatlas/graph/chips'
    >>> graph_name(ONTOLOGY_PATH)
    'https://w3id.org/stackatlas/graph/ontology'
    """
    if path.resolve() == ONTOLOGY_PATH.resolve():
        return ONTOLOGY_GRAPH
    return str(GRAPH[path.stem.lower()])


def parse_file(path: Path) -> list[ox.Triple]:
    """The triples of one RDF file, its format taken from the extension (.ttl, .nt, .rdf, .jsonld, …).

    Raises RdfSyntaxError with the file, line and column of the first error.
    """
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None
    if fmt is None:
        raise RdfSyntaxError(
            display_path(path), None, None, f"unknown RDF file extension {path.suffix!r}"
        )
    try:
        quads = list(ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()))
    except SyntaxError as e:
        raise RdfSyntaxError(display_path(path), e.lineno, e.offset, _problem(e)) from e
    except OSError as e:
        raise RdfSyntaxError(
            display_path(path), None, None, f"cannot read: {e.strerror or e}"
        ) from e
    return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]


def load_files(
    store: Store, paths: Sequence[Path], *, progress: Progress | None = None
) -> LoadReport:
    """Validate ``paths`` together with what the store already holds, then write them in one transaction.

    Nothing is written if any file does not parse or the result would break a shape.
    """
    say = progress or (lambda _msg: None)
    parsed: dict[str, list[ox.Triple]] = {}
    origins: dict[str, str] = {}
    for path in paths:
        say(f"parse {path.name}")
        name = graph_name(path)
        parsed[name] = parse_file(path)
        origins[name] = display_path(path)
    say("validate")
    data, origin_of = _merged_view(store, parsed, origins)
    violations = validate(data, origin=origin_of)
    if violations:
        raise ValidationError(violations)
    say("commit")
    store.replace_graphs(parsed)
    return LoadReport(tuple(parsed), sum(len(t) for t in parsed.values()), store.version)


def build_from_bundle(store: Store, *, progress: Progress | None = None) -> LoadReport:
    """Load the ontology and the bundled knowledge base into ``store`` (replacing those graphs)."""
    report = load_files(store, [ONTOLOGY_PATH, *bundled_files()], progress=progress)
    record = getattr(store, "record", None)
    if record is not None:
        record(built_from=bundle_fingerprint())
    return report


def _merged_view(
    store: Store, parsed: dict[str, list[ox.Triple]], origins: dict[str, str]
) -> tuple[Graph, Callable[[Node], str]]:
    """The data as it would be after the write: untouched graphs from the store plus the new files."""
    data = Graph()
    subject_origin: dict[Node, str] = {}
    kept = [g for g in store.graph_names() if g not in parsed and g != ONTOLOGY_GRAPH]
    triples_of = getattr(store, "triples", None)
    for name in kept:
        if triples_of is not None:
            _add(data, triples_of(name), subject_origin, f"<store graph {name}>")
    for name, triples in parsed.items():
        _add(data, triples, subject_origin, origins[name])

    def origin(node: Node) -> str:
        return subject_origin.get(node, "<data>")

    return data, origin


def _add(data: Graph, triples: Iterable[ox.Triple], origin: dict[Node, str], source: str) -> None:
    triples = list(triples)
    triples_to_graph(triples, data)
    for t in triples:
        origin.setdefault(to_rdflib(t.subject), source)


def _problem(e: SyntaxError) -> str:
    # Oxigraph's message starts with its own location; keep the description only.
    msg = str(e.msg) if e.msg else str(e)
    return msg.split(": ", 1)[1] if msg.startswith("Parser error") and ": " in msg else msg


def check_files(paths: Sequence[Path], *, with_bundle: bool = True) -> list[Violation]:
    """Parse and validate ``paths`` without writing anything.

    With ``with_bundle``, the bundled knowledge base is the context (a file named like a bundled one
    stands in for it), so a new file may refer to entities the bundle defines.
    """
    parsed: dict[str, list[ox.Triple]] = {}
    origins: dict[str, str] = {}
    context = bundled_files() if with_bundle else []
    for path in [*context, *paths]:
        name = graph_name(path)
        parsed[name] = parse_file(path)
        origins[name] = display_path(path)
    data = Graph()
    subject_origin: dict[Node, str] = {}
    for name, triples in parsed.items():
        _add(data, triples, subject_origin, origins[name])
    return validate(data, origin=lambda node: subject_origin.get(node, "<data>"))


def open_store(path: Path | None, *, progress: Progress | None = None) -> OxigraphStore:
    """Open the embedded store; an empty one is first built from the bundled knowledge base.

    A store built from an older bundle gets the bundled graphs refreshed. ``path=None`` gives an
    in-memory store, built from the bundle.
    """
    store = OxigraphStore(path)
    if len(store) == 0:
        build_from_bundle(store, progress=progress)
    elif store.meta.get("built_from") not in (None, bundle_fingerprint()):
        # The package was upgraded: refresh the bundled graphs. Graphs loaded by the user from
        # files with other names are left as they are (each file owns its own named graph).
        build_from_bundle(store, progress=progress)
    return store
