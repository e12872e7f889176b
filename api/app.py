"""The FastAPI application factory.

>>> app = create_app(Settings(store=None))      # the store opens when the app starts
>>> "/healthz" in app.openapi()["paths"]
True
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api import errors
from api.routers import analysis, entities, export, linked_data, sparql, ui
from api.settings import Settings
from api.sparql import service as sparql_service
from graph.load import open_store


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; the store is opened (and built on first use) when the app starts."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = open_store(settings.store)
        app.state.settings = settings
        app.state.sparql = await sparql_service.start(app.state.store, settings)
        yield
        await app.state.sparql.close()
        app.state.store.close()

    app = FastAPI(
        title="stackatlas",
        summary="A knowledge graph of the AI ecosystem, with its sources.",
        version="0.1.0",
        lifespan=lifespan,
    )

    errors.install(app)
    # Reads are open to every origin (browser SPARQL clients, notebooks); preflights are answered.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        max_age=600,
    )
    for module in (sparql, entities, linked_data, analysis, export, ui):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")

    @app.get("/healthz", tags=["operations"])
    def healthz(request: Request) -> dict[str, object]:
        """Liveness and the store's size and version."""
        store = request.app.state.store
        return {"status": "ok", "triples": len(store), "version": store.version}

    return app
