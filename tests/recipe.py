"""The production recipe (webapp/gunicorn_conf.py) started on a free port, for the tests that need a real server."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from kb import settings

ROOT = Path(settings.PROJECT_ROOT)
CONFIG = ROOT / "webapp" / "gunicorn_conf.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, timeout: float) -> int:
    """Return the status of one GET to the server."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


@contextmanager
def recipe_server(log_path: Path, **env: str) -> Iterator[int]:
    """Start gunicorn with the production settings and the given environment; yield its port once it answers."""
    port = free_port()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "-c", str(CONFIG),
                                 "-b", f"127.0.0.1:{port}"], cwd=ROOT, env=dict(os.environ, **env),
                                stdout=log, stderr=log)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if get(port, "/api/health", timeout=2) == 200:
                        break
                except OSError:
                    pass
                assert proc.poll() is None, log_path.read_text()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
            yield port
        finally:
            proc.terminate()
            proc.wait(timeout=30)
