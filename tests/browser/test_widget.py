"""The embeddable help widget in a real browser: same origin, another origin, a hostile host."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

QUESTION = "延迟发货卡片能发几次"
ANSWER_URL = "/articles/delay-card-send-limit"

FOCUS_ON_LAUNCHER = """() => {
  const host = document.activeElement;
  return host !== null && host.localName === "jd-ship-help"
    && host.shadowRoot.activeElement !== null
    && host.shadowRoot.activeElement.classList.contains("launcher");
}"""


def launcher(page):
    return page.locator("jd-ship-help button.launcher")


def panel(page):
    return page.locator("jd-ship-help [role=dialog]")


def ask(page, question=QUESTION):
    """Open the widget, type a question and wait for the direct answer."""
    launcher(page).click()
    expect(panel(page)).to_be_visible()
    box = panel(page).get_by_label("输入您的发货问题")
    expect(box).to_be_focused()
    box.press_sequentially(question, delay=20)
    answer = panel(page).locator(".answer")
    expect(answer).to_be_visible()
    return answer


def test_the_widget_on_the_demo_page_opens_answers_and_closes_on_escape(page, app_url):
    page.goto(app_url + "/widget/demo")
    expect(launcher(page)).to_have_attribute("aria-label", "打开发货规则帮助")
    expect(launcher(page)).to_have_attribute("aria-expanded", "false")
    answer = ask(page)
    expect(launcher(page)).to_have_attribute("aria-expanded", "true")
    expect(panel(page)).to_have_attribute("aria-label", "发货规则帮助")
    full = answer.get_by_role("link", name="查看完整解答")
    expect(full).to_have_attribute("href", app_url + ANSWER_URL)
    expect(full).to_have_attribute("target", "_blank")
    expect(full).to_have_attribute("rel", "noopener")
    calc = answer.locator("a.btn:not(.btn-main)").first
    expect(calc).to_have_attribute("href", app_url + "/calculators/delay-card")
    expect(calc).to_have_attribute("target", "_blank")
    page.keyboard.press("Escape")
    expect(panel(page)).to_be_hidden()
    assert page.evaluate(FOCUS_ON_LAUNCHER)


def test_the_widget_defines_one_global(page, app_url):
    page.goto(app_url + "/widget/demo")
    expect(launcher(page)).to_be_visible()
    added = page.evaluate("""() => {
        const frame = document.createElement("iframe");
        document.body.appendChild(frame);
        const standard = new Set(Object.keys(frame.contentWindow));
        frame.remove();
        // Names starting with "__" are the test harness's own bindings.
        return Object.keys(window).filter(k => !standard.has(k) && !k.startsWith("__"));
    }""")
    assert added == ["JDShipHelp"]


def test_the_widget_works_by_keyboard_alone(page, app_url):
    page.goto(app_url + "/widget/demo")
    expect(launcher(page)).to_be_visible()
    for _ in range(40):
        if page.evaluate(FOCUS_ON_LAUNCHER):
            break
        page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_ON_LAUNCHER), "Tab never reached the help button"
    page.keyboard.press("Enter")
    expect(panel(page)).to_be_visible()
    page.keyboard.type(QUESTION)
    expect(panel(page).locator(".answer")).to_be_visible()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.shadowRoot.activeElement.textContent")
    assert focused
    page.keyboard.press("Escape")
    expect(panel(page)).to_be_hidden()
    assert page.evaluate(FOCUS_ON_LAUNCHER)


def test_the_close_button_closes_the_panel(page, app_url):
    page.goto(app_url + "/widget/demo")
    launcher(page).click()
    panel(page).get_by_role("button", name="关闭帮助").click()
    expect(panel(page)).to_be_hidden()


def test_the_widget_says_so_when_nothing_answers(page, app_url):
    page.goto(app_url + "/widget/demo")
    launcher(page).click()
    panel(page).get_by_label("输入您的发货问题").fill("今天北京天气怎么样")
    expect(panel(page).get_by_role("status")).to_contain_text("不在帮助中心收录的范围内")
    expect(panel(page).locator(".answer")).to_have_count(0)
    # A question the knowledge base relates to but does not answer gets the related article.
    panel(page).get_by_label("输入您的发货问题").fill("运费险怎么开通")
    expect(panel(page).get_by_role("status")).to_contain_text("没有找到能直接回答的文章")
    expect(panel(page).get_by_role("link", name="运费险需要的保费是依照发货地址收取的吗？")).to_be_visible()


def test_the_widget_on_another_origin_still_answers(page, app_url, host_url):
    assert host_url != app_url
    page.goto(host_url + "/plain")
    answer = ask(page)
    expect(answer.get_by_role("link", name="查看完整解答")).to_have_attribute("href", app_url + ANSWER_URL)
    page.keyboard.press("Escape")
    assert page.evaluate(FOCUS_ON_LAUNCHER)


def test_the_widget_follows_its_data_attributes(page, host_url):
    page.goto(host_url + "/left")
    button = launcher(page)
    expect(button).to_have_attribute("aria-label", "打开问问发货规则")
    box = button.bounding_box()
    assert box["x"] < 100
    assert button.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(26, 95, 180)"
    button.click()
    expect(panel(page)).to_have_attribute("aria-label", "问问发货规则")


def widget_look(page) -> dict:
    button = launcher(page)
    expect(button).to_be_visible()
    return {
        "box": button.bounding_box(),
        "style": button.evaluate("""el => {
            const s = getComputedStyle(el);
            return [s.color, s.backgroundColor, s.fontSize, s.fontFamily, s.display, s.opacity, s.transform];
        }"""),
        "host": page.locator("jd-ship-help").evaluate("""el => {
            const s = getComputedStyle(el);
            return [s.position, s.display, s.opacity, s.transform, s.zIndex];
        }"""),
    }


def test_hostile_host_css_does_not_change_the_widget(make_page, host_url):
    friendly = make_page()
    friendly.goto(host_url + "/plain")
    expected = widget_look(friendly)

    hostile = make_page()
    hostile.goto(host_url + "/hostile")
    expect(hostile.locator("#host-button")).to_be_hidden()
    actual = widget_look(hostile)
    assert actual == expected
    assert actual["style"][0] == "rgb(255, 255, 255)"
    answer = ask(hostile)
    expect(answer).to_be_visible()


HOSTILE_RESULT = {
    "id": "b", "question": "第二篇", "url": "/articles/b", "score": 1, "calculators": [],
    "snippet": "前&lt;文&gt; <mark>延迟&amp;发货</mark> <img src=x onerror=window.__pwned=1>后文",
}
HOSTILE_PAYLOAD = {
    "ok": True,
    "query": "x",
    "answer": {
        "id": "a", "question": "<img src=x onerror=window.__pwned=1>问题",
        "summary": "<b>摘要</b>", "html": "<script>window.__pwned=1</script>",
        "url": "javascript:window.__pwned=1", "confidence": 1,
        "calculators": [{"id": "c", "title": "<i>计算器</i>", "url": "/calculators/c"}],
    },
    "results": [HOSTILE_RESULT],
    "suggestions": [],
    "also": {"kind": "related", "items": [HOSTILE_RESULT]},
}


def test_the_widget_renders_server_text_as_text_and_keeps_only_highlights(page, host_url):
    import json

    page.route("**/api/search?*", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(HOSTILE_PAYLOAD),
        headers={"Access-Control-Allow-Origin": "*"}))
    page.goto(host_url + "/plain")
    answer = ask(page, "延迟")
    expect(answer.locator(".answer-q")).to_have_text("<img src=x onerror=window.__pwned=1>问题")
    assert answer.locator(".answer-q").get_attribute("href") is None
    expect(answer.locator(".summary")).to_have_text("<b>摘要</b>")
    snippet = panel(page).locator(".snippet")
    expect(snippet).to_have_text("前<文> 延迟&发货 后文")
    expect(snippet.locator("mark")).to_have_text("延迟&发货")
    tags = snippet.evaluate("el => [...el.querySelectorAll('*')].map(n => n.localName)")
    assert tags == ["mark"]
    assert page.evaluate("window.__pwned") is None
