"""The bounded LRU cache behind segmentation, pinyin and answers."""

from __future__ import annotations

from kb.cache import BoundedCache
from kb.text import SPAN_CACHE_CHARS, Lexicon, Pipeline
from kb import settings


def test_the_oldest_entries_go_when_the_weight_budget_is_passed():
    cache = BoundedCache(max_entries=100, max_weight=40)
    for key in "abcde":
        cache.put(key, key.upper(), weight=10)
    assert cache.keys() == ["b", "c", "d", "e"] and cache.weight == 40
    assert cache.get("a") is None and cache.get("b") == "B"


def test_a_recently_read_entry_outlives_an_older_one():
    cache = BoundedCache(max_entries=2, max_weight=1000)
    cache.put("a", 1, 1)
    cache.put("b", 2, 1)
    cache.get("a")
    cache.put("c", 3, 1)
    assert cache.keys() == ["a", "c"]


def test_an_entry_heavier_than_a_quarter_of_the_budget_is_not_kept():
    cache = BoundedCache(max_entries=10, max_weight=100)
    cache.put("big", "x", 26)
    assert len(cache) == 0


def test_replacing_a_key_does_not_count_its_weight_twice():
    cache = BoundedCache(max_entries=10, max_weight=100)
    cache.put("a", 1, 20)
    cache.put("a", 2, 5)
    assert cache.weight == 5 and cache.get("a") == 2


def test_segmenting_many_long_distinct_texts_keeps_the_cache_within_its_budget():
    pipeline = Pipeline(Lexicon.from_dir(settings.DEFAULTS["ARTICLES_DIR"]))
    for n in range(600):
        pipeline.spans(f"第{n}次问:" + "预售商品没货了怎么办" * 19)
    assert pipeline._span_cache.weight <= SPAN_CACHE_CHARS
