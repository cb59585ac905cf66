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
