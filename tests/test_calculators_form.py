"""Inputs given the way a form or a script writes them, and the spellings that go with them.

orders=1830 / 48h揽件=1800, sent: 2025-03-02 08:00, 能否调货：否, 定金叁佰元, 1 千 2 百单.
Written from the calculators' definitions, not from the labelled sets in tests/data.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from kb.calculators import extract, form, REGISTRY, when
from kb.calculators.clock import CHINA

NOW = datetime(2025, 3, 4, 16, 0, tzinfo=CHINA)


def inputs(calculator_id: str, question: str, now: datetime = NOW) -> dict:
    found = extract.calculation(calculator_id, question, now)
    return {} if found is None else found["inputs"]


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deduction", "orders=1830, picked_up_within_48h=1800, delayed_orders=6",
     {"orders": 1830, "picked_up_within_48h": 1800, "delayed_orders": 6}),
    ("deduction", "orders: 75 delayed: 2 picked: 70", {"orders": 75, "delayed_orders": 2, "picked_up_within_48h": 70}),
    ("deposit-refund", "deposit=88.8 stage=after_final_payment buyer_agrees=yes can_restock=no",
     {"deposit": "88.80", "stage": "after_final_payment", "buyer_agrees": True, "can_restock": False}),
    ("deposit-refund", "deposit:120元 stage:尾款后 buyer:否 can_restock:是",
     {"deposit": "120.00", "stage": "after_final_payment", "buyer_agrees": False, "can_restock": True}),
    ("delay-card", "sent_at=2025-03-02T08:00 buyer_action=accept action_at=2025-03-03T07:30",
     {"sent_at": "2025-03-02T08:00", "buyer_action": "accept", "action_at": "2025-03-03T07:30"}),
    ("delay-card", "sent: 2025-03-01 09:00 / now: 2025-03-04 15:30",
     {"sent_at": "2025-03-01T09:00", "now": "2025-03-04T15:30"}),
    ("ship-deadline", "order_time=2025-03-01 10:00 waybill=2025-03-02 09:59",
     {"order_time": "2025-03-01T10:00", "waybill_uploaded_at": "2025-03-02T09:59"}),
])
def test_the_calculators_own_field_names_label_their_values(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deposit-refund", "订单阶段：支付尾款前；消费者是否同意：否；已支付的定金（元）：35",
     {"deposit": "35.00", "stage": "before_final_payment", "buyer_agrees": False}),
    ("delay-card", "卡片发送时间：2025-03-03 10:00，消费者的操作：拒绝，消费者操作时间：2025-03-03 11:20",
     {"sent_at": "2025-03-03T10:00", "buyer_action": "reject", "action_at": "2025-03-03T11:20"}),
])
def test_the_forms_chinese_labels_label_their_values(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("question, expected", [
    ("定金：60元；是否支付尾款：是；能否调货：否；消费者是否同意：同意",
     {"deposit": "60.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("定金 60；是否支付尾款：否；客户是否同意取消：不同意",
     {"deposit": "60.00", "stage": "before_final_payment", "buyer_agrees": False}),
    ("定金60 是否付了尾款 客户同不同意", {"deposit": "60.00"}),  # asked, not answered
])
def test_a_forms_yes_no_question_answered_states_the_fact(question, expected):
    assert inputs("deposit-refund", question) == expected


def test_a_value_the_field_cannot_take_is_not_read():
    assert inputs("deposit-refund", "deposit=60 stage=later buyer_agrees=maybe") == {"deposit": "60.00"}


def test_a_form_value_against_a_stated_one_leaves_the_field_empty():
    found = extract.calculation("deduction", "orders=500 这周订单480单 48小时揽收470 延迟发货3单", NOW)
    assert "orders" not in found["inputs"]
    assert "orders" in {item["name"] for item in found["unclear"]}


def test_short_names_shared_by_two_fields_label_neither():
    known = form.labels(REGISTRY["deduction"])
    assert "picked" in known and known["picked"].name == "picked_up_within_48h"
    known = form.labels(REGISTRY["ship-deadline"])
    assert "order" in known and "picked" in known
    assert "buyer" not in form.labels(REGISTRY["deduction"])


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deposit-refund", "定金叁佰元 尾款未付 客户同意取消",
     {"deposit": "300.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deduction", "本周订单壹仟贰佰单 48小时内揽收壹仟壹佰捌拾单 延迟发货贰拾单",
     {"orders": 1200, "picked_up_within_48h": 1180, "delayed_orders": 20}),
])
def test_formal_numerals_are_the_everyday_ones(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


def test_a_number_typed_with_spaces_around_its_units_is_one_number():
    assert inputs("deduction", "这周订单 3 千单 48 小时内揽收 2 千 9 百单 延迟发货 35 单") == {
        "orders": 3000, "picked_up_within_48h": 2900, "delayed_orders": 35}


def test_a_count_after_the_clause_that_says_what_it_counts():
    assert inputs("deduction", "订单 640 单，48小时内没揽收的 12 单，延迟发货 12 单") == {
        "orders": 640, "picked_up_within_48h": 628, "delayed_orders": 12}


def test_iso_times_with_a_t_are_read():
    assert inputs("ship-deadline", "下单时间 2025-03-01T22:10，揽件时间 2025-03-03T23:00") == {
        "order_time": "2025-03-01T22:10", "picked_up_at": "2025-03-03T23:00"}


def test_a_past_date_without_its_year_is_the_last_one_not_the_nearest():
    december = datetime(2024, 12, 5, 12, 0, tzinfo=CHINA)
    assert when.resolve("5/14 10:00", december, past=True) == datetime(2024, 5, 14, 10, 0, tzinfo=CHINA)
    assert when.resolve("5/14 10:00", december, past=False) == datetime(2025, 5, 14, 10, 0, tzinfo=CHINA)
    assert inputs("ship-deadline", "订单5/13 14:00下的 5/14 10:00上传运单 5/15 13:30揽件", december) == {
        "order_time": "2024-05-13T14:00", "waybill_uploaded_at": "2024-05-14T10:00",
        "picked_up_at": "2024-05-15T13:30"}


def test_a_clock_time_then_its_verb_before_a_comma_is_one_clause():
    assert inputs("delay-card", "卡片 2025/3/1 20:00 发的，客户 3/2 21:30 点了接受") == {
        "sent_at": "2025-03-01T20:00", "buyer_action": "accept", "action_at": "2025-03-02T21:30"}
