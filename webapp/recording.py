"""The app's events recorder: searches from every channel, votes and clicks, queued off the request path."""

from __future__ import annotations

import atexit
import weakref

from flask import Flask, current_app

from kb.events import records
from kb.events.queue import Recorder
from kb.events.store import Store

OFF = "off"


def init_app(app: Flask) -> None:
    """Attach a Recorder for KB_DATABASE_URL (none when it is `off`)."""
    url = app.config["DATABASE_URL"]
    if url.strip().lower() == OFF:
        app.extensions["kb_events"] = None
        return
    recorder = Recorder(Store(url), app.config["EVENTS_QUEUE_SIZE"], app.config["EVENTS_RETENTION_DAYS"])
    app.extensions["kb_events"] = recorder
    # Write what is queued when the process ends normally (kb serve, a gunicorn worker's exit).
    ref = weakref.ref(recorder)
    atexit.register(lambda: ref() is not None and ref().close())


def get_recorder() -> Recorder | None:
    return current_app.extensions.get("kb_events")


def search(channel: str, query: str, response: dict, generation: str) -> str | None:
    """Queue a search's event; returns the search id a vote or click refers to (None when not recording)."""
    recorder = get_recorder()
    if recorder is None:
        return None
    search_id = records.new_search_id()
    try:
        recorder.record(records.search(search_id, query, response, channel, generation))
    except Exception:  # recording must never fail a search
        current_app.logger.exception("could not queue a search event")
    return search_id


def state() -> dict:
    """The recorder's figures for /api/health."""
    recorder = get_recorder()
    if recorder is None:
        return {"enabled": False, "queued": 0, "written": 0, "dropped": 0, "reachable": None, "error": None}
    return {"enabled": True, **recorder.state()}
