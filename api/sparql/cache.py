"""A result cache keyed by (query, dataset, formats, store version), emptied by every update.

>>> cache = ResultCache(2)
>>> cache.put(("ASK {}", 1), b"yes")
>>> cache.get(("ASK {}", 1))
b'yes'
>>> cache.put(("a", 1), b"1"); cache.put(("b", 1), b"2")  # least recently used goes first
>>> cache.get(("ASK {}", 1)) is None
True
>>> cache.clear(); len(cache)
0
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class ResultCache(Generic[V]):
    """A bounded LRU map; ``entries=0`` turns it off. Only the event loop thread touches it."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[Hashable, V] = OrderedDict()

    def get(self, key: Hashable) -> V | None:
        """The cached value, refreshed as most recently used."""
        value = self._items.get(key)
        if value is None:
            self.misses += 1
            return None
        self._items.move_to_end(key)
        self.hits += 1
        return value

    def put(self, key: Hashable, value: V) -> None:
        """Remember ``value``, forgetting the least recently used entry when full."""
        if self.entries <= 0:
            return
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.entries:
            self._items.popitem(last=False)

    def clear(self) -> None:
        """Forget everything (after an update)."""
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
