"""axe-core finds no violation on any site page at phone and desktop width, nor in the open widget.

axe-core comes from npm through `.ci/install-axe` (run by `make test`) into the
git-ignored `.axe/`. Without it the tests skip on a developer machine and fail
under CI=true, so CI can never pass without having checked.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect


pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".axe" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (360, 1280)
ARTICLES = sorted(p.stem for p in (ROOT / "articles").glob("*/*.md"))
PAGES = [
    "/",
    "/search?q=预售商品没货了怎么办",
    "/search?q=今天北京天气怎么样",
    "/search?q=发货预竟怎么消除",
    "/search?q=",
    *(f"/articles/{a}" for a in ARTICLES),
    "/categories/" + quote("预售"),
    "/calculators/",
    "/calculators/deduction",
    "/calculators/deduction?orders=60&picked_up_within_48h=57&delayed_orders=3",
    "/calculators/deduction?orders=2.5&picked_up_within_48h=abc&delayed_orders=",
    "/calculators/ship-deadline?order_time=2024-11-11T10:00&waybill_uploaded_at=2024-11-11T20:00&now=2024-11-12T12:00",
    "/calculators/delay-card?sent_at=2024-11-11T10:00&now=2024-11-12T12:00",
    "/calculators/deposit-refund?deposit=50&stage=before_final_payment&buyer_agrees=yes",
    "/widget/demo",
    "/no/such/page",
]


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        message = f"{AXE} is missing: run `sh .ci/install-axe` (npm install axe-core@4 into .axe/)."
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return AXE


@pytest.fixture(params=WIDTHS, ids=str)
def axe_page(request, browser):
    # The site's CSP (script-src 'self') would block the injected axe script:
    # only this context bypasses it.
    context = browser.new_context(viewport={"width": request.param, "height": 800}, locale="zh-CN",
                                  bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def violations(page, axe_script: Path) -> list[str]:
    """Every axe violation on the page, one line each with the elements it names."""
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(axe_script))
    found = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — '
            + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""")
    return found


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violation_on_a_site_page(axe_page, app_url, axe_script, path):
    axe_page.goto(app_url + path)
    assert violations(axe_page, axe_script) == []


def test_no_axe_violation_with_the_site_autocomplete_open(axe_page, app_url, axe_script):
    axe_page.goto(app_url + "/")
    axe_page.locator("#q").press_sequentially("预售", delay=20)
    expect(axe_page.locator(".suggestions li").first).to_be_visible()
    assert violations(axe_page, axe_script) == []


def test_no_axe_violation_with_the_widget_open_on_a_host_page(axe_page, host_url, axe_script):
    axe_page.goto(host_url + "/plain")
    axe_page.locator("jd-ship-help button.launcher").click()
    axe_page.locator("jd-ship-help input").press_sequentially("延迟发货扣几分 这周450单30单没揽收", delay=10)
    expect(axe_page.locator("jd-ship-help .answer")).to_be_visible()
    assert violations(axe_page, axe_script) == []
