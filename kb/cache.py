"""A least-recently-used cache bounded by its entries' total weight as well as their number.

A count alone does not bound memory when one caller controls the size of
what is cached: 4,096 segmentations of 200-character questions held about
250 MB. Each entry here carries a weight (its characters, its results) and
the oldest entries go once either bound is passed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, Hashable, TypeVar

V = TypeVar("V")


class BoundedCache(Generic[V]):
    """A thread-safe LRU mapping holding at most `max_entries` entries of at most `max_weight` in all."""

    def __init__(self, max_entries: int, max_weight: int):
        self.max_entries = max_entries
        self.max_weight = max_weight
        self._entries: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._weight = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        """Return the value cached under `key` (now the most recent), or None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: Hashable, value: V, weight: int) -> None:
        """Cache `value` under `key`; a value heavier than a quarter of the budget is not kept."""
        if weight > self.max_weight // 4:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._weight -= old[1]
            self._entries[key] = (value, weight)
            self._weight += weight
            while len(self._entries) > self.max_entries or self._weight > self.max_weight:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._weight -= dropped

    def keys(self) -> list:
        """Return the keys, least recently used first."""
        with self._lock:
            return list(self._entries)

    @property
    def weight(self) -> int:
        """The total weight of the entries cached now."""
        return self._weight

    def __len__(self) -> int:
        return len(self._entries)
