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
