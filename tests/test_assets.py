"""Static files: content-hashed names cached for a year, gzip when asked, the widget under its stable name."""

from __future__ import annotations

import gzip
import re

import pytest

from webapp import assets

STATIC = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def static_urls(client, path: str = "/") -> list[str]:
    return STATIC.findall(client.get(path).get_data(as_text=True))


def test_pages_link_static_files_by_content_hashed_names(client):
    urls = static_urls(client)
    assert {re.sub(r"\.[0-9a-f]{12}\.", ".", u) for u in urls} >= {
        "/static/site.css", "/static/site.js", "/static/feedback.css", "/static/feedback.js", "/static/favicon.svg"}
    for url in urls:
        name = url.rsplit("/", 1)[1]
        stem, digest, ext = name.rsplit(".", 2)
        assert digest == assets.Assets().files[f"{stem}.{ext}"].digest


def test_a_hashed_file_is_cached_for_a_year_as_immutable(client):
    for url in static_urls(client):
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_hash_changes_with_the_content(tmp_path):
    (tmp_path / "a.css").write_text("body { color: red; }")
    before = assets.Assets(tmp_path).url_name("a.css")
    (tmp_path / "a.css").write_text("body { color: blue; }")
    after = assets.Assets(tmp_path).url_name("a.css")
    assert before != after and before.startswith("a.") and before.endswith(".css")


@pytest.mark.parametrize("accept, gzipped", [("gzip, deflate, br", True), ("br;q=1, gzip;q=0.5", True),
                                             ("identity", False), ("gzip;q=0", False), (None, False)])
def test_css_and_scripts_are_gzipped_when_the_request_accepts_it(client, accept, gzipped):
    url = next(u for u in static_urls(client) if "/site." in u and u.endswith(".css"))
    headers = {"Accept-Encoding": accept} if accept else {}
    response = client.get(url, headers=headers)
    assert response.headers["Vary"] == "Accept-Encoding"
    assert (response.headers.get("Content-Encoding") == "gzip") == gzipped
    body = response.get_data()
    text = gzip.decompress(body) if gzipped else body
    assert b".categories" in text
    if gzipped:
        assert len(body) < len(text) / 2


def test_an_unchanged_file_answers_304_to_its_etag(client):
    url = static_urls(client)[0]
    etag = client.get(url).headers["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_the_plain_name_still_answers_but_is_revalidated(client):
    response = client.get("/static/site.css")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-cache"


def test_an_unknown_static_file_is_404(client):
    assert client.get("/static/site.000000000000.css").status_code == 404
    assert client.get("/static/../pages.py").status_code == 404


def test_the_widget_keeps_its_stable_name_with_five_minutes_of_cache_and_timing_for_hosts(client):
    response = client.get("/widget.js", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.headers["Timing-Allow-Origin"] == "*"
    assert response.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.get_data()).startswith(client.get("/widget.js").get_data()[:40])


def test_static_addresses_follow_a_url_prefix(client):
    urls = static_urls(client.application.test_client(), "/")
    prefixed = STATIC.pattern.replace("/static", "/help/static")
    html = client.get("/", base_url="http://localhost/help/").get_data(as_text=True)
    assert len(re.findall(prefixed, html)) == len(urls)
