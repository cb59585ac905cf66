"""Reading calculator inputs from a merchant's question (kb.calculators.extract, numerals, when).

Development examples written from the seed FAQ and the calculators' definitions,
not from the labelled set in tests/data/calc_questions.tsv.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from kb.calculators import REGISTRY, extract, numerals, when
from kb.calculators.clock import CHINA
from kb.calculators.cues import Extraction

NOON = datetime(2024, 11, 12, 12, 0, tzinfo=CHINA)
AFTER_MIDNIGHT = datetime(2024, 11, 12, 0, 30, tzinfo=CHINA)


def inputs(calculator_id: str, question: str, now: datetime = NOON) -> dict:
    found = extract.calculation(calculator_id, question, now)
    return {} if found is None else found["inputs"]


# --- Chinese numerals -------------------------------------------------------------------------

@pytest.mark.parametrize("text, number", [
    ("450", 450), ("1,200", 1200), ("1.5万", 15000), ("3千", 3000), ("三百", 300), ("两", 2),
    ("一百二十", 120), ("四百零五", 405), ("十五", 15), ("二十", 20), ("一千二", 1200),
    ("三百五", 350), ("一万二", 12000), ("三万零五百", 30500), ("零", 0),
])
def test_numerals_read_arabic_and_chinese_numbers(text, number):
    assert numerals.value(text) == Decimal(number)


@pytest.mark.parametrize("text", ["一二", "三百百", "百", "十百", "二零二四"])
def test_numerals_refuse_what_no_one_writes_as_a_number(text):
    assert numerals.value(text) is None


def test_numerals_match_whole_numbers_only():
    found = [m.group() for m in numerals.NUMBER_RE.finditer("共450单,三百单,1.5万")]
    assert found == ["450", "三百", "1.5万"]


# --- times relative to the moment asked -------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("前天晚上10点", "2024-11-10T22:00"),
    ("今天上午9点", "2024-11-12T09:00"),
    ("昨天下午3点15分", "2024-11-11T15:15"),
    ("昨晚11点半", "2024-11-11T23:30"),
    ("11月11日 10:30", "2024-11-11T10:30"),
    ("2024-11-10 08:00", "2024-11-10T08:00"),
    ("双11 20:00", "2024-11-11T20:00"),
    ("上周五上午9点", "2024-11-08T09:00"),
    ("下午三点二十", "2024-11-11T15:20"),  # 15:20 today is still to come, so it was yesterday
    ("2小时前", "2024-11-12T10:00"),
    ("两天前下午3点", "2024-11-10T15:00"),
])
def test_times_resolve_against_the_moment_asked(text, expected):
    assert when.text(when.resolve(text, NOON, past=True)) == expected


@pytest.mark.parametrize("text, expected", [
    ("晚上11点", "2024-11-11T23:00"),     # no day, asked at 00:30: last night
    ("昨晚11点", "2024-11-11T23:00"),
    ("前天晚上10点", "2024-11-10T22:00"),
    ("凌晨0点10分", "2024-11-12T00:10"),
])
def test_times_across_midnight(text, expected):
    assert when.text(when.resolve(text, AFTER_MIDNIGHT, past=True)) == expected


@pytest.mark.parametrize("text", [
    "3点",            # 03:00 or 15:00
    "12点",           # noon or midnight
    "11月11日",        # a day, no time
    "今天下午3点",      # at 00:30 that is still to come, so not a past event
    "晚上1点",         # which night?
    "2月30日 10:00",   # no such day
])
def test_times_that_name_no_single_past_instant_are_not_read(text):
    assert when.resolve(text, AFTER_MIDNIGHT, past=True) is None


def test_a_little_later_is_not_one_o_clock():
    assert [m.group() for m in when.TIME_RE.finditer("晚一点发货可以吗")] == []


# --- deduction: counts with their roles ---------------------------------------------------------

def test_deduction_reads_orders_and_the_not_picked_up_count_as_the_definitions_say():
    found = extract.calculation("deduction", "这周450单有30单48小时没揽收,扣几分", NOON)
    # Not delayed_orders: delayed orders also count late waybills, so 30 is not the only reading.
    assert found["inputs"] == {"orders": 450, "picked_up_within_48h": 420}
    assert not found["complete"] and [m["name"] for m in found["missing"]] == ["delayed_orders"]
    assert found["read_text"] == "已按：本周订单数 450、48小时内揽件订单数 420（按 450 − 30 算）"
    # Below 95% the rule needs no delayed count.
    assert found["note"].startswith("按您的数字：48小时揽件及时率 93.33% < 95%") and "本周扣 7 分" in found["note"]


def test_deduction_with_all_three_counts_computes():
    found = extract.calculation("deduction", "这周450单,48小时内揽收了420单,延迟发货30单", NOON)
    assert found["inputs"] == {"orders": 450, "picked_up_within_48h": 420, "delayed_orders": 30}
    assert found["complete"] and found["result"]["points"] == 7
    assert found["headline"] == "按您的数字：本周扣 7 分（48小时揽件及时率 93.33% < 95%）"


@pytest.mark.parametrize("question, expected", [
    ("450单,420单48小时内揽收,扣几分", {"orders": 450, "picked_up_within_48h": 420}),
    ("本周订单450,延迟发货3单", {"orders": 450, "delayed_orders": 3}),
    ("一周三百单,两单没揽收", {"orders": 300, "picked_up_within_48h": 298}),
    ("这周一共一百二十单,有十单超过48小时才揽收", {"orders": 120, "picked_up_within_48h": 110}),
    ("48小时内未揽收30单,总共450单", {"orders": 450, "picked_up_within_48h": 420}),
    ("本周订单800 48小时内揽收760 延迟发货40单", {"orders": 800, "picked_up_within_48h": 760, "delayed_orders": 40}),
    ("这周有两单没揽收", {}),
    ("这周三百多单,延迟4单", {"delayed_orders": 4}),  # 三百多 is no exact count
])
def test_deduction_pattern_families(question, expected):
    assert inputs("deduction", question) == expected


def test_two_unrelated_order_counts_fill_nothing_and_say_so():
    found = extract.calculation("deduction", "450单和500单扣几分", NOON)
    assert found["inputs"] == {} and found["result"] is None
    assert [u["name"] for u in found["unclear"]] == ["orders"]


def test_a_rate_instead_of_counts_gives_the_rule_without_counts():
    found = extract.calculation("deduction", "揽收率94%扣几分", NOON)
    assert found["inputs"] == {} and not found["complete"] and found["result"] is None
    assert "扣 7 分" in found["note"] and "与订单数无关" in found["note"]
    assert [m["name"] for m in found["missing"]] == ["orders", "picked_up_within_48h", "delayed_orders"]


def test_counts_that_contradict_each_other_are_not_read():
    assert "picked_up_within_48h" not in inputs("deduction", "450单,460单48小时内揽收,30单没揽收")


def test_an_ordinal_is_not_a_count():
    assert extract.calculation("deduction", "第3单没揽收怎么办", NOON) is None


# --- deposit-refund: money, stages, yes/no facts ------------------------------------------------

@pytest.mark.parametrize("question, deposit", [
    ("预售定金100块没货了退多少", "100.00"),
    ("付了100元定金", "100.00"),
    ("定金¥100", "100.00"),
    ("定金￥99.5", "99.50"),
    ("一百元定金", "100.00"),
    ("定金 ¥66.6 尾款没付", "66.60"),
    ("交了50定金", "50.00"),
    ("定金是两百块", "200.00"),
])
def test_deposit_money_forms(question, deposit):
    assert inputs("deposit-refund", question)["deposit"] == deposit


def test_money_with_its_small_change_spoken_is_not_cut_short():
    assert "deposit" not in inputs("deposit-refund", "定金三十八块八 尾款没付")


def test_the_final_payment_is_never_taken_for_the_deposit():
    assert inputs("deposit-refund", "定金¥200,尾款800元")["deposit"] == "200.00"
    assert "deposit" not in inputs("deposit-refund", "定金100块和200块")


@pytest.mark.parametrize("question, expected", [
    ("付了定金50元,尾款还没付,买家同意取消,退多少",
     {"deposit": "50.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("尾款付了,调不到货,买家同意退款,定金一百元",
     {"deposit": "100.00", "stage": "after_final_payment", "buyer_agrees": True, "can_restock": False}),
    ("定金200块,已付尾款,能调到货,买家不同意",
     {"deposit": "200.00", "stage": "after_final_payment", "buyer_agrees": False, "can_restock": True}),
    ("交了50定金,还没付尾款,客户不答应", {"deposit": "50.00", "stage": "before_final_payment", "buyer_agrees": False}),
])
def test_deposit_refund_stages_and_yes_no_facts(question, expected):
    assert inputs("deposit-refund", question) == expected


def test_the_rules_own_wording_is_not_read_as_a_fact():
    assert "buyer_agrees" not in inputs("deposit-refund", "付了尾款,定金30,需要征得买家同意吗")


def test_agreeing_and_refusing_in_one_question_fills_neither():
    assert "buyer_agrees" not in inputs("deposit-refund", "定金30,买家同意了又说不同意")


def test_after_final_payment_without_restocking_asks_for_it():
    found = extract.calculation("deposit-refund", "定金30元,付了尾款,买家同意取消", NOON)
    assert not found["complete"]
    assert "can_restock" in [m["name"] for m in found["missing"]]


# --- delay-card and ship-deadline: times with roles -------------------------------------------

def test_delay_card_sent_yesterday_afternoon_is_pending():
    found = extract.calculation("delay-card", "卡片昨天下午3点发的,买家还没点,什么时候自动取消", NOON)
    assert found["inputs"] == {"sent_at": "2024-11-11T15:00"}
    assert found["result"]["state"] == "pending"
    assert found["now"] == "2024-11-12T12:00:00+08:00" and found["form"]["now"] == "2024-11-12T12:00"


def test_delay_card_accepted_reads_the_action_and_its_time():
    assert inputs("delay-card", "前天晚上10点给买家发了延迟发货卡片,买家今天上午9点点了接受") == {
        "sent_at": "2024-11-10T22:00", "buyer_action": "accept", "action_at": "2024-11-12T09:00"}


def test_not_clicked_is_not_an_acceptance():
    assert inputs("delay-card", "我11月10日 10:30发的卡片,客户还没点接受") == {"sent_at": "2024-11-10T10:30"}


def test_delay_card_across_midnight():
    found = extract.calculation("delay-card", "卡片昨晚11点发的,买家还没点", AFTER_MIDNIGHT)
    assert found["inputs"] == {"sent_at": "2024-11-11T23:00"}


def test_that_day_is_not_today():
    found = extract.calculation("delay-card", "双11那天晚上8点发的卡片", NOON)
    assert found["inputs"] == {} and [u["name"] for u in found["unclear"]] == ["sent_at"]


def test_two_send_times_fill_neither():
    found = extract.calculation("delay-card", "卡片昨天下午3点发的,又在今天上午8点发了一次", NOON)
    assert found["inputs"] == {} and [u["name"] for u in found["unclear"]] == ["sent_at"]


def test_ship_deadline_order_and_waybill_times():
    found = extract.calculation("ship-deadline", "昨天晚上8点下的单,运单号今天上午10点才上传,算延迟吗", NOON)
    assert found["inputs"] == {"order_time": "2024-11-11T20:00", "waybill_uploaded_at": "2024-11-12T10:00"}
    assert found["result"]["waybill_status"] == "met"


# --- the registry and the shape ---------------------------------------------------------------

def test_every_calculator_declares_its_extraction_in_the_registry():
    for calculator in REGISTRY.values():
        assert isinstance(calculator.extraction, Extraction)
        for cue in calculator.extraction.cues:
            assert calculator.field(cue.role) or cue.role in calculator.extraction.labels, cue.role
            cue.compile()


def test_a_question_without_numbers_gives_no_calculations():
    assert extract.calculations(list(REGISTRY), "预售商品有延迟发货处罚吗?", NOON) == []


def test_calculations_are_json_ready_and_the_form_takes_them():
    from kb.calculators import run

    question = "这周450单,48小时内揽收420单,延迟30单,卡片昨天下午3点发的"
    found = extract.calculations(["deduction", "delay-card"], question, NOON)
    assert [item["complete"] for item in found] == [True, True]
    for item in found:
        assert run(item["id"], item["form"], text=True, now=NOON)["result"] == item["result"]


def test_a_bound_is_not_a_rate():
    assert extract.calculation("deduction", "揽件及时率不到95%怎么扣分", NOON) is None
