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
    "blind": HERE / "data" / "questions_blind.tsv",
    "fresh": HERE / "data" / "questions_fresh.tsv",
    "blind2": HERE / "data" / "questions_blind2.tsv",
    "blind3": HERE / "data" / "questions_blind3.tsv",
}


@pytest.fixture
def engine(app):
    with app.test_request_context():
        return get_engine()


# Bars per set: top-1, confidently wrong (at most), out-of-scope null, answered
# right: issue 9's targets, on every set. All but blind3 are the answer
# decision's training data (`kb fit`), so their bars guard against regressions;
# blind3 was scored once unseen (README "Answer quality") and has been read since.
TARGETS = (0.98, 0.015, 0.95, 0.85)
BARS = dict.fromkeys(SETS, TARGETS)


@pytest.mark.parametrize("name", list(SETS))
def test_answer_quality_meets_the_bar(engine, name):
    path = SETS[name]
    if not path.exists():
        pytest.skip(f"{path} is not part of this checkout")
    report = evaluate(engine, read_cases(path))
    summary = "\n".join(report.lines())
    top1, wrong, oos_null, right = BARS[name]
    assert report.top1 >= top1, summary
    assert report.confidently_wrong <= wrong, summary
    assert report.oos_rejected >= oos_null, summary
    assert report.answered_right >= right, summary


def test_our_question_set_is_large_and_covers_every_article(engine):
    cases = read_cases(SETS["own"])
    assert len(cases) >= 200
    expected = {c.expected[0] for c in cases if c.in_scope}
    assert expected == {a["id"] for a in engine.articles()}
    assert sum(not c.in_scope for c in cases) >= 40
