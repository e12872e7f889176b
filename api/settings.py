"""Every setting of the service in one pydantic model, read from ``STACKATLAS_*`` environment variables.

>>> Settings(store=None).store is None
True
>>> Settings().port
8000
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_store_path() -> Path:
    """``$XDG_DATA_HOME/stackatlas/store`` (``~/.local/share/stackatlas/store``)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "stackatlas" / "store"


class Settings(BaseSettings):
    """Where the store lives, where the service listens, and every limit a request meets."""

    model_config = SettingsConfigDict(env_prefix="STACKATLAS_", frozen=True)

    store: Path | None = Field(
        default_factory=default_store_path,
        description="Directory of the embedded Oxigraph store; None keeps it in memory.",
    )
    host: str = Field("127.0.0.1", description="Address to listen on.")
    port: int = Field(8000, ge=1, le=65535, description="Port to listen on.")

    # -- SPARQL endpoint (api/sparql/) ---------------------------------------------------------
    query_workers: int = Field(
        2, ge=1, le=64, description="Worker processes that evaluate queries."
    )
    query_timeout: float = Field(
        30.0,
        gt=0,
        le=3600,
        description="Deadline of a query in seconds; a client may ask for less.",
    )
    max_result_rows: int = Field(
        100_000, ge=1, description="Most rows (or triples) one query may return."
    )
    max_body_bytes: int = Field(1_000_000, ge=1, description="Largest request body accepted.")
    max_queries_per_client: int = Field(
        4, ge=1, description="Queries one client (IP address) may have running at once."
    )
    result_cache_entries: int = Field(
        1024, ge=0, description="Query results kept in memory; emptied by every update."
    )
    update_token: str | None = Field(
        None, description="Bearer token that opens SPARQL Update; updates are off when unset."
    )
