"""Two cases told, one asked about: the calculation reads the one asked about (kb/calculators/focus.py)."""

from __future__ import annotations

from datetime import datetime

import pytest

from kb.calculators import extract
from kb.calculators.clock import CHINA
from kb.calculators.focus import focus
from kb.calculators.normalise import normalise

NOW = datetime(2025, 6, 20, 15, 0, tzinfo=CHINA)


def inputs(calculator_id: str, question: str) -> dict:
    found = extract.calculation(calculator_id, question, NOW)
    return {} if found is None else found["inputs"]


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deduction", "我有两个店。A店本周600单，全部按时揽收；B店本周350单，有20单超过48小时才揽件，延迟发货16单。B店这周扣几分？",
     {"orders": 350, "picked_up_within_48h": 330, "delayed_orders": 16}),
    ("deduction", "A店这周600单延迟5单 B店这周订单三百 48小时揽收二百九十 延迟八单 我问的是A店",
     {"orders": 600, "delayed_orders": 5}),
    ("delay-card", "A客户的卡片是昨天上午10点发的，已经点了接受；B客户的卡片是昨天下午5点发的，还没点。问一下B客户这单",
     {"sent_at": "2025-06-19T17:00"}),
    ("ship-deadline", "两个订单，一单是昨天早上6点下的，已经揽收了；另一单是昨天晚上9点15下的，还没上传运单号。我问后面这单",
     {"order_time": "2025-06-19T21:15"}),
    ("ship-deadline", "两个订单，一单是昨天早上6点下的，已经揽收了；另一单是昨天晚上9点15下的。问第一单",
     {"order_time": "2025-06-19T06:00"}),
    ("deposit-refund", "有两单预售：一单定金50，客户同意取消；另一单定金80，客户不同意。两单都没付尾款。我问的是80那单",
     {"deposit": "80.00", "stage": "before_final_payment", "buyer_agrees": False}),
    # cases listed after a colon and parted by ；, named by shop, by ①②③, by 甲乙丙, or by their place
    ("deduction", "三个店：家电店订单5k/48h未揽100/延迟12；数码店订单3.2k，48h未揽收二百，延迟发货十五单；食品店订单800/未揽0/延迟0。问数码店",
     {"orders": 3200, "picked_up_within_48h": 3000, "delayed_orders": 15}),
    ("deduction", "两个店一起问：A店本周订单4,800、延迟发货订单量12；B店订单2,100、48h未揽件40、延迟发货6单。先算B店",
     {"orders": 2100, "picked_up_within_48h": 2060, "delayed_orders": 6}),
    ("deposit-refund", "两单：①定金二百，尾款已付，能调货客户接受；②定金三百五，尾款已付，调不到货，客户说“那就取消吧”。问②",
     {"deposit": "350.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("deposit-refund", "三单预售缺货：甲单定金50尾款未付；乙单定金70尾款已付能调货；丙单定金90尾款已付调不到货。问丙单",
     {"deposit": "90.00", "stage": "after_final_payment", "can_restock": False}),
    ("delay-card", "订单A卡片昨天10:00发的，客户已接受；订单B卡片昨天15:30发的，还没点。问B：什么时候自动取消？",
     {"sent_at": "2025-06-19T15:30"}),
    ("ship-deadline", "三个单：6/17 09:00的单已揽收；6/17 21:00的单6/18 20:00传单号；6/18 10:00的单还没传。问第二个",
     {"order_time": "2025-06-17T21:00", "waybill_uploaded_at": "2025-06-18T20:00"}),
])
def test_the_case_asked_about_is_read(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("question", [
    # no case named as the one asked about: both stay, and their figures contradict
    "A店这周600单延迟5单，B店这周300单延迟8单，扣几分",
    # the case asked about is not told
    "A店这周600单延迟5单，B店这周300单延迟8单，C店扣几分",
    # one case only
    "B店这周300单延迟8单，B店扣几分",
    # a listed shop named twice, or a place past the list's end
    "两个店：数码店订单800；数码店二店订单600。问数码店",
    "两个单：6/17 09:00的单已揽收；6/17 21:00的单还没传。问第三个",
    # a figure both cases name
    "一单定金80，客户同意取消；另一单定金80，客户不同意。我问的是80那单",
])
def test_the_question_is_left_whole_unless_it_names_one_case_of_several(question):
    text = normalise(question)
    assert focus(text) == text
