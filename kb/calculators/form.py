"""Inputs a question gives the way the calculator's form or API names them.

Merchants paste what a form or a script shows: `orders=2045, delayed_orders=31`,
`sent: 2024-01-14 08:00 / buyer: 未点击`, `订单阶段：支付尾款后`, `消费者是否同意：否`.
A label is a field's own name (or the start of it up to an underscore: `sent`,
`waybill`), or its Chinese label as the form shows it; the value after `:` (the
normalised `=`/`：`) is read as the field's type reads it. Anything else is left
to the phrasing cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kb.calculators import numerals, when
from kb.calculators.spec import Calculator, Field

# A label and its colon: an English name (not inside a word or a time such as 08:00), or any
# Chinese label up to the colon (and its unit in brackets: 已支付的定金(元):).
_LABEL = re.compile(r"(?<![a-z0-9_])(?P<name>[a-z][a-z0-9_]*)\s?:|(?P<cn>[\u4e00-\u9fff]{2,12})(?:\([\u4e00-\u9fff]{1,3}\))?:")
# Where a value ends: a clause break, or the next label.
_END = re.compile(r"[,;|。!?]|/?\s?(?<![a-z0-9_])[a-z][a-z0-9_]*\s?:|/(?=[\u4e00-\u9fff])")
_UNITS = re.compile(r"(?:单|笔|个|件|元整|元|块钱|块|rmb|人民币|¥)+")
_UNIT_NOTE = re.compile(r"[（(].*?[）)]$")  # 已支付的定金（元）
_YES = {"是", "是的", "对", "有", "能", "可以", "同意", "yes", "y", "true", "ok", "1"}
_NO = {"否", "不", "不是", "没", "没有", "无", "未", "不能", "不可以", "不同意", "no", "n", "false", "0"}


@dataclass(frozen=True)
class Stated:
    """One input a form-like label states: its value and where the value stands in the text."""

    name: str
    value: Any
    start: int
    end: int


def labels(calculator: Calculator) -> dict[str, Field]:
    """Return {label: field} for every label the calculator's fields go by (worked out once)."""
    if calculator.id not in _LABELS:
        _LABELS[calculator.id] = _labels_of(calculator)
    return _LABELS[calculator.id]


_LABELS: dict[str, dict[str, Field]] = {}


def _labels_of(calculator: Calculator) -> dict[str, Field]:
    """Return {label: field}: each field's name, each start of the name that ends at an underscore
    and starts no other field's name (`sent` for sent_at), and its Chinese label without the unit
    in brackets.
    """
    labels: dict[str, Field] = {}
    shared: set[str] = set()
    for field in calculator.fields:
        labels[field.name] = field
        parts = field.name.split("_")
        for size in range(1, len(parts)):
            short = "_".join(parts[:size])
            if short in labels and labels[short] is not field:
                shared.add(short)
            labels.setdefault(short, field)
        labels[_UNIT_NOTE.sub("", field.label)] = field
    for short in shared:
        if short not in {field.name for field in calculator.fields}:
            del labels[short]
    return labels


def _value(calculator: Calculator, field: Field, text: str, now) -> Any:
    """Return the value `text` gives the field, or None when it gives none or an unclear one."""
    if field.type in ("integer", "money"):
        number = numerals.value(_UNITS.sub("", text))
        if number is None:
            return None
        if field.type == "money":
            return number
        return int(number) if number == number.to_integral_value() else None
    if field.type == "boolean":
        return True if text in _YES else False if text in _NO else None
    if field.type == "choice":
        for choice in field.choices:
            if text in (choice.value, choice.label):
                return choice.value
        found = [choice.value for choice in field.choices if len(text) >= 2 and text in choice.label]
        return found[0] if len(found) == 1 else None
    if field.type == "datetime":
        found = when.readings(text, now, past=_past(calculator, field.name), near=field.name == "now")
        return when.text(found[0]) if len(found) == 1 else None
    return None


def _past(calculator: Calculator, name: str) -> bool:
    """Whether the calculator's cues read the time input `name` as something already happened."""
    cues = [cue for cue in calculator.extraction.cues if cue.role == name and cue.kind == "time"]
    return bool(cues) and all(cue.past for cue in cues)


def stated(calculator: Calculator, text: str, now) -> list[Stated]:
    """Return the inputs the normalised question states as `label: value`."""
    if ":" not in text:
        return []
    known = labels(calculator)
    found = []
    for label in _LABEL.finditer(text):
        name = label["name"]
        if name is not None:
            field = known.get(name)
        else:
            cn = label["cn"]
            field = next((known[cn[at:]] for at in range(len(cn) - 1) if cn[at:] in known), None)
        if field is None:
            continue
        end = _END.search(text, label.end())
        stop = end.start() if end else len(text)
        raw = text[label.end():stop].strip()
        value = _value(calculator, field, raw, now) if raw else None
        if value is not None:
            start = label.end() + text[label.end():stop].index(raw)
            found.append(Stated(field.name, value, start, start + len(raw)))
    return found
