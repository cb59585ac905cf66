"""Bench section "events": search throughput with recording on, and every search written (issue 12)."""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import load
from server import Server, search_path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kb.events import schema  # noqa: E402
from kb.events.store import Store  # noqa: E402

PROBE = search_path("发货预警怎么消除")


@contextmanager
def database(url: str):
    """Servers started inside record to `url` (they inherit the environment)."""
    before = os.environ.get("KB_DATABASE_URL")
    os.environ["KB_DATABASE_URL"] = url
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("KB_DATABASE_URL", None)
        else:
            os.environ["KB_DATABASE_URL"] = before


def _written(url: str) -> int:
    store = Store(url)
    try:
        return len(store.read(schema.searches, 0))
    except Exception:
        return 0
    finally:
        store.close()


def _settled(url: str, quiet: float = 1.5, timeout: float = 20.0) -> int:
    """The number of searches written once it has stopped changing (the writers have caught up)."""
    deadline = time.monotonic() + timeout
    last, since = _written(url), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.25)
        now = _written(url)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            break
    return last


def section(ctx, server_dirs, zipf_mix) -> None:
    seconds = 4 if ctx.quick else 10
    name = "7 events (recording searches)"
    articles, index_dir = server_dirs(ctx, "events", with_index=True)
    paths, weights = zipf_mix(ctx)
    url = "sqlite:///" + str(ctx.work / "events.db")
    ratios = {}
    for label, db in (("off", "off"), ("on", url)):
        with database(db), Server(articles, index_dir, ctx.work / f"events-{label}.log") as server:
            server.start(PROBE)
            load.run(server.port, ["/api/health"], 2)
            load.run(server.port, paths, 3, weights=weights, seed=99)
            health = load.run(server.port, ["/api/health"], seconds)
            before = _settled(url) if label == "on" else 0
            zipf = load.run(server.port, paths, seconds, weights=weights)
            ratios[label] = zipf["rps"] / health["rps"]
            ctx.table.add(name, f"recording {label}: health / search Zipf",
                          f"{health['rps']:.0f} / {zipf['rps']:.0f} req/s, search p99 {zipf['p99_ms']:.1f} ms")
            if label == "on":
                # Every search of the measured mix is written. wrk stops with up to one
                # request per connection in flight: answered (and recorded) but not counted.
                written = _settled(url) - before
                ctx.table.add(name, "events written ÷ searches made (Zipf mix)",
                              f"{written} ÷ {zipf['requests']}", "equal (+ ≤ 8 in flight)",
                              "met" if zipf["requests"] <= written <= zipf["requests"] + 8 else "MISSED")
    ctx.table.add(name, "search ÷ health, recording off", f"{ratios['off']:.2f}")
    ctx.table.check(name, "search ÷ health (Zipf mix), recording on", ratios["on"], 0.75, "", "{:.2f}",
                    higher_is_better=True)
