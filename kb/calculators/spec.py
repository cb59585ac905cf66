"""The data that describes a calculator once: its fields, outputs and linked articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable

from kb.calculators import times
from kb.calculators.times import MAX_YEAR, MIN_YEAR

# The field types a calculator input can have; the API, form and CLI all key on these.
FIELD_TYPES = ("integer", "money", "datetime", "boolean", "choice")

# Bounds shared by every field of a type; they keep arithmetic sane and catch
# typos such as an extra row of zeros.
MAX_COUNT = 10_000_000
MIN_MONEY = Decimal("0.01")
MAX_MONEY = Decimal("100000000")
# Longest text value (after trimming surrounding spaces) worth parsing; no good value comes near it.
MAX_TEXT = 64

# The one wording of each field type and of the values it accepts, shown by the
# API (`accepts`), the forms, `kb calc --help` and the Markdown reference.
TYPE_NAMES = {
    "integer": "非负整数",
    "money": "金额（元）",
    "datetime": "时间",
    "boolean": "是/否",
    "choice": "选项",
}
ACCEPTS = {
    "integer": f"0 到 {MAX_COUNT}",
    "money": f"{MIN_MONEY} 到 {MAX_MONEY} 元，最多两位小数，如 99.50",
    "datetime": f"{times.SYNTAX}，如 {times.EXAMPLE} 或 {times.EXAMPLES[2]}；不带时区按北京时间",
    "boolean": "JSON 用 true/false；表单和命令行用 yes/no 或 是/否",
    "choice": "",
}
INPUT_NOTE = f"每项最多 {MAX_TEXT} 个字符（首尾空格不计）。"
TIME_NOTE = f"时间的写法：{times.DESCRIPTION}；年份 {MIN_YEAR}–{MAX_YEAR}。"


class CalculatorInputError(ValueError):
    """Raised when calculator inputs are missing, malformed or contradict each other.

    `fields` maps each offending input name to a Chinese message fit to show next
    to that input; `message` is a Chinese sentence for the whole request.
    """

    code = "invalid_input"

    def __init__(self, fields: dict[str, str], message: str = "输入有误，请检查标出的项目"):
        super().__init__(message)
        self.fields = dict(fields)
        self.message = message


@dataclass(frozen=True)
class Choice:
    """One allowed value of a `choice` (or `boolean`) field, with its Chinese label."""

    value: str
    label: str


@dataclass(frozen=True)
class Field:
    """One input of a calculator."""

    name: str
    type: str
    label: str
    help: str = ""
    required: bool = True
    default: Any = None
    choices: tuple[Choice, ...] = ()
    placeholder: str = ""
    # What leaving an optional field empty means, shown as the blank choice in forms.
    empty_label: str = ""

    def __post_init__(self):
        if self.type not in FIELD_TYPES:
            raise ValueError(f"unknown field type {self.type!r} for {self.name!r}")

    def describe(self) -> dict:
        """Return this field as JSON-ready data for the API and docs."""
        data: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "label": self.label,
            "help": self.help,
            "required": self.required,
            "default": self.default,
            "accepts": self.accepts,
        }
        if self.empty_label:
            data["empty_label"] = self.empty_label
        data["constraints"] = self.constraints
        if self.choices:
            data["choices"] = [{"value": c.value, "label": c.label} for c in self.choices]
        elif self.type == "boolean":
            data["choices"] = [{"value": True, "label": "是"}, {"value": False, "label": "否"}]
        return data

    @property
    def constraints(self) -> dict:
        """Return the limits this input's type publishes (a fresh copy, JSON-ready)."""
        return dict(CONSTRAINTS[self.type])

    @property
    def type_name(self) -> str:
        """Return the Chinese name of this input's type."""
        return TYPE_NAMES[self.type]

    @property
    def accepts(self) -> str:
        """Return, in Chinese, the values this input takes (its choices, or its type's rule)."""
        if self.choices:
            return "、".join(f"{c.value}（{c.label}）" for c in self.choices)
        return ACCEPTS[self.type]

    def choice_label(self, value: Any) -> str | None:
        """Return the Chinese label of a choice value, or None if it is not one."""
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return None


# The optional `now` input of the calculators that work with time; left empty
# it means the current time (or the `now` passed to run()).
NOW_FIELD = Field("now", "datetime", "当前时间", required=False,
                  help="可选，留空则按现在的时间计算。")


@dataclass(frozen=True)
class Output:
    """One result field, with the Chinese label pages and the CLI show for it."""

    name: str
    label: str
    # Chinese labels for enumerated values (e.g. rule "flat" -> 及时率<95%:扣7分).
    values: dict = field(default_factory=dict)
    # "time" marks ISO 8601 strings that pages show as Chinese dates.
    kind: str = "text"


@dataclass
class Outcome:
    """What a calculator function returns: the result fields and the Chinese steps."""

    result: dict
    explanation: list[str]


@dataclass(frozen=True)
class Calculator:
    """A rule calculator: described once, it drives the API, the form, the CLI and docs."""

    id: str
    title: str
    description: str
    fields: tuple[Field, ...]
    outputs: tuple[Output, ...]
    articles: tuple[str, ...]
    compute: Callable[..., Outcome]
    # What it reads from a question (kb.calculators.cues.Extraction); None reads nothing.
    extraction: Any = None

    @property
    def notes(self) -> tuple[str, ...]:
        """Return Chinese notes on rules shared by several inputs, shown once per form, help or doc."""
        if any(f.type == "datetime" for f in self.fields):
            return (TIME_NOTE, INPUT_NOTE)
        return (INPUT_NOTE,)

    def field(self, name: str) -> Field | None:
        """Return the input called `name`, or None."""
        for f in self.fields:
            if f.name == name:
                return f
        return None

    def describe(self) -> dict:
        """Return the calculator as JSON-ready data for the API and docs."""
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "inputs": [f.describe() for f in self.fields],
            "outputs": [{"name": o.name, "label": o.label} for o in self.outputs],
            "articles": list(self.articles),
        }


# Published with each input in GET /api/calculators; `max_length` bounds text values.
CONSTRAINTS = {
    "integer": {"min": 0, "max": MAX_COUNT, "integer": True, "max_length": MAX_TEXT},
    "money": {"min": str(MIN_MONEY), "max": str(MAX_MONEY), "max_decimals": 2, "unit": "元",
              "max_length": MAX_TEXT},
    "datetime": {"format": times.SYNTAX, "pattern": times.CLIENT_PATTERN,
                 "description": times.DESCRIPTION, "example": times.EXAMPLE,
                 "examples": times.EXAMPLES, "timezone": "+08:00", "min_year": MIN_YEAR,
                 "max_year": MAX_YEAR, "max_length": MAX_TEXT},
    "boolean": {"max_length": MAX_TEXT},
    "choice": {"max_length": MAX_TEXT},
}
