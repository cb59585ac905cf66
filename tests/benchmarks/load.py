"""HTTP load from a second process: Debian's `wrk` when installed, else a small asyncio client.

Both take a list of request paths and a weight per path (a Zipf-like mix) or
no weights (each path once, in order: the all-distinct mix), run for a fixed
time with a fixed number of connections, and report requests/s, latency
percentiles and errors as one dict. Every run is bounded in time and only
talks to 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import bisect
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HOST = "127.0.0.1"


def zipf_weights(count: int, exponent: float = 1.0) -> list[float]:
    """Return weights 1/rank**s: the first question is asked most, a long tail rarely."""
    return [1.0 / (rank ** exponent) for rank in range(1, count + 1)]


def _use_wrk() -> bool:
    # KB_BENCH_CLIENT=python forces the Python client, e.g. to compare the two.
    return os.environ.get("KB_BENCH_CLIENT", "wrk") == "wrk" and shutil.which("wrk") is not None


def client_name() -> str:
    """Return which load client a run will use."""
    return "wrk" if _use_wrk() else "python asyncio client"


def run(port: int, paths: list[str], seconds: float, connections: int = 8,
        weights: list[float] | None = None, seed: int = 1) -> dict:
    """Load the server on 127.0.0.1:port for `seconds`; returns the figures."""
    if _use_wrk():
        return _run_wrk(port, paths, seconds, connections, weights, seed)
    return _run_python(port, paths, seconds, connections, weights, seed)


# -- wrk ----------------------------------------------------------------------

_WRK_SCRIPT = """
local paths = %(paths)s
local cdf = %(cdf)s
local i = 0
math.randomseed(%(seed)d)

request = function()
  local path
  if #cdf > 0 then
    local x = math.random() * cdf[#cdf]
    local lo, hi = 1, #cdf
    while lo < hi do
      local mid = math.floor((lo + hi) / 2)
      if cdf[mid] < x then lo = mid + 1 else hi = mid end
    end
    path = paths[lo]
  else
    i = i + 1
    path = paths[((i - 1) %% #paths) + 1]
  end
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, "max_us": %%d, ' ..
    '"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def _lua_list(items) -> str:
    return "{" + ",".join(json.dumps(x) if isinstance(x, str) else repr(x) for x in items) + "}"


def _run_wrk(port, paths, seconds, connections, weights, seed) -> dict:
    cdf = list(itertools.accumulate(weights or ()))
    script = _WRK_SCRIPT % {"paths": _lua_list(paths), "cdf": _lua_list(cdf), "seed": seed}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    try:
        # One wrk thread: it needs a fraction of a core, the server gets the rest.
        out = subprocess.run(
            ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "5s",
             "-s", f.name, f"http://{HOST}:{port}/"],
            capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    finally:
        Path(f.name).unlink()
    line = next(l for l in out.splitlines() if l.startswith("WRKJSON "))
    raw = json.loads(line[len("WRKJSON "):])
    duration = raw["duration_us"] / 1e6
    errors = raw["connect"] + raw["read"] + raw["write"] + raw["status"] + raw["timeout"]
    return {"requests": raw["requests"], "rps": raw["requests"] / duration, "p50_ms": raw["p50_us"] / 1000,
            "p99_ms": raw["p99_us"] / 1000, "max_ms": raw["max_us"] / 1000, "errors": errors,
            "error_detail": {k: raw[k] for k in ("connect", "read", "write", "status", "timeout") if raw[k]}}


# -- python ---------------------------------------------------------------------

async def _one(port: int, path: str) -> tuple[int, bytes]:
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
        data = await reader.read()
    finally:
        writer.close()
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, data


async def _load(port, paths, seconds, connections, weights, seed):
    rng = random.Random(seed)
    cdf = list(itertools.accumulate(weights or ()))
    counter = iter(range(10**12))
    latencies: list[float] = []
    errors = {"connect": 0, "status": 0, "timeout": 0}
    end = time.monotonic() + seconds

    def next_path() -> str:
        if cdf:
            return paths[min(len(paths) - 1, bisect.bisect_left(cdf, rng.random() * cdf[-1]))]
        return paths[next(counter) % len(paths)]

    async def worker():
        while time.monotonic() < end:
            start = time.perf_counter()
            try:
                status, _ = await asyncio.wait_for(_one(port, next_path()), 5)
            except asyncio.TimeoutError:
                errors["timeout"] += 1
                continue
            except OSError:
                errors["connect"] += 1
                continue
            latencies.append(time.perf_counter() - start)
            if status != 200:
                errors["status"] += 1

    started = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(connections)))
    return latencies, errors, time.monotonic() - started


def _run_python(port, paths, seconds, connections, weights, seed) -> dict:
    # In a child process, as wrk would be: the load must not share the caller's GIL.
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({"port": port, "paths": paths, "seconds": seconds, "connections": connections,
                   "weights": weights, "seed": seed}, f)
    try:
        out = subprocess.run([sys.executable, __file__, f.name], capture_output=True, text=True,
                             timeout=seconds + 60, check=True).stdout
    finally:
        Path(f.name).unlink()
    return json.loads(out)


def _child(spec_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text())
    latencies, errors, duration = asyncio.run(_load(spec["port"], spec["paths"], spec["seconds"],
                                                    spec["connections"], spec["weights"], spec["seed"]))
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000 if latencies else 0.0

    print(json.dumps({"requests": len(latencies), "rps": len(latencies) / duration, "p50_ms": pct(0.5),
                      "p99_ms": pct(0.99), "max_ms": latencies[-1] * 1000 if latencies else 0.0,
                      "errors": sum(errors.values()), "error_detail": {k: v for k, v in errors.items() if v}}))


if __name__ == "__main__":
    _child(sys.argv[1])
