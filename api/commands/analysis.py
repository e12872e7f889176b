"""CLI commands: the analyses as readable tables (``--json`` for machines).

``stackatlas compat``, ``lockin``, ``exit-paths``, ``what-if``, ``obligations``, ``openness``.
Exit codes: 0 answered, 1 the request names nothing known (with suggestions), 2 the command could
not run.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any

import networkx as nx
import typer
from rich.table import Table
from rich.text import Text

from api.commands.common import MemoryOpt, StoreOpt, fail, open_db, out, settings_for
from graph import analysis as A
from graph.exceptions import StackAtlasError
from graph.projection import projection

JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print the full answer, with evidence, as JSON.")
]
CloudOpt = Annotated[str | None, typer.Option(help="Cloud slug (e.g. aws).")]
ChipOpt = Annotated[str | None, typer.Option(help="Chip slug (e.g. trainium2).")]
SoftwareOpt = Annotated[str | None, typer.Option(help="Software slug (e.g. vllm).")]


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command(name="compat")(compat)
    app.command(name="lockin")(lockin)
    app.command(name="exit-paths")(exit_paths)
    app.command(name="what-if")(what_if)
    app.command(name="obligations")(obligations)
    app.command(name="openness")(openness)


def _run(
    store: Path | None,
    memory: bool,
    as_json: bool,
    work: Callable[[nx.MultiDiGraph], Any],
    show: Callable[[Any], None],
) -> None:

    db = open_db(settings_for(store, memory))
    try:
        result = work(projection(db))
    except StackAtlasError as e:  # an unknown slug: the request is wrong
        fail(1, str(e))
    if as_json:
        payload = (
            [dataclasses.asdict(r) for r in result]
            if isinstance(result, tuple)
            else dataclasses.asdict(result)
        )
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        show(result)


def _print(*things: Any) -> None:

    for t in things:
        out.print(t)


def _table(title: str, columns: Iterable[str], rows: Iterable[Iterable[object]]) -> Table:
    table = Table(*columns, title=title, title_justify="left")
    for row in rows:
        table.add_row(*(Text("" if c is None else str(c)) for c in row))
    return table


def _stack(
    G: nx.MultiDiGraph, model: str, cloud: str | None, chip: str | None, software: str | None
) -> tuple[str, str | None, str | None, str | None]:
    return (
        A.resolve(G, model, ["Model"], what="model"),
        A.resolve(G, cloud, ["Cloud"], what="cloud") if cloud else None,
        A.resolve(G, chip, ["Chip"], what="chip") if chip else None,
        A.resolve(G, software, ["Software"], what="software") if software else None,
    )


def compat(
    model: Annotated[str, typer.Argument(help="Model slug.")],
    chip: Annotated[
        str | None, typer.Argument(help="Chip slug; without it, every deployment.")
    ] = None,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Can MODEL run on CHIP (and how)? Without CHIP: where MODEL can run."""

    def work(G: nx.MultiDiGraph) -> Any:
        m = A.resolve(G, model, ["Model"], what="model")
        if chip is None:
            return A.where_can_run(G, m)
        return A.can_run(G, m, A.resolve(G, chip, ["Chip"], what="chip"))

    def show(r: Any) -> None:
        if isinstance(r, A.Deployments):
            rows = [
                (
                    d.cloud.label,
                    d.chip.label if d.chip else "(not documented)",
                    d.via,
                    d.offering.slug if d.offering else " → ".join(s.label for s in d.software_path),
                )
                for d in r.deployments
            ]
            _print(
                _table(
                    f"{r.model.label}: {len(rows)} deployment(s)",
                    ("cloud", "chip", "via", "offering / software path"),
                    rows,
                )
            )
            return
        verdict = "[green]yes[/]" if r.runs else "[red]no[/]"
        _print(f"{r.model.label} on {r.chip.label}: {verdict}")
        found: list[tuple[str, str]] = [("offering", o.slug) for o in r.offerings]
        found += [("software path", " → ".join(s.label for s in p)) for p in r.software_paths]
        found += [("missing", why) for why in r.missing]
        found += [("rented in", ", ".join(c.label for c in r.clouds) or "(no cloud rents it)")]
        _print(_table("evidence", ("what", "detail"), found))

    _run(store, memory, as_json, work, show)


def lockin(
    model: Annotated[str, typer.Argument(help="Model slug.")],
    cloud: CloudOpt = None,
    chip: ChipOpt = None,
    software: SoftwareOpt = None,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """How locked in is the stack? The score, its level and the factor table (docs/lock-in.md)."""

    def work(G: nx.MultiDiGraph) -> Any:
        m, cl, ch, sw = _stack(G, model, cloud, chip, software)
        return A.lock_in(G, m, cloud=cl, chip=ch, software=sw)

    def show(r: A.LockInReport) -> None:
        parts = [
            p.label for p in (r.stack.model, r.stack.cloud, r.stack.chip, r.stack.software) if p
        ]
        _print(f"lock-in of {' / '.join(parts)}: [bold]{r.score}[/] / 100 ({r.level})")
        rows = [
            (f.name, f"{f.value:.2f}", f"{f.weight:.2f}", f"{f.contribution:.1f}", f.explanation)
            for f in r.factors
        ]
        _print(_table("factors", ("factor", "value", "weight", "points", "why"), rows))
        groups = "; ".join(", ".join(g.label for g in s) for s in r.disjoint_option_groups)
        _print(f"vendor-disjoint deployment options: {r.vendor_disjoint_options} ({groups})")

    _run(store, memory, as_json, work, show)


def exit_paths(
    model: Annotated[str, typer.Argument(help="Model slug.")],
    avoid: Annotated[
        list[str],
        typer.Option(
            "--avoid", help="Organization slug whose whole vendor group to avoid (repeatable)."
        ),
    ],
    cloud: CloudOpt = None,
    chip: ChipOpt = None,
    software: SoftwareOpt = None,
    limit: Annotated[int, typer.Option(min=1, max=500, help="At most this many paths.")] = 20,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Alternative stacks that avoid the vendor groups of --avoid, cheapest migration first."""

    def work(G: nx.MultiDiGraph) -> Any:
        m, cl, ch, sw = _stack(G, model, cloud, chip, software)
        return A.exit_paths(G, m, avoid=avoid, cloud=cl, chip=ch, software=sw, limit=limit)

    def show(paths: tuple[A.ExitPath, ...]) -> None:
        rows = [
            (
                p.rank,
                p.kind,
                p.deployment.model.label,
                p.deployment.cloud.label,
                p.deployment.chip.label if p.deployment.chip else "(not documented)",
                p.deployment.via,
                ", ".join(p.changes),
            )
            for p in paths
        ]
        _print(
            _table(
                f"{len(rows)} exit path(s)",
                ("rank", "kind", "model", "cloud", "chip", "via", "changes"),
                rows,
            )
        )

    _run(store, memory, as_json, work, show)


def what_if(
    remove: Annotated[
        list[str], typer.Argument(help="Organization slugs: their vendor groups vanish.")
    ],
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """What if these vendor groups vanished? Lost deployments, single providers, single points of control."""

    def show(r: A.WhatIfReport) -> None:
        def names(refs: Iterable[A.Ref]) -> str:
            return ", ".join(x.label for x in refs) or "(none)"

        rows = [
            ("groups removed", names(r.removed)),
            ("models losing every option", names(r.models_losing_all)),
            ("left with a single provider", names(i.model for i in r.models_single_provider)),
            ("chips gone", names(r.chips_gone)),
            ("clouds gone", names(r.clouds_gone)),
            ("single points of control", names(r.articulation_points)),
        ]
        _print(_table("what if", ("question", "answer"), rows))

    _run(store, memory, as_json, lambda G: A.what_if(G, remove=remove), show)


def obligations(
    model: Annotated[str, typer.Argument(help="Model slug.")],
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """What the license of MODEL and of every ancestor permits, requires and forbids."""

    def show(o: A.Obligations) -> None:
        _print(f"lineage: {' ← '.join(m.label for m in o.lineage)}")
        rows = [
            (kind, t.term, t.license.label, t.model.label)
            for kind, terms in (
                ("permits", o.permissions),
                ("requires", o.duties),
                ("prohibits", o.prohibitions),
            )
            for t in terms
        ]
        _print(_table("license terms", ("", "term", "license", "via"), rows))
        for t in o.user_thresholds:
            _print(
                f"user threshold: {t.max_monthly_active_users:,} monthly active users ({t.license.label})"
            )
        for prefix, lic in o.name_prefixes:
            _print(f"derivative names must begin with {prefix!r} ({lic.label})")
        for c in o.conflicts:
            _print(f"[yellow]conflict[/]: {c}")

    _run(
        store,
        memory,
        as_json,
        lambda G: A.license_obligations(G, A.resolve(G, model, ["Model"], what="model")),
        show,
    )


def openness(
    model: Annotated[str, typer.Argument(help="Model slug.")],
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Is MODEL open source under OSAID 1.0? Which Model Openness Framework class? (docs/openness.md)"""

    def show(r: A.OpennessReport) -> None:
        _print(f"{r.model.label}: OSI Open Source AI Definition 1.0: [bold]{r.osaid}[/]")
        _print(
            _table(
                "OSAID components",
                ("component", "status", "why"),
                [(c.name, c.status, c.reason) for c in r.osaid_components],
            )
        )
        _print(
            f"Model Openness Framework: reached {r.mof_class or 'no class'}; "
            f"ceiling {r.mof_ceiling or 'no class'}"
        )
        rows = [(cls, c.name, c.status, c.reason) for cls, comps in r.mof_components for c in comps]
        _print(_table("MOF components", ("class", "component", "status", "why"), rows))

    _run(
        store,
        memory,
        as_json,
        lambda G: A.openness(G, A.resolve(G, model, ["Model"], what="model")),
        show,
    )
