"""Sanitising rendered article HTML (kb.sanitize) and the lint that goes with it."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from kb import settings
from kb.articles import _render_unsanitised, article_paths, render_markdown, split_front_matter
from kb.sanitize import ATTRIBUTES, ATTRIBUTE_VALUES, TAGS, clean_html, unsafe_in_body, url_is_safe


class Page(HTMLParser):
    """What a reader gets from an HTML fragment: the text, the links, the tags and every attribute."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            self.attrs.append((tag, name, value or ""))
            if name in ("href", "src"):
                self.links.append(value or "")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)

    @property
    def visible(self) -> str:
        return "".join(self.text)


def real_bodies():
    for path in article_paths(Path(settings.DEFAULTS["ARTICLES_DIR"])):
        yield path.stem, split_front_matter(str(path), path.read_text(encoding="utf-8"))[1]


@pytest.mark.parametrize("name, body", list(real_bodies()))
def test_sanitising_leaves_every_real_article_as_it_was(name, body):
    raw = _render_unsanitised(body)
    before, after = Page(raw), Page(clean_html(raw))
    assert after.visible == before.visible
    assert after.links == before.links
    assert after.tags == before.tags
    assert after.attrs == before.attrs  # in particular no rel="noopener noreferrer" added
    assert unsafe_in_body(body, raw) is None


def test_the_real_articles_are_many_and_do_link():
    bodies = dict(real_bodies())
    assert len(bodies) >= 12
    assert any(Page(render_markdown(b)).links for b in bodies.values())


def assert_harmless(fragment: str):
    page = Page(fragment)
    for tag, name, value in page.attrs:
        assert tag in TAGS
        assert name in ATTRIBUTES.get(tag, set()) | set(ATTRIBUTE_VALUES.get(tag, {})), (tag, name)
        if name in ("href", "src"):
            assert url_is_safe(value), value
        for word in ("javascript", "vbscript", "data:"):
            assert word not in value.lower(), (name, value)
    # Tags outside the list, such as <script> or <div onclick>, could only
    # come through as escaped text.
    assert set(page.tags) <= TAGS


HOSTILE = [
    "[点我](javascript:alert(1))",
    "[点我](JaVaScRiPt:alert(1))",
    "[点我](JaVaScRiPt&#58;alert(1))",
    "[点我](&#x6A;avascript:alert(1))",
    "[点我](jav&#x09;ascript:alert(1))",
    "[点我](<javascript:alert(1)>)",
    "[点我](  javascript:alert(1) \"标题\")",
    "[点我][坏]\n\n[坏]: VBScript:msgbox(1)",
    "[点我][坏]\n\n[坏]: <data:text/html;base64,PHNjcmlwdD4=>",
    "![图](data:image/svg+xml;base64,PHN2Zz4=)",
    "![图](javascript:alert(1))",
    "段落\n{: onclick=\"alert(1)\" }",
    "段落\n{: style=\"position:fixed;top:0\" }",
    "## 标题 {: onmouseover=alert(1) }",
    "[链接](https://jd.com){: onclick=\"alert(1)\" style=\"color:red\" }",
    "[链接](https://jd.com){: href=\"javascript:alert(1)\" }",
    "段落\n{: onclick }",
    "- 项\n{: onclick=x }",
    "> 引用\n{: style=\"display:none\" }",
    "术语\n: 解释\n{: onclick=x }",
    "注意 <script>alert(1)</script> 和 <div onclick=x>块</div>",
    "<img src=x onerror=alert(1)>",
]


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markdown_renders_harmless(source):
    assert_harmless(render_markdown(source))


@pytest.mark.parametrize("source", HOSTILE[:-2])
def test_hostile_markdown_is_found_by_the_lint(source):
    found = unsafe_in_body(source, _render_unsanitised(source))
    assert found is not None
    line, problem = found
    assert line is not None
    assert "不安全" in problem or "不允许的属性" in problem


def test_raw_html_stays_escaped_text():
    html = render_markdown("注意 <script>alert(1)</script>\n\n<div onclick=x>块</div>")
    assert "&lt;script&gt;" in html and "<script" not in html and "<div" not in html


def test_links_are_kept_without_an_added_rel():
    html = render_markdown("见 [另一篇](/articles/delay-card)、[京东](https://jd.com \"京东\") 和 <mailto:kf@jd.com>")
    page = Page(html)
    assert page.links[:2] == ["/articles/delay-card", "https://jd.com"]
    assert page.links[2] == "mailto:kf@jd.com"
    assert "rel=" not in html
    assert ("a", "title", "京东") in page.attrs


def test_tables_keep_their_alignment_without_style():
    html = render_markdown("|甲|乙|丙|\n|:-|:-:|-:|\n|1|2|3|")
    page = Page(html)
    assert [v for t, n, v in page.attrs if n == "align"] == ["left", "center", "right"] * 2
    assert "style" not in html


def test_footnotes_keep_their_ids_and_links():
    html = render_markdown("正文[^1]\n\n[^1]: 脚注")
    page = Page(html)
    assert ("sup", "id", "fnref:1") in page.attrs and ("li", "id", "fn:1") in page.attrs
    assert "#fn:1" in page.links and "#fnref:1" in page.links
    assert "class=" not in html


def test_heading_ids_stay_and_classes_go():
    html = render_markdown("## 标题 {: #top .warn }\n\n段落\n{: #p1 }")
    assert '<h2 id="top">标题</h2>' in html
    assert "<p>段落</p>" in html


def test_the_other_markdown_extra_output_survives():
    source = ("*[SKU]: 库存单位\n\nSKU 的 **粗** *斜* `代码`\n\n```\n代码块\n```\n\n> 引用\n\n"
              "术语\n: 解释\n\n3. 三\n4. 四\n\n---\n\n![图](/static/a.png \"图\")")
    raw = _render_unsanitised(source)
    assert clean_html(raw) == raw.replace(' class="language-"', "")
    assert unsafe_in_body(source, raw) is None


@pytest.mark.parametrize("url, safe", [
    ("https://jd.com/x", True),
    ("HTTP://jd.com", True),
    ("mailto:kf@jd.com", True),
    ("/articles/x", True),
    ("articles/x", True),
    ("#fn:1", True),
    ("//cdn.jd.com/a.png", True),
    ("?q=1", True),
    ("javascript:alert(1)", False),
    (" JavaScript:alert(1)", False),
    ("java\tscript:alert(1)", False),
    ("jav&#x09;ascript:alert(1)", False),
    ("&#106;avascript:alert(1)", False),
    ("\x01javascript:alert(1)", False),
    ("vbscript:msgbox", False),
    ("data:text/html,x", False),
    ("ftp://jd.com", False),
    ("tel:10086", False),
])
def test_url_is_safe(url, safe):
    assert url_is_safe(url) is safe


@pytest.mark.parametrize("body, line, words", [
    ("第一行\n\n[点我](javascript:alert(1))\n", 3, "链接地址「javascript:alert(1)」不安全"),
    ("第一行\n\n[点我][r]\n\n\n[r]: JAVASCRIPT&#58;x\n", 6, "链接地址「JAVASCRIPT:x」不安全"),
    ("段落\n{: onclick=\"x\" }\n", 2, "不允许的属性「onclick」"),
    ("段落\n\n[a](https://jd.com){style='x'}\n", 3, "不允许的属性「style」"),
    ("段落\n\n## 题 {: #ok .ok data-x=1 }\n", 3, "不允许的属性「data-x」"),
    ("[a](jav&#x09;ascript:x)", 1, "链接地址「jav\\x09ascript:x」不安全"),
])
def test_the_lint_names_the_line_and_the_problem(body, line, words):
    found_line, problem = unsafe_in_body(body, _render_unsanitised(body))
    assert found_line == line
    assert words in problem


def test_code_that_merely_shows_a_link_is_not_an_error():
    body = "示例: `[点我](javascript:alert(1))`\n\n    {: onclick=x }\n"
    assert unsafe_in_body(body, _render_unsanitised(body)) is None


def test_ids_and_classes_from_attr_lists_are_not_errors():
    body = "## 标题 {: #top .warn }\n\n段落\n{: #p1 .note }\n"
    assert unsafe_in_body(body, _render_unsanitised(body)) is None
