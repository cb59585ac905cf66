"""The recorder's queue: never blocks a search, drops and counts when the database is down or slow."""

from __future__ import annotations

import threading
import time

from kb.events import queue as events_queue
from kb.events import records, schema
from kb.events.queue import Recorder
from kb.events.store import Store


class DownStore:
    """A database that refuses every connection."""

    def __init__(self):
        self.attempts = 0

    def write(self, batch):
        self.attempts += 1
        raise ConnectionError("connection refused")

    def prune(self, days):
        raise ConnectionError("connection refused")

    def close(self):
        pass


class SlowStore(DownStore):
    """A database that takes its time over every write (until released)."""

    def __init__(self):
        super().__init__()
        self.release = threading.Event()
        self.written = []

    def write(self, batch):
        self.release.wait(10)
        self.written.extend(batch)

    def prune(self, days):
        return 0


def event(n=0):
    return records.vote(f"token-{n:06d}", "delay-card", True, None, None, "page")


def test_queueing_never_waits_for_a_database_that_is_down(monkeypatch):
    monkeypatch.setattr(events_queue, "RETRY_AFTER", 0.05)
    recorder = Recorder(DownStore(), max_queue=100, retention_days=90)
    started = time.perf_counter()
    results = [recorder.record(event(n)) for n in range(5000)]
    assert time.perf_counter() - started < 0.5
    assert results.count(False) >= 4900 - 100  # beyond the bound, dropped at once
    recorder.flush(timeout=2)
    state = recorder.state()
    assert state["reachable"] is False and "ConnectionError" in state["error"]
    assert state["dropped"] == 5000 - state["written"] - state["queued"] and state["written"] == 0
    recorder.close()


def test_a_slow_database_fills_the_queue_and_the_rest_is_dropped_not_waited_for():
    store = SlowStore()
    recorder = Recorder(store, max_queue=50, retention_days=90)
    started = time.perf_counter()
    for n in range(1000):
        recorder.record(event(n))
    assert time.perf_counter() - started < 0.5
    assert recorder.dropped >= 1000 - 50 - events_queue.BATCH
    store.release.set()
    recorder.flush(timeout=5)
    assert len(store.written) + recorder.dropped == 1000
    recorder.close()


def test_every_event_is_written_under_normal_load(tmp_path):
    store = Store("sqlite:///" + str(tmp_path / "e.db"))
    recorder = Recorder(store, max_queue=10_000, retention_days=90)
    for n in range(3000):
        assert recorder.record(event(n))
    assert recorder.flush(timeout=10)
    assert recorder.written == 3000 and recorder.dropped == 0
    assert len(store.read(schema.votes, 0)) == 3000
    recorder.close()


def test_the_writer_comes_back_when_the_database_does(tmp_path, monkeypatch):
    monkeypatch.setattr(events_queue, "RETRY_AFTER", 0.05)
    store = Store("sqlite:///" + str(tmp_path / "e.db"))
    real_write = store.write
    outage = {"on": True}

    def flaky(batch):
        if outage["on"]:
            raise ConnectionError("down")
        real_write(batch)

    monkeypatch.setattr(store, "write", flaky)
    recorder = Recorder(store, max_queue=100, retention_days=90)
    recorder.record(event(1))
    recorder.flush(timeout=2)
    assert recorder.reachable is False and recorder.dropped == 1
    outage["on"] = False
    recorder.record(event(2))
    assert recorder.flush(timeout=2) and recorder.reachable is True and recorder.written == 1
    recorder.close()


def test_an_idle_writer_stops_and_a_new_event_starts_it_again(tmp_path, monkeypatch):
    monkeypatch.setattr(events_queue, "IDLE_EXIT", 0.05)
    recorder = Recorder(Store("sqlite:///" + str(tmp_path / "e.db")), max_queue=100, retention_days=90)
    recorder.record(event(1))
    recorder.flush()
    deadline = time.monotonic() + 3
    while recorder._thread is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert recorder._thread is None
    recorder.record(event(2))
    assert recorder.flush() and recorder.written == 2
    recorder.close()
