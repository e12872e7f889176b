"""The FastAPI application factory.

>>> from fastapi.testclient import TestClient
>>> with TestClient(create_app(Settings(store=None))) as client:
...     client.get("/healthz").json()["status"]
'ok'
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from api.settings import Settings
from graph.load import open_store


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; the store is opened (and built on first use) when the app starts."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = open_store(settings.store)
        app.state.settings = settings
        yield
        app.state.store.close()

    app = FastAPI(
        title="stackatlas",
        summary="A knowledge graph of the AI ecosystem, with its sources.",
        version="0.1.0",
        lifespan=lifespan,
    )

    @app.get("/healthz", tags=["operations"])
    def healthz(request: Request) -> dict[str, object]:
        """Liveness and the store's size and version."""
        store = request.app.state.store
        return {"status": "ok", "triples": len(store), "version": store.version}

    return app
