"""Ranking: the articles that share the most telling keys with a question.

A question's keys are looked up in the phrasings (question, aliases, tags),
the full text and the pinyin field; scores come ready from kb.impacts.
"""

from __future__ import annotations

from kb import measured
from kb.generation import Generation
from kb.impacts import Ranking
from kb.query import PHRASING_FIELDS, AnalyzedQuery

# Results scoring below this share of the top hit's score are left out.
MIN_RELATIVE_SCORE = measured.value("MIN_RELATIVE_SCORE")
# Keys found in the body of more than this share of articles are not looked
# up there: they match nearly everything, cost the most to score and rank
# nothing (they are still matched in questions, aliases and tags).
COMMON_SHARE = measured.value("COMMON_SHARE")


def terms(generation: Generation, analyzed: AnalyzedQuery) -> list[tuple[str, str]]:
    """Return the (field, key) pairs to score, most telling first."""
    cap = COMMON_SHARE * generation.doc_count
    found = [(f, k) for f in PHRASING_FIELDS for k in analyzed.keys]
    found += [("pinyin", p) for p in analyzed.pinyins]
    found += [("text", k) for k in analyzed.keys if generation.impacts.doc_frequency("text", k) <= cap]
    return found


def rank(generation: Generation, query_terms: list[tuple[str, str]], limit: int, time_limit: float) -> Ranking:
    """Return the best `limit` articles for the terms, leaving out those far below the best one.

    Any shared word makes an OR query match; hits far below the best one
    are noise to a merchant, not further answers.
    """
    ranking = generation.impacts.rank(query_terms, limit, time_limit)
    if not ranking.hits:
        return ranking
    floor = ranking.hits[0][1] * MIN_RELATIVE_SCORE
    return Ranking([(docnum, score) for docnum, score in ranking.hits if score >= floor], ranking.partial)
