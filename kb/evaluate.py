"""Answer-quality evaluation over a TSV of questions (the dev-set format)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kb.settings import DEFAULTS
from kb.tradeoff import Point

NONE = "NONE"


@dataclass(frozen=True)
class Case:
    """One question and the article ids that answer it (empty: out of scope)."""

    query: str
    expected: tuple[str, ...]
    kind: str

    @property
    def in_scope(self) -> bool:
        return bool(self.expected)


class CaseFileError(Exception):
    """Raised when a question file has a malformed line; names the line."""


def read_cases(path: Path) -> list[Case]:
    """Read `query<TAB>ids|NONE<TAB>kind` lines; `#` lines are comments."""
    cases = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
            raise CaseFileError(f"{path}:{number}: 需要 问题<TAB>文章编号 两列")
        ids = parts[1].strip()
        expected = () if ids == NONE else tuple(i.strip() for i in ids.split(",") if i.strip())
        kind = parts[2].strip() if len(parts) > 2 else ""
        cases.append(Case(parts[0].strip(), expected, kind))
    return cases


@dataclass
class Report:
    """Figures of one evaluation run; rates are 0..1."""

    total: int = 0
    in_scope: int = 0
    out_of_scope: int = 0
    top1: float = 0.0
    top3: float = 0.0
    mrr: float = 0.0
    answered_right: float = 0.0
    oos_rejected: float = 0.0
    confidently_wrong: float = 0.0
    misses: list[dict] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)   # for the threshold trade-off (kb.tradeoff)

    def lines(self) -> list[str]:
        """Return the report as printable lines."""
        return [
            f"questions            {self.total} ({self.in_scope} in scope, {self.out_of_scope} out of scope)",
            f"top-1                {self.top1:.3f}",
            f"top-3                {self.top3:.3f}",
            f"MRR                  {self.mrr:.3f}",
            f"answered right       {self.answered_right:.3f}",
            f"out-of-scope null    {self.oos_rejected:.3f}",
            f"confidently wrong    {self.confidently_wrong:.3f}",
        ]


def evaluate(engine, cases: list[Case], limit: int = DEFAULTS["DEFAULT_LIMIT"]) -> Report:
    """Run every case through the engine and score the ranking and the answer."""
    report = Report(total=len(cases))
    top1 = top3 = rr = right = rejected = wrong = 0.0
    for case in cases:
        response = engine.search(case.query, limit)
        ranked = [r["id"] for r in response["results"]]
        answer = response["answer"]["id"] if response["answer"] else None
        rank = next((i for i, doc_id in enumerate(ranked, 1) if doc_id in case.expected), None)
        miss = None
        if case.in_scope:
            report.in_scope += 1
            top1 += rank == 1
            top3 += rank is not None and rank <= 3
            rr += 1 / rank if rank else 0
            right += answer in case.expected
            if rank != 1 or answer not in case.expected:
                miss = "ranked" if rank != 1 else "no answer"
        else:
            report.out_of_scope += 1
            rejected += answer is None
        best = ranked[0] if ranked else None
        report.points.append(Point(response.get("confidence", 0.0), best in case.expected, case.in_scope, case.kind))
        if answer is not None and answer not in case.expected:
            wrong += 1
            miss = "WRONG ANSWER"
        if miss:
            report.misses.append({
                "query": case.query, "kind": case.kind, "expected": ",".join(case.expected) or NONE,
                "answer": answer, "top": ranked[:3], "confidence": response.get("confidence", 0.0),
                "problem": miss,
            })
    if report.in_scope:
        report.top1 = top1 / report.in_scope
        report.top3 = top3 / report.in_scope
        report.mrr = rr / report.in_scope
        report.answered_right = right / report.in_scope
    if report.out_of_scope:
        report.oos_rejected = rejected / report.out_of_scope
    if report.total:
        report.confidently_wrong = wrong / report.total
    return report
