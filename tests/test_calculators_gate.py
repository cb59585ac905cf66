"""The conservative gate (kb.calculators.extract._unexplained): a number is read for a role only
when what follows it is understood; anything else leaves the field empty.

Examples written for the gate, not taken from the labelled sets.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from kb.calculators import extract
from kb.calculators.clock import CHINA

NOON = datetime(2024, 11, 12, 12, 0, tzinfo=CHINA)


def inputs(calculator_id: str, question: str, now: datetime = NOON) -> dict:
    found = extract.calculation(calculator_id, question, now)
    return {} if found is None else found["inputs"]


@pytest.mark.parametrize("calculator_id, question, expected", [
    # more of the number after a space (3 万多), an alternative after a space (880 或者 900)
    ("deduction", "本周订单 3 万多 延迟发货6单", {"delayed_orders": 6}),
    ("deduction", "订单 880 或者 900 延迟发货3单", {"delayed_orders": 3}),
    # a particle or a question after the number (1300吧, 45对吗)
    ("deduction", "这周订单1300吧 延迟发货3单", {"delayed_orders": 3}),
    ("deposit-refund", "定金45对吗 尾款没付", {"stage": "before_final_payment"}),
])
def test_a_number_followed_by_something_not_understood_is_not_read(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deposit-refund", "客户付了定金六块五毛 尾款没付", {"deposit": "6.50", "stage": "before_final_payment"}),
    ("deposit-refund", "付了定金60跟尾款240 调不到货",
     {"deposit": "60.00", "stage": "after_final_payment", "can_restock": False}),
    ("deposit-refund", "定金30抵60 尾款没付 客户同意取消",
     {"deposit": "30.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deduction", "订单 1200 延迟 3 48小时揽件1190",
     {"orders": 1200, "picked_up_within_48h": 1190, "delayed_orders": 3}),
])
def test_a_number_followed_by_a_unit_a_label_or_a_separator_is_read(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


def test_the_gate_leaves_times_to_their_own_rules():
    text = extract.normalise("昨天下午3点发的卡片 客户今天上午9点拒绝了")
    assert extract._unexplained(text, extract.mentions(text)) == set()


@pytest.mark.parametrize("question, expected", [
    ("定金：80元；买家同意：否", {"deposit": "80.00", "buyer_agrees": False}),
    ("定金=80 能调货=否 买家同意=是", {"deposit": "80.00", "buyer_agrees": True, "can_restock": False}),
    ("定金80 客户同意：不同意", {"deposit": "80.00", "buyer_agrees": False}),
])
def test_a_yes_no_field_answered_no_is_false(question, expected):
    assert inputs("deposit-refund", question) == expected


@pytest.mark.parametrize("question, expected", [
    ("延迟发货 五单 本周订单 三百 48小时揽件 二百九十", {"orders": 300, "picked_up_within_48h": 290, "delayed_orders": 5}),
    ("订单 两百 延迟 三", {"orders": 200, "delayed_orders": 3}),
])
def test_a_chinese_numeral_after_a_label_and_a_space_is_the_labels(question, expected):
    assert inputs("deduction", question) == expected


def test_the_one_of_yizhi_after_a_space_stays_apart():
    assert extract.normalise("客户 一直没点") == "客户,一直没点"


@pytest.mark.parametrize("question, expected", [
    ("订单500 48h揽件495 延迟=7 免责报备=2", {"orders": 500, "picked_up_within_48h": 495, "delayed_orders": 5}),
    ("订单500 48h揽件495 延迟7单 免责报备的有2单", {"orders": 500, "picked_up_within_48h": 495, "delayed_orders": 5}),
    # a report whose outcome the merchant does not know leaves the delayed count open
    ("延迟9单 其中2单报备了 不清楚通没通过 订单500 揽件495", {"orders": 500, "picked_up_within_48h": 495}),
    ("延迟9单 其中2单报备了 但我不知道过没过 订单500", {"orders": 500}),
    ("延迟9单 订单500 我不知道会不会扣", {"orders": 500, "delayed_orders": 9}),
])
def test_deduction_exemptions_labelled_the_other_way_and_reports_of_unknown_outcome(question, expected):
    assert inputs("deduction", question) == expected


@pytest.mark.parametrize("question, now, expected", [
    ("去年最后一天下午三点下的单 运单号今天早上8点才传", datetime(2025, 1, 3, 9, 0, tzinfo=CHINA),
     {"order_time": "2024-12-31T15:00", "waybill_uploaded_at": "2025-01-03T08:00"}),
    ("上个月最后一天晚上10点下的单", datetime(2024, 3, 5, 9, 0, tzinfo=CHINA), {"order_time": "2024-02-29T22:00"}),
    ("这个月第一天上午9点下的单", datetime(2025, 1, 3, 9, 0, tzinfo=CHINA), {"order_time": "2025-01-01T09:00"}),
])
def test_the_first_or_last_day_of_a_year_or_month_named_relative_to_today(question, now, expected):
    assert inputs("ship-deadline", question, now) == expected


@pytest.mark.parametrize("question, expected", [
    # (调不到货 before the final payment: restocking is asked after it only)
    ("定金3毛 尾款没付 调不到货", {"deposit": "0.30", "stage": "before_final_payment"}),
    ("定金五毛钱 尾款没付", {"deposit": "0.50", "stage": "before_final_payment"}),
    ("定金8角的小活动 尾款没付 客户同意退", {"deposit": "0.80", "stage": "before_final_payment", "buyer_agrees": True}),
    ("定金5毛5 尾款没付", {"stage": "before_final_payment"}),  # no 5.00, no guess at the cents
])
def test_deposit_refund_dimes_alone_are_tenths_of_a_yuan(question, expected):
    assert inputs("deposit-refund", question) == expected
