"""Answers with the merchant's own numbers (issue 15) in a real browser at 360 px: search page and widget."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = 360

QUESTION = "这周450单,48小时内揽收了420单,延迟发货30单,扣几分"
HEADLINE = "按您的数字：本周扣 7 分（48小时揽件及时率 93.33% < 95%）"
READ = "已按：本周订单数 450、48小时内揽件订单数 420、延迟发货订单数 30"
FORM = "/calculators/deduction?orders=450&picked_up_within_48h=420&delayed_orders=30"

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def test_the_search_page_shows_the_computed_answer_at_360_px(make_page, app_url, screenshots):
    page = make_page(PHONE)
    page.goto(app_url + "/search?q=" + quote(QUESTION))
    card = page.locator(".answer-card")
    expect(card).to_be_visible()
    calc = card.locator(".calculation[data-calculator=deduction]")
    expect(calc.locator(".calculation-headline")).to_have_text(HEADLINE)
    expect(calc.locator(".calculation-read")).to_have_text(READ)
    button = calc.get_by_role("link", name="查看计算过程")
    expect(button).to_have_attribute("href", FORM)
    box = calc.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.screenshot(path=str(screenshots / "calculation-search-phone.png"), full_page=True)
    button.click()
    page.wait_for_url("**/calculators/deduction?*")
    expect(page.locator("input[name=orders]")).to_have_value("450")


def test_the_widget_shows_the_computed_answer_at_360_px(make_page, app_url, screenshots):
    page = make_page(PHONE)
    page.goto(app_url + "/widget/demo")
    page.locator("jd-ship-help button.launcher").click()
    panel = page.locator("jd-ship-help [role=dialog]")
    expect(panel).to_be_visible()
    panel.get_by_label("输入您的发货问题").fill(QUESTION)
    answer = panel.locator(".answer")
    expect(answer).to_be_visible()
    calc = answer.locator(".calc")
    expect(calc).to_contain_text(HEADLINE)
    expect(calc).to_contain_text(READ)
    link = calc.get_by_role("link", name="查看计算过程")
    expect(link).to_have_attribute("href", app_url + FORM)
    box = calc.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.screenshot(path=str(screenshots / "calculation-widget-phone.png"))
