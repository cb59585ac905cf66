"""Security headers on every page, CORS on the read-only API and nowhere else."""

from __future__ import annotations

import pytest

from webapp import security

# Each URL with the status it must answer; headers on a broken page prove nothing.
HTML_PAGES = [
    ("/", 200),
    ("/search?q=运费险", 200),
    ("/articles/delay-card", 200),
    ("/widget/demo", 200),
    ("/no-such-page", 404),
]

READ_ONLY_API = [
    "/api/search?q=运费险",
    "/api/suggest?q=预售",
    "/api/articles",
    "/api/articles/delay-card",
    "/api/calculators",
]
OTHER_RESOURCES = [("/widget.js", 200), ("/static/site.css", 200)]


def csp_directives(header: str) -> dict[str, str]:
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in header.split(";") if part.strip())


@pytest.mark.parametrize("url, status", HTML_PAGES)
def test_html_pages_send_a_csp_without_inline_code(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    directives = csp_directives(response.headers["Content-Security-Policy"])
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'self'"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("url, status", HTML_PAGES + [(url, 200) for url in READ_ONLY_API] + OTHER_RESOURCES)
def test_every_response_forbids_sniffing_and_limits_the_referrer(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    response.close()


@pytest.mark.parametrize("url", READ_ONLY_API)
def test_read_only_api_may_be_read_from_any_origin(client, url):
    response = client.get(url, headers={"Origin": "https://shop.example"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_read_only_api_errors_are_readable_from_other_origins_too(client):
    response = client.get("/api/search?q=", headers={"Origin": "https://shop.example"})
    assert response.status_code == 400
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", ["/api/search", "/api/suggest", "/api/articles/delay-card", "/api/calculators"])
def test_read_only_api_answers_the_preflight(client, url):
    response = client.options(url, headers={
        "Origin": "https://shop.example",
        "Access-Control-Request-Method": "GET",
    })
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response.headers["Access-Control-Allow-Methods"]


@pytest.mark.parametrize("url, status", HTML_PAGES + [("/api/health", 200), ("/widget.js", 200)])
def test_pages_and_other_endpoints_send_no_cors_headers(client, url, status):
    response = client.get(url, headers={"Origin": "https://shop.example"})
    assert response.status_code == status
    assert "Access-Control-Allow-Origin" not in response.headers
    response.close()


def test_calculator_posts_send_no_cors_headers(client):
    response = client.post("/api/calculators/deduction", headers={"Origin": "https://shop.example"},
                           json={"orders": 60, "picked_up_within_48h": 57, "delayed_orders": 3})
    assert response.status_code == 200 and response.get_json()["ok"] is True
    assert "Access-Control-Allow-Origin" not in response.headers
    preflight = client.options("/api/calculators/deduction", headers={
        "Origin": "https://shop.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    })
    assert preflight.status_code == 204 and "POST" in preflight.headers["Allow"]
    assert "Access-Control-Allow-Origin" not in preflight.headers


@pytest.mark.parametrize("method, path, allowed", [
    ("GET", "/api/search", True),
    ("HEAD", "/api/articles", True),
    ("POST", "/api/calculators/deduction", False),
    ("GET", "/api/articles/some-id", True),
    ("POST", "/api/search", False),
    ("GET", "/api/calculators/deduction", True),
    ("GET", "/api/articles/a/b", False),
    ("GET", "/api/health", False),
    ("GET", "/api/searchx", False),
    ("GET", "/search", False),
])
def test_cors_is_limited_to_read_only_api_requests(method, path, allowed):
    assert security.allows_cors(method, path) is allowed
