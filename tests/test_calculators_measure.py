"""Measuring extraction on a labelled file (kb.calculators.measure) and `kb eval-calc`."""

from __future__ import annotations

import pytest

from kb.calculators.measure import CalcCaseError, evaluate_calc, read_calc_cases
from webapp.cli import main

LINES = [
    "question\tnow\tcalculator\texpected\tkind",
    '这周450单有30单48小时没揽收,扣几分\t2024-11-12T12:00\tdeduction\t'
    '{"orders": 450, "picked_up_within_48h": 420}\tpartial',
    '预售定金100块没货了退多少\t2024-11-12T12:00\tdeposit-refund\t{"deposit": "100"}\tpartial',
    '卡片昨天下午3点发的,买家还没点\t2024-11-12T12:00\tdelay-card\t'
    '{"sent_at": "2024-11-11T15:00", "buyer_action": null}\tfull',
    '450单和500单扣几分\t2024-11-12T12:00\tdeduction\t{"orders": 450}\tambiguous',
]


@pytest.fixture
def labelled(tmp_path):
    path = tmp_path / "calc.tsv"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return path


def test_measure_counts_each_input_and_each_full_calculation(labelled):
    report = evaluate_calc(read_calc_cases(labelled))
    assert report.questions == 4
    assert (report.total.tp, report.total.fp, report.total.fn) == (4, 0, 1)
    assert report.per_input["orders"].recall == 0.5
    assert report.all_stated == 1 and report.full_right == 1
    assert [m["line"] for m in report.misses] == [5]


def test_a_malformed_line_is_named(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text(LINES[1] + "\n问题\t2024-11-12T12:00\tdeduction\t{oops\n", encoding="utf-8")
    with pytest.raises(CalcCaseError, match=":2:"):
        read_calc_cases(path)


def test_kb_eval_calc_prints_the_figures(labelled, capsys):
    assert main(["eval-calc", str(labelled), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "精确率 1.000" in out and "第5行" in out
