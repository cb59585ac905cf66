"""Completions as you type (kb.browse): matched the way search matches, with the matched part marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import build
from kb import settings
from kb.browse import Browser
from kb.generation import open_generation


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    generation = build.ensure_index(Path(settings.DEFAULTS["ARTICLES_DIR"]), tmp_path_factory.mktemp("index"))
    return Browser(open_generation(generation))


def marked(item: dict) -> list[str]:
    return [item["text"][start:end] for start, end in item["marks"]]


def test_a_prefix_comes_first_with_the_typed_part_marked(browser):
    first = browser.suggest("延迟发货", 8)[0]
    assert first["text"].startswith("延迟发货") and marked(first) == ["延迟发货"]


def test_a_homophone_typo_finds_the_phrasings_by_pinyin(browser):
    found = browser.suggest("发货预竟", 8)
    assert found and all(item["id"] == "shipping-warning" for item in found[:3])
    assert "发货预警" in marked(found[0])


def test_words_separated_by_spaces_match_in_any_place_and_through_synonyms(browser):
    found = browser.suggest("预售 没货", 8)
    texts = [item["text"] for item in found]
    assert "预售商品没货会被处罚吗" in texts
    assert "预售缺货怎么处理" in texts  # 缺货 is a synonym of 没货


def test_a_whole_question_finds_its_article(browser):
    found = browser.suggest("买家电话里说不要了，我没在后台取消，超时了怎么办", 8)
    assert found and found[0]["id"] == "cancel-by-phone-overdue"


def test_pinyin_letters_and_empty_text_complete_nothing(browser):
    assert browser.suggest("yushou", 8) == []
    assert browser.suggest("   ", 8) == []


def test_the_limit_is_kept(browser):
    assert len(browser.suggest("预售", 3)) == 3
