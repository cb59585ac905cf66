"""Query analysis: a question turned into search keys, with the positions of its words.

The same pipeline (kb.text) segments questions and articles. A phrasing's
words carry their IDF and the other ways a question may hold them (the
dictionary words inside them, their sound), which kb.matching compares.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from kb.text import Pipeline, Span, normalize, pinyin_bigrams, positioned_pinyin

PHRASING_FIELDS = ("phrasing",)


@dataclass(frozen=True)
class AnalyzedQuery:
    """A question turned into search keys, with the positions of its words and pinyin."""

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


@dataclass(frozen=True)
class PhrasingWord:
    """A content word of an article's phrasing, with what else lets a question hold it."""

    word: str
    weight: float                # its IDF
    parts: frozenset[str]        # the dictionary words inside it
    sounds: frozenset[str]       # its pinyin bigrams


def phrasing_words(pipeline: Pipeline, text: str, idf: Callable[[str], float]) -> tuple[PhrasingWord, ...]:
    """Return the content words of one phrasing (an article's question or an alias)."""
    return tuple(PhrasingWord(w, idf(w), frozenset(pipeline.keys(w)[1:]), frozenset(pinyin_bigrams(w)))
                 for w in pipeline.words(text))
