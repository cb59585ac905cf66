"""The answer decision's features on hand-made pairs, and what each signal changes in a decision."""

from __future__ import annotations

import dataclasses

import pytest

from kb import matching
from kb.matching import Phrasing, asked_part, best_match, intent_agreement, intents, sound_f1
from kb.search import Engine
from webapp.library import get_engine

NEAR_MISS_SIGNALS = ("near_f1", "near_gap", "near_any", "near_f1_sq", "near_any_sq")


@pytest.fixture
def engine(app) -> Engine:
    with app.test_request_context():
        return get_engine()


def phrasing(engine: Engine, text: str) -> Phrasing:
    return Phrasing.of(engine.pipeline, text, lambda word: engine.impacts.idf("text", word))


def switched_off(engine: Engine, names):
    """The fitted model with some features' weights set to 0, as if the signal were not there."""
    model = engine.decider.model
    return dataclasses.replace(model, weights={k: 0.0 if k in names else w for k, w in model.weights.items()})


def best(engine: Engine, question: str):
    judged = engine.judge(question)[0]
    return engine.index.docs[judged.docnum]["id"], judged


def test_a_question_held_whole_by_a_phrasing_overlaps_it_fully(engine):
    question = phrasing(engine, "发货预警怎么消除")
    match = best_match(question, [phrasing(engine, "发货预警怎么消除?"), phrasing(engine, "运费险怎么收费")])
    assert match.f1 == pytest.approx(1.0) and match.question.exact == pytest.approx(1.0)


def test_words_inside_a_word_hold_it_only_approximately(engine):
    match = best_match(phrasing(engine, "紧急报备"), [phrasing(engine, "紧急的报备怎么申请")])
    assert match.question.exact < 1.0 and match.question.held > match.question.exact


def test_a_typo_that_splits_a_word_still_sounds_like_the_phrasing(engine):
    typo, right = phrasing(engine, "发货预竟怎么消除"), phrasing(engine, "发货预警怎么消除")
    assert best_match(typo, [right]).f1 < 0.7  # 预竟 falls apart into two unknown characters
    assert sound_f1(typo, [right]) == pytest.approx(1.0)


def test_what_is_asked_is_read_from_the_asking_words():
    assert intents("运费险怎么开通") == {"how"}
    assert intents("延迟发货卡片每单能发几次") == {"count"}
    assert "when" in intents("扣的分多久能清零")
    assert intent_agreement(frozenset({"how"}), frozenset({"when"})) == -1.0
    assert intent_agreement(frozenset({"how"}), frozenset()) == 0.0


def test_what_is_asked_counts_in_the_overlap_so_a_near_miss_asking_alike_is_closer(engine, monkeypatch):
    question = phrasing(engine, "全店动销率怎么提高")
    answered, near_miss = phrasing(engine, "全店动销率还计入吗"), phrasing(engine, "动销率低怎么提升")
    assert best_match(question, [near_miss]).f1 > best_match(question, [answered]).f1
    # Without the asked words the shared topic words win: the near miss would lose.
    monkeypatch.setattr(matching, "ASKED_WEIGHT", 0.0)
    question = phrasing(engine, "全店动销率怎么提高")
    answered, near_miss = phrasing(engine, "全店动销率还计入吗"), phrasing(engine, "动销率低怎么提升")
    assert best_match(question, [near_miss]).f1 < best_match(question, [answered]).f1


def test_the_asked_part_of_a_story_is_its_last_clause_with_content(engine):
    story = "我们店这几天有好几单发货预警，我想知道发货预警会不会影响搜索排名，谢谢"
    assert asked_part(engine.pipeline, story) == "我想知道发货预警会不会影响搜索排名"


def test_a_near_miss_is_not_answered_and_would_be_without_the_near_miss_signal(engine):
    doc_id, judged = best(engine, "运费险怎么开通")  # the article says what the premium depends on, not how to enable it
    assert doc_id == "freight-insurance-premium"
    assert judged.features["near_f1"] > judged.features["f1"]
    assert judged.probability < engine.threshold
    assert switched_off(engine, NEAR_MISS_SIGNALS).probability(judged.features) >= engine.threshold


def test_words_other_near_misses_ask_about_count_against_an_article_that_lacks_them(engine):
    # 搜索排名 is in no phrasing and nowhere in the shipping-warning article, but
    # near misses of several articles ask about it: it is another fact.
    doc_id, judged = best(engine, "发货预警会影响店铺搜索排名吗")
    assert doc_id == "shipping-warning" and judged.features["left_other"] > 0.3
    assert judged.probability < engine.threshold
    assert switched_off(engine, ("left_other",)).probability(judged.features) > judged.probability
    _, answered = best(engine, "发货预警咋消掉")
    assert answered.features["left_other"] == 0.0 and answered.probability >= engine.threshold


def test_a_typo_is_answered_and_would_not_be_without_the_sound_signal(engine):
    doc_id, judged = best(engine, "发货预竟怎么消除")
    assert doc_id == "shipping-warning" and judged.probability >= engine.threshold
    assert switched_off(engine, ("sound_f1",)).probability(judged.features) < engine.threshold


def test_a_colloquial_story_is_answered_by_the_article_it_asks_about(engine):
    response = engine.search("买家电话里说不要了，我没在后台取消，超时了怎么办")
    assert response["answer"]["id"] == "cancel-by-phone-overdue"


def test_the_confidence_is_a_probability_and_the_answer_is_the_most_probable_candidate(engine):
    judged = engine.judge("延迟发货卡片能发几次")
    assert all(0.0 <= j.probability <= 1.0 for j in judged)
    assert [j.probability for j in judged] == sorted((j.probability for j in judged), reverse=True)
    response = engine.search("延迟发货卡片能发几次")
    assert response["answer"]["id"] == engine.index.docs[judged[0].docnum]["id"]
    assert response["confidence"] == pytest.approx(judged[0].probability, abs=1e-4)
