"""Completion latency (issue 13): every prefix of every question in tests/data/questions.tsv.

`Browser.suggest` runs on each keystroke, so a merchant typing a question asks
for a completion of each prefix. Prints p50 and p99 over all of them, after one
warm-up call (the first builds the completion keys), and exits 1 when p99 is
over 2 ms.

    .venv/bin/python tests/benchmarks/complete.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from indexer import build  # noqa: E402
from kb.browse import Browser  # noqa: E402
from kb.generation import open_generation  # noqa: E402
from kb.settings import DEFAULTS  # noqa: E402

TARGET_MS = 2.0


def questions() -> list[str]:
    lines = (ROOT / "tests" / "data" / "questions.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line and not line.startswith("#")]


def main() -> int:
    with tempfile.TemporaryDirectory() as index_dir:
        generation = build.ensure_index(ROOT / "articles", Path(index_dir))
        browser = Browser(open_generation(generation))
        browser.suggest("预售", DEFAULTS["SUGGEST_LIMIT"])
        typed = [q[:n] for q in questions() for n in range(1, len(q) + 1)]
        times = []
        for text in typed:
            start = time.perf_counter()
            browser.suggest(text, DEFAULTS["SUGGEST_LIMIT"])
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p50, p99 = times[len(times) // 2], times[int(len(times) * 0.99)]
    print(f"completions  {len(times)} prefixes")
    print(f"p50          {p50:.3f} ms")
    print(f"p99          {p99:.3f} ms   (target ≤ {TARGET_MS} ms)")
    return 0 if p99 <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
