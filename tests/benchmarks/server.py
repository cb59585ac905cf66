"""gunicorn with the production settings on a free port of 127.0.0.1, and its workers' memory."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

# The production command, as README "Running in production" states it: the
# settings in webapp/gunicorn_conf.py (gevent workers, one per core).
# KB_BENCH_GUNICORN_ARGS replaces them to compare other settings.
CONFIG = Path(__file__).resolve().parents[2] / "webapp" / "gunicorn_conf.py"
PRODUCTION_ARGS = os.environ.get("KB_BENCH_GUNICORN_ARGS", f"-c {CONFIG}").split()
WORKERS = (int(PRODUCTION_ARGS[PRODUCTION_ARGS.index("-w") + 1]) if "-w" in PRODUCTION_ARGS
           else int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2)))
APP = "webapp:create_app()"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
    """Return the status and body of one GET to 127.0.0.1:port."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def search_path(question: str, limit: int | None = None) -> str:
    path = "/api/search?q=" + quote(question)
    return path + f"&limit={limit}" if limit else path


def rss_mb(pid: int) -> float:
    """Return a process's resident memory in MB (0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Server:
    """One gunicorn master with its workers, serving the given articles and index folder."""

    def __init__(self, articles: Path, index_dir: Path, log: Path):
        self.articles = Path(articles)
        self.index_dir = Path(index_dir)
        self.log = log
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def env(self) -> dict:
        env = os.environ.copy()
        env.update(KB_ARTICLES_DIR=str(self.articles), KB_INDEX_DIR=str(self.index_dir))
        return env

    def start(self, probe: str, timeout: float = 120.0) -> float:
        """Start gunicorn; returns the seconds from process start to the first answered `probe` request."""
        gunicorn = Path(sys.executable).with_name("gunicorn")
        with open(self.log, "ab") as log:
            started = time.perf_counter()
            self.proc = subprocess.Popen(
                [str(gunicorn), *PRODUCTION_ARGS, "-b", f"127.0.0.1:{self.port}", APP],
                env=self.env(), stdout=log, stderr=subprocess.STDOUT)
        deadline = started + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.log}")
            try:
                status, _ = get(self.port, probe, timeout=2.0)
                if status == 200:
                    return time.perf_counter() - started
            except OSError:
                pass
            time.sleep(0.005)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s; see {self.log}")

    def workers(self) -> list[int]:
        """Return the pids of the master's worker processes."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.proc.pid:
                    found.append(int(entry.name))
        return sorted(found)

    def worker_rss(self) -> dict[int, float]:
        return {pid: rss_mb(pid) for pid in self.workers()}

    def wait_for_workers(self, timeout: float = 30.0) -> None:
        """Wait until every worker answers (each loads its app on boot)."""
        deadline = time.monotonic() + timeout
        while len(self.workers()) < WORKERS and time.monotonic() < deadline:
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
