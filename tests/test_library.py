"""The running app and its index: built at start-up, rebuilt indexes picked up live."""

from __future__ import annotations

import shutil
from pathlib import Path

from indexer import build
from kb import settings
from webapp import create_app

REAL = Path(settings.DEFAULTS["ARTICLES_DIR"])


def make_app(tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(REAL, articles)
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(tmp_path / "index")})
    return app, articles


def test_the_app_builds_a_missing_index_at_start_up(tmp_path):
    app, _ = make_app(tmp_path)
    assert build.current_generation(tmp_path / "index") is not None
    assert app.test_client().get("/api/health").get_json()["articles"] >= 12


def test_a_rebuilt_index_is_served_without_a_restart(tmp_path):
    app, articles = make_app(tmp_path)
    client = app.test_client()
    before = client.get("/api/health").get_json()["index"]
    path = next(articles.glob("*/unreachable-buyer.md"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("aliases:\n", "aliases:\n  - 收件人查无此人包裹被退回怎么处理\n", 1), encoding="utf-8")
    build.build_index(articles, tmp_path / "index")
    after = client.get("/api/health").get_json()["index"]
    assert after != before
    hit = client.get("/api/search", query_string={"q": "收件人查无此人包裹被退回"}).get_json()
    assert hit["results"][0]["id"] == "unreachable-buyer"


def test_a_stale_index_is_rebuilt_when_the_app_starts(tmp_path):
    app, articles = make_app(tmp_path)
    first = build.current_generation(tmp_path / "index")
    path = next(articles.glob("*/delay-card.md"))
    path.write_text(path.read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8")
    create_app({"TESTING": True, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(tmp_path / "index")})
    assert build.current_generation(tmp_path / "index") != first
