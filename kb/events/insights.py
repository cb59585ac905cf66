"""What editors read: answer rates, unanswered questions with what merchants clicked, unhelpful answers.

Used by `kb insights` and the /admin page; `export_cases` writes the
questions to confirm as a `kb eval` question file.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict

from kb.events import schema
from kb.events.store import DAY, Store, day_of
from kb.evaluate import NONE

TOP_UNANSWERED = 50
TOP_UNHELPFUL = 50


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def report(store: Store, days: int, now: float | None = None) -> dict:
    """Return the figures of the last `days` days (China-time days, today included)."""
    now = time.time() if now is None else now
    first_day = day_of(now) - days + 1
    since = first_day * DAY - 8 * 3600
    searches = store.read(schema.searches, since)
    votes = store.read(schema.votes, since)
    clicks = store.read(schema.clicks, since)
    by_search = {s["id"]: s for s in searches}
    missing = {c["search_id"] for c in clicks} | {v["search_id"] for v in votes if v["search_id"]}
    missing -= by_search.keys()
    if missing:  # a search just before the window, voted or clicked on inside it
        by_search.update(store.searches_by_id(missing))

    answered = sum(1 for s in searches if s["answer_id"])
    daily = {day: {"searches": 0, "answered": 0} for day in range(first_day, day_of(now) + 1)}
    channels = Counter()
    for s in searches:
        if s["day"] in daily:
            daily[s["day"]]["searches"] += 1
            daily[s["day"]]["answered"] += bool(s["answer_id"])
        channels[s["channel"]] += 1

    return {
        "days": days,
        "since": since,
        "searches": len(searches),
        "answered": answered,
        "answer_rate": _rate(answered, len(searches)),
        "no_answer_rate": _rate(len(searches) - answered, len(searches)),
        "channels": dict(channels),
        "daily": [{"day": day, "date": _date(day), **figures,
                   "answer_rate": _rate(figures["answered"], figures["searches"])}
                  for day, figures in daily.items()],
        "unanswered": unanswered(searches, clicks),
        "unhelpful": unhelpful(votes, by_search),
        "articles": article_ratios(votes),
    }


def _date(day: int) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(day * DAY))


def unanswered(searches: list[dict], clicks: list[dict]) -> list[dict]:
    """Group searches without an answer by normalised text, most frequent first, with the clicked articles."""
    clicked_by_search = defaultdict(list)
    for c in clicks:
        clicked_by_search[c["search_id"]].append(c["article_id"])
    groups: dict[str, dict] = {}
    for s in searches:
        if s["answer_id"]:
            continue
        group = groups.setdefault(s["normalized"], {"normalized": s["normalized"], "count": 0,
                                                    "query": s["query"], "clicked": Counter(),
                                                    "last": s["at"]})
        group["count"] += 1
        group["query"], group["last"] = s["query"], s["at"]  # the latest wording
        group["clicked"].update(clicked_by_search.get(s["id"], ()))
    ranked = sorted(groups.values(), key=lambda g: (-g["count"], -g["last"]))[:TOP_UNANSWERED]
    return [{"query": g["query"], "normalized": g["normalized"], "count": g["count"],
             "clicked": [{"id": i, "clicks": n} for i, n in g["clicked"].most_common(3)],
             "proposed": g["clicked"].most_common(1)[0][0] if g["clicked"] else None}
            for g in ranked]


def unhelpful(votes: list[dict], by_search: dict[str, dict]) -> list[dict]:
    """Return the "没帮助" votes, newest first, with the question asked when there was one."""
    out = []
    for v in sorted(votes, key=lambda v: -v["at"]):
        if v["helpful"]:
            continue
        asked = by_search.get(v["search_id"]) if v["search_id"] else None
        out.append({"article_id": v["article_id"], "comment": v["comment"], "channel": v["channel"],
                    "query": asked["query"] if asked else None, "at": v["at"],
                    "date": time.strftime("%Y-%m-%d %H:%M", time.gmtime(v["at"] + 8 * 3600))})
    return out[:TOP_UNHELPFUL]


def article_ratios(votes: list[dict]) -> list[dict]:
    """Return each voted article's helpful and unhelpful counts, least helpful first."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for v in votes:
        counts[v["article_id"]][0 if v["helpful"] else 1] += 1
    rows = [{"id": article_id, "helpful": yes, "unhelpful": no, "ratio": _rate(yes, yes + no)}
            for article_id, (yes, no) in counts.items()]
    return sorted(rows, key=lambda r: (r["ratio"], -(r["helpful"] + r["unhelpful"]), r["id"]))


def export_cases(figures: dict) -> str:
    """Return the unanswered and unhelpful questions as a `kb eval` file, the clicked article as label.

    NONE is proposed where nobody clicked: the editor confirms or corrects
    each label, and the file becomes a regression set.
    """
    lines = [
        "# 由 kb insights --export 导出：真实问题及建议的文章编号（商家随后点击的文章；无点击则为 NONE）。",
        "# 请逐行核对第二列后再用作回归测试集：kb eval 本文件 --verbose",
        "# query\tacceptable article ids (NONE = out of scope)\tkind",
    ]
    seen = set()
    for group in figures["unanswered"]:
        lines.append(f"{_clean(group['query'])}\t{group['proposed'] or NONE}\tunanswered")
        seen.add(group["normalized"])
    for vote in figures["unhelpful"]:
        if vote["query"] and vote["query"] not in seen:
            seen.add(vote["query"])
            lines.append(f"{_clean(vote['query'])}\t{NONE}\tunhelpful:{vote['article_id']}")
    return "\n".join(lines) + "\n"


def _clean(query: str) -> str:
    # A tab or line break inside a question would split the TSV line; `#` at the start would comment it out.
    text = " ".join(query.split())
    return text.lstrip("#").strip() or "?"
