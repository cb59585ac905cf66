"""Does one of this article's phrasings ask what the question asks? Features of a question against an article.

For each of the top few ranked articles the question is compared, as a pair,
with each of the article's phrasings (its question and aliases) and each of
its near misses (questions in its words that it does not answer):

- what of the question the phrasing holds, and what of the phrasing the
  question holds: exactly, or only approximately (through the dictionary
  words inside a word, or the same sound: 预竟 for 预警);
- how much is left over on each side (IDF weight);
- whether the asked part agrees (怎么 / 多久 / 在哪 / 能不能 / 几次 …);
- how much closer the question is to the best phrasing than to the best near miss;
- how alike the question and a phrasing sound, character pair by character
  pair (a typo splits 预竟 into two unknown characters, yet sounds the same);
- how much of the question is the article's tags (keyword questions), and
  how much is in no article at all (发票, 排名);
- how much of the question the article holds anywhere, and of its asked
  part (the last clause, in a story: …这个预警会不会影响搜索排名), its rank
  and its score against the best one's.

kb/decision.py turns the features into a probability with weights fitted
on labelled questions (kb/fit.py). Nothing here is a tuned number: every
feature is a plain measurement, and all weighting is the fit's.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable

from kb import measured
from kb.query import AnalyzedQuery, PhrasingWord, phrasing_words
from kb.text import Pipeline, normalize, pinyin_bigrams

# What a question asks, by the words that ask it. A question may ask several things.
INTENTS: dict[str, tuple[str, ...]] = {
    "how": ("怎么", "如何", "咋", "怎样", "怎么办", "咋办", "咋整", "咋弄", "怎么弄", "怎么处理", "如何处理", "办法"),
    "where": ("在哪", "哪里", "哪儿", "什么地方", "入口", "哪个页面", "位置"),
    "when": ("多久", "多长时间", "什么时候", "几天", "几小时", "何时", "时限", "期限", "时效", "多少天", "多少小时"),
    "count": ("几次", "多少次", "次数", "几个", "几单", "几张", "上限"),
    "yesno": ("能不能", "可不可以", "能否", "是否", "可以吗", "行不行", "会不会", "有没有", "算不算", "是不是", "要不要", "吗"),
    "why": ("为什么", "为啥", "怎么回事", "咋回事", "原因"),
    "what": ("什么是", "是什么", "啥是", "是啥", "什么意思", "啥意思", "作用", "用途", "有什么用", "有啥用",
             "干嘛用", "干什么的", "干啥的", "干嘛的"),
    "amount": ("多少钱", "多少分", "扣几分", "扣多少", "退多少", "多少"),
}
_INTENT_PATTERNS = {name: re.compile("|".join(map(re.escape, words))) for name, words in INTENTS.items()}
# What a text asks joins the compared words under this mark (no word starts with it).
ASKED_MARK = "?"
ASKED_WEIGHT = measured.value("ASKED_WEIGHT")
_CLAUSE_BREAK = re.compile(r"[,，。?？!！;；、\s]+")


def asked_part(pipeline: Pipeline, text: str) -> str:
    """Return the last clause with two content words or more: in a story, usually what is asked."""
    clauses = [c for c in _CLAUSE_BREAK.split(normalize(text)) if c]
    for clause in reversed(clauses):
        if len(pipeline.words(clause)) >= 2:
            return clause
    return text

FEATURES = (
    "q_exact",      # share of the question's weight the best phrasing holds word for word
    "q_approx",     # ... holds only through words inside words or the same sound
    "p_exact",      # share of the best phrasing's weight the question holds word for word
    "p_approx",     # ... only approximately
    "q_left",       # log(1 + weight of the question the best phrasing does not hold)
    "p_left",       # log(1 + weight of the best phrasing the question does not hold)
    "p_weight",     # log(1 + weight of the best phrasing): holding a one-word alias whole says little
    "f1",           # the balanced overlap of the question and its best phrasing
    "intent",       # +1 the asked part agrees, -1 both ask and disagree, 0 unknown
    "near_f1",      # the balanced overlap of the question and the article's closest near miss
    "near_gap",     # best phrasing's overlap minus best near miss's overlap
    "near_any",     # the overlap with the closest near miss of any candidate article (none of them answers it)
    "sound_f1",     # the balanced overlap of pinyin bigrams with the best-sounding phrasing
    "tag_share",    # share of the question's weight that is the article's tags
    "unknown",      # share of the question's weight in words no article contains
    "asked_in_article",  # share of the asked part's (last clause's) weight the article holds anywhere
    "asked_unknown",     # share of the asked part's weight in words no article contains
    "in_article",   # share of the question's weight found anywhere in the article
    "rel_score",    # the article's ranking score over the top hit's
    "is_top",       # 1 for the top-ranked article
    "length",       # log(1 + number of content words in the question)
    # Squares let a linear fit bend: a near miss or a phrasing matters most when it matches nearly whole.
    "q_held_sq",    # (q_exact + q_approx) ** 2
    "f1_sq",
    "near_f1_sq",
    "near_any_sq",
    "left_other",   # share of the question's weight neither the best phrasing nor the article holds, in words near misses use
)


def intents(normal_text: str) -> frozenset[str]:
    """Return what a (normalised) text asks: how, where, when, count, yesno, why, what, amount."""
    return frozenset(name for name, pattern in _INTENT_PATTERNS.items() if pattern.search(normal_text))


def asked_words(asks: frozenset[str]) -> tuple[PhrasingWord, ...]:
    """Return what a text asks as words to compare: 怎么提高 and 怎么提升 share "how", 还计入吗 does not.

    The question words are stop words to the ranking, yet they tell a
    near miss (动销率低怎么提升) from a phrasing in the same topic words
    (全店动销率还计入吗); each weighs ASKED_WEIGHT, like a content word
    (chosen by cross-validated log loss: `kb fit --ablate`).
    """
    return tuple(PhrasingWord(ASKED_MARK + name, ASKED_WEIGHT, frozenset(), frozenset()) for name in sorted(asks))


@dataclass(frozen=True)
class Phrasing:
    """One way of putting a question (a phrasing or a near miss), ready to compare."""

    text: str                         # normalised
    words: tuple[PhrasingWord, ...]   # its content words
    compared: tuple[PhrasingWord, ...]  # its content words and what it asks (asked_words): the overlap's sides
    keys: frozenset[str]              # its words, the dictionary words inside them and what it asks
    sounds: frozenset[str]            # its words' pinyin bigrams
    text_sounds: frozenset[str]       # the pinyin bigrams of its whole text, across word boundaries
    intents: frozenset[str]

    @classmethod
    def of(cls, pipeline: Pipeline, text: str, idf: Callable[[str], float]) -> "Phrasing":
        words = phrasing_words(pipeline, text, idf)
        normal = normalize(text)
        asks = intents(normal)
        compared = words + asked_words(asks)
        keys = frozenset(k for w in compared for k in (w.word, *w.parts))
        sounds = frozenset(s for w in words for s in w.sounds)
        return cls(normal, words, compared, keys, sounds, frozenset(pinyin_bigrams(normal)), asks)


@dataclass(frozen=True)
class Overlap:
    """How much of one side's weight the other side holds, exactly and approximately, and what is left."""

    exact: float
    approx: float
    left: float       # weight not held
    total: float      # weight of the side

    @property
    def held(self) -> float:
        return self.exact + self.approx


def _overlap(side: tuple[PhrasingWord, ...], other: Phrasing) -> Overlap:
    total = exact = approx = 0.0
    for w in side:
        total += w.weight
        if w.word in other.keys:
            exact += w.weight
        elif (w.parts and w.parts <= other.keys) or (w.sounds and w.sounds <= other.sounds):
            approx += w.weight
    if not total:
        return Overlap(0.0, 0.0, 0.0, 0.0)
    return Overlap(exact / total, approx / total, total - exact - approx, total)


def _f1(a: Overlap, b: Overlap) -> float:
    """The balanced overlap of a pair: both sides must hold the other for it to be high."""
    return 2 * a.held * b.held / (a.held + b.held) if a.held + b.held else 0.0


@dataclass(frozen=True)
class Match:
    """The question against one phrasing: overlap each way and the balance of the two."""

    question: Overlap
    phrasing: Overlap
    f1: float
    intents: frozenset[str]
    keys: frozenset[str] = frozenset()   # the phrasing's keys


def best_match(question: Phrasing, phrasings: list[Phrasing], skip: str = "") -> Match | None:
    """Return the phrasing the question overlaps most, both ways; `skip` leaves one text out."""
    best = None
    for phrasing in phrasings:
        if phrasing.text == skip:
            continue
        q = _overlap(question.compared, phrasing)
        p = _overlap(phrasing.compared, question)
        match = Match(q, p, _f1(q, p), phrasing.intents, phrasing.keys)
        if best is None or match.f1 > best.f1:
            best = match
    return best


def sound_f1(question: Phrasing, phrasings: list[Phrasing], skip: str = "") -> float:
    """Return the best balanced overlap of pinyin bigrams between the question and one phrasing."""
    best = 0.0
    for phrasing in phrasings:
        if phrasing.text == skip or not question.text_sounds or not phrasing.text_sounds:
            continue
        shared = len(question.text_sounds & phrasing.text_sounds)
        best = max(best, 2 * shared / (len(question.text_sounds) + len(phrasing.text_sounds)))
    return best


def intent_agreement(asked: frozenset[str], answered: frozenset[str]) -> float:
    """+1 when the question and the phrasing ask a same thing, -1 when both ask and share nothing, else 0."""
    if not asked or not answered:
        return 0.0
    return 1.0 if asked & answered else -1.0


@dataclass(frozen=True)
class Candidate:
    """One ranked article, as the matcher sees it."""

    docnum: int
    score: float
    matched: set            # the (field, key) terms of the question the article holds


def held_share(words: tuple[PhrasingWord, ...], matched: set) -> float:
    """Return the share of the words' weight an article holds anywhere (its matched terms)."""
    total = sum(w.weight for w in words)
    found = sum(w.weight for w in words if ("text", w.word) in matched or ("phrasing", w.word) in matched)
    return found / total if total else 0.0


def features(question: Phrasing, asked: Phrasing, analyzed: AnalyzedQuery, candidate: Candidate,
             top_score: float, is_top: bool, phrasings: list[Phrasing], near: Match | None,
             tags: frozenset[str], near_any: float, unknown: float, asked_unknown: float,
             other_fact: Callable[[str], bool], skip: str = "") -> dict[str, float]:
    """Return the FEATURES of a question against one candidate article.

    `near` is the question's best match among the article's near misses
    (`best_match`), `tags` the article's tag words; `near_any` is the
    question's overlap with the closest near miss of all the candidates:
    every near miss is a question no article answers, whichever article it
    was written for; `unknown` is the share of the question in no article;
    `other_fact(word)` tells whether near misses (other than the one left
    out by `skip`) use a word.
    """
    nothing = Overlap(0.0, 0.0, 0.0, 0.0)
    match = best_match(question, phrasings, skip) or Match(nothing, nothing, 0.0, frozenset())
    total = sum(w.weight for w in question.words)
    tagged = sum(w.weight for w in question.words if w.word in tags)
    matched = candidate.matched
    other = sum(w.weight for w in question.words
                if w.word not in match.keys and ("text", w.word) not in matched and ("phrasing", w.word) not in matched
                and other_fact(w.word))
    return {
        "q_exact": match.question.exact,
        "q_approx": match.question.approx,
        "p_exact": match.phrasing.exact,
        "p_approx": match.phrasing.approx,
        "q_left": math.log1p(match.question.left),
        "p_left": math.log1p(match.phrasing.left),
        "p_weight": math.log1p(match.phrasing.total),
        "f1": match.f1,
        "intent": intent_agreement(question.intents, match.intents),
        "near_f1": near.f1 if near else 0.0,
        "near_gap": match.f1 - (near.f1 if near else 0.0),
        "near_any": near_any,
        "sound_f1": sound_f1(question, phrasings, skip),
        "tag_share": tagged / total if total else 0.0,
        "unknown": unknown,
        "asked_in_article": held_share(asked.words, candidate.matched),
        "asked_unknown": asked_unknown,
        "in_article": held_share(question.words, candidate.matched),
        "rel_score": candidate.score / top_score if top_score else 0.0,
        "is_top": 1.0 if is_top else 0.0,
        "length": math.log1p(len(analyzed.spans)),
        "q_held_sq": match.question.held ** 2,
        "f1_sq": match.f1 ** 2,
        "near_f1_sq": (near.f1 if near else 0.0) ** 2,
        "near_any_sq": near_any ** 2,
        "left_other": other / total if total else 0.0,
    }
