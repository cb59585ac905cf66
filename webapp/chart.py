"""The admin page's daily chart as SVG geometry: searches per day as bars, the answer rate as a line.

Rendered server-side into the page (templates/admin/_chart.html): no script,
no third-party library, nothing the strict CSP would block.
"""

from __future__ import annotations

WIDTH = 720
HEIGHT = 220
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 44, 44, 16, 28


def daily_chart(daily: list[dict]) -> dict:
    """Return bars, the rate line and axis labels for `report()["daily"]`."""
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    most = max([d["searches"] for d in daily] + [1])
    step = plot_w / max(len(daily), 1)
    bars, points, labels = [], [], []
    label_every = max(1, len(daily) // 8)
    for i, day in enumerate(daily):
        x = PAD_LEFT + i * step
        height = plot_h * day["searches"] / most
        bars.append({"x": round(x + step * 0.15, 1), "y": round(PAD_TOP + plot_h - height, 1),
                     "width": round(max(step * 0.7, 1), 1), "height": round(height, 1),
                     "title": f"{day['date']}：{day['searches']} 次搜索，回答率 {day['answer_rate']:.0%}"})
        if day["searches"]:
            points.append(f"{x + step / 2:.1f},{PAD_TOP + plot_h * (1 - day['answer_rate']):.1f}")
        if i % label_every == 0:
            labels.append({"x": round(x + step / 2, 1), "text": day["date"][5:]})
    return {"width": WIDTH, "height": HEIGHT, "bars": bars, "line": " ".join(points), "labels": labels,
            "most": most, "left": PAD_LEFT, "right": WIDTH - PAD_RIGHT, "top": PAD_TOP,
            "bottom": HEIGHT - PAD_BOTTOM}
