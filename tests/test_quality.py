"""Answer quality gates over the dev set and our own held-out questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.evaluate import evaluate, read_cases
from webapp.library import get_engine

HERE = Path(__file__).resolve().parent
SETS = {
    "dev": HERE.parents[1] / "shared" / "eval" / "dev_questions.tsv",
    "own": HERE / "data" / "questions.tsv",
}


@pytest.fixture
def engine(app):
    with app.test_request_context():
        return get_engine()


@pytest.mark.parametrize("name", ["dev", "own"])
def test_answer_quality_meets_the_bar(engine, name):
    path = SETS[name]
    if not path.exists():
        pytest.skip(f"{path} is not part of this checkout")
    report = evaluate(engine, read_cases(path))
    summary = "\n".join(report.lines())
    assert report.top1 >= 0.95, summary
    assert report.confidently_wrong <= 0.02, summary
    assert report.oos_rejected >= (1.0 if name == "dev" else 0.9), summary
    assert report.answered_right >= 0.75, summary


def test_our_question_set_is_large_and_covers_every_article(engine):
    cases = read_cases(SETS["own"])
    assert len(cases) >= 200
    expected = {c.expected[0] for c in cases if c.in_scope}
    assert expected == {a["id"] for a in engine.articles()}
    assert sum(not c.in_scope for c in cases) >= 40
