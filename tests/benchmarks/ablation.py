"""What each step of the text pipeline buys: answer quality with one step switched off.

    .venv/bin/python tests/benchmarks/ablation.py

Each variant runs in its own process (jieba's dictionary is process-global),
builds its own index in a temporary folder and is scored with kb.evaluate on
the dev set and on tests/data/questions.tsv.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETS = {name: path for name, path in {
    "dev": ROOT.parent / "shared" / "eval" / "dev_questions.tsv",
    "own": ROOT / "tests" / "data" / "questions.tsv",
}.items() if path.exists()}
VARIANTS = {
    "full pipeline": "",
    "no pinyin keys": "pinyin",
    "no synonyms": "synonyms",
    "no domain dictionary": "dictionary",
    "no stopwords": "stopwords",
    "jieba HMM on": "hmm",
}


def run_variant(switch: str) -> dict:
    """Build an index with one step switched off and return the figures of both sets."""
    sys.path.insert(0, str(ROOT))
    from indexer import build
    from kb import generation, query, search, settings, text
    from kb.evaluate import evaluate, read_cases

    work = Path(tempfile.mkdtemp())
    articles = work / "articles"
    shutil.copytree(settings.DEFAULTS["ARTICLES_DIR"], articles)
    for name in ("synonyms", "dictionary", "stopwords"):
        if switch == name:
            (articles / f"{name}.txt").write_text("", encoding="utf-8")
    if switch == "pinyin":
        generation.BOOSTS["pinyin"] = 0.0
        query.PINYIN_CREDIT = 0.0
    if switch == "hmm":
        text.USE_HMM = True
    try:
        engine = search.Engine(build.build_index(articles, work / "index"),
                               threshold=settings.DEFAULTS["ANSWER_THRESHOLD"])
        figures = {}
        for name, path in SETS.items():
            report = evaluate(engine, read_cases(path))
            figures[name] = {"top1": report.top1, "right": report.answered_right,
                             "oos": report.oos_rejected, "wrong": report.confidently_wrong}
        return figures
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--variant":
        print(json.dumps(run_variant(sys.argv[2])))
        return
    columns = ("top-1", "right", "oos-null", "wrong")
    print(f"{'':<22}" + "".join(f"{name:^40}" for name in SETS))
    print(f"{'variant':<22}" + "".join(f"{c:>10}" for _ in SETS for c in columns))
    for label, switch in VARIANTS.items():
        out = subprocess.run([sys.executable, __file__, "--variant", switch], capture_output=True, text=True,
                             check=True).stdout
        figures = json.loads(out.strip().splitlines()[-1])
        row = "".join(f"{figures[s][m]:>10.3f}" for s in SETS for m in ("top1", "right", "oos", "wrong"))
        print(f"{label:<22}{row}")


if __name__ == "__main__":
    main()
