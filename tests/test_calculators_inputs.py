"""Input parsing and validation shared by every calculator, and the registry helpers."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kb.calculators as calculators
from kb.calculators import CalculatorInputError, UnknownCalculator, links, parse_inputs, run

DEDUCTION = {"orders": 60, "picked_up_within_48h": 57, "delayed_orders": 3}
DEPOSIT = {"deposit": "50.00", "stage": "before_final_payment", "buyer_agrees": True}
CARD = {"sent_at": "2024-11-11T10:00", "now": "2024-11-11T12:00"}
SHIP = {"order_time": "2024-11-11T10:00", "now": "2024-11-11T12:00"}


def errors_of(calculator_id, raw, **kwargs) -> dict:
    with pytest.raises(CalculatorInputError) as caught:
        run(calculator_id, raw, **kwargs)
    assert caught.value.message
    return caught.value.fields


def with_value(base, name, value):
    raw = dict(base)
    raw[name] = value
    return raw


@pytest.mark.parametrize("calculator_id, base, name", [
    ("deduction", DEDUCTION, "orders"),
    ("deduction", DEDUCTION, "delayed_orders"),
    ("deposit-refund", DEPOSIT, "deposit"),
    ("deposit-refund", DEPOSIT, "stage"),
    ("deposit-refund", DEPOSIT, "buyer_agrees"),
    ("delay-card", CARD, "sent_at"),
    ("ship-deadline", SHIP, "order_time"),
])
@pytest.mark.parametrize("missing", ["absent", None, "", "  "])
def test_a_missing_required_field_is_reported_as_required(calculator_id, base, name, missing):
    raw = dict(base)
    if missing == "absent":
        del raw[name]
    else:
        raw[name] = missing
    assert errors_of(calculator_id, raw) == {name: "必填"}


@pytest.mark.parametrize("value, message", [
    ("60", "不能是文字"),
    (True, "true/false"),
    ([60], "应为整数"),
    ({"n": 60}, "应为整数"),
    (2.5, "不能有小数"),
    (Decimal("2.5"), "不能有小数"),
    (-1, "不能是负数"),
    (10**12, "数值过大"),
    pytest.param(10**5000, "数值过大", id="5000-digit-integer"),
    (float("nan"), "NaN"),
    (float("inf"), "NaN"),
    (Decimal("NaN"), "NaN"),
    (Decimal("-Infinity"), "NaN"),
    (1e300, "数值过大"),
])
def test_bad_json_counts_are_rejected_with_a_chinese_message(value, message):
    fields = errors_of("deduction", with_value(DEDUCTION, "orders", value))
    assert message in fields["orders"]


@pytest.mark.parametrize("value, message", [
    ("2.5", "不能有小数"),
    ("-3", "不能是负数"),
    ("六十", "请填写整数"),
    ("1e3", "请填写整数"),
    ("NaN", "NaN"),
    ("Infinity", "NaN"),
    ("9" * 30, "数值过大"),
    ("9" * 100, "内容过长"),
])
def test_bad_text_counts_are_rejected_with_a_chinese_message(value, message):
    raw = {name: str(v) for name, v in DEDUCTION.items()}
    raw["orders"] = value
    assert message in errors_of("deduction", raw, text=True)["orders"]


@pytest.mark.parametrize("value", [60, 60.0, Decimal("60"), Decimal("60.000")])
def test_whole_json_numbers_are_accepted_as_counts(value):
    assert run("deduction", with_value(DEDUCTION, "orders", value))["result"]["orders"] == 60


def test_text_counts_are_trimmed_and_accepted():
    raw = {"orders": " 60 ", "picked_up_within_48h": "57", "delayed_orders": "+3"}
    assert run("deduction", raw, text=True)["result"]["points"] == 3


@pytest.mark.parametrize("value, message", [
    ("0.001", "最多两位小数"),
    (0.001, "最多两位小数"),
    (Decimal("1.005"), "最多两位小数"),
    ("-1", "不能是负数"),
    (-0.01, "不能是负数"),
    ("0", "必须大于 0"),
    (0, "必须大于 0"),
    ("abc", "请填写金额数字"),
    ("¥50", "请填写金额数字"),
    ("1,000", "请填写金额数字"),
    ("NaN", "NaN"),
    ("Infinity", "NaN"),
    (float("nan"), "NaN"),
    (Decimal("Infinity"), "NaN"),
    (1e12, "金额过大"),
    ("100000000.01", "金额过大"),
    (Decimal("1E+100000"), "金额过大"),
    (True, "true/false"),
    ([50], "应为金额数字"),
])
def test_bad_money_is_rejected_with_a_chinese_message(value, message):
    fields = errors_of("deposit-refund", with_value(DEPOSIT, "deposit", value))
    assert message in fields["deposit"]


@pytest.mark.parametrize("value, deposit", [
    (19.99, "19.99"),
    ("19.990", "19.99"),
    (Decimal("0.01"), "0.01"),
    (50, "50.00"),
    (" 7.5 ", "7.50"),
    ("100000000", "100000000.00"),
])
def test_good_money_is_read_exactly(value, deposit):
    assert run("deposit-refund", with_value(DEPOSIT, "deposit", value))["result"]["deposit"] == deposit


@pytest.mark.parametrize("value, message", [
    ("2024-13-01T10:00", "没有这个日期或时间"),
    ("2024-11-31T10:00", "没有这个日期或时间"),
    ("yesterday", "时间格式不正确"),
    ("2024-11-11", "请同时填写日期和时间"),
    ("1999-12-31T23:59:59", "年份应在"),
    ("9999-12-31T23:59:59", "年份应在"),
    (1731290400, "应为文字形式的时间"),
    (["2024-11-11T10:00"], "应为文字形式的时间"),
])
def test_bad_times_are_rejected_with_a_chinese_message_showing_an_example(value, message):
    got = errors_of("delay-card", with_value(CARD, "sent_at", value))["sent_at"]
    assert message in got
    assert "2024-11-11T10:00" in got


# Issue 14: text that datetime.fromisoformat used to accept (and sometimes misread).
@pytest.mark.parametrize("value", [
    "2024-11-11T10,5",            # ISO decimal hour (10:30), was read as 10:00:00.5
    "2024-11-11T10:30.5",         # ISO decimal minute (10:30:30), was read as 10:30:00.5
    "2024-11-11T10:00+08:60",     # offset minutes above 59, was read as +09:00
    "2024-11-11T10:00+08:00:60",  # offset with seconds
    "2024-11-11-10:00",           # looks like a -10:00 offset, was read as 10:00 China time
    "2024-11-11X10:00",
    "2024-11-11中10:00",
    "2024-11-11_10:00",
    "2024-11-11t10:00",
    "2024-11-11T10:00:00.+08:00", # a dot without digits
    "2024-11-11T10:00:00.Z",
    "2024-W46-1",                 # week date without a time, was read as midnight
    "2024-W46",                   # week date without a day
])
def test_time_text_outside_the_one_accepted_form_is_refused(value):
    got = errors_of("delay-card", with_value(CARD, "sent_at", value))
    assert list(got) == ["sent_at"]
    assert "2024-11-11T10:00" in got["sent_at"]


def test_a_decimal_hour_order_time_is_refused_rather_than_judged_missed():
    raw = {"order_time": "2024-11-11T10,5", "waybill_uploaded_at": "2024-11-12T10:15",
           "now": "2024-11-13T12:00"}
    assert list(errors_of("ship-deadline", raw)) == ["order_time"]


def test_a_decimal_minute_card_time_is_refused_rather_than_cancelled():
    raw = {"sent_at": "2024-11-11T10:30.5", "now": "2024-11-13T10:30:10"}
    assert list(errors_of("delay-card", raw)) == ["sent_at"]


def test_overlong_text_is_refused_naming_the_published_limit():
    from kb.calculators.spec import MAX_TEXT

    raw = {name: str(v) for name, v in DEDUCTION.items()}
    raw["orders"] = "9" * (MAX_TEXT + 1)
    assert f"最多 {MAX_TEXT} 个字符" in errors_of("deduction", raw, text=True)["orders"]
    for calc in calculators.describe():
        for field in calc["inputs"]:
            assert field["constraints"]["max_length"] == MAX_TEXT


@pytest.mark.parametrize("value, shown", [
    ("2024-11-11T10:00", "2024-11-11T10:00:00+08:00"),
    ("2024-11-11 10:00:00", "2024-11-11T10:00:00+08:00"),
    ("2024-11-11T02:00:00Z", "2024-11-11T10:00:00+08:00"),
    ("2024-11-11T03:00:00+01:00", "2024-11-11T10:00:00+08:00"),
])
def test_times_are_iso_8601_with_china_time_as_default_and_shown_in_china_time(value, shown):
    assert run("delay-card", with_value(CARD, "sent_at", value))["result"]["sent_at"] == shown


@pytest.mark.parametrize("value", ["yes", "y", "true", "1", "是", "ON"])
def test_text_yes_words_are_true(value):
    raw = {"deposit": "10", "stage": "before_final_payment", "buyer_agrees": value}
    assert run("deposit-refund", raw, text=True)["result"]["outcome"] == "cancel_double_refund"


@pytest.mark.parametrize("value", ["no", "n", "false", "0", "否", "Off"])
def test_text_no_words_are_false(value):
    raw = {"deposit": "10", "stage": "before_final_payment", "buyer_agrees": value}
    assert run("deposit-refund", raw, text=True)["result"]["outcome"] == "fulfil_on_time"


@pytest.mark.parametrize("value, text", [("yes", False), (1, False), ("maybe", True), (0, False)])
def test_bad_booleans_are_rejected(value, text):
    raw = with_value(DEPOSIT, "buyer_agrees", value)
    assert "buyer_agrees" in errors_of("deposit-refund", raw, text=text)


@pytest.mark.parametrize("value, message", [
    ("during_presale", "未知的选项「during_presale」"),
    ("BEFORE_FINAL_PAYMENT", "未知的选项"),
    (1, "应为文字选项"),
])
def test_unknown_enum_values_are_rejected_listing_the_choices(value, message):
    message_got = errors_of("deposit-refund", with_value(DEPOSIT, "stage", value))["stage"]
    assert message in message_got
    assert "before_final_payment（支付尾款前）" in message_got


def test_unknown_fields_are_rejected_unless_allowed():
    raw = with_value(DEDUCTION, "order", 60)
    assert errors_of("deduction", raw) == {"order": "未知的输入项"}
    assert run("deduction", raw, allow_unknown=True)["result"]["points"] == 3


def test_all_field_errors_are_reported_at_once():
    fields = errors_of("deduction", {"orders": -1, "picked_up_within_48h": 2.5})
    assert set(fields) == {"orders", "picked_up_within_48h", "delayed_orders"}


def test_the_input_error_is_a_value_error_with_a_chinese_message_and_fields():
    error = CalculatorInputError({"orders": "必填"})
    assert isinstance(error, ValueError)
    assert error.fields == {"orders": "必填"}
    assert error.code == "invalid_input"
    assert "输入有误" in error.message
    assert "Raised when" in CalculatorInputError.__doc__


def test_an_unknown_calculator_raises_unknown_calculator():
    with pytest.raises(UnknownCalculator):
        run("penalty", {})


def test_ids_are_the_four_calculators_in_listing_order():
    assert calculators.ids() == ["deduction", "deposit-refund", "delay-card", "ship-deadline"]


def test_links_give_id_and_title_and_skip_unknown_ids():
    # Web addresses are the web layer's (webapp/links.py), not the registry's.
    assert links(["delay-card", "nope", "deduction"]) == [
        {"id": "delay-card", "title": "延迟发货卡片状态"},
        {"id": "deduction", "title": "延迟发货扣分"},
    ]
    assert links([]) == []


@pytest.mark.parametrize("calculator_id, articles", [
    ("deduction", ["shipping-warning"]),
    ("deposit-refund", ["presale-out-of-stock"]),
    ("delay-card", ["delay-card", "delay-card-send-limit", "send-delay-card-in-chat",
                    "emergency-delay-report"]),
    ("ship-deadline", ["shipping-warning"]),
])
def test_each_calculator_rests_on_its_articles(calculator_id, articles):
    assert calculators.get(calculator_id).describe()["articles"] == articles


def test_descriptions_are_json_ready_and_complete():
    described = calculators.describe()
    json.dumps(described)
    for calc in described:
        assert calc["title"] and calc["description"] and "url" not in calc
        for field in calc["inputs"]:
            assert {"name", "type", "label", "help", "required", "constraints"} <= set(field)
            assert field["label"] and field["help"]
            if field["type"] in ("choice", "boolean"):
                assert all(choice["label"] for choice in field["choices"])


plausible = st.sampled_from([
    "2024-11-11T10:00", "2024-11-13T10:00:00+08:00", "2024-11-11T02:00:00Z", "accept", "reject",
    "before_final_payment", "after_final_payment", "yes", "no", "12.34", "0.001", "57", "-1",
])
leaves = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | plausible
    | st.sampled_from([Decimal("NaN"), Decimal("Infinity"), Decimal("1E+100000"), Decimal("0.001"),
                       Decimal("12.34"), Decimal("60")])
)
json_values = leaves | st.lists(leaves, max_size=2) | st.dictionaries(st.text(max_size=3), leaves, max_size=2)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(calculators.ids()), st.dictionaries(
    st.sampled_from(["orders", "picked_up_within_48h", "delayed_orders", "deposit", "stage",
                     "buyer_agrees", "can_restock", "agreed_ship_time", "sent_at", "now",
                     "buyer_action", "action_at", "order_time", "waybill_uploaded_at",
                     "picked_up_at", "x"]),
    json_values, max_size=6), st.booleans())
def test_any_input_gives_a_result_or_an_input_error_never_a_crash(calculator_id, raw, text):
    if text:
        raw = {k: v if isinstance(v, str) else str(v) for k, v in raw.items()}
    try:
        out = run(calculator_id, raw, text=text)
    except CalculatorInputError as error:
        assert error.fields and all(isinstance(m, str) and m for m in error.fields.values())
    else:
        json.dumps(out, ensure_ascii=False)


def test_parse_inputs_returns_typed_values():
    values = parse_inputs(calculators.get("deposit-refund"), DEPOSIT)
    assert values == {"deposit": Decimal("50.00"), "stage": "before_final_payment",
                      "buyer_agrees": True, "can_restock": None, "agreed_ship_time": None}


def test_the_markdown_reference_is_generated_from_the_registry():
    from kb.calculators import docs

    text = docs.markdown()
    for calc in calculators.REGISTRY.values():
        assert f"`{calc.id}`" in text
        assert all(f"`{field.name}`" in text for field in calc.fields)
