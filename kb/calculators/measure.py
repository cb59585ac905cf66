"""Measure input extraction on a labelled TSV: per-input precision and recall, full calculations right.

File format, one question a line (`#` lines and a header line are skipped):
`question<TAB>now (China time, YYYY-MM-DDTHH:MM)<TAB>calculator id<TAB>expected inputs as JSON<TAB>kind`.
An expected input given as null counts as not stated. A question's calculation is
"all stated" when its expected inputs alone let the calculator compute; it is right
when the extracted inputs give the same result.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from kb.calculators import REGISTRY, CalculatorInputError, extract, run, times
from kb.calculators.parse import _Bad, parse_value


class CalcCaseError(Exception):
    """Raised when a labelled file has a malformed line; names the file and line."""


@dataclass(frozen=True)
class CalcCase:
    question: str
    now: datetime
    calculator: str
    expected: dict
    kind: str
    line: int


def read_calc_cases(path: Path) -> list[CalcCase]:
    """Read the labelled questions; raises CalcCaseError naming a bad line."""
    cases = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 4:
            raise CalcCaseError(f"{path}:{number}: 需要 问题、时间、计算器、期望输入（JSON） 至少四列")
        try:
            now = times.read_time(parts[1])
        except ValueError:
            if not cases and number == 1:
                continue  # a header line
            raise CalcCaseError(f"{path}:{number}: 时间列无法识别：{parts[1]!r}") from None
        if parts[2].strip() not in REGISTRY:
            raise CalcCaseError(f"{path}:{number}: 未知的计算器 {parts[2].strip()!r}")
        try:
            expected = json.loads(parts[3])
        except json.JSONDecodeError:
            raise CalcCaseError(f"{path}:{number}: 期望输入不是 JSON") from None
        if not isinstance(expected, dict):
            raise CalcCaseError(f"{path}:{number}: 期望输入应为 JSON 对象")
        kind = parts[4].strip() if len(parts) > 4 else ""
        cases.append(CalcCase(parts[0].strip(), now, parts[2].strip(), expected, kind, number))
    return cases


def _typed(calculator_id: str, name: str, value: Any) -> Any:
    """Return a value in its calculator's type so 100, "100" and "100.00" compare equal; None if unusable."""
    field_ = REGISTRY[calculator_id].field(name)
    if field_ is None or value is None:
        return value
    try:
        return parse_value(field_, value, isinstance(value, str))
    except _Bad:
        return ("unparsed", value)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class CalcReport:
    questions: int = 0
    per_input: dict[str, Counts] = field(default_factory=dict)
    total: Counts = field(default_factory=Counts)
    all_stated: int = 0
    full_right: int = 0
    exact_inputs: int = 0
    misses: list[dict] = field(default_factory=list)

    @property
    def full_rate(self) -> float:
        return self.full_right / self.all_stated if self.all_stated else 1.0

    def lines(self) -> list[str]:
        out = [f"问题 {self.questions} 个；输入项 精确率 {self.total.precision:.3f} 召回率 {self.total.recall:.3f} "
               f"（对 {self.total.tp}，错或多读 {self.total.fp}，漏读 {self.total.fn}）",
               f"输入齐全的问题 {self.all_stated} 个，算对 {self.full_right} 个（{self.full_rate:.3f}）；"
               f"输入与标注完全一致的问题 {self.exact_inputs} 个"]
        for name in sorted(self.per_input):
            counts = self.per_input[name]
            out.append(f"  {name:24s} 精确率 {counts.precision:.3f}  召回率 {counts.recall:.3f}  "
                       f"（对 {counts.tp}，错或多读 {counts.fp}，漏读 {counts.fn}）")
        return out


def _result(calculator_id: str, inputs: dict, now: datetime) -> dict | None:
    try:
        return run(calculator_id, inputs, text=False, now=now)["result"]
    except CalculatorInputError:
        return None


def evaluate_calc(cases: list[CalcCase]) -> CalcReport:
    """Extract each question's inputs for its calculator and compare them with the labels."""
    report = CalcReport()
    for case in cases:
        report.questions += 1
        found = extract.calculation(case.calculator, case.question, case.now)
        got = {} if found is None else found["inputs"]
        expected = {k: _typed(case.calculator, k, v) for k, v in case.expected.items() if v is not None}
        read = {k: _typed(case.calculator, k, v) for k, v in got.items()}
        problems = []
        for name in sorted(set(expected) | set(read)):
            counts = report.per_input.setdefault(name, Counts())
            if name in read and name in expected and read[name] == expected[name]:
                counts.tp += 1
                report.total.tp += 1
                continue
            if name in read:
                counts.fp += 1
                report.total.fp += 1
            if name in expected:
                counts.fn += 1
                report.total.fn += 1
            problems.append(name)
        if not problems:
            report.exact_inputs += 1
        want = _result(case.calculator, {k: v for k, v in case.expected.items() if v is not None}, case.now)
        if want is not None:
            report.all_stated += 1
            if found is not None and found["result"] == want:
                report.full_right += 1
            else:
                problems.append("result")
        if problems:
            report.misses.append({"line": case.line, "question": case.question, "calculator": case.calculator,
                                  "expected": case.expected, "read": got, "problems": problems,
                                  "kind": case.kind})
    return report
