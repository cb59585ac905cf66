"""The text pipeline: normalisation, segmentation, synonyms, typo keys."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pypinyin import Style, lazy_pinyin

from kb import settings, text
from kb.text import Lexicon, Pipeline, normalize, pinyin_bigrams, positioned_pinyin


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Lexicon.from_dir(settings.DEFAULTS["ARTICLES_DIR"]))


@pytest.mark.parametrize("raw, expected", [
    ("預售沒貨會處罰嗎", "预售没货会处罚吗"),
    ("運費險", "运费险"),
    ("ＣＯＤ訂單", "cod订单"),
    ("紧急\u200b报备\x07", "紧急 报备 "),
    ("４８Ｈ", "48h"),
])
def test_normalize_folds_width_script_case_and_control_characters(raw, expected):
    assert normalize(raw) == expected


def test_domain_words_stay_whole(pipeline):
    words = pipeline.words("怎么在咚咚里发延迟发货小卡片")
    assert "咚咚" in words
    assert "延迟发货卡片" in words  # 延迟发货小卡片, through the synonym group


def test_synonyms_map_to_one_canonical_word(pipeline):
    assert pipeline.words("揽收") == pipeline.words("揽件")
    assert pipeline.words("订金") == pipeline.words("定金")
    assert set(pipeline.words("买家")) == set(pipeline.words("顾客"))


def test_traditional_and_simplified_questions_give_the_same_words(pipeline):
    assert pipeline.words("預售沒貨會處罰嗎") == pipeline.words("预售没货会处罚吗")


def test_question_words_and_particles_are_dropped(pipeline):
    words = pipeline.words("请问运费险怎么收费的呢?")
    assert "怎么" not in words and "呢" not in words and "的" not in words
    assert "运费险" in words


def test_punctuation_and_query_syntax_are_not_words(pipeline):
    assert pipeline.words('AND OR NOT " ( ) * ? : ^ ~ [ ] { }') == ("and", "or", "not")


def test_homophone_typos_share_pinyin_keys():
    assert set(pinyin_bigrams("发货预竟")) & set(pinyin_bigrams("发货预警")) >= {"yu_jing"}
    assert "bao_bei" in pinyin_bigrams("紧急报被")


def test_pinyin_positions_index_into_the_normalised_text():
    assert positioned_pinyin("运费险 ab 保费") == [(0, "yun_fei"), (1, "fei_xian"), (7, "bao_fei")]


def test_run_readings_are_lazy_pinyins_though_read_piece_by_piece():
    # Polyphones read by their phrase (银行 hang, 行走 xing; 重量 zhong, 重新 chong),
    # characters without a reading dropped, long runs that never repeat.
    rng = random.Random(7)
    runs = ["银行行走", "重量重新发货", "发货预警怎么消除", "\u3400\u4e00\u9fff", "长期长大了"]
    runs += ["".join(chr(rng.randint(0x3400, 0x9fff)) for _ in range(rng.randint(1, 15))) for _ in range(300)]
    for run in runs:
        assert text._pinyin_of_run(run) == tuple(lazy_pinyin(run, style=Style.NORMAL, errors="ignore")), run


def test_synonym_groups_map_every_word_to_the_first(tmp_path):
    (tmp_path / "synonyms.txt").write_text("# comment\n揽件 揽收 取件\n運單號, 快递单号\n", encoding="utf-8")
    lexicon = Lexicon.from_dir(tmp_path)
    assert lexicon.synonyms == {"揽收": "揽件", "取件": "揽件", "快递单号": "运单号"}


def test_surface_forms_list_every_synonym_of_a_canonical_word(pipeline):
    assert {"买家", "顾客", "消费者"} <= pipeline.surface_forms("消费者")
    assert pipeline.surface_forms("运费险保费") == {"运费险保费"}


def test_a_lexicon_without_a_word_segments_as_if_the_word_was_never_added(tmp_path):
    with_word = Lexicon(words=(("京营保", None),), synonyms={}, stopwords=frozenset())
    without = Lexicon(words=(), synonyms={}, stopwords=frozenset())
    assert "京营保" in Pipeline(with_word).words("京营保在哪")
    assert "京营保" not in Pipeline(without).words("京营保在哪")


def test_the_ported_cut_gives_jiebas_words(pipeline):
    # Every real article (raw and normalised), and random mixes of dictionary
    # words, Chinese, ASCII words and digits, symbols jieba keeps in a block,
    # punctuation and whitespace.
    texts = []
    for path in sorted(Path(settings.DEFAULTS["ARTICLES_DIR"]).glob("*/*.md")):
        raw = path.read_text(encoding="utf-8")
        texts += [raw, normalize(raw)]
    rng = random.Random(11)
    pieces = ["运费险", "发货预警", "延迟发货", "预售", "的", "了", "京东", "cod", "a", "b", "7", "12", "3.5",
              "%", "-", "_", "#", "+", "&", ".", ",", "，", "。", " ", "\t", "\r\n", "\n", "（", "?", "\u3400", "鿕", "鿖"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(500)]
    for text_ in texts:
        assert text.cut_without_hmm(pipeline.tokenizer, text_) == list(pipeline.tokenizer.cut(text_, HMM=False))


def test_spans_are_jiebas_tokens_with_their_offsets(pipeline):
    normal = normalize("发货预警 ab12 怎么消除,运费险a-b")
    expected = [(t, s, e) for t, s, e in pipeline.tokenizer.tokenize(normal, HMM=False)
                if t.strip() and text._WORDISH.search(t)]
    assert [(span.surface, span.start, span.end) for span in pipeline._segment(normal)] == [
        (t, s, e) for t, s, e in expected if pipeline.canonical(t.strip()) not in pipeline.lexicon.stopwords]


def test_remembered_words_stay_bounded_and_change_no_key(pipeline, monkeypatch):
    monkeypatch.setattr(text, "WORD_MEMO_ENTRIES", 5)
    small = Pipeline(Lexicon.from_dir(settings.DEFAULTS["ARTICLES_DIR"]))
    questions = ["发货预警怎么消除", "运费险保费为什么这么贵", "预售商品没货了定金怎么退", "买家 不要了, 超时了 怎么办", "發貨預警"] * 3
    for question in questions:
        assert small.index_keys(question) == pipeline.index_keys(question)
        assert len(small._content_words) <= 5 and len(small._keys) <= 5
