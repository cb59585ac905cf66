"""Recording under the production recipe: gevent workers (the writer is a greenlet there) write every event."""

from __future__ import annotations

import json
import time
import urllib.request
from urllib.parse import quote

import pytest

from kb.events import schema
from kb.events.store import Store
from recipe import recipe_server

SEARCHES = 60


def call(port: int, path: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data,
                                     headers={"Content-Type": "application/json"} if data else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture
def gunicorn(tmp_path, events_url):
    log_path = tmp_path / "gunicorn.log"
    with recipe_server(log_path, KB_INDEX_DIR=str(tmp_path / "index"), KB_DATABASE_URL=events_url,
                       WEB_CONCURRENCY="2") as port:
        yield port, events_url
    text = log_path.read_text()
    assert "Traceback" not in text and "events database unavailable" not in text, text


def test_gevent_workers_write_every_search_and_vote(gunicorn):
    port, url = gunicorn
    for n in range(SEARCHES):
        channel = "widget" if n % 2 else "api"
        found = call(port, f"/api/search?q={quote('延迟发货卡片能发几次')}&channel={channel}")
        assert found["ok"] and found["search_id"]
    assert call(port, "/api/feedback", {"article_id": "delay-card", "helpful": True, "token": "gunicorn-vote",
                                        "search_id": found["search_id"]})["recorded"] is True
    store = Store(url)
    try:
        deadline = time.monotonic() + 15
        while True:
            searches, votes = store.read(schema.searches, 0), store.read(schema.votes, 0)
            if len(searches) == SEARCHES and len(votes) == 1:
                break
            assert time.monotonic() < deadline, (len(searches), len(votes))
            time.sleep(0.2)
        assert {s["channel"] for s in searches} == {"api", "widget"}
    finally:
        store.close()
