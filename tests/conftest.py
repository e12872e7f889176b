"""Shared fixtures: the bundled knowledge base in memory (built once), and the tiny fixture world."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph.load import build_from_bundle, load_files
from graph.store import OxigraphStore
from ontology import ONTOLOGY_PATH

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "fixture.ttl"


@pytest.fixture(scope="session")
def kb_store() -> OxigraphStore:
    """The whole bundled knowledge base, validated and loaded into memory once per session."""
    store = OxigraphStore()
    build_from_bundle(store)
    return store


@pytest.fixture
def fixture_store() -> OxigraphStore:
    """The tiny hand-written world of tests/data/fixture.ttl, with the ontology."""
    store = OxigraphStore()
    load_files(store, [ONTOLOGY_PATH, FIXTURE])
    return store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A real ``stackatlas serve`` process on loopback."""

    def __init__(self, args: list[str], env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "api.cli", "serve", "--port", str(self.port), *args]
        # The server's log goes to a file: a pipe nobody reads fills up and stalls the server.
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - lives as long as the server
            prefix="stackatlas-server-", suffix=".log", delete=False
        )
        self.proc = subprocess.Popen(
            cmd,
            env={**os.environ, **(env or {})},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=Path(__file__).parent.parent,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.output()}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server did not start within 120 s:\n{self.output()}")

    def output(self) -> str:
        """What the server has printed so far."""
        return Path(self.log.name).read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``stackatlas serve`` on a fresh on-disk store, as a user would start it."""
    store_dir = tmp_path_factory.mktemp("live") / "store"
    server = Server(["--store", str(store_dir)])
    yield server
    server.stop()
