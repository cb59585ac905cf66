"""Screenshots of the main screens at desktop and phone width, saved for a human to look at."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1280, "phone": 360}


@pytest.fixture(params=sorted(WIDTHS.items()), ids=lambda item: item[0])
def sized_page(request, make_page):
    name, width = request.param
    page = make_page(width)
    page.width_name = f"{width}"
    return page


def shoot(page, screenshots, name: str) -> None:
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    path = screenshots / f"{name}-{page.width_name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0


def test_screenshot_of_the_home_page(sized_page, app_url, screenshots):
    sized_page.goto(app_url + "/")
    shoot(sized_page, screenshots, "home")


def test_screenshot_of_a_search_result(sized_page, app_url, screenshots):
    sized_page.goto(app_url + "/search?q=预售商品没货了怎么办")
    expect(sized_page.locator(".answer-card")).to_be_visible()
    shoot(sized_page, screenshots, "search")


def test_screenshot_of_a_search_without_an_answer(sized_page, app_url, screenshots):
    sized_page.goto(app_url + "/search?q=今天北京天气怎么样")
    shoot(sized_page, screenshots, "search-no-answer")


def test_screenshot_of_an_article(sized_page, app_url, screenshots):
    sized_page.goto(app_url + "/articles/presale-out-of-stock")
    shoot(sized_page, screenshots, "article")


def test_screenshot_of_the_widget_open(sized_page, app_url, screenshots):
    sized_page.goto(app_url + "/widget/demo")
    sized_page.locator("jd-ship-help button.launcher").click()
    sized_page.locator("jd-ship-help input").press_sequentially("延迟发货卡片能发几次", delay=10)
    expect(sized_page.locator("jd-ship-help .answer")).to_be_visible()
    sized_page.wait_for_load_state("networkidle")
    path = screenshots / f"widget-{sized_page.width_name}.png"
    sized_page.screenshot(path=str(path))


def test_screenshot_of_a_search_with_a_typo(sized_page, app_url, screenshots):
    sized_page.goto(app_url + "/search?q=发货预竟怎么消除")
    expect(sized_page.locator(".answer-card")).to_be_visible()
    shoot(sized_page, screenshots, "search-typo")


def test_screenshot_of_a_category(sized_page, app_url, screenshots):
    sized_page.goto(app_url + "/categories/延迟发货卡片")
    shoot(sized_page, screenshots, "category")


# Each calculator filled in the way a merchant would, then submitted with 计算.
CALCULATORS = {
    "deduction": {"#f-orders": "60", "#f-picked_up_within_48h": "57", "#f-delayed_orders": "3"},
    "ship-deadline": {"#f-order_time": "2024-11-11T10:00", "#f-waybill_uploaded_at": "2024-11-11T20:00",
                      "#f-now": "2024-11-12T12:00"},
    "delay-card": {"#f-sent_at": "2024-11-11T10:00", "#f-now": "2024-11-12T12:00"},
    "deposit-refund": {"#f-deposit": "50", "#f-stage": "after_final_payment", "#f-buyer_agrees": "yes",
                       "#f-can_restock": "no"},
}


@pytest.mark.parametrize("calculator", sorted(CALCULATORS))
def test_screenshot_of_each_calculator_filled_in_and_submitted(sized_page, app_url, screenshots, calculator):
    sized_page.goto(app_url + f"/calculators/{calculator}")
    for selector, value in CALCULATORS[calculator].items():
        if sized_page.locator(selector).evaluate("el => el.tagName") == "SELECT":
            sized_page.select_option(selector, value)
        else:
            sized_page.fill(selector, value)
    sized_page.get_by_role("button", name="计算").click()
    expect(sized_page.locator("#result")).to_be_focused()
    shoot(sized_page, screenshots, f"calculator-{calculator}")


def test_screenshot_of_the_widget_on_another_origin(sized_page, host_url, screenshots):
    sized_page.goto(host_url + "/plain")
    sized_page.locator("jd-ship-help button.launcher").click()
    sized_page.locator("jd-ship-help input").press_sequentially("这周450单有30单48小时没揽收扣几分", delay=10)
    expect(sized_page.locator("jd-ship-help .answer")).to_be_visible()
    sized_page.wait_for_load_state("networkidle")
    path = screenshots / f"widget-host-{sized_page.width_name}.png"
    sized_page.screenshot(path=str(path))
