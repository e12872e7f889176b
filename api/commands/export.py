"""CLI commands: ``stackatlas export``, the graph or a part of it in a format graph tools read."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from api.commands.common import MemoryOpt, StoreOpt, err, fail, open_db, settings_for
from graph.exceptions import InvalidParameterError, StackAtlasError
from graph.export import FORMATS, construct_graph, export, format_named, neighbourhood, thing, whole
from graph.projection import projection

FORMAT_HELP = ", ".join(f"{f.name} ({f.description})" for f in FORMATS.values())


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command(name="export")(export_command)


def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP)] = "graphml",
    focus: Annotated[
        str | None, typer.Option(help="Slug of a thing: export its neighbourhood only.")
    ] = None,
    depth: Annotated[int, typer.Option(min=0, help="Relations to follow from --focus.")] = 1,
    kinds: Annotated[
        list[str] | None,
        typer.Option("--kind", "-k", help="Keep only things of this kind (repeatable)."),
    ] = None,
    construct: Annotated[
        str | None,
        typer.Option(
            help="Export the triples of a SPARQL CONSTRUCT/DESCRIBE query (text, @FILE or - for stdin)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (default: standard output)."),
    ] = None,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
) -> None:
    """Export the whole graph, the neighbourhood of --focus, or a CONSTRUCT result, in --format."""

    try:
        writer = format_named(fmt)
    except InvalidParameterError as e:
        fail(2, str(e))
    if construct is not None and focus is not None:
        fail(2, "--construct and --focus exclude each other")
    try:
        query = _read_query(construct) if construct is not None else None
    except OSError as e:
        fail(2, f"cannot read the query: {e}")
    try:
        db = open_db(settings_for(store, memory))
        G = projection(db)
        if query is not None:
            H = construct_graph(db, query, reference=G)
        elif focus is not None:
            H = neighbourhood(G, thing(G, focus), depth=depth, kinds=kinds or [])
        else:
            H = whole(G, kinds=kinds or [])
        data = export(H, writer.name)
    except InvalidParameterError as e:
        # an unknown --kind is a bad option; a query that returns no triples is a wrong query
        fail(1 if query is not None else 2, str(e))
    except StackAtlasError as e:  # an unknown --focus, a broken query: the request is wrong
        fail(1, str(e))
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
        err.print(
            f"wrote {H.number_of_nodes()} things and {H.number_of_edges()} relations to {output}",
            highlight=False,
            markup=False,
        )


def _read_query(text: str) -> str:
    if text == "-":
        return sys.stdin.read()
    if text.startswith("@"):
        return Path(text[1:]).read_text(encoding="utf-8")
    return text
