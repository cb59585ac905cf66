"""Half-width punctuation between Chinese characters: found, converted, and flagged by `kb check`."""

from __future__ import annotations

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
