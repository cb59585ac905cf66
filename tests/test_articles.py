"""Loading and validating article files."""

from __future__ import annotations

import pickle
import textwrap

import pytest

from kb import calculators, settings
from kb.articles import ArticleError, ArticleSetError, load_articles, parse_article, render_markdown

GOOD = textwrap.dedent("""\
    ---
    id: sample-article
    question: 示例问题是什么?
    aliases: [示例别名]
    category: 示例
    tags: [示例]
    calculators: []
    related: []
    summary: 这是直接回答。
    updated: 2022-11-01
    ---
    正文第一段。

    1. 第一步
    2. 第二步
    """)


def write(tmp_path, rel, text):
    path = tmp_path / "articles" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_article_loads_with_rendered_html(tmp_path):
    write(tmp_path, "cat/sample-article.md", GOOD)
    [article] = load_articles(tmp_path / "articles")
    assert article.id == "sample-article"
    assert article.aliases == ("示例别名",)
    assert "<ol>" in article.html and "<li>第一步</li>" in article.html


@pytest.mark.parametrize("mutate, field, words", [
    (lambda t: t.replace("question: 示例问题是什么?\n", ""), "question", "缺少必填字段"),
    (lambda t: t.replace("id: sample-article", "id: Sample Article"), "id", "不是合法的编号"),
    (lambda t: t.replace("id: sample-article", "id: other-id"), "id", "与文件名"),
    (lambda t: t.replace("calculators: []", "calculators: [no-such-calc]"), "calculators", "不存在"),
    (lambda t: t.replace("related: []", "related: [missing-article]"), "related", "不存在"),
    (lambda t: t.replace("tags: [示例]", "tags: 示例"), "tags", "必须是列表"),
    (lambda t: t.replace("updated: 2022-11-01", "updated: 昨天"), "updated", "日期"),
    (lambda t: t.replace("summary: 这是直接回答。", "summary: 这是\n  answer: [broken"), "front matter", "YAML"),
    (lambda t: t.replace("updated: 2022-11-01", "updated: 2022-11-01\nauthor: 某人"), "author", "未知字段"),
    (lambda t: t.split("---\n正文")[0] + "---\n", "body", "正文为空"),
    (lambda t: t.replace("---\nid", "id", 1), "front matter", "YAML 头信息"),
])
def test_a_broken_article_is_reported_with_file_and_field(tmp_path, mutate, field, words):
    write(tmp_path, "cat/sample-article.md", mutate(GOOD))
    with pytest.raises(ArticleSetError) as caught:
        load_articles(tmp_path / "articles")
    [error] = caught.value.errors
    assert error.path.endswith("cat/sample-article.md")
    assert error.field == field
    assert words in error.problem
    assert str(error).startswith(f"{error.path}: {field}: ")


def test_duplicate_ids_are_an_error_naming_both_files(tmp_path):
    write(tmp_path, "a/sample-article.md", GOOD)
    write(tmp_path, "b/sample-article.md", GOOD)
    with pytest.raises(ArticleSetError) as caught:
        load_articles(tmp_path / "articles")
    [error] = caught.value.errors
    assert error.field == "id" and "a/sample-article.md" in error.problem


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    write(tmp_path, "a/sample-article.md", GOOD.replace("summary: 这是直接回答。\n", ""))
    write(tmp_path, "b/other-article.md", GOOD.replace("id: sample-article", "id: other-article")
          .replace("related: []", "related: [nowhere]"))
    with pytest.raises(ArticleSetError) as caught:
        load_articles(tmp_path / "articles")
    assert sorted(e.field for e in caught.value.errors) == ["related", "summary"]


def test_an_article_error_survives_pickling_as_from_a_worker_process():
    error = pickle.loads(pickle.dumps(ArticleError("cat/x.md", "tags", "必须是列表")))
    assert (error.path, error.field, error.problem) == ("cat/x.md", "tags", "必须是列表")
    assert str(error) == "cat/x.md: tags: 必须是列表"


def test_known_calculator_ids_are_accepted(tmp_path):
    write(tmp_path, "cat/sample-article.md", GOOD.replace("calculators: []", "calculators: [deduction]"))
    [article] = load_articles(tmp_path / "articles", {"deduction"})
    assert article.calculators == ("deduction",)


def test_raw_html_in_a_body_is_escaped_not_rendered():
    html = render_markdown("注意 <script>alert(1)</script> 事项\n\n<div onclick=x>块</div>")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<div" not in html


def test_parse_article_rejects_a_non_mapping_front_matter():
    with pytest.raises(ArticleError) as caught:
        parse_article("x/y.md", "---\n- a\n- b\n---\n正文\n")
    assert caught.value.field == "front matter"


def test_the_real_articles_all_load(app):
    from kb import calculators, settings
    articles = load_articles(settings.DEFAULTS["ARTICLES_DIR"], calculators.ids())
    ids = {a.id for a in articles}
    assert {
        "cancel-by-phone-overdue", "delay-card-send-limit", "presale-out-of-stock",
        "freight-insurance-premium", "shipping-warning", "change-ship-from-address",
        "unreachable-buyer", "returns-not-in-ship-time", "emergency-delay-report",
        "delay-card", "malicious-orders", "send-delay-card-in-chat",
    } <= ids


# --- near misses: questions that share an article's words but that it does not answer

OTHER = GOOD.replace("id: sample-article", "id: other-article").replace(
    "question: 示例问题是什么?", "question: 另一个问题是什么?").replace(
    "aliases: [示例别名]", "aliases: [另一个别名]")


def test_near_misses_load_as_a_tuple_and_default_to_empty(tmp_path):
    write(tmp_path, "cat/sample-article.md", GOOD.replace(
        "category: 示例", "near_misses:\n  - 示例怎么开通\n  - ' 示例能关掉吗 '\ncategory: 示例"))
    write(tmp_path, "cat/other-article.md", OTHER)
    sample, other = sorted(load_articles(tmp_path / "articles"), key=lambda a: a.id != "sample-article")
    assert sample.near_misses == ("示例怎么开通", "示例能关掉吗")
    assert other.near_misses == ()


@pytest.mark.parametrize("value, words", [
    ("示例怎么开通", "必须是列表"),
    ("[示例怎么开通, '']", "非空文本"),
    ("[示例怎么开通, 42]", "非空文本"),
    ("[示例怎么开通, 示例怎么开通]", "重复出现"),
])
def test_a_broken_near_miss_list_is_reported(tmp_path, value, words):
    write(tmp_path, "cat/sample-article.md", GOOD.replace("category: 示例", f"near_misses: {value}\ncategory: 示例"))
    with pytest.raises(ArticleSetError) as caught:
        load_articles(tmp_path / "articles")
    [error] = caught.value.errors
    assert error.path.endswith("cat/sample-article.md")
    assert (error.field, words in error.problem) == ("near_misses", True)


@pytest.mark.parametrize("miss, where", [
    ("示例别名", "本文的别名"),
    ("示例别名?", "本文的别名"),
    ("示例别名？", "本文的别名"),
    ("示例 问题是什么?", "本文的问题"),
    ("另一个别名", "other-article.md 的别名"),
    ("另一个问题是什么", "other-article.md 的问题"),
])
def test_a_near_miss_may_not_be_a_question_or_alias_of_any_article(tmp_path, miss, where):
    write(tmp_path, "cat/sample-article.md", GOOD.replace(
        "category: 示例", f"near_misses: [示例怎么开通, '{miss}']\ncategory: 示例"))
    write(tmp_path, "cat/other-article.md", OTHER)
    with pytest.raises(ArticleSetError) as caught:
        load_articles(tmp_path / "articles")
    [error] = caught.value.errors
    assert error.path.endswith("cat/sample-article.md")
    assert error.field == "near_misses"
    assert f"「{miss}」" in error.problem and where in error.problem
    assert str(error).startswith(f"{error.path}: near_misses: ")


def test_every_real_article_lists_near_misses(app):
    from kb import calculators, settings
    for article in load_articles(settings.DEFAULTS["ARTICLES_DIR"], calculators.ids()):
        assert len(article.near_misses) >= 15, article.id


# --- unsafe links and attributes in a body: refused by `kb check`, naming the line

@pytest.mark.parametrize("body, line, words", [
    ("正文第一段。\n\n[点我](javascript:alert(1))\n", 14, "链接地址「javascript:alert(1)」不安全（只允许 http、https、mailto 和站内链接）"),
    ("正文第一段。\n\n[点我](JaVaScRiPt&#58;alert(1))\n", 14, "链接地址「JaVaScRiPt:alert(1)」不安全"),
    ("正文。\n\n见[说明][r]。\n\n[r]: vbscript:msgbox(1)\n", 16, "链接地址「vbscript:msgbox(1)」不安全"),
    ("正文。\n\n![图](data:image/png;base64,AAAA)\n", 14, "链接地址「data:image/png;base64,AAAA」不安全"),
    ("正文第一段。\n{: onclick=\"alert(1)\" }\n", 13, "不允许的属性「onclick」"),
    ("正文。\n\n[京东](https://jd.com){: style=\"color:red\" }\n", 14, "不允许的属性「style」"),
])
def test_an_unsafe_link_or_attribute_is_refused_naming_the_line(tmp_path, body, line, words):
    write(tmp_path, "cat/sample-article.md", GOOD.split("正文第一段。")[0] + body)
    with pytest.raises(ArticleSetError) as caught:
        load_articles(tmp_path / "articles")
    [error] = caught.value.errors
    assert error.path.endswith("cat/sample-article.md") and error.field == "body"
    assert error.problem.startswith(f"第 {line} 行：") and words in error.problem
    assert str(error).startswith(f"{error.path}: body: 第 {line} 行：")


def test_the_line_counts_from_the_top_of_the_file_with_a_bom_and_crlf(tmp_path):
    text = "\ufeff" + (GOOD.split("正文第一段。")[0] + "正文。\n\n[点我](javascript:x)\n").replace("\n", "\r\n")
    write(tmp_path, "cat/sample-article.md", text)
    with pytest.raises(ArticleSetError) as caught:
        load_articles(tmp_path / "articles")
    assert caught.value.errors[0].problem.startswith("第 14 行：")


def test_safe_links_and_id_class_attributes_load(tmp_path):
    body = ("## 步骤 {: #steps .note }\n\n见[另一篇](/articles/other-article)、[京东](https://jd.com \"京东\")、"
            "<mailto:kf@jd.com> 和[下文](#steps)。\n")
    write(tmp_path, "cat/sample-article.md", GOOD.split("正文第一段。")[0] + body)
    [article] = load_articles(tmp_path / "articles")
    assert '<h2 id="steps">步骤</h2>' in article.html
    assert 'href="/articles/other-article"' in article.html and 'href="https://jd.com"' in article.html
    assert "rel=" not in article.html and "class=" not in article.html


def test_rendered_html_is_sanitised():
    html = render_markdown("[点我](javascript:alert(1)){: onclick=x }\n\n段落\n{: style=\"color:red\" }")
    assert "javascript" not in html and "onclick" not in html and "style" not in html
    assert "<a>点我</a>" in html and "<p>段落</p>" in html


def test_an_article_a_calculator_cites_must_exist():
    cited = {**calculators.cited_articles(), "deduction": ("shipping-warning", "no-such-article")}
    with pytest.raises(ArticleSetError) as err:
        load_articles(settings.DEFAULTS["ARTICLES_DIR"], cited)
    assert [str(e) for e in err.value.errors] == ["计算器 deduction: articles: 引用的文章「no-such-article」不存在"]


def test_every_article_the_calculators_cite_exists():
    load_articles(settings.DEFAULTS["ARTICLES_DIR"], calculators.cited_articles())
