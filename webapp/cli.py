"""The `kb` command: index, check, ask, eval, serve."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kb import calculators, punctuation, settings
from kb.articles import ArticleSetError, article_paths, load_articles
from kb.evaluate import CaseFileError, evaluate, read_cases
from webapp import calc_cli, insights_cli


def _progress(done: int, total: int) -> None:
    # Only large corpora get a progress line; 12 articles build in a blink.
    if total >= 500 and (done % 500 == 0 or done == total):
        print(f"\r已索引 {done}/{total} 篇文章", end="\n" if done == total else "", file=sys.stderr, flush=True)


def _engine(config: dict):
    from indexer import build
    from kb.search import Engine

    generation = build.ensure_index(Path(config["ARTICLES_DIR"]), Path(config["INDEX_DIR"]), _progress)
    return Engine(generation, threshold=config["ANSWER_THRESHOLD"], time_limit=config["SEARCH_TIME_LIMIT"])


def cmd_index(args, config) -> int:
    from indexer import build

    generation = build.build_index(Path(config["ARTICLES_DIR"]), Path(config["INDEX_DIR"]), _progress)
    meta = build.read_meta(generation)
    print(f"索引已生成：{generation}（{meta['articles']} 篇文章）")
    return 0


def punctuation_warnings(articles_dir: Path) -> list[str]:
    """`file:line: 半角…` for each half-width mark between Chinese characters in the articles."""
    warnings = []
    for path in article_paths(articles_dir):
        shown = path.relative_to(articles_dir.parent) if articles_dir.parent in path.parents else path
        for line, found in punctuation.lint_article(path.read_text(encoding="utf-8")):
            full = punctuation.FULL_WIDTH[found.mark]
            warnings.append(f"{shown}:{line}:{found.column}: 中文之间用了半角「{found.mark}」，应为全角「{full}」")
    return warnings


def cmd_check(args, config) -> int:
    articles_dir = Path(config["ARTICLES_DIR"])
    articles = load_articles(articles_dir, calculators.cited_articles())
    warnings = punctuation_warnings(articles_dir)
    for warning in warnings:
        print(("错误：" if args.strict else "警告：") + warning, file=sys.stderr)
    if warnings and args.strict:
        print(f"共 {len(warnings)} 处半角标点（--strict 时算作错误）", file=sys.stderr)
        return 1
    print(f"全部 {len(articles)} 篇文章检查通过" + (f"，另有 {len(warnings)} 处警告" if warnings else ""))
    return 0


def cmd_ask(args, config) -> int:
    from webapp import create_app, links
    from webapp.library import get_engine

    app = create_app(config)
    with app.test_request_context():  # URLs come from the app's routes, as on the site
        response = links.search_response(get_engine().search(args.question, args.limit))
    answer = response["answer"]
    if answer:
        print(f"答案：{answer['question']}（置信度 {answer['confidence']:.2f}）")
        print(f"  {answer['summary']}")
        print(f"  {answer['url']}")
        for calc in answer["calculators"]:
            print(f"  计算器：{calc['title']}  {calc['url']}")
        for item in answer.get("calculations", ()):
            _print_calculation(item)
    else:
        print(f"没有找到确切答案（最高置信度 {response['confidence']:.2f}）。")
    also = response["also"]
    if also["items"]:
        print({"related": "其他相关文章：", "did_you_mean": "您是不是想问："}[also["kind"]])
        for item in also["items"]:
            print(f"  {item['score']:7.3f}  {item['question']}  {item['url']}")
    return 0


def _print_calculation(item: dict) -> None:
    """Print one calculation read from the question: the result or what is missing, what was read, the form."""
    print(f"  {item['title']}：" + (item["headline"] or ""))
    if item["note"] and not item["complete"]:
        print(f"    {item['note']}")
    if item["read_text"]:
        print(f"    {item['read_text']}")
    if item["missing"]:
        print("    还缺：" + "、".join(m["label"] for m in item["missing"]))
    if item["unclear"]:
        print("    没能确定：" + "、".join(u["label"] for u in item["unclear"]))
    print(f"    {'查看计算过程' if item['complete'] else '填写计算器（已填好读到的数字）'}：{item['url']}")


def cmd_eval(args, config) -> int:
    from kb import tradeoff

    engine = _engine(config)
    report = evaluate(engine, read_cases(Path(args.file)))
    for line in report.lines():
        print(line)
    for line in tradeoff.lines(report.points, engine.threshold):
        print(line)
    if args.plot:
        Path(args.plot).write_text(tradeoff.svg(report.points, engine.threshold, Path(args.file).name),
                                   encoding="utf-8")
        print(f"已画出 {args.plot}")
    if args.verbose:
        for miss in report.misses:
            print(f"- [{miss['problem']}] {miss['query']}  期望 {miss['expected']}  答案 {miss['answer']}  "
                  f"前三 {','.join(miss['top'])}  置信度 {miss['confidence']:.2f}  ({miss['kind']})")
    return 0


# The labelled question sets `kb fit` learns from by default: every set once it has been scored unseen
# and read (tests/data/README.md); a new blind set is not added before that.
FIT_SETS = {
    "dev": settings.PROJECT_ROOT.parent / "shared" / "eval" / "dev_questions.tsv",
    "own": settings.PROJECT_ROOT / "tests" / "data" / "questions.tsv",
    "blind": settings.PROJECT_ROOT / "tests" / "data" / "questions_blind.tsv",
    "fresh": settings.PROJECT_ROOT / "tests" / "data" / "questions_fresh.tsv",
    "blind2": settings.PROJECT_ROOT / "tests" / "data" / "questions_blind2.tsv",
    "blind3": settings.PROJECT_ROOT / "tests" / "data" / "questions_blind3.tsv",
}


def cmd_fit(args, config) -> int:
    from kb import fit

    sets = {Path(f).stem: Path(f) for f in args.files} if args.files else {
        name: path for name, path in FIT_SETS.items() if path.exists()}
    engine = _engine(config)
    if args.ablate:
        from kb.ablation import ablation, asked_weights
        from kb.search import Engine

        labelled, near = fit.collect(engine, sets)
        print("关闭的信号                              阈值    答对   范围外不答  答错   （交叉验证）")
        rows = ablation(labelled, near) | asked_weights(lambda: Engine(engine.generation), sets)
        for name, row in rows.items():
            loss = f"  对数损失 {row['log_loss']:.4f}" if "log_loss" in row else ""
            print(f"{name:38s} {row['threshold']:.3f}  {row['answered_right']:.3f}  {row['oos_null']:.3f}  "
                  f"{row['wrong']:.4f}{loss}")
        return 0
    report = fit.run(engine, sets)
    print(f"已写入 {fit.MODEL_FILE}")
    for name, figures in report["cv"].items():
        if figures["answered_right"] is None:  # the held-out near misses: nothing to answer right
            print(f"  交叉验证 {name}：不答 {figures['oos_null']:.3f}")
            continue
        print(f"  交叉验证 {name:6s} 答对 {figures['answered_right']:.3f}  范围外不答 {figures['oos_null']:.3f}  "
              f"答错 {figures['wrong']:.3f}  top-1 {figures['top1']:.3f}")
    return 0


def cmd_eval_calc(args, config) -> int:
    from kb.calculators.measure import evaluate_calc, read_calc_cases

    report = evaluate_calc(read_calc_cases(Path(args.file)))
    for line in report.lines():
        print(line)
    if args.verbose:
        for miss in report.misses:
            print(f"- 第{miss['line']}行 [{','.join(miss['problems'])}] {miss['question']}  {miss['calculator']}  "
                  f"期望 {miss['expected']}  读到 {miss['read']}  ({miss['kind']})")
    return 0


def cmd_serve(args, config) -> int:
    from webapp import create_app

    app = create_app()
    app.run(host=args.host, port=args.port, debug=False)
    return 0


def cmd_settings(args, config) -> int:
    rows = [["变量", "类型", "范围", "默认值", "当前值", "说明"]]
    for setting, row in zip(settings.SETTINGS, settings.table()):
        variable, kind, allowed, default, help_text = row
        rows.append([variable, kind, allowed, default, str(config[setting.name]), help_text])
    for row in rows:
        print("  ".join(row))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="kb", description="京东商家发货规则知识库")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("index", help="从 articles/ 重建索引").set_defaults(func=cmd_index)
    check = sub.add_parser("check", help="检查所有文章的格式")
    check.add_argument("--strict", action="store_true", help="把警告（如中文之间的半角标点）也算作错误")
    check.set_defaults(func=cmd_check)
    ask = sub.add_parser("ask", help="提一个问题，在终端里看答案")
    ask.add_argument("question")
    ask.add_argument("--limit", type=int, default=5)
    ask.set_defaults(func=cmd_ask)
    ev = sub.add_parser("eval", help="用问题集评估答案质量")
    ev.add_argument("file")
    ev.add_argument("--verbose", "-v", action="store_true", help="列出每个未答对的问题")
    ev.add_argument("--plot", metavar="FILE.svg", help="把阈值与答对、答错的关系画成 SVG")
    ev.set_defaults(func=cmd_eval)
    fitp = sub.add_parser("fit", help="用带标注的问题集重新拟合答案判定模型（kb/model.json）")
    fitp.add_argument("files", nargs="*", help="问题集 TSV；默认为开发集和三个自有问题集")
    fitp.add_argument("--ablate", action="store_true", help="不写模型，只比较逐个关闭各信号后的交叉验证结果")
    fitp.set_defaults(func=cmd_fit)
    evc = sub.add_parser("eval-calc", help="评估从问题里读出计算器输入的精确率和召回率")
    evc.add_argument("file")
    evc.add_argument("--verbose", "-v", action="store_true", help="列出每个读错或漏读的问题")
    evc.set_defaults(func=cmd_eval_calc)
    serve = sub.add_parser("serve", help="启动开发服务器")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=5000)
    serve.set_defaults(func=cmd_serve)
    sub.add_parser("settings", help="列出所有设置（KB_ 环境变量）及其当前值").set_defaults(func=cmd_settings)
    calc_cli.register(sub)
    insights_cli.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the `kb` command; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        config = settings.from_env()
    except settings.SettingsError as err:
        print(f"设置错误：{err}", file=sys.stderr)
        return 2
    try:
        return args.func(args, config)
    except ArticleSetError as err:
        for error in err.errors:
            print(error, file=sys.stderr)
        print(f"共 {len(err.errors)} 处问题", file=sys.stderr)
        return 1
    except (CaseFileError, OSError) as err:
        print(f"错误：{err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
