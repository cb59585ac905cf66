"""The running app and its index: built at start-up, rebuilt indexes picked up live."""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from indexer import build, generations
from kb import settings
from kb.articles import ArticleSetError
from kb.search import Engine
from webapp import create_app
from webapp.library import IndexUnavailable

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


def break_article(articles: Path, article_id: str = "delay-card") -> Path:
    path = next(articles.glob(f"*/{article_id}.md"))
    path.write_text(path.read_text(encoding="utf-8").replace("question:", "question: [unclosed", 1), encoding="utf-8")
    return path


def truncate_segment(generation: Path) -> None:
    segment = next(generation.glob("*.seg"))
    segment.write_bytes(segment.read_bytes()[:100])


def test_a_broken_article_at_start_up_serves_the_last_good_index_and_says_why(tmp_path):
    _, articles = make_app(tmp_path)
    good = build.current_generation(tmp_path / "index")
    break_article(articles)
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(tmp_path / "index")})
    client = app.test_client()
    health = client.get("/api/health").get_json()
    assert health["index"] == good.name
    assert health["stale"] is True
    assert any("delay-card.md: front matter" in problem for problem in health["problems"])
    assert client.get("/api/search", query_string={"q": "延迟发货卡片能发几次"}).get_json()["answer"] is not None


def test_a_fresh_index_reports_nothing_stale(tmp_path):
    app, _ = make_app(tmp_path)
    health = app.test_client().get("/api/health").get_json()
    assert health["stale"] is False and health["problems"] == []


def test_a_good_build_clears_the_recorded_failure(tmp_path):
    _, articles = make_app(tmp_path)
    path = break_article(articles)
    good_text = path.read_text(encoding="utf-8").replace("question: [unclosed", "question:", 1)
    with pytest.raises(ArticleSetError):
        build.build_index(articles, tmp_path / "index")
    assert generations.last_build_error(tmp_path / "index")
    path.write_text(good_text, encoding="utf-8")
    build.build_index(articles, tmp_path / "index")
    assert generations.last_build_error(tmp_path / "index") is None


def test_a_truncated_live_generation_is_skipped_for_the_previous_intact_one(tmp_path):
    _, articles = make_app(tmp_path)
    first = build.current_generation(tmp_path / "index")
    os.utime(next(articles.glob("*/delay-card.md")), (0, 0))  # forces a content check, still fresh
    path = next(articles.glob("*/unreachable-buyer.md"))
    path.write_text(path.read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8")
    second = build.build_index(articles, tmp_path / "index")
    truncate_segment(second)
    break_article(articles)  # the start-up rebuild fails too
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(tmp_path / "index")})
    health = app.test_client().get("/api/health").get_json()
    assert health["index"] == first.name
    assert health["stale"] is True and any(second.name in p for p in health["problems"])


def test_an_emptied_meta_file_makes_the_next_start_rebuild(tmp_path):
    _, articles = make_app(tmp_path)
    damaged = build.current_generation(tmp_path / "index")
    (damaged / "meta.json").write_text("", encoding="utf-8")
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(tmp_path / "index")})
    health = app.test_client().get("/api/health").get_json()
    assert health["index"] != damaged.name and health["stale"] is False


def test_a_damaged_generation_published_under_a_running_server_is_not_switched_to(tmp_path):
    app, articles = make_app(tmp_path)
    client = app.test_client()
    serving = client.get("/api/health").get_json()["index"]
    path = next(articles.glob("*/unreachable-buyer.md"))
    path.write_text(path.read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8")
    truncate_segment(build.build_index(articles, tmp_path / "index"))
    assert client.get("/api/search", query_string={"q": "地址不详联系不上"}).status_code == 200
    assert client.get("/api/health").get_json()["index"] == serving


def test_no_index_and_a_broken_article_fail_start_up_with_a_clear_error(tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(REAL, articles)
    break_article(articles)
    with pytest.raises(IndexUnavailable, match="没有可用的索引"):
        create_app({"TESTING": True, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(tmp_path / "index")})


def test_a_killed_build_leaves_no_staging_folder_behind(tmp_path):
    _, articles = make_app(tmp_path)
    index = tmp_path / "index"
    (index / ".gen-20240101-000000-000000000-deadbeef.tmp" / "lexicon").mkdir(parents=True)
    os.symlink("gen-x", index / ".current.99999.tmp")
    build.build_index(articles, index)
    assert not list(index.glob(".gen-*")) and not list(index.glob(".current.*"))


def test_a_running_server_and_a_fresh_process_answer_alike_after_a_word_leaves_the_dictionary(tmp_path):
    app, articles = make_app(tmp_path)
    client = app.test_client()
    question = "京营保在哪"
    client.get("/api/search", query_string={"q": question})
    dictionary = articles / "dictionary.txt"
    dictionary.write_text("\n".join(line for line in dictionary.read_text(encoding="utf-8").splitlines()
                                    if not line.startswith("京营保")) + "\n", encoding="utf-8")
    build.build_index(articles, tmp_path / "index")
    served = client.get("/api/search", query_string={"q": question}).get_json()
    fresh = subprocess.run(
        [sys.executable, "-c", FRESH_SEARCH, str(articles), str(tmp_path / "index"), question],
        capture_output=True, text=True, check=True).stdout
    served.pop("search_id", None)  # each search's own event id
    fresh = json.loads(fresh)
    fresh.pop("search_id", None)
    assert served == fresh


FRESH_SEARCH = """
import json, sys
from webapp import create_app
app = create_app({"TESTING": True, "ARTICLES_DIR": sys.argv[1], "INDEX_DIR": sys.argv[2]})
print(json.dumps(app.test_client().get("/api/search", query_string={"q": sys.argv[3]}).get_json()))
"""


def test_a_dropped_engine_leaves_no_cycles_for_the_garbage_collector(tmp_path):
    # Workers freeze their start-up objects (gc.freeze): an engine in a
    # reference cycle would never be freed after a rebuild.
    app, _ = make_app(tmp_path)
    engine = Engine(build.current_generation(tmp_path / "index"))
    engine.search("预售没货怎么办")
    engine.suggest("预售")
    gc.collect()
    del engine
    assert gc.collect() == 0


def test_start_up_hashes_the_generation_it_serves_once(tmp_path, monkeypatch):
    _, articles = make_app(tmp_path)
    verified = []
    real_verify = generations.verify
    monkeypatch.setattr(generations, "verify", lambda g: verified.append(Path(g).name) or real_verify(g))
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(tmp_path / "index")})
    live = build.current_generation(tmp_path / "index")
    assert verified == [live.name]
    assert app.test_client().get("/api/health").get_json()["index"] == live.name


def test_start_up_still_verifies_a_generation_damaged_after_the_staleness_check(tmp_path, monkeypatch):
    _, articles = make_app(tmp_path)
    index = tmp_path / "index"
    good = build.current_generation(index)
    # Another process publishes a damaged generation between ensure_index and the first open.
    real_ensure = build.ensure_index

    def ensure_then_damage(*args, **kwargs):
        verified = real_ensure(*args, **kwargs)
        damaged = index / "gen-99999999-damaged"
        shutil.copytree(good, damaged)
        segment = next(damaged.glob("*.seg"))
        segment.write_bytes(segment.read_bytes()[:100])
        generations.publish(index, damaged.name)
        return verified

    monkeypatch.setattr(build, "ensure_index", ensure_then_damage)
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(index)})
    assert app.test_client().get("/api/health").get_json()["index"] == good.name
