"""The production recipe (webapp/gunicorn_conf.py) keeps answering while clients hold sockets open."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from kb import settings

ROOT = Path(settings.PROJECT_ROOT)
CONFIG = ROOT / "webapp" / "gunicorn_conf.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, timeout: float) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


@pytest.fixture
def server(tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(settings.DEFAULTS["ARTICLES_DIR"], articles)
    port = free_port()
    env = dict(os.environ, KB_ARTICLES_DIR=str(articles), KB_INDEX_DIR=str(tmp_path / "index"),
               WEB_CONCURRENCY="1")
    log = open(tmp_path / "gunicorn.log", "wb")
    proc = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "-c", str(CONFIG),
                             "-b", f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(port, "/api/health", timeout=2) == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None, (tmp_path / "gunicorn.log").read_text()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


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
