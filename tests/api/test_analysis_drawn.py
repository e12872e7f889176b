"""``?format=`` on the analysis routes draws the answer as a graph a graph tool reads back."""

from __future__ import annotations

import httpx
import networkx as nx

from tests.conftest import Server

GOOGLE_GROUP = {
    "alphabet",
    "google",
    "google-deepmind",
    "google-cloud",
    "vertex-ai",
    "google-ai-studio",
}


def test_exit_paths_drawn_as_graphml_mark_stack_and_exits(live_server: Server) -> None:
    body = {
        "model": "gemini-2.0-flash",
        "cloud": "google-cloud",
        "chip": "tpu-v6e",
        "avoid": ["google"],
        "limit": 3,
    }
    r = httpx.post(
        f"{live_server.url}/v1/exit-paths", params={"format": "graphml"}, json=body, timeout=30
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/graphml+xml")
    G = nx.parse_graphml(r.text)
    roles = nx.get_node_attributes(G, "role")
    stack = {G.nodes[n]["slug"] for n, role in roles.items() if role == "stack"}
    exits = {G.nodes[n]["slug"] for n, role in roles.items() if role == "exit"}
    assert {"gemini-2.0-flash", "google-cloud", "tpu-v6e"} <= stack
    assert exits and not exits & GOOGLE_GROUP


def test_lockin_drawn_and_plain_json_agree_on_the_stack(live_server: Server) -> None:
    body = {"model": "llama-3.1-405b", "cloud": "aws", "chip": "trainium2"}
    plain = httpx.post(f"{live_server.url}/v1/lockin", json=body, timeout=30).json()
    drawn = httpx.post(
        f"{live_server.url}/v1/lockin", params={"format": "node-link"}, json=body, timeout=30
    )
    assert drawn.status_code == 200
    graph = drawn.json()
    assert f"{plain['score']}/100 ({plain['level']})" in graph["graph"]["title"]
    stack = {n["slug"] for n in graph["nodes"] if n.get("role") == "stack"}
    assert {"llama-3.1-405b", "aws", "trainium2"} <= stack


def test_unknown_drawing_format_is_a_400(live_server: Server) -> None:
    r = httpx.post(
        f"{live_server.url}/v1/lockin",
        params={"format": "png"},
        json={"model": "gpt-4o"},
        timeout=30,
    )
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "png" in r.json()["detail"]
