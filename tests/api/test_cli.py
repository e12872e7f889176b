"""The ``stackatlas`` command as a user runs it: real processes, real exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURE

ROOT = Path(__file__).parent.parent.parent


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        timeout=300,
    )


def test_validate_the_bundled_knowledge_base_exits_0() -> None:
    done = run("validate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "conformant" in done.stdout


def test_validate_a_file_with_a_violation_exits_1_and_names_node_and_rule(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix sa: <https://w3id.org/stackatlas/ns#> .\n"
        "<https://w3id.org/stackatlas/id/lonely-chip> a sa:Chip .\n"
    )
    done = run("validate", str(bad))
    assert done.returncode == 1
    assert "id:lonely-chip" in done.stderr and "shape:ChipShape" in done.stderr


def test_validate_malformed_file_exits_1_with_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n")
    done = run("validate", str(bad))
    assert done.returncode == 1
    assert "bad.ttl:1" in done.stderr


def test_validate_missing_file_exits_2(tmp_path: Path) -> None:
    assert run("validate", str(tmp_path / "nope.ttl")).returncode == 2


def test_load_then_query_an_on_disk_store(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    loaded = run("load", "--store", store, str(FIXTURE))
    assert loaded.returncode == 0, loaded.stderr
    q = "SELECT ?m WHERE { ?m a <https://w3id.org/stackatlas/ns#Model> } ORDER BY ?m"
    done = run("query", "--store", store, "--format", "csv", q)
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows[0] == ["m"]
    assert "https://w3id.org/stackatlas/id/open-7b-tuned" in [r[0] for r in rows[1:]]


def test_refused_load_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    before = run(
        "query",
        "--store",
        store,
        "--format",
        "json",
        "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }",
    )
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix sa: <https://w3id.org/stackatlas/ns#> .\n<https://w3id.org/stackatlas/id/x> a sa:Model .\n"
    )
    assert run("load", "--store", store, str(bad)).returncode == 1
    after = run(
        "query",
        "--store",
        store,
        "--format",
        "json",
        "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }",
    )
    assert json.loads(before.stdout) == json.loads(after.stdout)


def test_query_formats_and_errors() -> None:
    ask = run("query", "--memory", "--format", "json", "ASK { ?s ?p ?o }")
    assert json.loads(ask.stdout)["boolean"] is True
    construct = run(
        "query", "--memory", "--format", "ntriples",
        "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3",
    )  # fmt: skip
    assert construct.returncode == 0 and construct.stdout.count(" .\n") == 3
    table = run(
        "query",
        "--memory",
        "SELECT ?c WHERE { ?c a <http://www.w3.org/2002/07/owl#Class> } LIMIT 2",
    )
    assert table.returncode == 0 and "2 row(s)" in table.stderr
    broken = run("query", "--memory", "SELECT ?x WHERE {")
    assert broken.returncode == 1 and "syntax" in broken.stderr
    wrong = run("query", "--memory", "--format", "turtle", "SELECT * { ?s ?p ?o } LIMIT 1")
    assert wrong.returncode == 2


def test_query_reads_a_file_and_stdin(tmp_path: Path) -> None:
    q = tmp_path / "q.rq"
    q.write_text("ASK { ?s a <https://w3id.org/stackatlas/ns#Model> }")
    assert run("query", "--memory", "-f", "json", f"@{q}").stdout.strip().endswith("true}")
    assert (
        '"boolean":true' in run("query", "--memory", "-f", "json", "-", stdin=q.read_text()).stdout
    )


def test_stats_lists_counts_per_class() -> None:
    done = run("stats", "--memory")
    assert done.returncode == 0, done.stderr
    for word in ("Model", "Organization", "Offering", "distinct sources", "as of"):
        assert word in done.stdout
