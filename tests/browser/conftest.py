"""Browser fixtures: the real app and a second-origin host page, driven by Debian's Chromium.

Two servers run in background threads on 127.0.0.1 with free ports: the app itself
(real articles, index in a temporary folder) and a plain "host" site on another port
that embeds the widget the way a merchant back office would, cross-origin.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from kb import settings
from webapp import create_app

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
WIDTHS = {"desktop": 1280, "phone": 360}


def has_chinese_font() -> bool:
    """True when fontconfig knows a font covering Chinese (else screenshots show boxes)."""
    if shutil.which("fc-list") is None:
        return False
    listing = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False)
    return bool(listing.stdout.strip())


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium with a Chinese font; installed with apt by .ci/install-browser when missing."""
    if not Path(CHROMIUM).exists() or not has_chinese_font():
        subprocess.run(["sh", str(ROOT / ".ci" / "install-browser")], check=False)
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium. "
            "Run `sh .ci/install-browser` as root (apt-get install chromium fonts-wqy-microhei).",
            pytrace=False,
        )
    if not has_chinese_font():
        pytest.fail(
            "No font covering Chinese is installed, so pages would render as boxes. "
            "Run `sh .ci/install-browser` as root (apt-get install fonts-wqy-microhei).",
            pytrace=False,
        )
    return CHROMIUM


class ServerThread:
    """A WSGI app served by werkzeug in a daemon thread on a free local port."""

    def __init__(self, wsgi_app):
        self.server = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_app(index_dir):
    return create_app({
        "TESTING": True,
        "ARTICLES_DIR": settings.DEFAULTS["ARTICLES_DIR"],
        "INDEX_DIR": str(index_dir),
    })


@pytest.fixture(scope="session")
def app_url(live_app) -> str:
    """Base URL of the real app served on a free port."""
    with ServerThread(live_app) as server:
        yield server.url


HOST_PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>这是另一个来源的页面，只嵌入了一行挂件代码。</p>
<button type="button" id="host-button">宿主页面自己的按钮</button>
</main>
<script src="{app_url}/widget.js" async{attrs}></script>
</body>
</html>
"""

# A host that tries everything it can from outside: hide all, recolour every button.
HOSTILE_CSS = """
*:not(html) { display: none !important; font-family: serif !important; opacity: .2 !important;
              transform: rotate(3deg) !important; }
button { color: red !important; background: yellow !important; font-size: 40px !important; }
html { font-size: 40px !important; color: lime !important; line-height: 5 !important; }
jd-ship-help { position: static !important; width: 1px !important; height: 1px !important; }
"""


def host_pages(app_url: str) -> dict[str, str]:
    """The second origin's pages, each embedding the widget with one script tag."""
    return {
        "/plain": HOST_PAGE.format(title="合作方后台", css="body { font: 16px sans-serif; }",
                                   app_url=app_url, attrs=""),
        "/left": HOST_PAGE.format(title="合作方后台", css="", app_url=app_url,
                                  attrs=f' data-position="left" data-title="问问发货规则" data-accent="#1a5fb4" data-api-base="{app_url}/"'),
        "/hostile": HOST_PAGE.format(title="不友好的页面", css=HOSTILE_CSS, app_url=app_url, attrs=""),
    }


@pytest.fixture(scope="session")
def host_url(app_url) -> str:
    """Base URL of a second origin (another port) whose pages embed the widget."""
    pages = host_pages(app_url)

    def host_app(environ, start_response):
        body = pages.get(environ.get("PATH_INFO", ""))
        if body is None:
            start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"not found"]
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [body.encode("utf-8")]

    with ServerThread(host_app) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


# Reports CSP violations to the test through an exposed binding, across navigations.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  window.__reportCspViolation(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " on " + location.href);
});
"""


class PageProblems:
    """Console errors, uncaught exceptions and CSP violations a page produced."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.allowed: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        page.expose_function("__reportCspViolation", lambda text: self.errors.append(f"CSP: {text}"))
        page.add_init_script(CSP_LISTENER)

    def _console(self, message):
        if message.type in ("error", "warning") and not any(a in message.text for a in self.allowed):
            self.errors.append(f"console {message.type}: {message.text} ({message.location.get('url')})")

    def allow(self, text: str) -> None:
        """Accept console messages containing `text` (an expected 404, say)."""
        self.allowed.append(text)


@pytest.fixture
def make_page(browser):
    """Open pages at a given width; fail the test if any logged an error or a CSP violation."""
    contexts = []
    problems = []

    def make(width: int = WIDTHS["desktop"]):
        context = browser.new_context(
            viewport={"width": width, "height": 800 if width > 600 else 740},
            locale="zh-CN",
            device_scale_factor=1,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.problems = PageProblems(page)
        problems.append(page.problems)
        return page

    yield make
    for context in contexts:
        context.close()
    found = [error for p in problems for error in p.errors]
    assert found == [], "the browser reported problems:\n" + "\n".join(found)


@pytest.fixture
def page(make_page):
    return make_page()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The git-ignored folder for screenshots, emptied once per session."""
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS
