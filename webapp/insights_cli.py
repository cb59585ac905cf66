"""`kb insights`: what merchants asked, what went unanswered or unhelpful; `--export` for `kb eval`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kb.events import insights
from kb.events.store import Store


def cmd_insights(args, config) -> int:
    url = config["DATABASE_URL"]
    if url.strip().lower() == "off":
        print("没有记录搜索（KB_DATABASE_URL=off）", file=sys.stderr)
        return 1
    store = Store(url)
    try:
        figures = insights.report(store, args.days)
    except Exception as err:  # an unreachable or broken database: one line, not a traceback
        print(f"无法读取记录数据库：{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}",
              file=sys.stderr)
        return 1
    finally:
        store.close()
    if args.export:
        Path(args.export).write_text(insights.export_cases(figures), encoding="utf-8")
        print(f"已导出 {args.export}：请核对第二列（建议的文章编号），再用 kb eval 运行", file=sys.stderr)
        return 0
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    for line in lines(figures):
        print(line)
    return 0


def lines(figures: dict) -> list[str]:
    """Return the report as printable lines."""
    out = [
        f"最近 {figures['days']} 天",
        f"搜索         {figures['searches']}  ({', '.join(f'{k} {v}' for k, v in figures['channels'].items()) or '—'})",
        f"有答案       {figures['answer_rate']:.1%}",
        f"无答案       {figures['no_answer_rate']:.1%}",
        "",
        "没有答案的问题（次数  问题  → 随后点开的文章）：",
    ]
    for group in figures["unanswered"]:
        clicked = ", ".join(f"{c['id']}×{c['clicks']}" for c in group["clicked"]) or "—"
        out.append(f"  {group['count']:5d}  {group['query']}  → {clicked}")
    out += ["", "被标为“没帮助”的回答（时间  文章  问题  说明）："]
    for vote in figures["unhelpful"]:
        out.append(f"  {vote['date']}  {vote['article_id']}  {vote['query'] or '—'}  {vote['comment'] or '—'}")
    out += ["", "各文章的有帮助比例（有帮助/没帮助）："]
    for row in figures["articles"]:
        out.append(f"  {row['ratio']:6.0%}  {row['helpful']}/{row['unhelpful']}  {row['id']}")
    return out


def _days(raw: str) -> int:
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= 3650:
        raise argparse.ArgumentTypeError("天数须是 1 到 3650 之间的整数")
    return int(raw)


def register(sub) -> None:
    """Add `kb insights` to the `kb` command's subparsers."""
    parser = sub.add_parser("insights", help="搜索和反馈统计：没有答案的问题、没帮助的回答、各文章的有帮助比例")
    parser.add_argument("--days", type=_days, default=30, help="统计最近几天（默认 30）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.add_argument("--export", metavar="FILE.tsv", help="把没有答案和没帮助的问题导出为 kb eval 问题文件")
    parser.set_defaults(func=cmd_insights)
