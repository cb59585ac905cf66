"""Reference documentation of the calculators, generated from the registry (`python -m kb.calculators.docs`)."""

from __future__ import annotations

from kb.calculators import REGISTRY


def cell(text: str) -> str:
    """Return text fit for a Markdown table cell (the time format has a `|`)."""
    return text.replace("|", "\\|")


def markdown() -> str:
    """Return a Markdown reference of every calculator: inputs, outputs, articles, endpoints."""
    lines = ["# 规则计算器", ""]
    for calc in REGISTRY.values():
        lines += [f"## {calc.title}(`{calc.id}`)", "", calc.description, "",
                  f"- 页面：`/calculators/{calc.id}`", f"- 接口：`POST /api/calculators/{calc.id}`",
                  "- 依据文章：" + "、".join(f"`{a}`" for a in calc.articles), "",
                  "| 输入项 | 名称 | 类型 | 必填 | 说明 |", "|---|---|---|---|---|"]
        for field in calc.fields:
            kind = cell(f"{field.type_name}：{field.accepts}")
            need = "是" if field.required else "否"
            lines.append(f"| `{field.name}` | {field.label} | {kind} | {need} | {cell(field.help)} |")
        lines += ["", "\n\n".join(calc.notes), "", "结果：" + "、".join(f"`{o.name}`（{o.label}）" for o in calc.outputs), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())
