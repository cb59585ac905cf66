"""A per-client-address request limit kept in memory (one worker's view; enough against a stuck button or a script)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

WINDOW = 60.0  # seconds
# Addresses remembered at once; the oldest are forgotten first, so memory stays bounded whatever the traffic.
MAX_CLIENTS = 10_000


class RateLimiter:
    """Allows `limit` requests per address in each fixed window of WINDOW seconds."""

    def __init__(self, limit: int, window: float = WINDOW, max_clients: int = MAX_CLIENTS):
        self.limit = limit
        self.window = window
        self.max_clients = max_clients
        self._counts: OrderedDict[str, list] = OrderedDict()  # address -> [window start, count]
        self._lock = threading.Lock()

    def allow(self, address: str, now: float | None = None) -> float:
        """Count one request; returns 0 when allowed, else the seconds until the window resets."""
        now = time.monotonic() if now is None else now
        with self._lock:
            entry = self._counts.get(address)
            if entry is None or now - entry[0] >= self.window:
                entry = [now, 0]
                self._counts[address] = entry
            self._counts.move_to_end(address)
            while len(self._counts) > self.max_clients:
                self._counts.popitem(last=False)
            if entry[1] >= self.limit:
                return max(0.001, self.window - (now - entry[0]))
            entry[1] += 1
            return 0.0
