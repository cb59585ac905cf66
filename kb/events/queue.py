"""A bounded in-process queue of events and the background writer that empties it in batches.

A search only appends to a deque (no lock, no I/O); when the queue is full
the event is dropped and counted, so a slow or absent database never holds
up a search. The writer starts with the first event and stops after a while
without any, so an idle app (or one of the hundreds a test run creates)
keeps no thread. Under gunicorn's gevent workers `threading` is patched and
the writer is a greenlet: psycopg waits cooperatively there, and a SQLite
batch is a millisecond of blocking I/O, like a search.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque

log = logging.getLogger(__name__)

BATCH = 500               # events per transaction
FLUSH_INTERVAL = 0.2      # seconds between looks at the queue
IDLE_EXIT = 30.0          # the writer stops after this long without events
RETRY_AFTER = 5.0         # seconds before trying an unreachable database again
PRUNE_EVERY = 3600.0      # seconds between retention prunes


class Recorder:
    """Queue events for one Store; never blocks and never raises to the caller."""

    def __init__(self, store, max_queue: int, retention_days: int):
        self.store = store
        self.max_queue = max_queue
        self.retention_days = retention_days
        self._queue: deque = deque()
        self._lock = threading.Lock()  # guards starting the writer only
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._wake = threading.Event()
        self.enqueued = 0
        self.written = 0
        self.dropped = 0       # full queue or failed batch
        self._failed = 0       # of those, taken from the queue and not written
        self.reachable: bool | None = None  # None until the first write or ping
        self.last_error: str | None = None
        self._retry_at = 0.0
        self._pruned_at = 0.0

    def record(self, event: dict) -> bool:
        """Queue one event; returns False (and counts it dropped) when the queue is full."""
        if len(self._queue) >= self.max_queue:
            self.dropped += 1
            return False
        self._queue.append(event)
        self.enqueued += 1
        if self._thread is None:
            self._start()
        return True

    def _start(self) -> None:
        with self._lock:
            if self._thread is None and not self._stopping:
                self._thread = threading.Thread(target=self._run, name="kb-events-writer", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        idle_since = time.monotonic()
        try:
            while not self._stopping:
                if self._queue:
                    idle_since = time.monotonic()
                    self._flush_once()
                elif time.monotonic() - idle_since > IDLE_EXIT:
                    break
                if not self._queue or self._retry_at > time.monotonic():
                    self._wake.wait(FLUSH_INTERVAL)
                    self._wake.clear()
        finally:
            with self._lock:
                self._thread = None
            # An event queued while the writer was deciding to stop starts a new one.
            if self._queue and not self._stopping:
                self._start()

    def _take(self) -> list[dict]:
        batch = []
        while self._queue and len(batch) < BATCH:
            batch.append(self._queue.popleft())
        return batch

    def _flush_once(self) -> None:
        now = time.monotonic()
        if self._retry_at > now:
            return  # the queue fills meanwhile; past its bound, events are dropped
        batch = self._take()
        try:
            self.store.write(batch)
        except Exception as err:  # any database error: the search path must not notice
            self._unreachable(err)  # before the counts: flush() returns once they add up
            self.dropped += len(batch)
            self._failed += len(batch)
            return
        self.written += len(batch)
        self.reachable, self.last_error = True, None
        if now - self._pruned_at > PRUNE_EVERY:
            self._pruned_at = now
            self.prune()

    def _unreachable(self, err: Exception) -> None:
        if self.reachable is not False:
            log.warning("events database unavailable, dropping events: %s", err)
        self.reachable = False
        self.last_error = f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"
        self._retry_at = time.monotonic() + RETRY_AFTER

    def prune(self) -> int:
        """Delete events past the retention; returns how many rows went (0 on a database error)."""
        try:
            return self.store.prune(self.retention_days)
        except Exception as err:
            self._unreachable(err)
            return 0

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until the queue is empty (tests, shutdown); returns False on timeout."""
        deadline = time.monotonic() + timeout
        while self._queue or (self._thread is not None and self.enqueued > self.written + self._failed):
            if time.monotonic() > deadline:
                return False
            if self._thread is None:
                self._start()
            self._retry_at = 0.0  # try now, even a database that failed a moment ago
            self._wake.set()
            time.sleep(0.01)
        return True

    def state(self) -> dict:
        """Return the queue's figures for /api/health."""
        return {"queued": len(self._queue), "written": self.written, "dropped": self.dropped,
                "reachable": self.reachable, "error": self.last_error}

    def close(self) -> None:
        """Write what is queued (briefly), stop the writer and release the database."""
        self.flush(timeout=2.0)
        self._stopping = True
        self._wake.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=2.0)
        self.store.close()
