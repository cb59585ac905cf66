"""The weekly penalty-points rule of seed question 5, as tables."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.calculators import CalculatorInputError, deduction, run

# (orders, picked up within 48 h, delayed orders) -> (points, rule), from seed 5 (3) and (4).
RULE_TABLE = [
    # 57 of 60 is exactly 95%: "≧95%" -> 1 point per delayed order.
    (60, 57, 3, 3, "per_order"),
    # 56 of 60 is 93.33%: "<95%" -> 7 points.
    (60, 56, 4, 7, "flat"),
    (100, 95, 5, 5, "per_order"),
    (100, 94, 6, 7, "flat"),
    (100, 100, 0, 0, "per_order"),
    (100, 100, 1, 1, "per_order"),
    # "每周不超过7分": 7 delayed orders is 7 points, 8 is still 7.
    (100, 99, 7, 7, "per_order"),
    (100, 99, 8, 7, "per_order"),
    (1000, 990, 100, 7, "per_order"),
    # 94.995% must not round up to 95%.
    (20000, 18999, 2, 7, "flat"),
    (20, 19, 1, 1, "per_order"),
    (1, 1, 1, 1, "per_order"),
    (1, 0, 1, 7, "flat"),
    # Flat 7 points whatever the delayed count (the reading the explanation states).
    (1, 0, 0, 7, "flat"),
    (60, 0, 60, 7, "flat"),
]


@pytest.mark.parametrize("orders, picked, delayed, points, rule", RULE_TABLE)
def test_points_follow_the_seed_rule_table(orders, picked, delayed, points, rule):
    outcome = deduction.compute(orders, picked, delayed)
    assert outcome.result["points"] == points
    assert outcome.result["rule"] == rule


def test_rate_of_exactly_95_percent_uses_per_order_rule():
    result = deduction.compute(60, 57, 2).result
    assert result["rule"] == "per_order"
    assert result["pickup_rate"] == 0.95
    assert result["pickup_rate_percent"] == "95.00%"
    assert result["points"] == 2


def test_rate_just_below_95_percent_uses_flat_rule_and_never_shows_as_95():
    result = deduction.compute(20000, 18999, 0).result
    assert result["rule"] == "flat"
    assert result["pickup_rate_percent"] == "94.99%"


def test_56_of_60_is_below_95_percent_and_costs_7_points():
    result = deduction.compute(60, 56, 1).result
    assert (result["points"], result["rule"], result["pickup_rate_percent"]) == (7, "flat", "93.33%")


def test_no_orders_gives_zero_points_and_null_rate():
    outcome = deduction.compute(0, 0, 0)
    assert outcome.result["points"] == 0
    assert outcome.result["pickup_rate"] is None
    assert outcome.result["rule"] is None
    assert any("没有订单" in step for step in outcome.explanation)


def test_cap_of_7_points_is_explained_when_it_applies():
    steps = deduction.compute(100, 99, 8).explanation
    assert any("上限 7 分" in step and "8 分" in step for step in steps)


def test_explanation_quotes_the_rule_it_applied():
    per_order = " ".join(deduction.compute(60, 57, 3).explanation)
    flat = " ".join(deduction.compute(60, 56, 3).explanation)
    assert "每单扣1分，每周不超过7分" in per_order
    assert "<95%的，扣7分" in flat


def test_explanation_says_what_counts_as_a_delayed_order():
    text = " ".join(deduction.compute(60, 57, 3).explanation)
    assert "24小时内" in text and "运单号" in text
    assert "48小时内" in text and "揽件跟踪信息" in text


def test_explanation_says_an_approved_pre_report_exempts_orders_and_flags_the_rest_as_unclear():
    text = " ".join(deduction.compute(60, 57, 3).explanation)
    assert "预报备" in text and "延迟免责" in text
    assert "没有逐条写明" in text


def test_flat_rule_explanation_states_its_reading_of_the_ambiguous_seed():
    text = " ".join(deduction.compute(60, 56, 0).explanation)
    assert "歧义" in text and "一律扣7分" in text


def test_fewer_delayed_orders_than_late_pickups_asks_to_check_the_numbers():
    text = " ".join(deduction.compute(60, 57, 1).explanation)
    assert "3 单未在48小时内揽件" in text


@pytest.mark.parametrize("orders, picked, delayed, field", [
    (60, 61, 0, "picked_up_within_48h"),
    (60, 60, 61, "delayed_orders"),
    (0, 1, 0, "picked_up_within_48h"),
    (0, 0, 1, "delayed_orders"),
])
def test_more_picked_up_or_delayed_than_orders_is_an_input_error(orders, picked, delayed, field):
    with pytest.raises(CalculatorInputError) as caught:
        deduction.compute(orders, picked, delayed)
    assert "不能多于本周订单数" in caught.value.fields[field]


def test_run_returns_result_explanation_and_the_shipping_warning_article():
    out = run("deduction", {"orders": 60, "picked_up_within_48h": 57, "delayed_orders": 3})
    assert out["result"]["points"] == 3
    assert out["explanation"]
    assert out["articles"] == ["shipping-warning"]


@st.composite
def weeks(draw):
    orders = draw(st.integers(0, 10_000))
    picked = draw(st.integers(0, orders))
    delayed = draw(st.integers(0, orders))
    return orders, picked, delayed


@settings(deadline=None)
@given(weeks())
def test_points_are_always_between_0_and_7(week):
    assert 0 <= deduction.compute(*week).result["points"] <= 7


@settings(deadline=None)
@given(weeks())
def test_rule_matches_an_exact_integer_comparison_with_95_percent(week):
    orders, picked, delayed = week
    result = deduction.compute(orders, picked, delayed).result
    if orders == 0:
        assert result["rule"] is None
    elif picked * 100 >= orders * 95:
        assert result["rule"] == "per_order" and result["points"] == min(delayed, 7)
    else:
        assert result["rule"] == "flat" and result["points"] == 7


def test_the_rule_labels_follow_the_rule_constants():
    from kb.calculators import deduction

    rule = next(o for o in deduction.CALCULATOR.outputs if o.name == "rule")
    labels = " ".join(rule.values.values())
    assert labels.count(f"{float(deduction.THRESHOLD * 100):g}%") == 2
    assert f"每周最多{deduction.WEEKLY_CAP}分" in labels and f"扣{deduction.FLAT_POINTS}分" in labels
