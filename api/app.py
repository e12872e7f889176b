"""The FastAPI application factory.

>>> app = create_app(Settings(store=None))      # the store opens when the app starts
>>> "/healthz" in app.openapi()["paths"]
True
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from api import errors
from api.routers import analysis, entities, export, linked_data, sparql, ui
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

    errors.install(app)
    for module in (sparql, entities, linked_data, analysis, export, ui):
        app.include_router(module.router)

    @app.get("/healthz", tags=["operations"])
    def healthz(request: Request) -> dict[str, object]:
        """Liveness and the store's size and version."""
        store = request.app.state.store
        return {"status": "ok", "triples": len(store), "version": store.version}

    return app
