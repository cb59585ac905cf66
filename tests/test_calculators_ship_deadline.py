"""The 24-hour waybill and 48-hour pickup deadlines of seed question 5, as tables."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kb.calculators import CalculatorInputError, run, ship_deadline

CHINA = timezone(timedelta(hours=8))
ORDER = datetime(2024, 11, 11, 10, 0, tzinfo=CHINA)
H, S = timedelta(hours=1), timedelta(seconds=1)

# (waybill offset, pickup offset, now offset) -> (waybill, pickup, counts as delayed), from seed 5:
# "(1)消费者下单成功后24小时内,商家未将……快递运单号上传至京东系统的"
# "(2)消费者下单成功后48小时内,消费者查询不到……揽件跟踪信息的"
DEADLINE_TABLE = [
    (None, None, H, "open", "open", None),
    (None, None, 24 * H, "open", "open", None),
    (None, None, 24 * H + S, "missed", "open", True),
    (24 * H, None, 24 * H, "met", "open", None),
    (24 * H, None, 48 * H, "met", "open", None),
    (24 * H + S, None, 25 * H, "missed", "open", True),
    (2 * H, None, 48 * H + S, "met", "missed", True),
    (2 * H, 48 * H, 48 * H, "met", "met", False),
    (2 * H, 48 * H + S, 49 * H, "met", "missed", True),
    (2 * H, 3 * H, 100 * H, "met", "met", False),
    (None, 5 * H, 30 * H, "missed", "met", True),
    (30 * H, 40 * H, 40 * H, "missed", "met", True),
    (0 * H, 0 * H, 0 * H, "met", "met", False),
]


@pytest.mark.parametrize("waybill, pickup, now, waybill_status, pickup_status, delayed", DEADLINE_TABLE)
def test_statuses_follow_the_seed_rule_table(waybill, pickup, now, waybill_status, pickup_status, delayed):
    result = ship_deadline.compute(
        ORDER, ORDER + now,
        None if waybill is None else ORDER + waybill,
        None if pickup is None else ORDER + pickup,
    ).result
    assert (result["waybill_status"], result["pickup_status"]) == (waybill_status, pickup_status)
    assert result["counts_as_delayed"] is delayed


def test_deadlines_are_24_and_48_hours_after_the_order_in_china_time():
    out = run("ship-deadline", {"order_time": "2024-11-11T02:00:00Z", "now": "2024-11-11T12:00"})
    assert out["result"]["order_time"] == "2024-11-11T10:00:00+08:00"
    assert out["result"]["waybill_deadline"] == "2024-11-12T10:00:00+08:00"
    assert out["result"]["pickup_deadline"] == "2024-11-13T10:00:00+08:00"


def test_upload_at_exactly_24_hours_meets_the_rule_and_one_second_later_misses_it():
    on_time = ship_deadline.compute(ORDER, ORDER + 30 * H, ORDER + 24 * H).result
    late = ship_deadline.compute(ORDER, ORDER + 30 * H, ORDER + 24 * H + S).result
    assert (on_time["waybill_status"], late["waybill_status"]) == ("met", "missed")


def test_pickup_at_exactly_48_hours_meets_the_rule_and_one_second_later_misses_it():
    on_time = ship_deadline.compute(ORDER, ORDER + 50 * H, ORDER + H, ORDER + 48 * H).result
    late = ship_deadline.compute(ORDER, ORDER + 50 * H, ORDER + H, ORDER + 48 * H + S).result
    assert (on_time["pickup_status"], late["pickup_status"]) == ("met", "missed")


def test_missing_now_defaults_to_the_current_time():
    clock = datetime(2024, 11, 11, 12, 0, tzinfo=CHINA)
    out = run("ship-deadline", {"order_time": "2024-11-11T10:00"}, now=clock)
    assert out["result"]["now"] == "2024-11-11T12:00:00+08:00"
    assert out["result"]["waybill_status"] == "open"


def test_explanation_quotes_both_rules_and_states_the_boundary_reading():
    text = " ".join(ship_deadline.compute(ORDER, ORDER + H).explanation)
    assert "下单成功后24小时内" in text and "以京东系统内记录的时间为准" in text
    assert "下单成功后48小时内" in text and "以快递公司系统内记录的时间为准" in text
    assert "含期限那一刻" in text
    assert "没有直接写出“延迟发货订单”的定义" in text


def test_open_deadline_shows_the_time_left():
    text = " ".join(ship_deadline.compute(ORDER, ORDER + 23 * H).explanation)
    assert "还剩 1小时" in text


def test_a_waybill_met_on_time_is_not_asked_for_again():
    summary = ship_deadline.compute(ORDER, ORDER + 30 * H, waybill_uploaded_at=ORDER + 20 * H).result["summary"]
    assert summary.startswith("运单号已按时上传（已达标）；")
    assert "上传运单号" not in summary and "前揽件" in summary


def test_with_both_deadlines_open_the_advice_names_each_deadline():
    summary = ship_deadline.compute(ORDER, ORDER + H).result["summary"]
    assert "已达标" not in summary
    assert "2024年11月12日 10:00（北京时间）前上传运单号" in summary and "前揽件" in summary


def test_delayed_order_explanation_mentions_the_pre_report_exemption():
    text = " ".join(ship_deadline.compute(ORDER, ORDER + 25 * H).explanation)
    assert "延迟免责" in text


@pytest.mark.parametrize("waybill, pickup, now, field", [
    (-S, None, H, "waybill_uploaded_at"),
    (None, -H, H, "picked_up_at"),
    (2 * H, None, H, "waybill_uploaded_at"),
    (None, 2 * H, H, "picked_up_at"),
    (None, None, -S, "order_time"),
])
def test_impossible_timelines_are_input_errors(waybill, pickup, now, field):
    with pytest.raises(CalculatorInputError) as caught:
        ship_deadline.compute(
            ORDER, ORDER + now,
            None if waybill is None else ORDER + waybill,
            None if pickup is None else ORDER + pickup,
        )
    assert field in caught.value.fields


def test_run_links_the_shipping_warning_article():
    out = run("ship-deadline", {"order_time": "2024-11-11T10:00", "now": "2024-11-11T11:00"})
    assert out["articles"] == ["shipping-warning"]


seconds = st.integers(0, 5 * 24 * 3600).map(lambda s: timedelta(seconds=s))


@settings(deadline=None)
@given(seconds, st.one_of(st.none(), seconds), st.one_of(st.none(), seconds))
def test_an_order_is_delayed_exactly_when_a_deadline_is_missed(now, waybill, pickup):
    assume(waybill is None or waybill <= now)
    assume(pickup is None or pickup <= now)
    result = ship_deadline.compute(
        ORDER, ORDER + now,
        None if waybill is None else ORDER + waybill,
        None if pickup is None else ORDER + pickup,
    ).result
    missed = "missed" in (result["waybill_status"], result["pickup_status"])
    assert (result["counts_as_delayed"] is True) == missed
    if waybill is not None:
        assert result["waybill_status"] == ("met" if waybill <= 24 * H else "missed")
