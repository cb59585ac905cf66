"""The presale out-of-stock rule of seed question 3, as tables."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.calculators import CalculatorInputError, deposit_refund, run

BEFORE, AFTER = "before_final_payment", "after_final_payment"

# (stage, buyer agrees, can restock) -> (outcome, refunds double), from seed 3 items 1 and 2.
OUTCOME_TABLE = [
    # "如果消费者同意,您应双倍返还消费者已支付的定金"
    (BEFORE, True, None, "cancel_double_refund", True),
    # "如客户不同意,您应按订单时效履约"
    (BEFORE, False, None, "fulfil_on_time", False),
    # "需调货的,告知客户商品的到货时间" and the buyer accepts it
    (AFTER, True, True, "ship_by_new_date", False),
    # "若客户不同意……商家提供的到货时间,平台将按延迟发货处理"
    (AFTER, False, True, "delayed_shipment", False),
    # "无法调货的,需明确征得消费者同意,并于24小时内提交删单申请,您应双倍返还"
    (AFTER, True, False, "cancel_double_refund", True),
    # "若客户不同意取消订单……平台将按延迟发货处理"
    (AFTER, False, False, "delayed_shipment", False),
]


@pytest.mark.parametrize("stage, agrees, restock, outcome, doubles", OUTCOME_TABLE)
def test_outcome_follows_the_seed_rule_table(stage, agrees, restock, outcome, doubles):
    result = deposit_refund.compute(Decimal("50.00"), stage, agrees, restock).result
    assert result["outcome"] == outcome
    assert result["refund"] == ("100.00" if doubles else None)


@pytest.mark.parametrize("deposit, refund", [
    ("0.01", "0.02"),
    ("0.1", "0.20"),
    ("1", "2.00"),
    ("33.33", "66.66"),
    ("99.99", "199.98"),
    ("50.5", "101.00"),
    ("100000000", "200000000.00"),
])
def test_refund_is_exactly_double_the_deposit_with_two_decimals(deposit, refund):
    out = run("deposit-refund", {"deposit": deposit, "stage": BEFORE, "buyer_agrees": True})
    assert out["result"]["refund"] == refund


def test_one_cent_deposit_arrives_as_a_json_number_and_refunds_two_cents():
    out = run("deposit-refund", {"deposit": 0.01, "stage": BEFORE, "buyer_agrees": True})
    assert out["result"]["refund"] == "0.02"
    assert out["result"]["deposit"] == "0.01"


def test_after_final_payment_without_restock_answer_is_an_input_error():
    with pytest.raises(CalculatorInputError) as caught:
        run("deposit-refund", {"deposit": "10", "stage": AFTER, "buyer_agrees": True})
    assert "can_restock" in caught.value.fields


def test_agreed_shipping_time_gives_the_phone_deadline_as_a_china_time_date():
    out = run("deposit-refund", {"deposit": "10", "stage": AFTER, "buyer_agrees": True,
                                 "can_restock": True, "agreed_ship_time": "2024-11-11T10:00"})
    assert out["result"]["contact_buyer_by"] == "2024-11-12T10:00:00+08:00"
    assert out["result"]["submit_deletion_by"] is None
    assert any("2024年11月12日 10:00" in step for step in out["explanation"])


def test_agreed_shipping_time_in_utc_is_shown_in_china_time():
    out = run("deposit-refund", {"deposit": "10", "stage": AFTER, "buyer_agrees": True,
                                 "can_restock": False, "agreed_ship_time": "2024-11-11T02:00:00Z"})
    assert out["result"]["contact_buyer_by"] == "2024-11-12T10:00:00+08:00"
    assert out["result"]["submit_deletion_by"] == "2024-11-12T10:00:00+08:00"


def test_without_agreed_shipping_time_the_deadlines_are_stated_in_words():
    out = run("deposit-refund", {"deposit": "10", "stage": AFTER, "buyer_agrees": True,
                                 "can_restock": False})
    assert out["result"]["contact_buyer_by"] is None
    text = " ".join(out["explanation"])
    assert "约定发货时间的24小时内电话联系消费者" in text
    assert "24小时内提交删单申请" in text


def test_after_final_payment_explanation_flags_the_ambiguous_seed():
    out = run("deposit-refund", {"deposit": "10", "stage": AFTER, "buyer_agrees": True,
                                 "can_restock": False, "agreed_ship_time": "2024-11-11T10:00"})
    text = " ".join(out["explanation"])
    assert "之前还是之后" in text
    assert "没有写明从何时起算" in text
    assert "尾款如何退回，原文没有说明" in text


@pytest.mark.parametrize("stage, agrees, restock, quote", [
    (BEFORE, True, None, "您可主动与消费者协商终止订单"),
    (AFTER, False, False, "平台将按延迟发货处理"),
])
def test_explanation_quotes_the_seed_rule(stage, agrees, restock, quote):
    steps = deposit_refund.compute(Decimal("1.00"), stage, agrees, restock).explanation
    assert any(quote in step for step in steps)


def test_before_final_payment_ignores_restock_and_says_so():
    steps = deposit_refund.compute(Decimal("1.00"), BEFORE, False, True).explanation
    assert any("未使用" in step for step in steps)


def test_run_links_the_presale_article():
    out = run("deposit-refund", {"deposit": "1", "stage": BEFORE, "buyer_agrees": False})
    assert out["articles"] == ["presale-out-of-stock"]


cents = st.integers(1, 10_000_000_000).map(lambda n: Decimal(n) / 100)


@settings(deadline=None)
@given(cents, st.sampled_from([BEFORE, AFTER]), st.booleans(), st.booleans())
def test_refund_is_always_exactly_twice_the_deposit_or_null(deposit, stage, agrees, restock):
    result = deposit_refund.compute(deposit.quantize(Decimal("0.01")), stage, agrees, restock).result
    if result["refund"] is None:
        assert result["outcome"] != "cancel_double_refund"
    else:
        assert result["outcome"] == "cancel_double_refund"
        assert Decimal(result["refund"]) == deposit * 2
        assert len(result["refund"].split(".")[1]) == 2
