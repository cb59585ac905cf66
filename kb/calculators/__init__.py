"""Rule calculators: one registry drives the JSON API, the HTML forms, the CLI and the docs.

Use `run(id, raw_inputs)` to parse, validate and compute in one step; it returns
`{"result", "explanation", "articles"}` or raises `CalculatorInputError`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Mapping

from kb.calculators import clock, deduction, delay_card, deposit_refund, ship_deadline
from kb.calculators.parse import form_text, parse_inputs
from kb.calculators.spec import Calculator, CalculatorInputError, Choice, Field, Outcome, Output

__all__ = [
    "REGISTRY", "Calculator", "CalculatorInputError", "Choice", "Field", "Outcome", "Output",
    "UnknownCalculator", "describe", "display", "form_text", "get", "ids", "links", "parse_inputs", "run",
]

# Listing order is the order pages and the API show them in.
REGISTRY: dict[str, Calculator] = {
    c.id: c for c in (
        deduction.CALCULATOR,
        deposit_refund.CALCULATOR,
        delay_card.CALCULATOR,
        ship_deadline.CALCULATOR,
    )
}


class UnknownCalculator(KeyError):
    """Raised when a calculator id is not in the registry."""


def ids() -> list[str]:
    """Return the ids of all calculators, in listing order."""
    return list(REGISTRY)


def get(calculator_id: str) -> Calculator:
    """Return the calculator with this id; raises UnknownCalculator."""
    try:
        return REGISTRY[calculator_id]
    except KeyError:
        raise UnknownCalculator(calculator_id) from None


def links(calculator_ids: Iterable[str]) -> list[dict]:
    """Return `{"id", "title"}` for each known id, in the given order, skipping unknown ones."""
    return [
        {"id": c.id, "title": c.title}
        for c in (REGISTRY.get(i) for i in calculator_ids) if c is not None
    ]


def cited_articles() -> dict[str, tuple[str, ...]]:
    """Return each calculator's id with the ids of the articles it cites."""
    return {c.id: c.articles for c in REGISTRY.values()}


def describe() -> list[dict]:
    """Return every calculator with its inputs as JSON-ready data."""
    return [c.describe() for c in REGISTRY.values()]


def run(calculator_id: str, raw: Mapping[str, Any], *, text: bool = False,
        allow_unknown: bool = False, now: datetime | None = None) -> dict:
    """Parse raw inputs, compute, and return `{"result", "explanation", "articles"}`.

    `now` stands in for the clock when an optional `now` input is left out.
    Raises UnknownCalculator or CalculatorInputError.
    """
    calculator = get(calculator_id)
    values = parse_inputs(calculator, raw, text=text, allow_unknown=allow_unknown)
    if "now" in values and values["now"] is None:
        values["now"] = (now or clock.now()).astimezone(clock.CHINA)
    outcome = calculator.compute(**values)
    return {
        "result": outcome.result,
        "explanation": list(outcome.explanation),
        "articles": list(calculator.articles),
    }


def display(calculator_id: str, result: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Return (Chinese label, Chinese text) rows for a result's headline outputs."""
    calculator = get(calculator_id)
    rows = []
    for output in calculator.outputs:
        value = result.get(output.name)
        if value in output.values:
            text = output.values[value]
        elif value is None:
            text = "—"
        elif isinstance(value, bool):
            text = "是" if value else "否"
        elif output.kind == "time":
            text = clock.human(datetime.fromisoformat(value))
        else:
            text = str(value)
        rows.append((output.label, text))
    return rows
