"""The ``stackatlas`` command line.

Exit codes follow the usual contract: 0 success, 1 the data or query is wrong (a report says what
and where), 2 the command itself could not run (bad option, unreadable file, locked store).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import pyoxigraph as ox
import typer
from rich.table import Table
from rich.text import Text

from api.commands import analysis as analysis_commands
from api.commands import export as export_commands
from api.commands.common import (
    MemoryOpt,
    StoreOpt,
    err,
    fail,
    open_db,
    out,
    progress,
    settings_for,
)
from graph.exceptions import (
    QueryEvaluationError,
    QuerySyntaxError,
    RdfSyntaxError,
    ValidationError,
    Violation,
)
from graph.formats import GRAPH_FORMATS, RESULT_FORMATS
from graph.load import bundled_files, check_files, load_files
from graph.stats import stats as store_stats

app = typer.Typer(
    name="stackatlas",
    help="A knowledge graph of the AI ecosystem: load, validate, query and serve it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_violations(violations: list[Violation]) -> None:
    if not err.is_terminal:  # one line per violation: greppable, never wrapped
        for v in violations:
            err.print(str(v), highlight=False, soft_wrap=True, markup=False)
        err.print(f"{len(violations)} violation(s)")
        return
    table = Table(title=f"{len(violations)} violation(s)", show_lines=False)
    for col in ("file", "node", "property", "rule", "problem"):
        table.add_column(col, overflow="fold")
    for v in violations:
        cells = (
            v.source,
            v.focus,
            v.path or "",
            v.rule,
            v.message + (f" (value: {v.value})" if v.value else ""),
        )
        table.add_row(*(Text(c) for c in cells))
    err.print(table)


@app.command()
def serve(
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Start the HTTP service (SPARQL, REST, linked data, web explorer)."""
    import uvicorn

    from api.app import create_app

    settings = settings_for(store, memory)
    overrides = {k: v for k, v in {"host": host, "port": port}.items() if v is not None}
    settings = settings.model_copy(update=overrides)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port)


@app.command()
def load(
    files: Annotated[
        list[Path], typer.Argument(help="RDF files; each replaces its own named graph.")
    ],
    store: StoreOpt = None,
) -> None:
    """Validate FILES against the shapes and load them into the store in one transaction."""
    settings = settings_for(store, False)
    db = open_db(settings)
    try:
        with progress() as bar:
            task = bar.add_task("loading", total=None)
            report = load_files(db, files, progress=lambda msg: bar.update(task, description=msg))
    except RdfSyntaxError as e:
        fail(1, f"{e}\nnothing was written")
    except ValidationError as e:
        _print_violations(e.violations)
        fail(1, "the data breaks the shapes; nothing was written")
    out.print(
        f"loaded {report.triples} triples into {len(report.graphs)} graph(s); store version {report.version}"
    )


@app.command()
def validate(
    files: Annotated[
        list[Path] | None, typer.Argument(help="RDF files (default: the bundled knowledge base).")
    ] = None,
) -> None:
    """Check FILES (with the bundled knowledge base as context) against the shapes. Exit 0 conformant, 1 not, 2 error."""
    paths = files or []
    for p in paths:
        if not p.is_file():
            fail(2, f"{p}: no such file")
    try:
        violations = check_files(paths, with_bundle=True)
    except RdfSyntaxError as e:
        fail(1, str(e))
    if violations:
        _print_violations(violations)
        raise typer.Exit(1)
    n = len(paths) or len(bundled_files())
    out.print(f"[green]conformant[/]: {n} file(s)")


@app.command()
def query(
    sparql: Annotated[
        str, typer.Argument(help="A SPARQL query, or @FILE to read it from a file, or - for stdin.")
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table | json | csv | tsv | xml (SELECT, ASK); turtle | ntriples | nquads | trig | jsonld | rdfxml (CONSTRUCT, DESCRIBE)",
        ),
    ] = "table",
    store: StoreOpt = None,
    memory: MemoryOpt = False,
) -> None:
    """Run a SPARQL query; a table by default."""
    if sparql == "-":
        sparql = sys.stdin.read()
    elif sparql.startswith("@"):
        sparql = Path(sparql[1:]).read_text(encoding="utf-8")
    if fmt not in {"table", *RESULT_FORMATS, *GRAPH_FORMATS}:
        fail(2, f"unknown format {fmt!r}")
    db = open_db(settings_for(store, memory))
    try:
        result = db.query(sparql)
        _print_result(result, fmt)
    except QuerySyntaxError as e:
        fail(1, f"query syntax: {e}")
    except QueryEvaluationError as e:
        fail(1, f"query failed: {e}")


def _print_result(result: Any, fmt: str) -> None:
    if isinstance(result, ox.QueryTriples):
        rdf_fmt = GRAPH_FORMATS.get(fmt, ox.RdfFormat.TURTLE)
        if fmt in RESULT_FORMATS:
            fail(2, f"--format {fmt} is for SELECT/ASK; use {', '.join(GRAPH_FORMATS)}")
        sys.stdout.write((ox.serialize(result, format=rdf_fmt) or b"").decode("utf-8"))
        return
    if fmt in GRAPH_FORMATS:
        fail(2, f"--format {fmt} is for CONSTRUCT/DESCRIBE; use table, json, csv, tsv or xml")
    if fmt != "table":
        sys.stdout.write((result.serialize(format=RESULT_FORMATS[fmt]) or b"").decode("utf-8"))
        return
    if isinstance(result, ox.QueryBoolean):
        out.print(str(bool(result)).lower())
        return
    names = [v.value for v in result.variables]
    table = Table(*names)
    rows = 0
    for row in result:
        table.add_row(*(Text(_cell(row[n])) for n in names))
        rows += 1
    out.print(table)
    err.print(f"{rows} row(s)")


def _cell(term: Any) -> str:
    if term is None:
        return ""
    value = str(term.value)
    return value.replace("https://w3id.org/stackatlas/id/", "id:").replace(
        "https://w3id.org/stackatlas/ns#", "sa:"
    )


@app.command()
def stats(store: StoreOpt = None, memory: MemoryOpt = False) -> None:
    """Counts per class, sources and the as-of range of the store."""
    s = store_stats(open_db(settings_for(store, memory)))
    table = Table("class", "count", title="stackatlas knowledge base")
    for name, n in s.classes.items():
        table.add_row(name, str(n))
    out.print(table)
    out.print(f"triples: {s.triples}   named graphs: {s.graphs}   distinct sources: {s.sources}")
    out.print(f"as of: {s.oldest_as_of} … {s.newest_as_of}")


for _module in (analysis_commands, export_commands):
    _module.register(app)


def main() -> None:
    """Entry point of the ``stackatlas`` console script."""
    app()


if __name__ == "__main__":
    main()
