"""What every command shares: the consoles, the store options, opening the store, failing cleanly.

>>> settings_for(None, memory=True).store is None
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from api.settings import Settings
from graph.exceptions import StoreError
from graph.load import open_store
from graph.store import OxigraphStore

# No emoji codes or markup in data: ":label:" and "[shape:X]" must print as they are.
out = Console(emoji=False)
err = Console(stderr=True, emoji=False)

StoreOpt = Annotated[
    Path | None,
    typer.Option(
        "--store", envvar="STACKATLAS_STORE", help="Store directory (default: the user data dir)."
    ),
]
MemoryOpt = Annotated[
    bool, typer.Option("--memory", help="Use an in-memory store built from the bundle.")
]


def settings_for(store: Path | None, memory: bool) -> Settings:
    """The settings a command runs with: ``--memory`` wins, then ``--store``, then the defaults."""
    if memory:
        return Settings(store=None)
    return Settings(store=store) if store is not None else Settings()


def open_db(settings: Settings) -> OxigraphStore:
    """Open (and on first use build) the store, with a spinner on standard error."""
    try:
        with progress() as bar:
            task = bar.add_task("opening the store", total=None)
            return open_store(
                settings.store, progress=lambda msg: bar.update(task, description=msg)
            )
    except StoreError as e:
        fail(2, str(e))


def progress() -> Progress:
    """A transient spinner with elapsed time, on standard error."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def fail(code: int, message: str) -> NoReturn:
    """Print ``error: message`` on standard error and exit with ``code``."""
    err.print("error: ", style="bold red", end="")
    err.print(message, highlight=False, markup=False, soft_wrap=True)
    raise typer.Exit(code)
