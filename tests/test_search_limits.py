"""The bounds of one search and of a worker: time limit, answer cache, collector pauses."""

from __future__ import annotations

import gc
import os
import itertools
import shutil
import threading
import weakref
from pathlib import Path

import pytest

from indexer import build
from kb import search, settings
from kb.impacts import ImpactIndex
from kb.search import Engine
from webapp import create_app
from webapp.library import get_engine

# Many keys, each to be looked up: phrasings, pinyin and body.
LONG_QUERY = "买家电话里说不要了,我没在后台取消,超时了怎么办"


class SteppingClock:
    """A clock that moves `step` seconds each time it is read, so time runs out after a known number of reads."""

    def __init__(self, step: float):
        self.ticks = itertools.count()
        self.step = step

    def __call__(self) -> float:
        return next(self.ticks) * self.step


@pytest.fixture
def generation(app, index_dir):
    """The generation the app built from the real articles."""
    return build.current_generation(index_dir)


@pytest.fixture
def slow_clock(monkeypatch):
    """Make every key looked up look like 0.15 s of work against the 0.2 s limit."""
    assert settings.DEFAULTS["SEARCH_TIME_LIMIT"] == pytest.approx(0.2)
    clock = SteppingClock(0.15)
    monkeypatch.setattr(ImpactIndex, "clock", staticmethod(clock))
    return clock


def test_a_search_past_its_time_limit_returns_the_hits_so_far_marked_partial(generation, slow_clock):
    engine = Engine(generation, time_limit=settings.DEFAULTS["SEARCH_TIME_LIMIT"])
    response = engine.search(LONG_QUERY)
    assert response["partial"] is True
    assert response["results"] and all(r["id"] and r["snippet"] for r in response["results"])
    # Read at the start (0.0), before the 2nd key (0.15) and before the 3rd
    # (0.3, past the limit): the search stopped there, not after every key.
    assert next(slow_clock.ticks) == 3


def test_a_partial_response_is_not_cached(generation, slow_clock, monkeypatch):
    engine = Engine(generation, time_limit=settings.DEFAULTS["SEARCH_TIME_LIMIT"])
    assert engine.search(LONG_QUERY)["partial"] is True
    monkeypatch.undo()
    again = engine.search(LONG_QUERY)
    assert again["partial"] is False
    assert again["answer"]["id"] == "cancel-by-phone-overdue"


def test_the_api_marks_a_cut_short_search_as_partial(client, slow_clock):
    body = client.get("/api/search", query_string={"q": LONG_QUERY}).get_json()
    assert body["ok"] is True and body["partial"] is True and body["results"]


def test_search_works_outside_the_main_thread(generation):
    # Whoosh's own TimeLimitCollector installs a SIGALRM handler, which only
    # the main thread may do: under a threaded server every search failed.
    engine = Engine(generation)
    found = []
    worker = threading.Thread(target=lambda: found.append(engine.search("发货预警怎么消除")))
    worker.start()
    worker.join()
    assert found and found[0]["answer"]["id"] == "shipping-warning"


def test_the_answer_cache_is_bounded_and_drops_the_least_recently_used(generation, monkeypatch):
    monkeypatch.setattr(search, "CACHE_SIZE", 3)
    engine = Engine(generation)
    questions = ["发货预警", "延迟发货卡片", "运费险保费", "预售没货", "电话取消订单"]
    for question in questions[:3]:
        engine.search(question)
    engine.search(questions[0])  # used again: now the most recent
    for question in questions[3:]:
        engine.search(question)
    assert engine.cached_queries() == [questions[0], questions[3], questions[4]]


def test_each_generation_has_its_own_cache(generation):
    first, second = Engine(generation), Engine(generation)
    first.search("发货预警")
    assert first.cached_queries() == ["发货预警"]
    assert second.cached_queries() == []



def test_with_no_time_at_all_a_search_still_ranks_by_its_first_key(generation):
    engine = Engine(generation, time_limit=0.0)
    response = engine.search(LONG_QUERY)
    assert response["partial"] is True
    assert response["results"]
    assert engine.cached_queries() == []


def test_a_served_app_keeps_start_up_objects_from_the_collector_and_frees_an_old_engine(tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(settings.DEFAULTS["ARTICLES_DIR"], articles)
    config = {"TESTING": False, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(tmp_path / "index")}
    try:
        app = create_app(config)
        assert gc.get_freeze_count() > 0
        with app.test_request_context():
            old_pipeline = weakref.ref(get_engine().pipeline)
        build.build_index(articles, tmp_path / "index")
        assert app.test_client().get("/api/health").status_code == 200  # switches engines
        assert old_pipeline() is None
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_an_open_engine_holds_no_whoosh_file_open_only_its_mapped_score_arrays(generation):
    def open_in_generation() -> list[str]:
        fds = Path("/proc/self/fd")
        targets = []
        for fd in fds.iterdir():
            try:
                targets.append(os.readlink(fd))
            except OSError:  # closed while listing
                pass
        return [t for t in targets if t.startswith(str(generation))]

    before = open_in_generation()  # maps of engines earlier tests left for the collector
    engines = [Engine(generation) for _ in range(3)]
    assert all(e.search("发货预警")["answer"] for e in engines)
    # numpy's read-only maps keep a descriptor each (mmap dups it); nothing else stays open.
    assert all(Path(t).parent.name == "impacts" and t.endswith(".npy") for t in open_in_generation())
    del engines
    gc.collect()
    assert len(open_in_generation()) <= len(before)
