"""Phrasings the cues read since the fifth labelled set (each family with new examples and what stays unread).

Written from the calculators' definitions, not copied from tests/data.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from kb.calculators import extract, when
from kb.calculators.clock import CHINA

NOW = datetime(2025, 6, 20, 15, 0, tzinfo=CHINA)


def inputs(calculator_id: str, question: str, now: datetime = NOW) -> dict:
    found = extract.calculation(calculator_id, question, now)
    return {} if found is None else found["inputs"]


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deduction", "本周定单数 300，48消时内揽件 290，延迟法货 4 单",
     {"orders": 300, "picked_up_within_48h": 290, "delayed_orders": 4}),
    ("deposit-refund", "定金80 为款还没付 客户同意取消",
     {"deposit": "80.00", "stage": "before_final_payment", "buyer_agrees": True}),
])
def test_pinyin_keyboard_slips_in_the_rules_words_are_read_as_meant(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("question, expected", [
    ("定金66 尾款没付 跟客户商量了 他同意了", {"deposit": "66.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("定金66 尾款没付 问她能不能取消 她说不行", {"deposit": "66.00", "stage": "before_final_payment", "buyer_agrees": False}),
    ("定金66 尾款没付 客户同意不要了", {"deposit": "66.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("定金66 尾款付了 调不到货 客户说那就退款吧",
     {"deposit": "66.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("定金66 尾款没付 如果客户说那就取消吧", {"deposit": "66.00", "stage": "before_final_payment"}),
])
def test_deposit_refund_the_buyers_answer_in_their_own_words(question, expected):
    assert inputs("deposit-refund", question) == expected


@pytest.mark.parametrize("question, expected", [
    ("定金40 尾款已付 厂家那边货调不过来 客户同意取消", False),
    ("定金40 尾款已付 工厂停产了 也没办法从其他仓调 客户同意取消", False),
    ("定金40 尾款已付 没法调 客户同意取消", False),
    ("定金40 尾款已付 调货没问题 客户同意等", True),
])
def test_deposit_refund_whether_stock_can_be_moved_in_everyday_words(question, expected):
    assert inputs("deposit-refund", question)["can_restock"] is expected


def test_no_way_to_adjust_something_else_is_no_restock_fact():
    assert "can_restock" not in inputs("deposit-refund", "定金40 尾款已付 没法调整发货时间 客户同意取消")


@pytest.mark.parametrize("question, stage", [
    ("定金30 尾款是前天付的 调不到货 客户同意取消", "after_final_payment"),
    ("定金30 尾款付好了 调不到货 客户同意取消", "after_final_payment"),
    ("定金30 尾款前 客户同意取消", "before_final_payment"),
    ("定金30 尾款后 调不到货 客户同意取消", "after_final_payment"),
])
def test_deposit_refund_stage_said_briefly(question, stage):
    assert inputs("deposit-refund", question)["stage"] == stage


@pytest.mark.parametrize("question", ["定金30 尾款是下周要付的 客户同意取消", "定金30 尾款前还是尾款后不清楚 客户同意取消"])
def test_deposit_refund_a_payment_still_to_come_or_unsure_is_no_stage(question):
    assert "stage" not in inputs("deposit-refund", question)


def test_money_with_its_small_change_before_deposit_is_one_amount():
    assert inputs("deposit-refund", "2块5的定金 尾款前 客户同意取消")["deposit"] == "2.50"
    assert inputs("deposit-refund", "定金RMB 19.9 尾款前 客户同意取消")["deposit"] == "19.90"


@pytest.mark.parametrize("question, expected", [
    ("6月18号凌晨2点10在咚咚给客户发了卡片，客户6月19号晚上8点才点了拒绝",
     {"sent_at": "2025-06-18T02:10", "buyer_action": "reject", "action_at": "2025-06-19T20:00"}),
    ("卡片发送：今天10:05 客户接受：今天11:30",
     {"sent_at": "2025-06-20T10:05", "buyer_action": "accept", "action_at": "2025-06-20T11:30"}),
    ("六月十九号上午九点零五分发的卡片 客户六月十九号下午三点点了接收",
     {"sent_at": "2025-06-19T09:05", "buyer_action": "accept", "action_at": "2025-06-19T15:00"}),
])
def test_delay_card_times_said_around_the_send_and_the_click(question, expected):
    assert inputs("delay-card", question) == expected


def test_minutes_with_a_leading_zero_in_chinese():
    assert when.resolve("今天上午十点零五分", NOW, past=True) == datetime(2025, 6, 20, 10, 5, tzinfo=CHINA)
    assert when.resolve("今天上午十点零分", NOW, past=True) == datetime(2025, 6, 20, 10, 0, tzinfo=CHINA)


@pytest.mark.parametrize("question, expected", [
    ("订单时间6/17 09:00 上传运单6/17 20:00 揽件6/18 10:30",
     {"order_time": "2025-06-17T09:00", "waybill_uploaded_at": "2025-06-17T20:00", "picked_up_at": "2025-06-18T10:30"}),
    ("订单下单时间：6月17日 23:40；运单号上传：6月18日 22:00",
     {"order_time": "2025-06-17T23:40", "waybill_uploaded_at": "2025-06-18T22:00"}),
    ("客户17号晚上8点下单，我们18号上午9点打单上传运单号",
     {"order_time": "2025-06-17T20:00", "waybill_uploaded_at": "2025-06-18T09:00"}),
])
def test_ship_deadline_labels_and_the_print_before_the_upload(question, expected):
    assert inputs("ship-deadline", question) == expected
