"""The editors' loop end to end in a real browser, against SQLite and PostgreSQL.

A merchant on another origin asks in the widget, opens the suggestion after
no answer, votes "没帮助" with a comment on an answer; an editor then finds
all three in `kb insights` and on /admin.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from kb.events import insights
from webapp import cli

pytestmark = pytest.mark.browser

TOKEN = "editors-browser-token"
UNANSWERED = "运费险怎么开通"
ANSWERED = "延迟发货卡片能发几次"
COMMENT = "<b>没说</b>超过次数以后怎么办"


@pytest.fixture
def loop_app(recording_app):
    return recording_app(ADMIN_TOKEN=TOKEN)


HOST_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>合作方后台</title></head><body><h1>合作方后台</h1><script src="{app_url}/widget.js" async></script></body></html>"""


@contextmanager
def served(wsgi_app):
    server = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def loop_urls(loop_app):
    """The app and a host page on another origin (another port) embedding its widget."""
    with served(loop_app) as app_url:
        page = HOST_PAGE.format(app_url=app_url).encode("utf-8")

        def host(environ, start_response):
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [page]

        with served(host) as host_url:
            yield app_url, host_url


def ask(page, question):
    box = page.locator("jd-ship-help [role=dialog]").get_by_label("输入您的发货问题")
    box.fill("")
    box.press_sequentially(question, delay=10)


def test_a_widget_search_a_click_and_a_vote_reach_kb_insights_and_admin(
        make_page, browser, loop_app, loop_urls, monkeypatch, capsys):
    app_url, host_url = loop_urls
    page = make_page()
    page.goto(host_url + "/")
    page.locator("jd-ship-help button.launcher").click()
    panel = page.locator("jd-ship-help [role=dialog]")

    ask(page, UNANSWERED)
    suggestion = panel.locator(".list a").first
    expect(suggestion).to_have_attribute("href", app_url + "/articles/freight-insurance-premium")
    with page.context.expect_page() as opened:
        suggestion.click()
    opened.value.close()

    ask(page, ANSWERED)
    answer = panel.locator(".answer")
    expect(answer).to_be_visible()
    answer.get_by_role("button", name="没帮助").click()
    expect(answer.locator(".fb-thanks")).to_have_text("谢谢您的反馈！")
    answer.get_by_label("哪里没帮到您").fill(COMMENT)
    answer.get_by_role("button", name="提交说明").click()
    expect(answer.locator("form")).to_be_hidden()

    recorder = loop_app.extensions["kb_events"]
    assert recorder.flush()
    monkeypatch.setenv("KB_DATABASE_URL", loop_app.config["DATABASE_URL"])
    assert cli.main(["insights", "--days", "1"]) == 0
    out = capsys.readouterr().out
    assert f"{UNANSWERED}  → freight-insurance-premium×1" in out
    assert f"delay-card-send-limit  {ANSWERED}  {COMMENT}" in out
    assert "0%  0/1  delay-card-send-limit" in out

    assert loop_app.test_client().get("/admin").status_code == 401
    context = browser.new_context(http_credentials={"username": "editor", "password": TOKEN}, locale="zh-CN")
    editor = context.new_page()
    assert editor.goto(app_url + "/admin").status == 200
    expect(editor.locator("#unanswered")).to_contain_text(UNANSWERED)
    expect(editor.locator("#unanswered")).to_contain_text("运费险需要的保费是依照发货地址收取的吗")
    expect(editor.locator("#unhelpful")).to_contain_text(COMMENT)  # shown as text, not markup
    assert editor.locator("#unhelpful b").count() == 0
    expect(editor.locator("svg.admin-chart rect.bar").last).to_be_attached()
    context.close()


def test_a_vote_on_the_site_and_a_click_after_no_answer_are_recorded(make_page, loop_app, loop_urls):
    app_url, _ = loop_urls
    page = make_page()
    page.goto(app_url + "/search?q=" + UNANSWERED)
    page.get_by_role("link", name="运费险需要的保费是依照发货地址收取的吗").first.click()
    page.wait_for_url("**/articles/freight-insurance-premium")
    box = page.locator("form.feedback")
    expect(box).to_be_visible()
    box.get_by_role("button", name="有帮助").click()
    box.get_by_role("button", name="有帮助").click()  # a double click counts once
    expect(box.locator(".feedback-thanks")).to_have_text("谢谢您的反馈！")
    recorder = loop_app.extensions["kb_events"]
    assert recorder.flush()
    figures = insights.report(recorder.store, 1)
    assert figures["unanswered"][0]["proposed"] == "freight-insurance-premium"
    assert figures["unanswered"][0]["clicked"][0]["clicks"] == 1
    assert figures["articles"] == [{"id": "freight-insurance-premium", "helpful": 1, "unhelpful": 0, "ratio": 1.0}]
    assert figures["channels"] == {"page": 1}
