"""The analysis commands as a user runs them: real processes, real exit codes, tables and JSON.

Expected answers come from graph.analysis on kb_store, built independently in this process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph import analysis as A
from graph.projection import projection
from graph.store import OxigraphStore

ROOT = Path(__file__).parent.parent.parent
ID = "https://w3id.org/stackatlas/id/"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args, "--memory"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_lockin_table_and_json_agree_with_the_analysis(kb_store: OxigraphStore) -> None:
    expected = A.lock_in(
        projection(kb_store), ID + "llama-3.1-405b", cloud=ID + "aws", chip=ID + "trainium2"
    )
    table = run("lockin", "llama-3.1-405b", "--cloud", "aws", "--chip", "trainium2")
    assert table.returncode == 0, table.stderr
    assert f"{expected.score} / 100 ({expected.level})" in table.stdout
    assert "vertical_integration" in table.stdout and "vendor-disjoint" in table.stdout
    js = run("lockin", "llama-3.1-405b", "--cloud", "aws", "--chip", "trainium2", "--json")
    body = json.loads(js.stdout)
    assert body["score"] == expected.score
    assert [f["name"] for f in body["factors"]] == [f.name for f in expected.factors]


def test_compat_yes_no_and_every_deployment() -> None:
    yes = run("compat", "llama-3.1-405b", "trainium2")
    assert yes.returncode == 0 and "yes" in yes.stdout and "bedrock--trainium2" in yes.stdout
    no = run("compat", "gemini-2.5-pro", "h100")
    assert no.returncode == 0 and "no" in no.stdout and "closed weights" in no.stdout
    every = json.loads(run("compat", "llama-3.1-405b", "--json").stdout)
    assert len(every["deployments"]) > 10


def test_exit_paths_what_if_obligations_openness() -> None:
    exits = json.loads(run("exit-paths", "gemini-2.5-pro", "--avoid", "google", "--json").stdout)
    assert exits and all(p["deployment"]["cloud"]["slug"] != "google-cloud" for p in exits)
    w = run("what-if", "google")
    assert w.returncode == 0 and "Google TPU v6e" in w.stdout
    o = run("obligations", "hermes-3-llama-3.1-405b")
    assert "700,000,000" in o.stdout and "'Llama'" in o.stdout
    olmo = run("openness", "olmo-2-13b")
    assert "conforms" in olmo.stdout and "does not" not in olmo.stdout.split("\n")[0]
    llama = run("openness", "llama-3.1-405b")
    assert "does not conform" in llama.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("lockin", "llama-3.1-450b"),
        ("compat", "llama-3.1-405b", "trainum2"),
        ("what-if", "gogle"),
        ("exit-paths", "llama-3.1-405b", "--avoid", "amazn"),
    ],
)
def test_unknown_slugs_exit_1_with_suggestions(args: tuple[str, ...]) -> None:
    done = run(*args)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "did you mean" in done.stderr
