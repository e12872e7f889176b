"""``GET /v1/export`` on a real server, and ``stackatlas export`` as a user runs it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import networkx as nx
import pytest

from graph.export import FORMATS, neighbourhood, thing
from graph.projection import projection
from graph.store import OxigraphStore
from tests.conftest import Server

pytestmark = pytest.mark.server
ROOT = Path(__file__).parent.parent.parent


def _get(server: Server, **params: Any) -> httpx.Response:
    return httpx.get(f"{server.url}/v1/export", params=params, timeout=60)


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_is_served_with_its_media_type_and_file_name(
    live_server: Server, name: str
) -> None:
    r = _get(live_server, format=name, focus="h100")
    assert r.status_code == 200
    assert r.headers["content-type"] == f"{FORMATS[name].media_type}; charset=utf-8"
    assert r.headers["content-disposition"].endswith(f'"stackatlas-h100.{FORMATS[name].extension}"')
    assert "H100" in r.text


def test_the_whole_graph_comes_back_whole(live_server: Server, kb_store: OxigraphStore) -> None:
    G = projection(kb_store)
    back = nx.read_graphml(io.BytesIO(_get(live_server, format="graphml").content))
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        G.number_of_nodes(),
        G.number_of_edges(),
    )


def test_focus_depth_and_kinds_select_the_neighbourhood(
    live_server: Server, kb_store: OxigraphStore
) -> None:
    G = projection(kb_store)
    doc = _get(live_server, format="cytoscape", focus="llama-3.1-405b", depth=2, kinds="Cloud,Chip")
    expected = neighbourhood(G, thing(G, "llama-3.1-405b"), depth=2, kinds=["Cloud", "Chip"])
    ids = {n["data"]["id"] for n in doc.json()["elements"]["nodes"]}
    assert ids == set(expected)
    repeated = _get(
        live_server, format="cytoscape", focus="llama-3.1-405b", depth=2, kinds=["Cloud", "Chip"]
    )
    assert {n["data"]["id"] for n in repeated.json()["elements"]["nodes"]} == ids


def test_a_stack_exports_its_lock_in_answer_with_exit_paths(live_server: Server) -> None:
    r = _get(
        live_server,
        format="cytoscape",
        model="gemini-1.5-pro",
        cloud="google-cloud",
        chip="tpu-v5p",
        avoid="google",
    )
    assert r.status_code == 200
    classes = [n["classes"] for n in r.json()["elements"]["nodes"]]
    assert sum("role-stack" in c for c in classes) >= 3
    assert any("role-exit" in c for c in classes)
    assert any(e["classes"] == "evidence" for e in r.json()["elements"]["edges"])


@pytest.mark.parametrize(
    ("params", "status", "says"),
    [
        ({"format": "pdf"}, 400, "unknown export format 'pdf'"),
        ({"format": "dot", "focus": "lama-3.1-405b"}, 404, "llama-3.1-405b"),
        ({"format": "dot", "kinds": "Chipz"}, 400, "unknown kind 'Chipz'"),
        ({"format": "dot", "focus": "h100", "depth": 99}, 400, "depth"),
        ({"format": "dot", "focus": "h100", "model": "gpt-4o"}, 400, "exclude"),
        ({"format": "dot", "chip": "h100"}, 400, "model"),
        ({"format": "dot", "model": "h100"}, 404, "no model"),
        ({"format": "dot", "model": "gpt-4o", "avoid": "nobody-at-all"}, 404, "organization"),
    ],
)
def test_bad_requests_say_what_is_wrong_in_problem_json(
    live_server: Server, params: dict[str, Any], status: int, says: str
) -> None:
    r = _get(live_server, **params)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/problem+json"
    assert says in r.json()["detail"]


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", "export", "--memory", *args],
        input=stdin.encode() if stdin is not None else None,
        capture_output=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def test_the_cli_writes_a_file_or_standard_output(tmp_path: Path, kb_store: OxigraphStore) -> None:
    G = projection(kb_store)
    out = tmp_path / "tpu.gexf"
    done = _cli("--format", "gexf", "--focus", "tpu-v5p", "--depth", "1", "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    expected = neighbourhood(G, thing(G, "tpu-v5p"), depth=1)
    assert set(nx.read_gexf(out)) == set(expected)
    assert f"wrote {len(expected)} things" in done.stderr.decode()
    query = "PREFIX sa: <https://w3id.org/stackatlas/ns#> CONSTRUCT { ?c sa:exclusiveTo ?x } WHERE { ?c sa:exclusiveTo ?x }"
    done = _cli("-f", "node-link", "--construct", "-", stdin=query)
    assert done.returncode == 0, done.stderr.decode()
    links = json.loads(done.stdout)["links"]
    exclusive = [(u, v) for u, v, k in G.edges(keys=True) if k == "exclusiveTo"]
    assert sorted((link["source"], link["target"]) for link in links) == sorted(exclusive)


def test_the_cli_refuses_bad_options_and_unknown_things() -> None:
    done = _cli("--format", "pdf")
    assert done.returncode == 2 and b"unknown export format 'pdf'" in done.stderr
    done = _cli("--focus", "lama-3.1-405b")
    assert done.returncode == 1 and b"did you mean llama-3.1-405b" in done.stderr
    done = _cli("--construct", "SELECT * WHERE { ?s ?p ?o }")
    assert done.returncode == 1 and b"CONSTRUCT" in done.stderr
