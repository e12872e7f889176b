"""Per-client concurrency: how many queries one client may have running at once.

>>> gate = ClientGate(1)
>>> gate.enter("10.0.0.1")
True
>>> gate.enter("10.0.0.1")
False
>>> gate.leave("10.0.0.1"); gate.enter("10.0.0.1")
True
"""

from __future__ import annotations

from collections import Counter


class ClientGate:
    """Counts running queries per client key (the peer address). Event-loop thread only."""

    def __init__(self, per_client: int) -> None:
        self.per_client = per_client
        self.refused = 0
        self._running: Counter[str] = Counter()

    def enter(self, client: str) -> bool:
        """Admit one more query from ``client``, or say no (the caller answers 429)."""
        if self._running[client] >= self.per_client:
            self.refused += 1
            return False
        self._running[client] += 1
        return True

    def leave(self, client: str) -> None:
        """A query of ``client`` finished."""
        self._running[client] -= 1
        if self._running[client] <= 0:
            del self._running[client]
