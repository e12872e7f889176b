"""The analysis routes through a real server; expected answers come from graph.analysis on kb_store.

The server builds its own on-disk store from the bundle; kb_store is built independently in memory,
so agreement checks the whole path (store → projection → analysis → pydantic → JSON → client).
"""

from __future__ import annotations

import httpx
import pytest

from graph import analysis as A
from graph.projection import projection
from graph.store import OxigraphStore
from tests.conftest import Server

pytestmark = pytest.mark.server

ID = "https://w3id.org/stackatlas/id/"


def test_deployments_match_the_analysis(live_server: Server, kb_store: OxigraphStore) -> None:
    r = httpx.get(f"{live_server.url}/v1/models/llama-3.1-405b/deployments")
    assert r.status_code == 200, r.text
    body = r.json()
    expected = A.where_can_run(projection(kb_store), ID + "llama-3.1-405b")
    assert len(body["deployments"]) == len(expected.deployments)
    bedrock = [
        d
        for d in body["deployments"]
        if d["chip"] and d["chip"]["slug"] == "trainium2" and d["via"] == "offering"
    ]
    assert bedrock and bedrock[0]["service"]["slug"] == "bedrock"
    assert all(e["sources"] for d in body["deployments"] for e in d["evidence"])


def test_compat_yes_and_no(live_server: Server) -> None:
    yes = httpx.get(
        f"{live_server.url}/v1/compat", params={"model": "llama-3.1-405b", "chip": "trainium2"}
    )
    assert yes.status_code == 200 and yes.json()["runs"] is True
    assert any(p[-1]["slug"] == "aws-neuron-sdk" for p in yes.json()["software_paths"])
    no = httpx.get(
        f"{live_server.url}/v1/compat", params={"model": "gemini-2.5-pro", "chip": "h100"}
    )
    assert no.status_code == 200 and no.json()["runs"] is False
    assert "closed weights" in no.json()["missing"][0]


def test_chip_and_cloud_models(live_server: Server, kb_store: OxigraphStore) -> None:
    G = projection(kb_store)
    for kind, slug in (("chips", "trainium2"), ("clouds", "groqcloud")):
        r = httpx.get(f"{live_server.url}/v1/{kind}/{slug}/models")
        assert r.status_code == 200, r.text
        expected = {m.model.slug for m in A.what_runs_on(G, ID + slug).models}
        assert {m["model"]["slug"] for m in r.json()["models"]} == expected
        assert expected


def test_lockin_ordering_through_the_api(live_server: Server) -> None:
    def score(**stack: str) -> int:
        r = httpx.post(f"{live_server.url}/v1/lockin", json=stack)
        assert r.status_code == 200, r.text
        body = r.json()
        assert len(body["factors"]) == 8 and body["level"]
        return int(body["score"])

    gemini = score(model="gemini-1.5-pro", cloud="google-cloud", chip="tpu-v5e")
    trainium = score(model="llama-3.1-405b", cloud="aws", chip="trainium2")
    h100 = score(model="llama-3.1-405b", cloud="aws", chip="h100")
    assert gemini > trainium > h100


def test_exit_paths_avoid_the_whole_group(live_server: Server) -> None:
    r = httpx.post(
        f"{live_server.url}/v1/exit-paths",
        json={
            "model": "gemini-2.5-pro",
            "cloud": "google-cloud",
            "chip": "tpu-v6e",
            "avoid": ["google"],
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["avoided"][0]["slug"] == "alphabet" and body["paths"]
    touched = {d["deployment"]["cloud"]["slug"] for d in body["paths"]}
    assert not touched & {"google-cloud", "google-ai-studio"}


def test_what_if_and_comma_separated_remove(live_server: Server) -> None:
    r = httpx.get(f"{live_server.url}/v1/what-if", params={"remove": "google,nvidia"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert {g["slug"] for g in body["removed"]} == {"alphabet", "nvidia"}
    assert "h100" in {c["slug"] for c in body["chips_gone"]}


def test_obligations_and_openness(live_server: Server) -> None:
    o = httpx.get(f"{live_server.url}/v1/models/hermes-3-llama-3.1-405b/obligations").json()
    assert {p["prefix"] for p in o["name_prefixes"]} == {"Llama"}
    assert o["user_thresholds"][0]["max_monthly_active_users"] == 700_000_000
    olmo = httpx.get(f"{live_server.url}/v1/models/olmo-2-13b/openness").json()
    llama = httpx.get(f"{live_server.url}/v1/models/llama-3.1-405b/openness").json()
    assert (olmo["osaid"], llama["osaid"]) == ("conforms", "does not conform")
    assert next(c["name"] for c in olmo["mof_components"]).startswith("Class III")


@pytest.mark.parametrize(
    ("method", "path", "payload", "status"),
    [
        ("GET", "/v1/models/llama-3.1-450b/deployments", None, 404),
        ("GET", "/v1/compat?model=llama-3.1-405b&chip=trainium3", None, 404),
        ("GET", "/v1/compat?model=llama-3.1-405b", None, 422),
        ("GET", "/v1/compat?model=Bad%20Slug&chip=h100", None, 422),
        ("GET", "/v1/chips/aws/models", None, 404),
        ("GET", "/v1/chips/trainum2/models", None, 404),
        ("GET", "/v1/what-if?remove=google,Bad", None, 422),
        ("GET", "/v1/what-if", None, 422),
        ("GET", "/v1/what-if?remove=gogle", None, 404),
        ("POST", "/v1/lockin", {"model": "llama-3.1-405b", "cloud": "h100"}, 404),
        ("POST", "/v1/lockin", {"cloud": "aws"}, 422),
        ("POST", "/v1/lockin", {"model": "llama-3.1-405b", "colud": "aws"}, 422),
        ("POST", "/v1/exit-paths", {"model": "llama-3.1-405b", "avoid": []}, 422),
        ("POST", "/v1/exit-paths", {"model": "llama-3.1-405b", "avoid": ["amazn"]}, 404),
    ],
)
def test_bad_input_is_a_4xx_that_says_what(
    live_server: Server, method: str, path: str, payload: object, status: int
) -> None:
    r = httpx.request(method, f"{live_server.url}{path}", json=payload)
    assert r.status_code == status, r.text
    if status == 404:
        body = r.json()
        assert r.headers["content-type"].startswith("application/problem+json")
        assert "slug" in body["detail"], body
        # a typo gets suggestions; a slug of another kind (aws is a cloud, not a chip) is named
        wrong_kind = {"aws", "h100"}
        assert body["suggestions"] or any(f"'{w}'" in body["detail"] for w in wrong_kind), body
