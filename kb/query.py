"""Query analysis and the confidence that the top hit answers the question.

Confidence is measured per character of the question: each character of a
content word carries a share of that word's IDF, and counts as covered when
the hit matched its word (in the question, aliases or tags; less when only in
the body), a dictionary word inside it, or a pinyin bigram over it
(homophone typos, segmentation mismatches). The confidence is the covered
share of the total weight, 0..1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from kb.text import Pipeline, Span, normalize, positioned_pinyin

PHRASING_FIELDS = ("phrasing",)
WORD_FIELDS = (*PHRASING_FIELDS, "text")
# How much a character counts as covered by each kind of evidence.
BODY_CREDIT = 0.5        # near-miss questions (运费险怎么开通) pair a covered topic with an intent the body merely mentions
SUBWORD_CREDIT = 0.8     # 运费险保费 matched through 运费险 and 保费
PINYIN_CREDIT = 0.85     # same sound: 预竟 for 预警


@dataclass(frozen=True)
class AnalyzedQuery:
    """A question turned into search keys, with positions for measuring coverage."""

    spans: tuple[Span, ...]
    keys: tuple[str, ...]
    pinyin: tuple[tuple[int, str], ...]

    @property
    def pinyins(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for _, p in self.pinyin))


def analyze(pipeline: Pipeline, query: str) -> AnalyzedQuery:
    """Return the keys and positions of a question."""
    text = normalize(query)
    spans = pipeline.spans(query)
    keys = tuple(dict.fromkeys(k for span in spans for k in pipeline.keys(span.word)))
    return AnalyzedQuery(spans, keys, tuple(positioned_pinyin(text)))


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

