"""Section "faults" of `make bench`: the production server under the faults it must survive.

Each part starts gunicorn with the production recipe (server.Server) over its
own copy of the real articles, and measures:

1. a worker killed (SIGKILL) under load: failed requests, the longest time
   without a successful response, and how soon the master has a replacement
   worker answering;
2. a broken article published under load: `kb index` must fail, then every
   worker is killed in turn and each replacement must start over the stale
   index, report it in /api/health and answer from the last good generation;
3. a damaged generation (a truncated segment, an emptied meta.json, and a
   truncated segment while no rebuild is possible): workers killed in turn
   must come back serving an intact generation;
4. 100 idle and 40 slow-header sockets held open while a normal client
   searches;
5. 10,000 distinct adversarial questions: worker memory before and after.

The load here is Python threads in this process, each request on a new
connection: a request then fails only if the worker that accepted it dies,
and a failure can be told apart as "in flight on a killed worker" (it was
sent before that worker was gone). Which worker answers a request is read
from /proc: the server-side socket of a half-sent request is found in
/proc/net/tcp and in the workers' open files.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable

import corpus
import load
from server import WORKERS, Server, get, search_path

ROOT = Path(__file__).resolve().parents[2]
REAL_ARTICLES = ROOT / "articles"
SECTION = "6 faults"
PROBE_QUESTIONS = ["发货预警怎么消除", "延迟发货卡片每个订单能发几次", "预售商品没货了定金怎么退",
                   "运费险保费怎么收", "顾客电话取消订单后台没取消超时了", "收件人查无此人包裹被退回",
                   "发货地址怎么修改", "今天天气怎么样"]
BROKEN_ARTICLE = "presale/presale-out-of-stock.md"


# -- HTTP, one connection per request ----------------------------------------------

def request(port: int, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
    """One GET on a new connection that the server closes after answering."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Connection": "close"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Load:
    """Threads asking searches in a loop; every request recorded as (start, end, ok, what)."""

    def __init__(self, port: int, paths: list[str], threads: int = 4):
        self.port, self.paths, self.threads = port, paths, threads
        self.records: list[tuple[float, float, bool, str]] = []
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.started = self.ended = 0.0

    def _run(self, seed: int) -> None:
        rng = random.Random(seed)
        records = []
        while not self._stop.is_set():
            path = rng.choice(self.paths)
            start = time.monotonic()
            try:
                status, _ = request(self.port, path)
                ok, what = status == 200, f"HTTP {status}"
            except (OSError, http.client.HTTPException) as err:
                ok, what = False, type(err).__name__
            records.append((start, time.monotonic(), ok, what))
        self.records.extend(records)

    def __enter__(self):
        self.started = time.monotonic()
        self._threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(self.threads)]
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join()
        self.ended = time.monotonic()

    def summary(self, kills: list["Kill"]) -> dict:
        """Failures split into in flight on a killed worker and the rest; the longest gap between successes."""
        in_flight, other = [], []
        for start, end, ok, what in self.records:
            if ok:
                continue
            if any(start <= kill.gone and end >= kill.sent for kill in kills):
                in_flight.append(what)
            else:
                other.append(what)
        times = sorted(end for _, end, ok, _ in self.records if ok)
        marks = [self.started, *times, self.ended]
        gap = max(b - a for a, b in zip(marks, marks[1:]))
        return {"requests": len(self.records), "seconds": self.ended - self.started, "in_flight": in_flight,
                "errors": other, "gap": gap}


def _kinds(failures: list[str]) -> str:
    counts: dict[str, int] = {}
    for what in failures:
        counts[what] = counts.get(what, 0) + 1
    return ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))


# -- which worker answers ----------------------------------------------------------------

def _accepted_inode(server_port: int, client_port: int) -> int:
    """The inode of the server-side socket of our connection, 0 while no worker has accepted it."""
    with open("/proc/net/tcp") as table:
        next(table)
        for line in table:
            fields = line.split()
            local, remote = fields[1], fields[2]
            if int(local.split(":")[1], 16) == server_port and int(remote.split(":")[1], 16) == client_port:
                return int(fields[9])
    return 0


def _owner(pids: list[int], inode: int) -> int | None:
    target = f"socket:[{inode}]"
    for pid in pids:
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == target:
                    return pid
            except OSError:
                continue
    return None


def ask_worker(server: Server, path: str, timeout: float = 5.0) -> tuple[int | None, int, bytes]:
    """Send a request in two halves, find which worker accepted it in between; returns (pid, status, body).

    pid is None when the request was not accepted by a worker within `timeout`.
    """
    try:
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=timeout)
    except OSError:  # the master is gone, or its backlog full
        return None, 0, b""
    try:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
        client_port = sock.getsockname()[1]
        deadline = time.monotonic() + timeout
        pid = None
        while pid is None and time.monotonic() < deadline:
            inode = _accepted_inode(server.port, client_port)
            if inode:
                pid = _owner(server.workers(), inode)
            if pid is None:
                time.sleep(0.002)
        sock.sendall(b"Connection: close\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    except OSError:
        return None, 0, b""
    finally:
        sock.close()
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
    return pid, status, body


class Kill:
    """One SIGKILL of a worker: when it was sent, when the worker was gone, when a replacement answered."""

    def __init__(self, server: Server, pid: int):
        self.pid = pid
        before = set(server.workers())
        self.sent = time.monotonic()
        os.kill(pid, signal.SIGKILL)
        while _alive(pid):
            time.sleep(0.001)
        self.gone = time.monotonic()
        self.replacement: int | None = None
        self.answered: float | None = None
        self.health: dict | None = None
        self.forked: float | None = None
        self.cpu = 0.0
        deadline = self.sent + 30
        while time.monotonic() < deadline and server.proc.poll() is None:
            if self.forked is None and set(server.workers()) - before:
                self.forked = time.monotonic()
            owner, status, body = ask_worker(server, "/api/health", timeout=2.0)
            if owner is not None and owner not in before and status == 200:
                self.replacement, self.answered = owner, time.monotonic()
                self.cpu = cpu_seconds(owner)
                self.health = json.loads(body)
                break
            time.sleep(0.01)

    @property
    def seconds(self) -> float | None:
        return None if self.answered is None else self.answered - self.sent


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used so far (user + system)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def kill_each(server: Server) -> list[Kill]:
    """SIGKILL every worker in turn, each once the previous one's replacement answers."""
    kills = []
    for pid in server.workers():
        kills.append(Kill(server, pid))
        if kills[-1].answered is None:
            break
    return kills


def health_of_each_worker(server: Server, tries: int = 60) -> dict[int, dict]:
    """Ask /api/health until every current worker has answered once; returns {pid: body}."""
    answers: dict[int, dict] = {}
    for _ in range(tries):
        pid, status, body = ask_worker(server, "/api/health")
        if pid is not None and status == 200:
            answers.setdefault(pid, json.loads(body))
        if set(answers) >= set(server.workers()):
            break
    return answers


def answers(port: int, questions: list[str], rounds: int = 3) -> list[dict | None]:
    out = []
    for _ in range(rounds):
        for question in questions:
            status, body = get(port, search_path(question))
            # Without `search_id`, which differs on every request.
            out.append({k: v for k, v in json.loads(body).items() if k != "search_id"} if status == 200 else None)
    return out


def kb_index(server: Server) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "webapp.cli", "index"], env=server.env(),
                          capture_output=True, text=True, cwd=ROOT)


def _kill_figure(kills: list[Kill]) -> str:
    return ", ".join(f"{k.seconds:.2f} s" if k.seconds is not None else "never" for k in kills)


def _workers_figure(server: Server, kills: list[Kill], expected: int = WORKERS) -> tuple[str, bool]:
    started = sum(k.answered is not None for k in kills)
    master = server.proc.poll() is None
    ok = master and started == len(kills) == expected and len(server.workers()) == WORKERS
    figure = (f"{started} of {len(kills)} replacements answering (after {_kill_figure(kills)}); master "
              + ("running" if master else f"exited with {server.proc.returncode}"))
    return figure, ok


# -- the parts -------------------------------------------------------------------------

def _errors_rows(ctx, label: str, summary: dict, kills: list[Kill]) -> None:
    table = ctx.table
    table.add(SECTION, f"{label}: load", f"{summary['requests']} searches in {summary['seconds']:.0f} s, "
                                         f"4 threads, a new connection each")
    errors = summary["errors"]
    table.check(SECTION, f"{label}: failed requests (not in flight on a killed worker)", len(errors), 0, "",
                "{:.0f}", figure=f"{len(errors)}" + (f" ({_kinds(errors)})" if errors else ""))
    in_flight = summary["in_flight"]
    table.add(SECTION, f"{label}: in flight on the {len(kills)} killed worker{'s' if len(kills) > 1 else ''}",
              f"{len(in_flight)} failed" + (f" ({_kinds(in_flight)})" if in_flight else ""))


def part_kill_one(ctx, server_dirs: Callable, paths: list[str]) -> None:
    articles, index_dir = server_dirs(ctx, "faults-kill", with_index=True)
    with Server(articles, index_dir, ctx.work / "faults-kill.log") as server:
        server.start(search_path(PROBE_QUESTIONS[0]))
        server.wait_for_workers()
        load.run(server.port, paths, 2)  # every worker up and warm
        with Load(server.port, paths) as running:
            time.sleep(2 if ctx.quick else 3)
            kill = Kill(server, server.workers()[0])
            time.sleep(2 if ctx.quick else 3)
        summary = running.summary([kill])
        workers, ok = _workers_figure(server, [kill], expected=1)
    label = "1 worker killed"
    _errors_rows(ctx, label, summary, [kill])
    ctx.table.check(SECTION, f"{label}: longest time without a successful response", summary["gap"], 1.0, " s",
                    "{:.2f}")
    seconds = kill.seconds if kill.seconds is not None else float("inf")
    forked = f"forked after {kill.forked - kill.sent:.2f} s" if kill.forked else "never forked"
    ctx.table.check(SECTION, f"{label}: SIGKILL → replacement worker answering", seconds, 5.0, " s", "{:.2f}",
                    figure=f"{seconds:.2f} s ({forked}; its boot took {kill.cpu:.1f} s of CPU)" if ok else workers)


def _break_article(articles: Path) -> None:
    path = articles / BROKEN_ARTICLE
    text = path.read_text(encoding="utf-8")
    # An unclosed flow sequence: a YAML syntax error in the front matter.
    path.write_text(text.replace("question: ", "question: [", 1), encoding="utf-8")


def _change_article(articles: Path, alias: str) -> None:
    """A valid edit: one more alias, so the next build is a new generation."""
    path = articles / "abnormal-orders" / "unreachable-buyer.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("aliases:\n", f"aliases:\n  - {alias}\n", 1), encoding="utf-8")


def part_broken_article(ctx, server_dirs: Callable, paths: list[str]) -> None:
    articles, index_dir = server_dirs(ctx, "faults-broken", with_index=True)
    label = "2 broken article"
    with Server(articles, index_dir, ctx.work / "faults-broken.log") as server:
        server.start(search_path(PROBE_QUESTIONS[0]))
        server.wait_for_workers()
        load.run(server.port, paths, 2)
        good = json.loads(get(server.port, "/api/health")[1])["index"]
        before = answers(server.port, PROBE_QUESTIONS, rounds=1)
        with Load(server.port, paths) as running:
            time.sleep(1)
            _break_article(articles)
            indexed = kb_index(server)
            kills = kill_each(server)
            health = health_of_each_worker(server)
            after = answers(server.port, PROBE_QUESTIONS)
            time.sleep(1)
        summary = running.summary(kills)
        workers, workers_ok = _workers_figure(server, kills)
    table = ctx.table
    lines = indexed.stderr.strip().splitlines() or ["no message"]
    reason = next((line for line in lines if BROKEN_ARTICLE in line), lines[-1])
    if BROKEN_ARTICLE in reason:  # the file, the field, the problem's first words
        reason = ":".join(reason[reason.find(BROKEN_ARTICLE):].split(":")[:3])
    table.add(SECTION, f"{label}: `kb index`", f"exit {indexed.returncode}: {reason[:80]}", "non-zero exit",
              "met" if indexed.returncode != 0 else "MISSED")
    _errors_rows(ctx, label, summary, kills)
    table.add(SECTION, f"{label}: longest time without a successful response", f"{summary['gap']:.2f} s")
    table.add(SECTION, f"{label}: every worker killed in turn", workers, "all start, master runs",
              "met" if workers_ok else "MISSED")
    new = [k.replacement for k in kills if k.replacement]
    reports = [health[pid] for pid in new if pid in health]
    named = [h for h in reports if h.get("stale") is True and any(BROKEN_ARTICLE in p for p in h.get("problems", []))]
    on_good = [h for h in reports if h.get("index") == good]
    table.add(SECTION, f"{label}: /api/health of the new workers",
              f"{len(named)} of {len(new)} stale naming {BROKEN_ARTICLE}, {len(on_good)} on {good[:19]}…",
              "all stale, file named", "met" if len(named) == len(new) == len(reports) and new else "MISSED")
    same = sum(a == before[i % len(before)] for i, a in enumerate(after))
    table.add(SECTION, f"{label}: answers after the kills", f"{same} of {len(after)} as from the last good generation",
              "all", "met" if same == len(after) and len(on_good) == len(reports) else "MISSED")


def _truncate_segment(generation: Path) -> str:
    segments = sorted(generation.glob("*.seg"))
    for segment in segments:
        os.truncate(segment, segment.stat().st_size // 2)
    return f"{len(segments)} .seg truncated to half"


def _empty_meta(generation: Path) -> str:
    (generation / "meta.json").write_text("")
    return "meta.json emptied"


def part_damaged_generation(ctx, server_dirs: Callable, paths: list[str]) -> None:
    from indexer import generations

    articles, index_dir = server_dirs(ctx, "faults-damaged", with_index=True)
    label = "3 damaged generation"
    cases = [("truncated .seg", _truncate_segment, False),
             ("emptied meta.json", _empty_meta, False),
             ("truncated .seg, article broken", _truncate_segment, True)]
    results = []
    all_kills: list[Kill] = []
    with Server(articles, index_dir, ctx.work / "faults-damaged.log") as server:
        server.start(search_path(PROBE_QUESTIONS[0]))
        server.wait_for_workers()
        load.run(server.port, paths, 2)
        with Load(server.port, paths) as running:
            for number, (name, damage, broken) in enumerate(cases):
                time.sleep(0.5)
                previous = json.loads(get(server.port, "/api/health")[1])["index"]
                _change_article(articles, f"故障测试别名{number}")
                indexed = kb_index(server)
                damaged = generations.current_generation(index_dir)
                time.sleep(0.3)  # the workers switch to it on their next request
                what = damage(damaged)
                if broken:
                    _break_article(articles)
                kills = kill_each(server)
                all_kills += kills
                health = health_of_each_worker(server)
                workers, workers_ok = _workers_figure(server, kills)
                served = sorted({h["index"] for h in health.values()})
                intact = [g for g in served if g != damaged.name
                          and generations.verify(index_dir / g) is None]
                results.append((name, indexed.returncode, what, damaged.name, previous, served, intact,
                                workers, workers_ok, sorted({h.get("stale") for h in health.values()}, key=str),
                                len(health)))
                if broken:
                    (articles / BROKEN_ARTICLE).write_text(
                        (REAL_ARTICLES / BROKEN_ARTICLE).read_text(encoding="utf-8"), encoding="utf-8")
            time.sleep(0.5)
        summary = running.summary(all_kills)
    table = ctx.table
    for name, rc, what, damaged, previous, served, intact, workers, workers_ok, stale, asked in results:
        if rc != 0:
            table.add(SECTION, f"{label}, {name}: `kb index` of a good edit", f"exit {rc}", "0", "MISSED")
        table.add(SECTION, f"{label}, {name}: workers killed in turn", workers, "all start, master runs",
                  "met" if workers_ok else "MISSED")
        kind = ", ".join("previous" if g == previous else "rebuilt" if g > damaged else "older" for g in intact)
        table.add(SECTION, f"{label}, {name}: generation served",
                  f"{asked} workers on {len(intact)} intact ({kind or 'none'}) of {len(served)}; the damaged one "
                  f"({what}) {'served' if damaged in served else 'skipped'}; stale: {'/'.join(map(str, stale)).lower()}",
                  "intact only", "met" if served and len(intact) == len(served) else "MISSED")
    _errors_rows(ctx, label, summary, all_kills)


class Holder(threading.Thread):
    """Holds `idle` sockets that send nothing and `slow` ones sending a header line a second.

    A socket the server closes is opened again at once, as a client that
    keeps trying would: the count stays the same throughout.
    """

    def __init__(self, port: int, idle: int, slow: int):
        super().__init__(daemon=True)
        self.port = port
        self.stop_event = threading.Event()
        self.reopened = 0
        self.lifetimes: list[float] = []
        self.lines = 0
        self.held: dict[socket.socket, tuple[bool, float]] = {}  # socket -> (slow, opened at)
        for i in range(idle + slow):
            self._open(slow=i >= idle)

    def _open(self, slow: bool) -> None:
        sock = socket.create_connection(("127.0.0.1", self.port))
        if slow:
            sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
        self.held[sock] = (slow, time.monotonic())

    def run(self) -> None:
        next_line = time.monotonic() + 1
        while not self.stop_event.wait(0.05):
            readable, _, _ = select.select(list(self.held), [], [], 0)
            now = time.monotonic()
            for sock in readable:  # answered or closed by the server: open another
                slow, opened = self.held.pop(sock)
                self.lifetimes.append(now - opened)
                sock.close()
                self.reopened += 1
                self._open(slow)
            if now >= next_line:
                next_line += 1
                self.lines += 1
                for sock, (slow, _) in list(self.held.items()):
                    if slow:
                        try:
                            sock.sendall(f"X-Slow-{self.lines}: 1\r\n".encode())
                        except OSError:
                            pass  # the next select() sees it closed

    def close(self) -> None:
        self.stop_event.set()
        self.join()
        for sock in self.held:
            sock.close()


def part_idle_sockets(ctx, server_dirs: Callable, paths: list[str]) -> None:
    articles, index_dir = server_dirs(ctx, "faults-sockets", with_index=True)
    label = "4 idle + slow sockets"
    seconds = 4 if ctx.quick else 10
    with Server(articles, index_dir, ctx.work / "faults-sockets.log") as server:
        server.start(search_path(PROBE_QUESTIONS[0]))
        server.wait_for_workers()
        load.run(server.port, paths, 2)
        holder = Holder(server.port, idle=100, slow=40)
        holder.start()
        latencies, failures = [], []
        rng = random.Random(4)
        try:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                started = time.perf_counter()
                try:
                    status, _ = request(server.port, rng.choice(paths))
                    if status != 200:
                        failures.append(f"HTTP {status}")
                except (OSError, http.client.HTTPException) as err:
                    failures.append(type(err).__name__)
                latencies.append(time.perf_counter() - started)
        finally:
            holder.close()
    latencies.sort()
    pick = lambda p: latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000  # noqa: E731
    table = ctx.table
    lifetimes = sorted(holder.lifetimes)
    closed = (f"{len(lifetimes)} closed by the server after {lifetimes[len(lifetimes) // 2]:.1f} s (median), "
              f"opened again" if lifetimes else "none closed by the server")
    table.add(SECTION, f"{label}: held", f"100 idle + 40 slow-header throughout: {closed}")
    table.check(SECTION, f"{label}: one client's search, p99", pick(0.99), 200.0, " ms", "{:.1f}",
                figure=f"{pick(0.99):.1f} ms (p50 {pick(0.5):.1f}, max {latencies[-1] * 1000:.1f} ms; "
                       f"{len(latencies)} searches in {seconds} s)")
    table.check(SECTION, f"{label}: errors", len(failures), 0, "", "{:.0f}",
                figure=f"{len(failures)}" + (f" ({_kinds(failures)})" if failures else ""))


def adversarial_questions(count: int, seed: int = 10) -> tuple[list[str], str]:
    """Distinct questions at the length limits: U+FDFA-heavy, 200 characters of article words, random CJK."""
    rng = random.Random(seed)
    vocab = corpus.Vocabulary.from_articles(REAL_ARTICLES)
    seen: set[str] = set()
    kinds = [0, 0, 0]
    out = []
    while len(out) < count:
        kind = len(out) % 3
        if kind == 0:
            # 11 × U+FDFA is 198 characters after NFKC; two more make the limit.
            question = "\ufdfa" * 11 + "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(2))
        elif kind == 1:
            words = "".join(vocab.rare(rng, 120))
            question = words[:200]
        else:
            question = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(200))
        if question in seen:
            continue
        seen.add(question)
        kinds[kind] += 1
        out.append(question)
    return out, (f"{kinds[0]:,} × (11 U+FDFA + 2) = 200 after NFKC, {kinds[1]:,} × 200 of article "
                 f"words, {kinds[2]:,} × 200 random CJK")


def _send_all(port: int, paths: list[str], threads: int = 4) -> dict[str, int]:
    statuses: dict[str, int] = {}
    lock = threading.Lock()
    queue = iter(paths)

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: dict[str, int] = {}
        while True:
            with lock:
                path = next(queue, None)
            if path is None:
                break
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                key = str(response.status)
            except (OSError, http.client.HTTPException) as err:
                key = type(err).__name__
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine[key] = mine.get(key, 0) + 1
        conn.close()
        with lock:
            for key, n in mine.items():
                statuses[key] = statuses.get(key, 0) + n

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return statuses


def part_memory(ctx, server_dirs: Callable, paths: list[str], weights: list[float]) -> None:
    articles, index_dir = server_dirs(ctx, "faults-memory", with_index=True)
    label = "5 adversarial memory"
    count = 2000 if ctx.quick else 10000
    questions, mix = adversarial_questions(count)
    adversarial = [search_path(q) + "&limit=50" for q in questions]
    with Server(articles, index_dir, ctx.work / "faults-memory.log") as server:
        server.start(search_path(PROBE_QUESTIONS[0]))
        server.wait_for_workers()
        load.run(server.port, paths, 3, weights=weights, seed=3)  # steady state: caches filled by normal use
        throughput_before = load.run(server.port, paths, 3, weights=weights, seed=4)
        rss_before = server.worker_rss()
        started = time.monotonic()
        statuses = _send_all(server.port, adversarial)
        took = time.monotonic() - started
        rss_after = server.worker_rss()
        load.run(server.port, paths, 3, weights=weights, seed=3)  # the same warm-up as before
        throughput_after = load.run(server.port, paths, 3, weights=weights, seed=4)
        replaced = set(rss_before) != set(rss_after)
    table = ctx.table
    table.add(SECTION, f"{label}: questions", f"{count:,} distinct, limit=50, in {took:.0f} s ({count / took:.0f}/s)")
    table.add(SECTION, f"{label}: mix", mix)
    table.add(SECTION, f"{label}: answers", ", ".join(f"{n:,} {'HTTP ' if k.isdigit() else ''}{k}"
                                                      for k, n in sorted(statuses.items())),
              "all 200", "met" if set(statuses) == {"200"} else "MISSED")
    growth = []
    for pid, before in sorted(rss_before.items()):
        after = rss_after.get(pid, 0.0)
        growth.append(after - before)
        table.add(SECTION, f"{label}: worker {pid} memory", f"{before:.0f} MB → {after:.0f} MB ({growth[-1]:+.1f} MB)")
    if replaced:
        table.add(SECTION, f"{label}: workers", "a worker was replaced during the probe", "none", "MISSED")
    table.check(SECTION, f"{label}: memory growth (largest worker)", max(growth), 50.0, " MB", "{:.1f}")
    table.add(SECTION, f"{label}: Zipf mix before → after (3 s each, after 3 s warm-up)",
              f"{throughput_before['rps']:.0f} → {throughput_after['rps']:.0f} req/s, p99 "
              f"{throughput_before['p99_ms']:.1f} → {throughput_after['p99_ms']:.1f} ms, "
              f"{throughput_before['errors'] + throughput_after['errors']} errors")


def server_exceptions(log: Path) -> list[str]:
    """The last line of each traceback in a server log, but those of the broken article made on purpose."""
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    found, inside = [], False
    for line in lines:
        if line.startswith("Traceback"):
            inside = True
        elif inside and line and not line.startswith(" ") and not line.startswith(("During handling",
                                                                                     "The above exception")):
            inside = False
            if "ArticleSetError" not in line:
                found.append(line[:100])
    return found


def section(ctx, server_dirs: Callable, zipf_mix: Callable) -> None:
    """Run the five parts; `server_dirs` and `zipf_mix` are bench.py's."""
    paths, weights = zipf_mix(ctx)
    only = os.environ.get("KB_BENCH_FAULTS", "")  # e.g. "1,4" while working on one part
    parts = [("kill", lambda: part_kill_one(ctx, server_dirs, paths)),
             ("broken", lambda: part_broken_article(ctx, server_dirs, paths)),
             ("damaged", lambda: part_damaged_generation(ctx, server_dirs, paths)),
             ("sockets", lambda: part_idle_sockets(ctx, server_dirs, paths)),
             ("memory", lambda: part_memory(ctx, server_dirs, paths, weights))]
    for number, (name, part) in enumerate(parts, 1):
        if not only or str(number) in only.split(","):
            print(f"[bench] faults {number} …", file=sys.stderr, flush=True)
            part()
            # Evidence for a failed request: what the workers logged.
            logged = server_exceptions(ctx.work / f"faults-{name}.log")
            if logged:
                common = max(set(logged), key=logged.count)
                ctx.table.add(SECTION, f"{number} server log: exceptions",
                              f"{len(logged)}, most often ({logged.count(common)}×) {common}")
