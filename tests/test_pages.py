"""The merchant pages: home, search, article, errors, the widget script and its demo."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from kb import calculators
from webapp.errors import HTTP_MESSAGES
from webapp import create_app
from webapp.library import get_engine
from webapp.pages import COMMON_QUESTIONS

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


def get_page(client, url: str, status: int = 200, **kwargs) -> str:
    """GET an HTML page, check its status first, and return its markup."""
    response = client.get(url, **kwargs)
    assert response.status_code == status, (url, response.status_code)
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def section(html: str, labelled_by: str) -> str:
    """The markup of the <section> labelled by the heading with id `labelled_by`."""
    match = re.search(rf'<section [^>]*aria-labelledby="{labelled_by}">(.*?)</section>', html, re.S)
    assert match, f"section {labelled_by!r} not found"
    return match.group(1)


def links(html: str) -> list[tuple[str, str]]:
    """Every plain <a href>text</a> in `html`, as (href, text)."""
    return [(href, unescape(text)) for href, text in re.findall(r'<a href="([^"]*)">([^<]*)</a>', html)]


def search_box_value(html: str) -> str:
    match = re.search(r'<input id="q" name="q" type="search" value="([^"]*)"', html)
    assert match, "search box not found"
    return match.group(1)


def test_home_page_offers_the_search_box_focused(client):
    html = get_page(client, "/")
    assert '<form class="search-form" action="/search" method="get"' in html
    assert "autofocus" in html
    assert '<label class="search-label" for="q">' in html


def test_home_page_lists_categories_with_their_articles(client, app):
    html = get_page(client, "/")
    with app.app_context():
        categories = get_engine().categories()
    assert categories
    for category in categories:
        assert f'href="{quote("/categories/" + category["name"])}">{category["name"]}</a></h3>' in html
        for item in category["articles"]:
            assert f'href="/articles/{item["id"]}"' in html


def test_home_page_lists_every_calculator(client):
    html = get_page(client, "/")
    described = calculators.describe()
    assert described
    for calc in described:
        assert f'<a class="card-link" href="/calculators/{calc["id"]}">{calc["title"]}</a>' in html


def test_home_page_shows_common_questions(client, app):
    html = get_page(client, "/")
    with app.app_context():
        expected = [(f"/articles/{a['id']}", a["question"]) for a in get_engine().articles()[:COMMON_QUESTIONS]]
    assert len(expected) == COMMON_QUESTIONS
    common = section(html, "common-title")
    assert '<h2 id="common-title">常见问题</h2>' in common
    assert links(common) == expected


def test_search_shows_the_answer_card_with_its_calculator_buttons(client):
    html = get_page(client, "/search", query_string={"q": ANSWERED_QUERY})
    assert 'class="answer-card"' in html
    assert f'href="/articles/{ANSWERED_ID}"' in html
    assert 'class="button button-calc" href="/calculators/deposit-refund"' in html


def test_search_keeps_the_query_in_the_box(client):
    html = get_page(client, "/search", query_string={"q": ANSWERED_QUERY})
    assert search_box_value(html) == ANSWERED_QUERY


def test_search_does_not_repeat_the_answer_in_the_result_list(client, app):
    query = "延迟发货卡片能发几次"  # answered, and other articles rank too
    with app.app_context():
        result = get_engine().search(query, app.config["DEFAULT_LIMIT"])  # as many as the page lists
    answer_url = f"/articles/{result['answer']['id']}"
    ranked = [f"/articles/{item['id']}" for item in result["results"]]
    assert answer_url in ranked and len(ranked) > 1
    html = get_page(client, "/search", query_string={"q": query})
    assert f'<a href="{answer_url}">' in section(html, "answer-title")
    listed = re.findall(r'class="hit-title" href="([^"]*)"', section(html, "results-title"))
    assert listed == [url for url in ranked if url != answer_url]


def test_a_related_question_without_an_answer_offers_the_related_article(client):
    html = get_page(client, "/search", query_string={"q": "运费险怎么开通"})  # a near miss of the premium article
    assert 'class="answer-card"' not in html
    assert "没有找到能直接回答这个问题的文章" in html
    assert "您是不是想问" in html and 'href="/articles/freight-insurance-premium"' in html
    assert 'class="hit-list"' not in html
    assert "按分类浏览" in html


def test_a_question_outside_the_knowledge_base_says_so_without_unrelated_suggestions(client):
    html = get_page(client, "/search", query_string={"q": OUT_OF_SCOPE_QUERY})
    assert "不在帮助中心目前收录的范围内" in html
    assert "您是不是想问" not in html and "联系人工客服" not in html
    assert "按分类浏览" in html


def test_without_an_answer_the_configured_support_contact_is_offered(index_dir, tmp_path):
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "SUPPORT_URL": "https://help.example/contact"})
    html = get_page(app.test_client(), "/search", query_string={"q": OUT_OF_SCOPE_QUERY})
    assert 'href="https://help.example/contact"' in html and "联系人工客服" in html
    body = app.test_client().get("/api/search", query_string={"q": OUT_OF_SCOPE_QUERY}).get_json()
    assert body["support_url"] == "https://help.example/contact"
    answered = app.test_client().get("/api/search", query_string={"q": ANSWERED_QUERY}).get_json()
    assert answered["answer"] and answered["support_url"] is None


def test_search_with_an_empty_query_asks_for_one(client):
    html = get_page(client, "/search", query_string={"q": "  "})
    assert "请输入要搜索的问题" in html


def test_search_with_an_overlong_query_explains_the_limit_in_chinese(client, app):
    query = "发" * (app.config["MAX_QUERY_LENGTH"] + 1)
    html = get_page(client, "/search", 400, query_string={"q": query})
    assert "问题太长了" in html
    assert search_box_value(html) == query


@pytest.mark.parametrize("query", [
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "预售 AND (定金 OR *) ^~",
])
def test_search_escapes_whatever_the_merchant_typed(client, query):
    html = get_page(client, "/search", query_string={"q": query})
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert inline_code(html) == []


def test_snippets_carry_no_markup_but_highlights(client):
    html = get_page(client, "/search", query_string={"q": "延迟发货卡片"})
    snippets = re.findall(r'<p class="snippet">(.*?)</p>', html, re.S)
    assert snippets and any("<mark>" in snippet for snippet in snippets)
    for snippet in snippets:
        assert re.sub(r"</?mark>", "", snippet).count("<") == 0


def test_article_page_shows_the_article_with_its_context(client, app):
    with app.app_context():
        article = get_engine().article(ANSWERED_ID)
    assert article["calculators"] and article["related"]
    html = get_page(client, f"/articles/{ANSWERED_ID}")
    assert f'<h1 id="article-title">{article["question"]}</h1>' in html
    assert f'<span>分类：{article["category"]}</span>' in html
    assert f'<li><a href="{quote("/categories/" + article["category"])}">{article["category"]}</a></li>' in html
    assert f'<time datetime="{article["updated"]}">' in html
    for calc in article["calculators"]:
        assert f'href="/calculators/{calc["id"]}"' in html
    for item in article["related"]:
        assert f'href="/articles/{item["id"]}"' in html
    assert 'action="/search"' in html


def test_a_category_page_lists_that_categorys_articles_and_no_other(client, app):
    with app.app_context():
        articles = get_engine().articles()
    name = articles[0]["category"]
    html = get_page(client, quote(f"/categories/{name}"))
    assert f"<h1>{name}</h1>" in html
    for item in articles:
        assert (f'href="/articles/{item["id"]}"' in html) == (item["category"] == name)


def test_a_category_address_is_its_percent_encoded_name(client):
    assert client.get("/categories/%E9%A2%84%E5%94%AE").status_code == 200  # 预售


def test_an_unknown_category_is_the_404_page(client):
    html = get_page(client, quote("/categories/没有这个分类"), 404)
    assert "没有找到这个页面" in html


def test_calculator_inputs_leave_autofill_on_so_the_browser_keeps_them_on_back(client):
    # A calculator is a GET form: its result page re-renders the inputs from the
    # URL, and going back to the form restores what was typed from the
    # back/forward cache, which autocomplete="off" would turn off.
    html = get_page(client, "/calculators/deduction?orders=60&picked_up_within_48h=57&delayed_orders=3")
    assert 'autocomplete="off"' not in html.split('class="calc-form"', 1)[1]
    assert 'value="60"' in html and 'value="57"' in html and 'value="3"' in html


def test_unknown_article_is_a_chinese_404_page(client):
    html = get_page(client, "/articles/no-such-article", 404)
    assert "没有找到这个页面" in html
    assert '<a href="/">← 返回帮助中心首页</a>' in html
    assert 'action="/search"' in html


def test_unknown_page_is_the_same_404_page(client):
    html = get_page(client, "/no/such/page", 404)
    assert "没有找到这个页面" in html


def test_under_test_an_error_in_a_page_is_raised_not_hidden_in_a_500(app, client, add_failing_route):
    add_failing_route(app, "/fail")
    with pytest.raises(RuntimeError, match="secret detail"):
        client.get("/fail")


def test_served_an_error_in_a_page_is_a_logged_500_page_without_details(production_app, caplog, add_failing_route):
    add_failing_route(production_app, "/fail")
    response = production_app.test_client().get("/fail")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert response.mimetype == "text/html"
    assert "服务暂时出了点问题" in html and HTTP_MESSAGES[500] in html
    assert "secret detail" not in html and "Traceback" not in html
    assert response.headers["Content-Security-Policy"]
    logged = [r for r in caplog.records if r.exc_info and "/fail" in r.getMessage()]
    assert logged and "secret detail" in str(logged[0].exc_info[1])


def test_widget_script_is_served_as_javascript(client):
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert b"window.JDShipHelp" in response.data
    response.close()


def test_widget_script_stays_small(client):
    response = client.get("/widget.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert 0 < len(response.data) < 24_000  # answers, feedback, calculations and IME handling: about 21 KB
    response.close()


def test_widget_demo_embeds_the_widget_with_one_tag(client):
    html = get_page(client, "/widget/demo")
    assert len(re.findall(r"<script\b", html)) == 1
    assert re.search(r'<script src="/widget.js" async', html)


@pytest.mark.parametrize("url, status", [
    ("/", 200),
    (f"/search?q={ANSWERED_QUERY}", 200),
    (f"/search?q={OUT_OF_SCOPE_QUERY}", 200),
    ("/search?q=", 200),
    (f"/articles/{ANSWERED_ID}", 200),
    ("/categories/预售", 200),
    ("/articles/no-such-article", 404),
    ("/widget/demo", 200),
])
def test_pages_contain_no_inline_code_a_strict_csp_would_block(client, url, status):
    assert inline_code(get_page(client, url, status)) == []


def test_every_article_page_renders_without_inline_code(client, app):
    with app.app_context():
        ids = [a["id"] for a in get_engine().articles()]
    assert len(ids) >= 12
    for article_id in ids:
        response = client.get(f"/articles/{article_id}")
        assert response.status_code == 200, article_id
        assert inline_code(response.get_data(as_text=True)) == [], article_id
