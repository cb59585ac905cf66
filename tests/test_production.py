"""The production recipe (webapp/gunicorn_conf.py) keeps answering while clients hold sockets open."""

from __future__ import annotations

import shutil
import socket
from urllib.parse import quote

import pytest

from kb import settings
from recipe import get, recipe_server

@pytest.fixture
def server(tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(settings.DEFAULTS["ARTICLES_DIR"], articles)
    with recipe_server(tmp_path / "gunicorn.log", KB_ARTICLES_DIR=str(articles),
                       KB_INDEX_DIR=str(tmp_path / "index"), WEB_CONCURRENCY="1") as port:
        yield port


def test_idle_and_slow_clients_do_not_stop_other_searches(server):
    # One worker: with sync workers a single idle socket was enough to stall every other client.
    idle = [socket.create_connection(("127.0.0.1", server)) for _ in range(20)]
    slow = [socket.create_connection(("127.0.0.1", server)) for _ in range(10)]
    try:
        for sock in slow:
            sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        for _ in range(5):
            assert get(server, "/api/search?q=" + quote("预售没货怎么办"), timeout=10) == 200
    finally:
        for sock in idle + slow:
            sock.close()
