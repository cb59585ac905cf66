"""Index builds: validation first, atomic publish, stale detection, concurrent start-up."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

from indexer import build, generations
from kb import settings
from kb.articles import ArticleSetError
from kb.search import Engine

REAL = Path(settings.DEFAULTS["ARTICLES_DIR"])


@pytest.fixture
def articles(tmp_path):
    target = tmp_path / "articles"
    shutil.copytree(REAL, target)
    return target


def find_article(articles: Path, article_id: str) -> Path:
    return next(articles.glob(f"*/{article_id}.md"))


def test_a_missing_index_is_stale_and_ensure_builds_it(articles, tmp_path):
    index = tmp_path / "index"
    assert build.is_stale(articles, index)
    generation = build.ensure_index(articles, index)
    assert generation == build.current_generation(index)
    assert not build.is_stale(articles, index)
    meta = build.read_meta(generation)
    assert meta["articles"] >= 12 and meta["fingerprint"] == build.source_fingerprint(articles)


def test_editing_an_article_or_the_synonyms_makes_the_index_stale(articles, tmp_path):
    index = tmp_path / "index"
    build.ensure_index(articles, index)
    path = find_article(articles, "delay-card")
    path.write_text(path.read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8")
    assert build.is_stale(articles, index)
    build.ensure_index(articles, index)
    assert not build.is_stale(articles, index)
    with open(articles / "synonyms.txt", "a", encoding="utf-8") as fh:
        fh.write("\n卡片 小卡片儿\n")
    assert build.is_stale(articles, index)


def test_touching_a_file_without_changing_it_is_not_stale(articles, tmp_path):
    index = tmp_path / "index"
    build.ensure_index(articles, index)
    os.utime(find_article(articles, "delay-card"), None)
    assert not build.is_stale(articles, index)


def test_a_broken_article_fails_the_build_and_leaves_the_old_index_serving(articles, tmp_path):
    index = tmp_path / "index"
    good = build.ensure_index(articles, index)
    engine = Engine(good)
    path = find_article(articles, "delay-card")
    path.write_text(path.read_text(encoding="utf-8").replace("question:", "questoin:"), encoding="utf-8")
    with pytest.raises(ArticleSetError) as caught:
        build.build_index(articles, index)
    assert any(e.path.endswith("delay-card.md") for e in caught.value.errors)
    assert build.current_generation(index) == good
    assert not list(index.glob(".gen-*.tmp")), "the failed build's staging folder is cleaned up"
    assert engine.search("咚咚延迟发货卡片是什么", 3)["results"][0]["id"] == "delay-card"


def test_a_rebuild_publishes_a_new_generation_and_readers_of_the_old_keep_working(articles, tmp_path):
    index = tmp_path / "index"
    old = build.ensure_index(articles, index)
    reader = Engine(old)
    new = build.build_index(articles, index)
    assert new != old and build.current_generation(index) == new
    assert reader.search("发货预警怎么消除", 3)["results"][0]["id"] == "shipping-warning"


def test_only_a_few_old_generations_are_kept(articles, tmp_path):
    index = tmp_path / "index"
    for _ in range(generations.KEEP_GENERATIONS + 2):
        build.build_index(articles, index)
    assert len(list(index.glob("gen-*"))) == generations.KEEP_GENERATIONS


def _ensure(args):
    articles, index = args
    return str(build.ensure_index(Path(articles), Path(index)))


def test_workers_starting_at_once_build_the_index_once(articles, tmp_path):
    index = tmp_path / "index"
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(3) as pool:
        # A bounded wait: a stuck worker fails the test instead of hanging the suite.
        generations = pool.map_async(_ensure, [(str(articles), str(index))] * 3).get(timeout=120)
    assert len(set(generations)) == 1
    assert len(list(index.glob("gen-*"))) == 1


def test_progress_is_reported_per_article(articles, tmp_path):
    seen = []
    build.build_index(articles, tmp_path / "index", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] == len(seen)


def test_a_large_corpus_is_segmented_in_worker_processes_with_the_same_result(articles, tmp_path, monkeypatch):
    serial = build.build_index(articles, tmp_path / "serial")
    monkeypatch.setattr(build, "PARALLEL_FROM", 2)
    monkeypatch.setattr(build.os, "cpu_count", lambda: 2)
    contexts = []
    real_get_context = build.multiprocessing.get_context
    monkeypatch.setattr(build.multiprocessing, "get_context",
                        lambda method: contexts.append(method) or real_get_context(method))
    parallel = build.build_index(articles, tmp_path / "parallel")
    assert contexts == ["spawn"], "the build used a worker pool"
    questions = ["发货预竟怎么消除", "預售沒貨會處罰嗎", "买家电话里说不要了,我没在后台取消,超时了怎么办"]
    for question in questions:
        assert Engine(parallel).search(question, 5) == Engine(serial).search(question, 5)


def test_broken_articles_read_in_worker_processes_are_each_reported_with_file_and_field(articles, tmp_path, monkeypatch):
    monkeypatch.setattr(build, "PARALLEL_FROM", 2)
    monkeypatch.setattr(build.os, "cpu_count", lambda: 2)
    card = find_article(articles, "delay-card")
    card.write_text(card.read_text(encoding="utf-8").replace("question:", "questoin:"), encoding="utf-8")
    warning = find_article(articles, "shipping-warning")
    warning.write_bytes("问题".encode("gbk") + warning.read_bytes())
    with pytest.raises(ArticleSetError) as caught:
        build.build_index(articles, tmp_path / "index")
    found = {(Path(e.path).name, e.field) for e in caught.value.errors}
    # (Articles that relate to the two broken ones are reported too.)
    assert {("delay-card.md", "questoin"), ("shipping-warning.md", "file")} <= found
    assert not (tmp_path / "index").exists() or not list((tmp_path / "index").glob("*gen-*"))


def test_everything_that_shapes_an_index_document_is_in_the_fingerprint():
    names = [name for name, _ in build.code_inputs()]
    for module in ("articles.py", "text.py", "schema.py", "sanitize.py", "calculators/__init__.py"):
        assert module in names
    for library in ("jieba", "pypinyin", "opencc", "markdown", "nh3", "whoosh-reloaded"):
        assert any(name.startswith(library + " ") for name in names)
    assert any(name.startswith("calculators ") and "deduction" in name for name in names)
