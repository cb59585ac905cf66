"""Half-width punctuation between Chinese characters: found, converted, and flagged by `kb check`."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from kb import punctuation


@pytest.mark.parametrize("text, expected", [
    ("超时了,怎么办?", "超时了，怎么办？"),
    ("**注意**:如已发货", "**注意**：如已发货"),
    ("超时(下单24H后)未处理;", "超时（下单24H后）未处理；"),
    ("中国时间(UTC+8)", "中国时间（UTC+8）"),
    ("48H,会", "48H，会"),
])
def test_half_width_marks_beside_chinese_become_full_width(text, expected):
    assert punctuation.convert(text) == expected


@pytest.mark.parametrize("text", [
    "1,000 单", "10:30 揽件", "key: value", "see (the docs), then",
    "[延迟发货](/articles/x?a=1)", "https://example.com/搜索?q=预售", "`a,b`",
])
def test_numbers_times_yaml_links_urls_and_code_are_left_alone(text):
    assert punctuation.convert(text) == text
    assert punctuation.find(text) == []


def test_an_articles_front_matter_keys_and_flow_lists_keep_their_syntax():
    source = "---\nquestion: 怎么办?\ntags: [预售, 定金]\naliases:\n  - 没货了,怎么办\n---\n正文:好\n"
    assert punctuation.convert_article(source) == (
        "---\nquestion: 怎么办？\ntags: [预售, 定金]\naliases:\n  - 没货了，怎么办\n---\n正文：好\n"
    )
    assert [(line, f.column, f.mark) for line, f in punctuation.lint_article(source)] == [
        (2, 14, "?"), (5, 8, ","), (7, 3, ":"),
    ]


# Chinese text the merchant reads outside the articles: templates, the Chinese
# string literals of the Python modules (messages, explanations, CLI output,
# API docs) and the scripts' strings. Raw strings are regular expressions that
# read merchants' own typing, and docstrings are English, so both are skipped.
_ROOT = Path(__file__).resolve().parent.parent
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff01-\uff60\u201c\u201d"
# A placeholder stands for text too: `{x},` ending a Chinese literal, or `{x}:中`.
_HALF_WIDTH_BESIDE_CJK = re.compile(rf"[{_CJK}][,:;?()]|[,:;?()][{_CJK}]|\}}[,;?]$|\}}[,:;?][{_CJK}]")
_CODE_OR_URL = re.compile(r"`[^`]*`|https?://\S+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _python_literals(source: str):
    previous = None
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING:
            prefix, quote = re.match(r"([a-zA-Z]*)('''|\"\"\"|'|\")", token.string).groups()
            docstring = len(quote) == 3 and (previous is None or previous.type in (
                tokenize.INDENT, tokenize.DEDENT, tokenize.NEWLINE))
            if "r" not in prefix.lower() and not docstring:
                yield token.start[0], token.string[len(prefix) + len(quote):-len(quote)]
        if token.type not in (tokenize.COMMENT, tokenize.NL):
            previous = token


def _texts():
    for path in sorted((_ROOT / "webapp" / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            yield path, number, line
    for path in sorted([*(_ROOT / "webapp").glob("*.py"), *(_ROOT / "kb").rglob("*.py")]):
        for number, literal in _python_literals(path.read_text(encoding="utf-8")):
            yield path, number, literal
    for path in sorted((_ROOT / "webapp" / "static").glob("*.js")):
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            for literal in re.findall(r'"((?:[^"\\]|\\.)*)"', line):
                yield path, number, literal


def test_templates_messages_and_scripts_use_full_width_punctuation_between_chinese():
    found = [
        f"{path.relative_to(_ROOT)}:{number}: {text.strip()[:80]}"
        for path, number, text in _texts()
        # A literal without a Han character is a set of marks (`"?？"`), not text.
        if _HAN.search(text) and _HALF_WIDTH_BESIDE_CJK.search(_CODE_OR_URL.sub("", text))
    ]
    assert found == []
