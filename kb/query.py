"""Query analysis and the confidence that the top hit answers the question.

Confidence is measured per character of the question: each character of a
content word carries a share of that word's IDF, and counts as covered when
the hit matched its word (in the question, aliases or tags; less when only in
the body), a dictionary word inside it, or a pinyin bigram over it
(homophone typos, segmentation mismatches). The confidence is the covered
share of the total weight, 0..1.

A long question, told as a story (昨天有个顾客打电话说不要了,我忘了在后台取消…),
covers little of itself with any article. Two more readings catch it: the
question may hold one of the article's own phrasings nearly whole (the
reverse measure, `phrasing_recall`), and its last clause is usually what is
asked (…这个预警到底怎么消除), so its coverage counts too
(`long_question_confidence`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from kb.text import Pipeline, Span, normalize, pinyin_bigrams, positioned_pinyin

PHRASING_FIELDS = ("phrasing",)
# How much a character counts as covered by each kind of evidence.
BODY_CREDIT = 0.5        # near-miss questions (运费险怎么开通) pair a covered topic with an intent the body merely mentions
SUBWORD_CREDIT = 0.8     # 运费险保费 matched through 运费险 and 保费
PINYIN_CREDIT = 0.85     # same sound: 预竟 for 预警
# Long questions (at least LONG_QUESTION content words) are mostly a story
# around the question; two more readings may raise their confidence (see
# long_question_confidence). Shorter questions are judged on coverage alone:
# one that holds a short alias plus a word or two more is mostly a near miss
# (异常删单申请提交后多久审核). Measured with `kb eval` (README "Answer quality").
LONG_QUESTION = 7
PHRASING_RECALL = 0.85   # holds this share of one of the hit's phrasings ...
RECALL_LIFT = 0.3        # ... and gains this much confidence
# Only phrasings of this many words count: a story holding a two-word alias
# whole (发货预警 … 影响) still often asks something else (… 搜索排名).
RECALL_MIN_WORDS = 3
ASK_MIN_COVERAGE = 0.25  # the story must share this much with the hit for its last clause to count
_CLAUSE_BREAK = re.compile(r"[,，。?？!！;；、\s]+")


@dataclass(frozen=True)
class AnalyzedQuery:
    """A question turned into search keys, with positions for measuring coverage."""

    spans: tuple[Span, ...]
    keys: tuple[str, ...]
    pinyin: tuple[tuple[int, str], ...]
    text: str  # normalised; span and pinyin positions index into it

    @property
    def pinyins(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for _, p in self.pinyin))


def analyze(pipeline: Pipeline, query: str) -> AnalyzedQuery:
    """Return the keys and positions of a question."""
    text = normalize(query)
    spans = pipeline.spans(query)
    keys = tuple(dict.fromkeys(k for span in spans for k in pipeline.keys(span.word)))
    return AnalyzedQuery(spans, keys, tuple(positioned_pinyin(text)), text)


def last_clause(query: AnalyzedQuery) -> AnalyzedQuery | None:
    """Return the last clause of the question that has two content words or more: usually what is asked."""
    breaks = [m.span() for m in _CLAUSE_BREAK.finditer(query.text)]
    starts = [0, *(end for _, end in breaks)]
    ends = [*(start for start, _ in breaks), len(query.text)]
    for start, end in reversed(list(zip(starts, ends))):
        spans = tuple(s for s in query.spans if start <= s.start < end)
        if len(spans) >= 2:
            pinyin = tuple((i, p) for i, p in query.pinyin if start <= i < end - 1)
            return AnalyzedQuery(spans, query.keys, pinyin, query.text)
    return None


def _word_credit(pipeline: Pipeline, word: str, matched: set) -> float:
    if any((f, word) in matched for f in PHRASING_FIELDS):
        return 1.0
    credit = BODY_CREDIT if ("text", word) in matched else 0.0
    parts = pipeline.keys(word)[1:]
    if parts:
        found = sum(any((f, p) in matched for f in PHRASING_FIELDS) for p in parts)
        credit = max(credit, SUBWORD_CREDIT * found / len(parts))
    return credit


def coverage(pipeline: Pipeline, query: AnalyzedQuery, matched: set, idf: Callable[[str], float]) -> float:
    """Return the IDF-weighted share of the question's characters the hit covers (0..1)."""
    sounded: set[int] = set()
    for position, pinyin in query.pinyin:
        if ("pinyin", pinyin) in matched:
            sounded.update((position, position + 1))
    total = covered = 0.0
    for span in query.spans:
        weight = idf(span.word)
        word_credit = _word_credit(pipeline, span.word, matched)
        per_char = weight / (span.end - span.start)
        for i in range(span.start, span.end):
            total += per_char
            covered += per_char * max(word_credit, PINYIN_CREDIT if i in sounded else 0.0)
    return round(covered / total, 4) if total else 0.0


@dataclass(frozen=True)
class PhrasingWord:
    """A content word of an article's phrasing, with what else lets a question hold it."""

    word: str
    weight: float                # its IDF
    parts: tuple[str, ...]       # the dictionary words inside it
    sounds: tuple[str, ...]      # its pinyin bigrams


def phrasing_words(pipeline: Pipeline, text: str, idf: Callable[[str], float]) -> tuple[PhrasingWord, ...]:
    """Return the content words of one phrasing (an article's question or an alias)."""
    return tuple(PhrasingWord(w, idf(w), pipeline.keys(w)[1:], tuple(pinyin_bigrams(w))) for w in pipeline.words(text))


def phrasing_recall(query: AnalyzedQuery, phrasings: list[tuple[PhrasingWord, ...]]) -> float:
    """Return the largest IDF-weighted share of one phrasing's words that the question holds (0..1).

    A word counts whole when the question has it, SUBWORD_CREDIT when it has
    the dictionary words inside it, PINYIN_CREDIT when it has its sound.
    """
    keys = set(query.keys)
    sounds = set(query.pinyins)
    best = 0.0
    for words in phrasings:
        total = held = 0.0
        for w in words:
            total += w.weight
            if w.word in keys:
                held += w.weight
            elif w.parts and all(p in keys for p in w.parts):
                held += SUBWORD_CREDIT * w.weight
            elif w.sounds and all(b in sounds for b in w.sounds):
                held += PINYIN_CREDIT * w.weight
        if total:
            best = max(best, held / total)
    return best


def long_question_confidence(pipeline: Pipeline, query: AnalyzedQuery, matched: set, idf: Callable[[str], float],
                             phrasings: list[tuple[PhrasingWord, ...]]) -> float:
    """Return the confidence that the hit answers a long question (0..1).

    The coverage of the whole question, raised by RECALL_LIFT when the
    question holds one of the hit's `phrasings` nearly whole, or the
    coverage of its last clause, when the whole shares enough with the hit.
    """
    covered = coverage(pipeline, query, matched, idf)
    confidence = covered
    if phrasing_recall(query, phrasings) >= PHRASING_RECALL:
        confidence = covered + RECALL_LIFT
    asked = last_clause(query)
    if asked is not None and covered >= ASK_MIN_COVERAGE:
        confidence = max(confidence, coverage(pipeline, asked, matched, idf))
    return min(1.0, round(confidence, 4))
