"""Read a calculator's inputs from the merchant's question and compute with them when all are there.

“这周450单有30单48小时没揽收,扣几分” → orders 450, picked_up_within_48h 420,
delayed_orders 30 → 本周扣 7 分. Each calculator declares its cues in its own
module (`Calculator.extraction`, see kb.calculators.cues); this module applies
them. Conservative by construction: an input is filled only when exactly one
reading fits; a number two roles claim equally, a role given two different
values, a time that could be 03:00 or 15:00 — all stay empty. A result is
computed only when every required input was read.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, Iterable

from kb.calculators import REGISTRY, clock, numerals, when
from kb.calculators.cues import Cue
from kb.calculators.parse import _Bad, parse_value
from kb.calculators.spec import Calculator, CalculatorInputError, Field

# Merchants type spaces between clauses (本周订单800 48小时内揽收760): a space parts them,
# except inside a date and time (11月11日 10:30) and between a number and its unit (450 单).
_JOINED_SPACES = re.compile(r"(?<=[日号\d])\s+(?=\d{1,2}(?::\d{2}|点|时))|(?<=\d)\s+(?=[单笔个件元块%点时分天号月日])")
_SPACES = re.compile(r"\s+")
_MENTIONS = re.compile(rf"{when.TIME}|{numerals.NUMBER}")


def normalise(question: str) -> str:
    """Return the question as cues read it: NFKC (full-width to half-width), lower case, spaces as clause breaks."""
    text = unicodedata.normalize("NFKC", question).lower().strip()
    return _SPACES.sub(",", _JOINED_SPACES.sub("", text))


@lru_cache(maxsize=None)
def _compiled(cue: Cue) -> re.Pattern:
    return cue.compile()


@lru_cache(maxsize=None)
def _compiled_when(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _value(cue: Cue, match: re.Match, field: Field | None, now: datetime) -> Any:
    """Return the value a cue's match states, or None when its text states none."""
    if cue.kind == "fixed":
        return cue.value
    groups = match.groupdict()
    text = groups.get("v") or groups.get("w")
    if cue.kind == "time":
        moment = when.resolve(text, now, past=cue.past)
        return None if moment is None else when.text(moment)
    number = numerals.value(text)
    if number is None:
        return None
    if field is not None and field.type == "money":
        return number
    if cue.kind == "percent":
        return number
    return int(number) if number == number.to_integral_value() else None


def _mention_key(spans: list[tuple[int, int]], start: int, end: int) -> tuple:
    """Return the key of the number or time mention a value's span falls in (overlaps count as one)."""
    for left, right in spans:
        if left < end and start < right:
            return ("mention", left, right)
    return ("mention", start, end)


def read_roles(calculator: Calculator, text: str, now: datetime) -> tuple[dict, set]:
    """Return `({role: value}, unclear roles)` read from a normalised question by the calculator's cues."""
    spans = [m.span() for m in _MENTIONS.finditer(text)]
    claims: dict[tuple, list[tuple[int, str, Any]]] = {}
    for cue in calculator.extraction.cues:
        if cue.when and not _compiled_when(cue.when).search(text):
            continue
        field = calculator.field(cue.role)
        for match in _compiled(cue).finditer(text):
            if cue.kind == "fixed":
                key = ("fixed", cue.role, match.start())
            else:
                group = "v" if match.group("v") is not None else "w"
                key = _mention_key(spans, *match.span(group))
            claims.setdefault(key, []).append((cue.rank, cue.role, _value(cue, match, field, now)))
    values: dict[str, set] = {}
    unclear: set[str] = set()
    for found in claims.values():
        best = min(rank for rank, _, _ in found)
        winners = {(role, value) for rank, role, value in found if rank == best}
        roles = {role for role, _ in winners}
        if len(roles) > 1:
            unclear.update(roles)  # one number, two roles of equal standing: read neither
            continue
        role = roles.pop()
        for _, value in winners:
            if value is None:
                unclear.add(role)
            else:
                values.setdefault(role, set()).add(value)
    read = {}
    for role, found in values.items():
        if len(found) == 1 and role not in unclear:
            read[role] = found.pop()
        else:
            unclear.add(role)  # two different values for one role: read none
    return read, unclear


def _json(field: Field, value: Any) -> Any:
    """Return an input value as the API takes it (money as a 2-decimal string)."""
    if field.type == "money":
        return str(Decimal(value).quantize(Decimal("0.01")))
    return value


def _form_text(field: Field, value: Any) -> str:
    if field.type == "boolean":
        return "yes" if value else "no"
    return str(value)


def _shown(field: Field, value: Any) -> str:
    """Return an input value as the answer shows it (450, 100.00 元, 2024年11月11日 10:00, 支付尾款后)."""
    if field.type == "money":
        return f"{value} 元"
    if field.type == "boolean":
        return "是" if value else "否"
    if field.type == "choice":
        return field.choice_label(value) or str(value)
    if field.type == "datetime":
        return clock.human(datetime.fromisoformat(value).replace(tzinfo=clock.CHINA))
    return str(value)


def _valid(field: Field, value: Any) -> bool:
    try:
        parse_value(field, value, False)
    except _Bad:
        return False
    return True


def calculation(calculator_id: str, question: str, now: datetime | None = None) -> dict | None:
    """Return what the question says for one calculator, computed if complete; None if it says nothing.

    The dict is JSON-ready: `id`, `title`, `inputs` (read, as the API takes them),
    `read` (each with its Chinese label, shown value and how it was derived),
    `read_text`, `missing`, `unclear`, `complete`, `result`, `explanation`,
    `headline`, `note`, `now` (the time the question was asked, China time) and
    `form` (the inputs as a calculator form takes them in its URL).
    """
    calculator = REGISTRY[calculator_id]
    extraction = calculator.extraction
    if extraction is None:
        return None
    now = (now or clock.now()).astimezone(clock.CHINA)
    text = normalise(question)
    read, unclear = read_roles(calculator, text, now)
    derived = extraction.derive(dict(read), set(unclear)) if extraction.derive else {
        name: (value, "") for name, value in read.items() if calculator.field(name) is not None}
    inputs: dict[str, Any] = {}
    notes: dict[str, str] = {}
    for name, (value, note) in derived.items():
        field = calculator.field(name)
        if field is None or name in unclear:
            continue
        value = _json(field, value)
        if _valid(field, value):
            inputs[name] = value
            notes[name] = note
        else:
            unclear.add(name)
    note = extraction.note(read) if extraction.note else None
    if not inputs and not note and not any(calculator.field(name) for name in unclear):
        return None
    outcome, conflicts, wanted = _run(calculator, inputs, now)
    unclear.update(conflicts)
    return _shape(calculator, inputs, notes, unclear, outcome, conflicts, wanted, note, now)


def _run(calculator: Calculator, inputs: dict, now: datetime) -> tuple[dict | None, dict, list]:
    """Return (the output or None, {input: message} for inputs it refused, inputs it wants besides)."""
    from kb.calculators import run

    conflicts: dict[str, str] = {}
    for _ in range(3):
        missing = [f.name for f in calculator.fields if f.required and f.name not in inputs]
        if missing:
            return None, conflicts, []
        try:
            return run(calculator.id, inputs, now=now), conflicts, []
        except CalculatorInputError as err:
            refused = {name: msg for name, msg in err.fields.items() if name in inputs}
            if not refused:
                return None, conflicts, list(err.fields)  # it wants inputs the question did not state
            for name, message in refused.items():
                conflicts[name] = message
                del inputs[name]
    return None, conflicts, []


def _shape(calculator: Calculator, inputs: dict, notes: dict, unclear: set, outcome: dict | None,
           conflicts: dict, wanted: list, note: str | None, now: datetime) -> dict:
    read = []
    for field in calculator.fields:
        if field.name in inputs:
            read.append({"name": field.name, "label": field.label, "value": inputs[field.name],
                         "text": _shown(field, inputs[field.name]), "note": notes.get(field.name, "")})
    missing = [{"name": f.name, "label": f.label} for f in calculator.fields
               if f.name not in inputs and (f.required or f.name in wanted)]
    unclear_list = [{"name": f.name, "label": f.label, "message": conflicts.get(f.name, "问题里的说法不止一种读法")}
                    for f in calculator.fields if f.name in unclear and f.name not in inputs]
    parts = [f"{item['label']} {item['text']}" + (f"（{item['note']}）" if item["note"] else "") for item in read]
    headline = None
    if outcome is not None:
        make = calculator.extraction.headline
        headline = "按您的数字：" + (make(outcome["result"]) if make else outcome["result"].get("summary", ""))
    form = {name: _form_text(calculator.field(name), value) for name, value in inputs.items()}
    has_now = calculator.field("now") is not None
    if has_now and "now" not in form:
        form["now"] = when.text(now)
    return {
        "id": calculator.id,
        "title": calculator.title,
        "inputs": dict(inputs),
        "read": read,
        "read_text": ("已按：" + "、".join(parts)) if parts else "",
        "missing": missing,
        "unclear": unclear_list,
        "complete": outcome is not None,
        "result": None if outcome is None else outcome["result"],
        "explanation": [] if outcome is None else outcome["explanation"],
        "headline": headline,
        "note": note,
        "now": clock.iso(now.replace(second=0, microsecond=0)) if has_now else None,
        "form": form,
    }


def calculations(calculator_ids: Iterable[str], question: str, now: datetime | None = None) -> list[dict]:
    """Return a calculation for each calculator the question states something for, in the given order."""
    now = now or clock.now()
    found = []
    for calculator_id in calculator_ids:
        if calculator_id in REGISTRY:
            item = calculation(calculator_id, question, now)
            if item is not None:
                found.append(item)
    return found
