"""Things built from a store once per store version: the projection, the catalog, the search index.

Keyed by the store object itself (weakly), never by ``id(store)``: an id is reused once a store
is garbage-collected, and a new store at the same version would then get another store's answer.

>>> from graph.store import OxigraphStore
>>> calls = []
>>> @per_store_version
... def size(store):
...     calls.append(store.version)
...     return len(store)
>>> store = OxigraphStore()
>>> size(store), size(store), calls
(0, 0, [0])
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable
from typing import Protocol, TypeVar

T = TypeVar("T")


class Versioned(Protocol):
    """Anything with a version that changes with every write (a store)."""

    @property
    def version(self) -> int: ...


S = TypeVar("S", bound=Versioned)


def per_store_version(build: Callable[[S], T]) -> Callable[[S], T]:
    """Wrap ``build(store)`` so that it runs once per store and version; callers share the result."""
    built: weakref.WeakKeyDictionary[S, tuple[int, T]] = weakref.WeakKeyDictionary()
    lock = threading.Lock()

    @functools.wraps(build)
    def cached(store: S) -> T:
        with lock:
            hit = built.get(store)
            if hit is None or hit[0] != store.version:
                hit = (store.version, build(store))
                built[store] = hit
            return hit[1]

    return cached
