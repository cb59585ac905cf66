"""`kb calc <id> --field value …`: the rule calculators in the terminal, driven by the registry."""

from __future__ import annotations

import argparse
import json
import sys

from kb import calculators
from kb.calculators import Calculator, CalculatorInputError, UnknownCalculator

# Exit status for bad input, as argparse uses for bad arguments.
USAGE_ERROR = 2

def register(subparsers) -> None:
    """Add the `calc` subcommand to the `kb` command's subparsers."""
    parser = subparsers.add_parser(
        "calc",
        help="用规则计算器算一算（kb calc <计算器> --输入项 值 …）",
        description="用规则计算器算一算。不带计算器编号时列出全部计算器；"
                    "kb calc <计算器> --help 列出它的输入项。",
    )
    parser.add_argument("calculator", nargs="?", help="计算器编号，如 " + "、".join(calculators.ids()))
    # The inputs depend on the calculator, so they are read from the registry, not declared here.
    parser.add_argument("inputs", nargs=argparse.REMAINDER, help="--输入项 值 或 --输入项=值；--json 输出 JSON")
    parser.set_defaults(func=cmd_calc)


def field_help(calc: Calculator) -> str:
    """Return the usage text of one calculator: its inputs as command-line options."""
    lines = [f"{calc.title}（{calc.id}）：{calc.description}", "", "输入项："]
    for field in calc.fields:
        need = "必填" if field.required else "可选"
        lines.append(f"  --{field.name.replace('_', '-')} 值   {field.label}（{field.type_name}；{need}）")
        lines.append(f"      {field.help}")
        lines.append(f"      取值：{field.accepts}")
    lines.append("  --json   以 JSON 输出结果")
    lines += ["", *calc.notes]
    return "\n".join(lines)


def parse_options(calc: Calculator, tokens: list[str]) -> tuple[dict, dict, bool, bool]:
    """Return (raw inputs, option errors, wants JSON, wants help) from `--name value` / `--name=value`."""
    raw: dict[str, str] = {}
    errors: dict[str, str] = {}
    as_json = wants_help = False
    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if token in ("-h", "--help"):
            wants_help = True
            continue
        if token == "--json":
            as_json = True
            continue
        if not token.startswith("--") or token == "--":
            errors[token] = "多余的参数；输入项请写成 --名称 值"
            continue
        name, has_value, value = token[2:].partition("=")
        name = name.replace("-", "_")
        if not has_value:
            if i >= len(tokens) or tokens[i].startswith("--"):
                errors[name] = "缺少取值"
                continue
            value = tokens[i]
            i += 1
        if calc.field(name) is None:
            errors[name] = "未知的输入项"
        else:
            raw[name] = value
    return raw, errors, as_json, wants_help


def render(calc: Calculator, out: dict) -> str:
    """Return a result as Chinese text for the terminal."""
    lines = [calc.title, out["result"].get("summary", ""), ""]
    lines += [f"{label}：{text}" for label, text in calculators.display(calc.id, out["result"])]
    lines += ["", "计算依据："]
    lines += [f"  {n}. {step}" for n, step in enumerate(out["explanation"], 1)]
    lines += ["", "依据文章："]
    lines += [f"  /articles/{article_id}" for article_id in out["articles"]]
    return "\n".join(lines)


def _list() -> str:
    lines = ["规则计算器（kb calc <编号> --help 查看输入项）："]
    lines += [f"  {c.id:<16}{c.title}：{c.description}" for c in calculators.REGISTRY.values()]
    return "\n".join(lines)


def cmd_calc(args, config=None) -> int:
    """Run one calculator from the command line; exit status 2 on bad input."""
    if not args.calculator:
        print(_list())
        return 0
    try:
        calc = calculators.get(args.calculator)
    except UnknownCalculator:
        print(f"calculator: 没有找到编号为「{args.calculator}」的计算器；可选：{'、'.join(calculators.ids())}",
              file=sys.stderr)
        return USAGE_ERROR
    raw, errors, as_json, wants_help = parse_options(calc, list(args.inputs))
    if wants_help:
        print(field_help(calc))
        return 0
    try:
        out = calculators.run(calc.id, raw, text=True)
    except CalculatorInputError as err:
        # Option syntax errors explain more than the "required" they cause.
        errors = {**err.fields, **errors}
    if errors:
        for name, message in errors.items():
            print(f"{name}: {message}", file=sys.stderr)
        return USAGE_ERROR
    if as_json:
        print(json.dumps({"ok": True, "calculator": calc.id, **out}, ensure_ascii=False, indent=2))
    else:
        print(render(calc, out))
    return 0
