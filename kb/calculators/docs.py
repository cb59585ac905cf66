"""Reference documentation of the calculators, generated from the registry (`python -m kb.calculators.docs`)."""

from __future__ import annotations

from kb.calculators import REGISTRY

TYPE_NAMES = {
    "integer": "非负整数",
    "money": "金额(元,最多两位小数)",
    "datetime": "时间(ISO 8601,不带时区按北京时间)",
    "boolean": "是/否(JSON 用 true/false)",
    "choice": "选项",
}


def markdown() -> str:
    """Return a Markdown reference of every calculator: inputs, outputs, articles, endpoints."""
    lines = ["# 规则计算器", ""]
    for calc in REGISTRY.values():
        lines += [f"## {calc.title}(`{calc.id}`)", "", calc.description, "",
                  f"- 页面:`{calc.url}`", f"- 接口:`POST /api/calculators/{calc.id}`",
                  "- 依据文章:" + "、".join(f"`{a}`" for a in calc.articles), "",
                  "| 输入项 | 名称 | 类型 | 必填 | 说明 |", "|---|---|---|---|---|"]
        for field in calc.fields:
            kind = TYPE_NAMES[field.type]
            if field.choices:
                kind = "、".join(f"`{c.value}`({c.label})" for c in field.choices)
            need = "是" if field.required else "否"
            lines.append(f"| `{field.name}` | {field.label} | {kind} | {need} | {field.help} |")
        lines += ["", "结果:" + "、".join(f"`{o.name}`({o.label})" for o in calc.outputs), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())
