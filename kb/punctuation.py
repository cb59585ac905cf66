"""Half-width punctuation in Chinese text: find it and convert it.

Native Chinese text uses the full-width ，：；？（）. A half-width `,` `:` `;`
`?` is converted when the character before or after it (looking through
Markdown emphasis `*`) is Chinese; a `(…)` pair when it holds Chinese or
touches Chinese outside. Never touched: URLs, Markdown link targets `](…)`,
inline code, and anything between ASCII characters, so `1,000`, `10:30`
and `key: value` stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "(": "（", ")": "）"}

# Han ideographs, CJK symbols and punctuation, full-width forms, and the curly
# quotes Chinese text uses.
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff01-\uff60\u201c\u201d\u2018\u2019]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Spans left alone: URLs, Markdown link targets, inline code.
_PROTECTED = re.compile(r"https?://[^\s)）]+|\]\([^)]*\)|`[^`]*`")
_EMPHASIS = "*"


@dataclass(frozen=True)
class Finding:
    """One half-width mark in Chinese text: 1-based column and the mark."""

    column: int
    mark: str


def _protected(text: str) -> list[bool]:
    mask = [False] * len(text)
    for m in _PROTECTED.finditer(text):
        start = m.start() + (2 if m.group().startswith("](") else 0)
        for i in range(start, m.end()):
            mask[i] = True
    return mask


def _neighbour(text: str, i: int, step: int) -> str:
    i += step
    while 0 <= i < len(text) and text[i] == _EMPHASIS:
        i += step
    return text[i] if 0 <= i < len(text) else ""


def _positions(text: str, skip_commas: bool = False) -> Iterator[int]:
    mask = _protected(text)
    for i, ch in enumerate(text):
        if mask[i] or ch not in ",:;?" or (skip_commas and ch == ","):
            continue
        if _CJK.match(_neighbour(text, i, -1)) or _CJK.match(_neighbour(text, i, 1)):
            yield i
    for m in re.finditer(r"\(([^()]*)\)", text):
        start, end = m.start(), m.end() - 1
        if mask[start] or mask[end] or (start and text[start - 1] == "]"):
            continue
        if (
            _HAN.search(m.group(1))
            or _CJK.match(_neighbour(text, start, -1))
            or _CJK.match(_neighbour(text, end, 1))
        ):
            yield start
            yield end


def find(text: str, skip_commas: bool = False) -> list[Finding]:
    """Every half-width mark in Chinese context in one line of text."""
    return [Finding(i + 1, text[i]) for i in sorted(set(_positions(text, skip_commas)))]


def convert(text: str, skip_commas: bool = False) -> str:
    """One line of text with its half-width marks in Chinese context made full-width."""
    chars = list(text)
    for i in _positions(text, skip_commas):
        chars[i] = FULL_WIDTH[chars[i]]
    return "".join(chars)


_FRONT_VALUE = re.compile(r"^(\s*-\s+|[a-z_]+:\s+)(.*)$")


def article_lines(source: str) -> Iterator[tuple[int, str, str, bool]]:
    """(line number, prefix, text, in a flow list) for each text line of an article.

    Front matter keys and list dashes are the prefix, never text; a flow list
    `[a, b]` keeps its separating commas.
    """
    lines = source.split("\n")
    in_front = bool(lines) and lines[0] == "---"
    for n, line in enumerate(lines, 1):
        if n == 1 and in_front:
            yield n, line, "", False
            continue
        if in_front:
            if line == "---":
                in_front = False
                yield n, line, "", False
                continue
            m = _FRONT_VALUE.match(line)
            if m:
                yield n, m.group(1), m.group(2), m.group(2).startswith("[")
            else:
                yield n, line, "", False
            continue
        yield n, "", line, False


def convert_article(source: str) -> str:
    """An article's source with half-width marks in Chinese text made full-width."""
    return "\n".join(
        prefix + convert(text, flow) for _, prefix, text, flow in article_lines(source)
    )


def lint_article(source: str) -> list[tuple[int, Finding]]:
    """(line number, finding) for each half-width mark in Chinese text of an article."""
    return [
        (n, Finding(len(prefix) + f.column, f.mark))
        for n, prefix, text, flow in article_lines(source)
        for f in find(text, flow)
    ]
