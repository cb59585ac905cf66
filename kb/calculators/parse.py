"""Turn raw inputs (JSON values from the API, strings from a form or the CLI) into typed values."""

from __future__ import annotations

import math
import re
from datetime import datetime
from decimal import Decimal
from typing import Any, Mapping

from kb.calculators import times
from kb.calculators.spec import MAX_COUNT, MAX_MONEY, MAX_TEXT, Calculator, CalculatorInputError, Field

CENT = Decimal("0.01")

TRUE_WORDS = {"yes", "y", "true", "1", "on", "是"}
FALSE_WORDS = {"no", "n", "false", "0", "off", "否"}
_INT_TEXT = re.compile(r"[+-]?\d+")
_DECIMAL_TEXT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_NOT_FINITE = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}

NOT_FINITE_MSG = "不能是 NaN 或无穷大"


class _Bad(Exception):
    """Raised inside this module when one value is unusable; carries the Chinese message."""


def _is_missing(raw: Any) -> bool:
    # An empty string is how a blank form field (or a cleared widget input) arrives.
    return raw is None or (isinstance(raw, str) and raw.strip() == "")


def _text(raw: str) -> str:
    value = raw.strip()
    if len(value) > MAX_TEXT:
        raise _Bad(f"内容过长，最多 {MAX_TEXT} 个字符")
    return value


def parse_integer(raw: Any, text: bool) -> int:
    """Return a non-negative count; raises _Bad with a Chinese message."""
    if isinstance(raw, bool):
        raise _Bad("应为整数，不能是 true/false")
    if isinstance(raw, str):
        if not text:
            raise _Bad("应为数字，不能是文字")
        value = _text(raw)
        if value.lower() in _NOT_FINITE:
            raise _Bad(NOT_FINITE_MSG)
        if _DECIMAL_TEXT.fullmatch(value) and not _INT_TEXT.fullmatch(value):
            raise _Bad("应为整数，不能有小数")
        if not _INT_TEXT.fullmatch(value):
            raise _Bad("请填写整数")
        number = int(value)
    elif isinstance(raw, int):
        number = raw
    elif isinstance(raw, (float, Decimal)):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise _Bad(NOT_FINITE_MSG)
        if isinstance(raw, Decimal) and not raw.is_finite():
            raise _Bad(NOT_FINITE_MSG)
        # copy_abs, not abs(): abs() rounds in the decimal context, which
        # overflows for exponents past its limit (1e1000000).
        magnitude = raw.copy_abs() if isinstance(raw, Decimal) else abs(raw)
        if magnitude > MAX_COUNT:
            raise _Bad(f"数值过大，不能超过 {MAX_COUNT}")
        if raw != int(raw):
            raise _Bad("应为整数，不能有小数")
        number = int(raw)
    else:
        raise _Bad("应为整数")
    if number < 0:
        raise _Bad("不能是负数")
    if number > MAX_COUNT:
        raise _Bad(f"数值过大，不能超过 {MAX_COUNT}")
    return number


def parse_money(raw: Any, text: bool) -> Decimal:
    """Return a positive amount in yuan with at most 2 decimals; raises _Bad."""
    if isinstance(raw, bool):
        raise _Bad("应为金额数字，不能是 true/false")
    if isinstance(raw, str):
        value = _text(raw)
        if value.lower() in _NOT_FINITE:
            raise _Bad(NOT_FINITE_MSG)
        if not _DECIMAL_TEXT.fullmatch(value):
            raise _Bad("请填写金额数字（单位：元），如 99.50")
        amount = Decimal(value)
    elif isinstance(raw, int):
        amount = Decimal(raw)
    elif isinstance(raw, float):
        if not math.isfinite(raw):
            raise _Bad(NOT_FINITE_MSG)
        # repr() is the shortest text that round-trips, so 19.99 stays 19.99.
        amount = Decimal(repr(raw))
    elif isinstance(raw, Decimal):
        amount = raw
    else:
        raise _Bad("应为金额数字（单位：元）")
    if not amount.is_finite():
        raise _Bad(NOT_FINITE_MSG)
    if amount < 0:
        raise _Bad("不能是负数")
    if amount > MAX_MONEY:
        raise _Bad("金额过大，不能超过 1 亿元")
    if amount == 0:
        raise _Bad("必须大于 0")
    if amount != amount.quantize(CENT):
        raise _Bad("最多两位小数（精确到分）")
    return amount.quantize(CENT)


def parse_datetime(raw: Any, text: bool) -> datetime:
    """Return an aware datetime in China time, read by the one accepted format (`times`)."""
    if not isinstance(raw, str):
        raise _Bad(f"应为文字形式的时间，格式 {times.SYNTAX}，如 {times.EXAMPLE}")
    # No separate length check: the format is at most 32 characters, so longer text
    # gets the format message, with its example.
    try:
        return times.read_time(raw)
    except ValueError as bad:
        raise _Bad(str(bad)) from None


def parse_boolean(raw: Any, text: bool) -> bool:
    """Return True or False; JSON needs true/false, text accepts yes/no, 是/否 and the like."""
    if isinstance(raw, bool):
        return raw
    if text and isinstance(raw, str):
        word = _text(raw).lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise _Bad("请填写 是 或 否（yes/no）")
    raise _Bad("应为 true 或 false")


def parse_choice(field: Field, raw: Any) -> str:
    """Return one of the field's choice values; raises _Bad listing the allowed ones."""
    if not isinstance(raw, str):
        raise _Bad(f"应为文字选项，可选：{field.accepts}")
    value = _text(raw)
    if field.choice_label(value) is None:
        raise _Bad(f"未知的选项「{value}」，可选：{field.accepts}")
    return value


def parse_value(field: Field, raw: Any, text: bool) -> Any:
    """Return the typed value of one present input; raises _Bad."""
    if field.type == "integer":
        return parse_integer(raw, text)
    if field.type == "money":
        return parse_money(raw, text)
    if field.type == "datetime":
        return parse_datetime(raw, text)
    if field.type == "boolean":
        return parse_boolean(raw, text)
    return parse_choice(field, raw)


def form_text(field: Field, raw: Any) -> str:
    """Return a raw value as a form shows it back: normalised if it parses, as typed if not."""
    if _is_missing(raw):
        return ""
    text = raw.strip() if isinstance(raw, str) else str(raw)
    try:
        value = parse_value(field, text, True)
    except _Bad:
        return text
    if field.type == "datetime":
        # datetime-local inputs take China wall-clock time without an offset.
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if field.type == "boolean":
        return "yes" if value else "no"
    return text


def parse_inputs(calculator: Calculator, raw: Mapping[str, Any], *, text: bool = False,
                 allow_unknown: bool = False) -> dict[str, Any]:
    """Return typed values for every input of `calculator`; raises CalculatorInputError.

    `text=True` reads every value as a string (form, CLI); otherwise JSON types are
    required. Unknown names are errors unless `allow_unknown` (a page URL may carry extras).
    """
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    known = {f.name for f in calculator.fields}
    if not allow_unknown:
        for name in raw:
            if name not in known:
                errors[str(name)] = "未知的输入项"
    for field in calculator.fields:
        item = raw.get(field.name)
        if _is_missing(item):
            if field.required:
                errors[field.name] = "必填"
            else:
                values[field.name] = field.default
            continue
        try:
            values[field.name] = parse_value(field, item, text)
        except _Bad as bad:
            errors[field.name] = str(bad)
    if errors:
        raise CalculatorInputError(errors)
    return values
