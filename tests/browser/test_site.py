"""The merchant site in a real browser: search, autocomplete, calculators, no errors."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

QUESTION = "预售商品没货了怎么办"
DEDUCTION_URL = "/calculators/deduction?orders=60&picked_up_within_48h=57&delayed_orders=3"


def test_searching_from_the_home_page_shows_the_answer_card_and_its_calculator_button(page, app_url):
    page.goto(app_url + "/")
    box = page.get_by_label("输入您遇到的发货问题")
    expect(box).to_be_focused()
    box.fill(QUESTION)
    box.press("Enter")
    page.wait_for_url("**/search?q=*")
    card = page.locator(".answer-card")
    expect(card).to_be_visible()
    expect(card.get_by_role("link", name="查看完整解答")).to_have_attribute("href", "/articles/presale-out-of-stock")
    calc_button = card.locator("a.button-calc", has_text="预售定金")
    expect(calc_button).to_be_visible()
    expect(calc_button).to_have_attribute("href", "/calculators/deposit-refund")
    expect(page.locator("#q")).to_have_value(QUESTION)


def test_the_search_page_works_without_javascript(browser, app_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(app_url + "/")
        page.fill("#q", QUESTION)
        page.click("button[type=submit]")
        page.wait_for_url("**/search?q=*")
        expect(page.locator(".answer-card")).to_be_visible()
    finally:
        context.close()


def test_autocomplete_offers_a_completion_and_choosing_it_searches(page, app_url):
    page.goto(app_url + "/")
    box = page.locator("#q")
    box.press_sequentially("延迟发货", delay=40)
    options = page.locator("#q-suggestions [role=option]")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    first = options.first.inner_text()
    assert "延迟" in first or "延迟发货" in first
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    page.wait_for_url("**/search?q=*")
    assert parse_qs(urlparse(page.url).query)["q"] == [first]
    expect(page.locator("#q")).to_have_value(first)


def test_autocomplete_closes_on_escape(page, app_url):
    page.goto(app_url + "/")
    box = page.locator("#q")
    box.press_sequentially("运费", delay=40)
    expect(page.locator("#q-suggestions")).to_be_visible()
    box.press("Escape")
    expect(page.locator("#q-suggestions")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")


def test_a_question_outside_the_knowledge_base_gets_an_honest_no(page, app_url):
    page.goto(app_url + "/search?q=" + "今天北京天气怎么样")
    expect(page.locator(".answer-card")).to_have_count(0)
    expect(page.get_by_role("heading", name="没有找到能直接回答这个问题的文章")).to_be_visible()
    expect(page.get_by_role("heading", name="按分类浏览")).to_be_visible()


def test_an_article_page_links_its_calculators_and_related_articles(page, app_url):
    page.goto(app_url + "/articles/shipping-warning")
    expect(page.get_by_role("heading", level=1)).to_have_text("发货预警怎么消除？")
    expect(page.locator(".calc-buttons a").first).to_be_visible()
    expect(page.get_by_label("没解决您的问题？换个说法再搜")).to_be_visible()


def test_a_calculator_link_shows_its_result(page, app_url):
    page.goto(app_url + DEDUCTION_URL)
    result = page.locator(".result")
    expect(result).to_be_visible()
    expect(result).to_contain_text("3")
    expect(result).to_contain_text("分")


def test_a_calculator_form_round_trip_shows_its_result(page, app_url):
    page.goto(app_url + "/calculators/deduction")
    form = page.locator("form.calc-form")
    form.locator("[name=orders]").fill("60")
    form.locator("[name=picked_up_within_48h]").fill("57")
    form.locator("[name=delayed_orders]").fill("3")
    form.locator("[type=submit]").click()
    page.wait_for_url("**/calculators/deduction?*")
    expect(page.locator(".result")).to_contain_text("3")
    expect(page.locator("[name=orders]")).to_have_value("60")


def test_a_calculator_input_error_shows_next_to_its_field(page, app_url):
    page.problems.allow("status of 400")
    page.goto(app_url + "/calculators/deduction?orders=60&picked_up_within_48h=61&delayed_orders=3")
    expect(page.locator(".field-error").first).to_be_visible()


@pytest.mark.parametrize("path", [
    "/",
    "/search?q=发货预警怎么消除",
    "/search?q=今天北京天气怎么样",
    "/articles/presale-out-of-stock",
    "/calculators/",
    DEDUCTION_URL,
    "/widget/demo",
])
def test_pages_log_no_console_error_or_csp_violation(page, app_url, path):
    response = page.goto(app_url + path)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    # make_page fails the test if anything was logged.


def test_the_problem_collector_notices_a_csp_violation(page, app_url):
    page.goto(app_url + "/")
    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.wait_for_timeout(200)
    assert any(error.startswith("CSP: style-src") for error in page.problems.errors), page.problems.errors
    page.problems.errors.clear()


def test_the_404_page_is_styled_and_in_chinese(page, app_url):
    page.problems.allow("status of 404")
    response = page.goto(app_url + "/articles/no-such-article")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("没有找到这个页面")
    background = page.locator(".site-header").evaluate("el => getComputedStyle(el).borderBottomStyle")
    assert background == "solid"


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("path", ["/", "/search?q=预售商品没货了怎么办", "/articles/presale-out-of-stock", DEDUCTION_URL])
def test_pages_fit_the_screen_without_sideways_scrolling(make_page, app_url, path, width):
    page = make_page(width)
    page.goto(app_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_every_input_has_a_label(page, app_url):
    for path in ["/", "/search?q=运费险", DEDUCTION_URL, "/calculators/deposit-refund"]:
        page.goto(app_url + path)
        unlabeled = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
            .filter(el => el.type !== 'hidden' && el.type !== 'submit')
            .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                          && !el.getAttribute('aria-labelledby'))
            .map(el => el.name || el.id)""")
        assert unlabeled == [], path


def test_keyboard_focus_is_visible(page, app_url):
    page.goto(app_url + "/search?q=运费险")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
