"""Issue 13, the merchant's experience: results in view, input methods, tap targets, native touches."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1280, "phone": 360}
DEDUCTION = "/calculators/deduction"
DEDUCTION_FILLED = DEDUCTION + "?orders=60&picked_up_within_48h=57&delayed_orders=3"


@pytest.fixture(params=sorted(WIDTHS.values()), ids=lambda width: str(width))
def sized_page(request, make_page):
    return make_page(request.param)


def in_view(page, selector: str) -> bool:
    """True when the element's top is inside the viewport."""
    return page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return r.top >= 0 && r.top < innerHeight - 40; }", selector)


def test_a_shared_calculator_link_opens_with_the_result_in_view_and_focused(sized_page, app_url):
    sized_page.goto(app_url + DEDUCTION_FILLED)
    expect(sized_page.locator("#result")).to_be_focused()
    assert in_view(sized_page, "#result")


def test_submitting_a_calculator_brings_the_result_into_view(sized_page, app_url):
    sized_page.goto(app_url + DEDUCTION)
    sized_page.fill("#f-orders", "60")
    sized_page.fill("#f-picked_up_within_48h", "57")
    sized_page.fill("#f-delayed_orders", "3")
    sized_page.get_by_role("button", name="计算").click()
    sized_page.wait_for_url("**orders=60**")
    expect(sized_page.locator("#result")).to_be_focused()
    assert in_view(sized_page, "#result")


def test_without_javascript_the_result_or_the_first_error_is_in_view_and_focused(browser, app_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(app_url + DEDUCTION_FILLED)
        expect(page.locator("#result")).to_be_focused()
        assert in_view(page, "#result")
        page.goto(app_url + DEDUCTION + "?orders=60&picked_up_within_48h=abc&delayed_orders=3")
        expect(page.locator("#form-errors")).to_be_focused()
        assert in_view(page, "#form-errors")
    finally:
        context.close()


COMPOSE = """([selector, letters, text]) => {
  const box = document.querySelector(selector);
  box.focus();
  box.dispatchEvent(new CompositionEvent("compositionstart", {bubbles: true}));
  for (let i = 1; i <= letters.length; i++) {
    box.value = letters.slice(0, i);
    box.dispatchEvent(new InputEvent("input", {bubbles: true, isComposing: true, data: box.value}));
  }
  return new Promise(resolve => setTimeout(() => {
    window.__composedRequests = performance.getEntriesByType("resource").filter(e => /suggest|search/.test(e.name)).length;
    box.value = text;
    box.dispatchEvent(new CompositionEvent("compositionend", {bubbles: true, data: text}));
    box.dispatchEvent(new InputEvent("input", {bubbles: true, isComposing: false, data: text}));
    resolve(window.__composedRequests);
  }, 600));
}"""


def test_the_site_autocomplete_waits_for_the_input_method_to_commit(page, app_url):
    asked = []
    page.on("request", lambda request: "/api/suggest" in request.url and asked.append(request.url))
    page.goto(app_url + "/")
    page.evaluate(COMPOSE, ["#q", "yushou", "预售"])
    expect(page.locator("#q-suggestions [role=option]").first).to_be_visible()
    assert asked and all("yushou" not in url for url in asked)


def test_the_widget_waits_for_the_input_method_to_commit(page, app_url):
    asked = []
    page.on("request", lambda request: "/api/search" in request.url and asked.append(request.url))
    page.goto(app_url + "/widget/demo")
    page.locator("jd-ship-help button.launcher").click()
    page.evaluate("""([letters, text]) => {
      const box = document.querySelector("jd-ship-help").shadowRoot.querySelector("input");
      box.dispatchEvent(new CompositionEvent("compositionstart", {bubbles: true}));
      box.value = letters;
      box.dispatchEvent(new InputEvent("input", {bubbles: true, isComposing: true}));
      return new Promise(resolve => setTimeout(() => {
        box.value = text;
        box.dispatchEvent(new CompositionEvent("compositionend", {bubbles: true, data: text}));
        resolve();
      }, 700));
    }""", ["yushoumeihuo", "预售没货"])
    expect(page.locator("jd-ship-help .answer")).to_be_visible()
    assert asked and all("yushou" not in url for url in asked)


def test_autocomplete_finds_a_typo_and_marks_the_match(page, app_url):
    page.goto(app_url + "/")
    page.locator("#q").press_sequentially("发货预竟", delay=30)
    first = page.locator("#q-suggestions [role=option]").first
    expect(first).to_contain_text("发货预警")
    expect(first.locator("mark").first).to_have_text("发货预警")


def test_slash_focuses_the_search_box(page, app_url):
    page.goto(app_url + "/articles/shipping-warning")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")
    expect(page.locator("#q")).to_be_focused()
    expect(page.locator("#q")).to_have_value("")


TARGETS = """() => [...document.querySelectorAll('a, button, input, select, [role=option]')]
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
  .filter(el => !el.closest('.article-body, .skip-link, p.share-note + *') || el.matches('button'))
  .filter(el => !(el.closest('p, li') && el.closest('.article-body')))
  .map(el => { const r = el.getBoundingClientRect();
    return {what: el.outerHTML.slice(0, 80), width: r.width, height: r.height}; })
  .filter(t => t.width < 44 || t.height < 44)"""


@pytest.mark.parametrize("path", ["/", "/search?q=预售商品没货了怎么办", "/articles/presale-out-of-stock",
                                  "/calculators", DEDUCTION_FILLED, "/categories/预售"])
def test_every_tap_target_on_a_phone_is_at_least_44_px(make_page, app_url, path):
    page = make_page(360)
    page.goto(app_url + path)
    page.evaluate("document.fonts.ready")
    small = [t for t in page.evaluate(TARGETS) if "skip-link" not in t["what"]]
    assert small == []


def test_every_widget_target_on_a_phone_is_at_least_44_px_and_its_input_16_px(make_page, app_url):
    page = make_page(360)
    page.goto(app_url + "/widget/demo")
    page.locator("jd-ship-help button.launcher").click()
    page.locator("jd-ship-help input").press_sequentially("预售没货怎么办", delay=10)
    expect(page.locator("jd-ship-help .answer")).to_be_visible()
    small = page.evaluate("""() => [...document.querySelector('jd-ship-help').shadowRoot
        .querySelectorAll('a, button, input')].filter(el => el.getClientRects().length)
        .map(el => { const r = el.getBoundingClientRect(); return {what: el.outerHTML.slice(0, 80), w: r.width, h: r.height}; })
        .filter(t => t.w < 44 || t.h < 44)""")
    assert small == []
    size = page.evaluate("getComputedStyle(document.querySelector('jd-ship-help').shadowRoot.querySelector('input')).fontSize")
    assert float(size.rstrip("px")) >= 16


def test_print_hides_the_navigation_and_dark_mode_darkens_the_page(page, app_url):
    page.goto(app_url + "/articles/presale-out-of-stock")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".search-form")).to_be_hidden()
    expect(page.locator(".article")).to_be_visible()
    page.emulate_media(media="screen", color_scheme="dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(21, 23, 26)"


def test_an_invalid_field_shows_the_error_border(page, app_url):
    page.problems.allow("400 (BAD REQUEST)")
    page.problems.allow("cannot be parsed")
    page.goto(app_url + DEDUCTION + "?orders=60&picked_up_within_48h=abc&delayed_orders=3")
    color = page.evaluate("getComputedStyle(document.querySelector('#f-picked_up_within_48h')).borderTopColor")
    assert color == "rgb(179, 38, 30)"


def test_the_widget_demo_is_a_footer_link_not_navigation(page, app_url):
    page.goto(app_url + "/")
    expect(page.locator(".site-nav a", has_text="挂件")).to_have_count(0)
    expect(page.locator(".site-footer a[href$='/widget/demo']")).to_have_count(1)


def test_the_breadcrumb_and_the_home_cards_lead_to_the_category_page(page, app_url):
    page.goto(app_url + "/articles/presale-out-of-stock")
    page.locator(".breadcrumb a", has_text="预售").click()
    expect(page.locator("h1")).to_have_text("预售")
    expect(page.locator(".category-articles a[href$='/articles/presale-out-of-stock']")).to_be_visible()
    page.goto(app_url + "/")
    page.locator(".category h3 a", has_text="预售").click()
    expect(page.locator("h1")).to_have_text("预售")


def test_going_back_from_a_result_keeps_what_was_typed(page, app_url):
    page.goto(app_url + DEDUCTION)
    page.fill("#f-orders", "60")
    page.fill("#f-picked_up_within_48h", "57")
    page.fill("#f-delayed_orders", "3")
    page.get_by_role("button", name="计算").click()
    page.wait_for_url("**orders=60**")
    page.go_back()
    page.wait_for_url("**" + DEDUCTION)
    expect(page.locator("#f-orders")).to_have_value("60")
    expect(page.locator("#f-delayed_orders")).to_have_value("3")
    page.go_forward()
    expect(page.locator("#f-picked_up_within_48h")).to_have_value("57")
