"""What a threshold costs: answered-right against confidently-wrong over the threshold range.

Each evaluated question leaves one point: the probability of the most
probable article (the engine's `confidence`), whether that article is an
acceptable answer, and the question's kind. Any threshold's figures follow
from the points alone, so the curve needs one pass of searches.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(1, 20))


@dataclass(frozen=True)
class Point:
    """One question: the best article's probability, whether it is right, in scope or not, its kind."""

    probability: float
    right: bool
    in_scope: bool
    kind: str


def figures(points: list[Point], threshold: float) -> dict:
    """Return answered right, out-of-scope null and confidently wrong at a threshold."""
    in_scope = [p for p in points if p.in_scope]
    out = [p for p in points if not p.in_scope]
    answered = [p for p in points if p.probability >= threshold]
    return {
        "threshold": threshold,
        "answered_right": sum(p.right for p in answered if p.in_scope) / len(in_scope) if in_scope else None,
        "oos_null": sum(p.probability < threshold for p in out) / len(out) if out else None,
        "wrong": sum(not p.right for p in answered) / len(points) if points else 0.0,
    }


def curve(points: list[Point], thresholds=THRESHOLDS) -> list[dict]:
    return [figures(points, t) for t in thresholds]


def reliability(points: list[Point], bins: int = 5) -> list[dict]:
    """Return per confidence bin the questions in it and the share whose best article is right."""
    rows = []
    for k in range(bins):
        low, high = k / bins, (k + 1) / bins
        inside = [p for p in points if low <= p.probability < high or (k == bins - 1 and p.probability >= 1)]
        rows.append({"bin": f"{low:.1f}–{high:.1f}", "questions": len(inside),
                     "right": sum(p.right for p in inside) / len(inside) if inside else None})
    return rows


def by_kind(points: list[Point], threshold: float) -> dict[str, dict]:
    kinds = sorted({p.kind or "-" for p in points})
    return {kind: figures([p for p in points if (p.kind or "-") == kind], threshold) | {
        "questions": sum((p.kind or "-") == kind for p in points)} for kind in kinds}


def lines(points: list[Point], threshold: float) -> list[str]:
    """Return the trade-off, the reliability table and the figures per kind as printable lines."""
    def rate(value) -> str:
        return "  -  " if value is None else f"{value:.3f}"

    out = ["", "阈值    答对     范围外不答  答错"]
    for row in curve(points):
        mark = " ←" if abs(row["threshold"] - threshold) < 0.025 else ""
        out.append(f"{row['threshold']:.2f}   {rate(row['answered_right'])}   {rate(row['oos_null'])}     "
                   f"{rate(row['wrong'])}{mark}")
    out += ["", "置信度区间  问题数  最可能的文章答对的比例"]
    out += [f"{row['bin']}     {row['questions']:4d}    {rate(row['right'])}" for row in reliability(points)]
    out += ["", f"按类型（阈值 {threshold:.3f}）  问题数  答对  范围外不答  答错"]
    for kind, row in by_kind(points, threshold).items():
        out.append(f"{kind:16s} {row['questions']:4d}   {rate(row['answered_right'])}  {rate(row['oos_null'])}  "
                   f"{rate(row['wrong'])}")
    return out


def svg(points: list[Point], threshold: float, title: str) -> str:
    """Return an SVG chart of answered-right and confidently-wrong against the threshold."""
    width, height, left, bottom, top, right = 640, 400, 60, 50, 40, 20
    plot_w, plot_h = width - left - right, height - top - bottom
    rows = curve(points, tuple(round(0.01 * k, 2) for k in range(1, 100)))

    def x(t: float) -> float:
        return left + t * plot_w

    def y(v: float) -> float:
        return top + (1 - v) * plot_h

    def path(key: str, scale: float = 1.0) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{x(r['threshold']):.1f},{y(min(1.0, (r[key] or 0) * scale)):.1f}"
                        for i, r in enumerate(rows))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
             f'font-size="12"><rect width="100%" height="100%" fill="white"/>',
             f'<text x="{left}" y="24" font-size="14">{escape(title)}</text>',
             f'<line x1="{left}" y1="{y(0)}" x2="{x(1)}" y2="{y(0)}" stroke="#333"/>',
             f'<line x1="{left}" y1="{y(0)}" x2="{left}" y2="{y(1)}" stroke="#333"/>']
    for k in range(0, 11, 2):
        v = k / 10
        parts.append(f'<text x="{x(v)}" y="{y(0) + 18}" text-anchor="middle">{v:.1f}</text>')
        parts.append(f'<text x="{left - 8}" y="{y(v) + 4}" text-anchor="end">{v:.1f}</text>')
    parts += [f'<path d="{path("answered_right")}" fill="none" stroke="#1a7f37" stroke-width="2"/>',
              f'<path d="{path("oos_null")}" fill="none" stroke="#0969da" stroke-width="2"/>',
              f'<path d="{path("wrong", 10)}" fill="none" stroke="#c81623" stroke-width="2"/>',
              f'<line x1="{x(threshold)}" y1="{y(0)}" x2="{x(threshold)}" y2="{y(1)}" stroke="#888" '
              f'stroke-dasharray="4 4"/>',
              f'<text x="{x(0.5)}" y="{height - 10}" text-anchor="middle">阈值（最可能文章的概率）</text>',
              f'<text x="{x(0.02)}" y="{y(0.08)}" fill="#1a7f37">答对</text>',
              f'<text x="{x(0.02)}" y="{y(0.16)}" fill="#0969da">范围外不答</text>',
              f'<text x="{x(0.02)}" y="{y(0.24)}" fill="#c81623">答错 ×10</text>',
              "</svg>"]
    return "\n".join(parts) + "\n"
