"""The merchant pages: home, search, article, errors, the widget script and its demo."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from kb import calculators

ANSWERED_QUERY = "预售商品没货了怎么办"
ANSWERED_ID = "presale-out-of-stock"
OUT_OF_SCOPE_QUERY = "今天北京天气怎么样"


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, style elements and attributes."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if tag == "script":
            if "src" not in names:
                self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style> element")
        if "style" in names:
            self.problems.append(f"style= attribute on <{tag}>")
        handlers = [name for name in names if name.startswith("on")]
        if handlers:
            self.problems.append(f"event handler {handlers} on <{tag}>")
        for name, value in attrs:
            if name == "href" and value and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL on <{tag}>")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.problems


def search_box_value(html: str) -> str:
    match = re.search(r'<input id="q" name="q" type="search" value="([^"]*)"', html)
    assert match, "search box not found"
    return match.group(1)


def test_home_page_offers_the_search_box_focused(client):
    html = client.get("/").get_data(as_text=True)
    assert '<form class="search-form" action="/search" method="get"' in html
    assert "autofocus" in html
    assert '<label class="search-label" for="q">' in html


def test_home_page_lists_categories_with_their_articles(client, app):
    html = client.get("/").get_data(as_text=True)
    with app.app_context():
        from webapp.library import get_engine
        categories = get_engine().categories()
    assert categories
    for category in categories:
        assert f">{category['name']}</h3>" in html
        for item in category["articles"]:
            assert f'href="{item["url"]}"' in html


def test_home_page_lists_every_calculator(client):
    html = client.get("/").get_data(as_text=True)
    for calc in calculators.describe():
        assert f'href="{calc["url"]}"' in html
        assert calc["title"] in html


def test_home_page_shows_common_questions(client):
    html = client.get("/").get_data(as_text=True)
    assert "常见问题" in html


def test_search_shows_the_answer_card_with_its_calculator_buttons(client):
    html = client.get("/search", query_string={"q": ANSWERED_QUERY}).get_data(as_text=True)
    assert 'class="answer-card"' in html
    assert f'href="/articles/{ANSWERED_ID}"' in html
    assert 'class="button button-calc" href="/calculators/deposit-refund"' in html


def test_search_keeps_the_query_in_the_box(client):
    html = client.get("/search", query_string={"q": ANSWERED_QUERY}).get_data(as_text=True)
    assert search_box_value(html) == ANSWERED_QUERY


def test_search_does_not_repeat_the_answer_in_the_result_list(client):
    html = client.get("/search", query_string={"q": ANSWERED_QUERY}).get_data(as_text=True)
    results = html.split('class="hit-list"', 1)[-1]
    assert f'class="hit-title" href="/articles/{ANSWERED_ID}"' not in results


def test_search_without_an_answer_says_so_and_offers_suggestions_and_categories(client):
    response = client.get("/search", query_string={"q": OUT_OF_SCOPE_QUERY})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'class="answer-card"' not in html
    assert "没有找到能直接回答这个问题的文章" in html
    assert "您是不是想问" in html
    assert 'class="hit-list"' not in html
    assert "按分类浏览" in html


def test_search_with_an_empty_query_asks_for_one(client):
    response = client.get("/search", query_string={"q": "  "})
    assert response.status_code == 200
    assert "请输入要搜索的问题" in response.get_data(as_text=True)


def test_search_with_an_overlong_query_explains_the_limit_in_chinese(client, app):
    query = "发" * (app.config["MAX_QUERY_LENGTH"] + 1)
    response = client.get("/search", query_string={"q": query})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "问题太长了" in html
    assert search_box_value(html) == query


@pytest.mark.parametrize("query", [
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "预售 AND (定金 OR *) ^~",
])
def test_search_escapes_whatever_the_merchant_typed(client, query):
    response = client.get("/search", query_string={"q": query})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert inline_code(html) == []


def test_snippets_carry_no_markup_but_highlights(client):
    html = client.get("/search", query_string={"q": "延迟发货卡片"}).get_data(as_text=True)
    snippets = re.findall(r'<p class="snippet">(.*?)</p>', html, re.S)
    assert snippets
    for snippet in snippets:
        assert re.sub(r"</?mark>", "", snippet).count("<") == 0


def test_article_page_shows_the_article_with_its_context(client, app):
    with app.app_context():
        from webapp.library import get_engine
        article = get_engine().article(ANSWERED_ID)
    html = client.get(f"/articles/{ANSWERED_ID}").get_data(as_text=True)
    assert f'<h1 id="article-title">{article["question"]}</h1>' in html
    assert article["category"] in html
    assert str(article["updated"]) in html
    for calc in article["calculators"]:
        assert f'href="{calc["url"]}"' in html
    for item in article["related"]:
        assert f'href="{item["url"]}"' in html
    assert 'action="/search"' in html


def test_unknown_article_is_a_chinese_404_page(client):
    response = client.get("/articles/no-such-article")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "没有找到这个页面" in html
    assert 'href="/"' in html


def test_unknown_page_is_the_same_404_page(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "没有找到这个页面" in response.get_data(as_text=True)


def test_widget_script_is_served_as_javascript(client):
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert b"window.JDShipHelp" in response.data
    response.close()


def test_widget_script_stays_small(client):
    response = client.get("/widget.js")
    assert len(response.data) < 20_000
    response.close()


def test_widget_demo_embeds_the_widget_with_one_tag(client):
    html = client.get("/widget/demo").get_data(as_text=True)
    assert len(re.findall(r"<script\b", html)) == 1
    assert re.search(r'<script src="/widget.js" async', html)


@pytest.mark.parametrize("url", [
    "/",
    f"/search?q={ANSWERED_QUERY}",
    f"/search?q={OUT_OF_SCOPE_QUERY}",
    "/search?q=",
    f"/articles/{ANSWERED_ID}",
    "/articles/no-such-article",
    "/widget/demo",
])
def test_pages_contain_no_inline_code_a_strict_csp_would_block(client, url):
    assert inline_code(client.get(url).get_data(as_text=True)) == []


def test_every_article_page_renders_without_inline_code(client, app):
    with app.app_context():
        from webapp.library import get_engine
        ids = [a["id"] for a in get_engine().articles()]
    for article_id in ids:
        response = client.get(f"/articles/{article_id}")
        assert response.status_code == 200, article_id
        assert inline_code(response.get_data(as_text=True)) == [], article_id
