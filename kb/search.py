"""Search and answer selection over one index generation.

The engine puts the jobs together: open a generation (kb.generation), rank
its articles for a question (kb.ranking), judge whether one of the top hits
answers it (kb.decision, kb.matching), shape the response (kb.responses),
cache it, and browse (kb.browse). The most probable article at or above the
threshold is the answer; otherwise the answer is null and only the articles
related to the question (kb.decision.Model.is_related) are suggested.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kb import ranking, responses
from kb.browse import Browser
from kb.cache import BoundedCache
from kb.calculators import extract
from kb.generation import open_generation
from kb.decision import CANDIDATES, Decider, Judged, Model
from kb.query import analyze
from kb.settings import DEFAULTS

CACHE_SIZE = 2048
# The answer cache's budget in characters of query and snippets (a response
# holds about 10 bytes of objects per such character, articles' HTML shared):
# at most some 20 MB per engine whatever is asked. See `make bench` ("faults").
CACHE_CHARS = 2_000_000
# The kept calculations' budget, in characters of their text: most are empty
# lists; a filled one is a few hundred characters (some 5 MB at most).
STEADY_CHARS = 500_000
SUGGESTION_COUNT = 3


def _response_chars(response: dict) -> int:
    """Return the characters a cached response holds of its own (the articles' text is shared)."""
    own = len(response["query"]) + 100
    for result in response["results"]:
        own += len(result["snippet"]) + 100
    return own


def _calculations_chars(query: str, calculations: list) -> int:
    """Return about how many characters a cached list of calculations holds."""
    return len(query) + 100 + sum(len(str(c)) for c in calculations)


class Engine:
    """Answers questions from one published index generation; threads share it."""

    def __init__(self, generation: Path, threshold: float = DEFAULTS["ANSWER_THRESHOLD"],
                 time_limit: float = DEFAULTS["SEARCH_TIME_LIMIT"], model: Model | None = None):
        self.index = open_generation(generation)
        self.threshold = threshold
        self.time_limit = time_limit
        self.browser = Browser(self.index)
        self.decider = Decider(self.index, model or Model.load())
        self._cache: BoundedCache[dict] = BoundedCache(CACHE_SIZE, CACHE_CHARS)
        # Calculations of questions that name no time: the same whenever asked.
        self._steady: BoundedCache[list] = BoundedCache(CACHE_SIZE, STEADY_CHARS)

    # What the engine serves, as read from its generation.
    generation = property(lambda self: self.index.path)
    generation_name = property(lambda self: self.index.name)
    pipeline = property(lambda self: self.index.pipeline)
    impacts = property(lambda self: self.index.impacts)
    doc_count = property(lambda self: self.index.doc_count)

    def search(self, query: str, limit: int = DEFAULTS["DEFAULT_LIMIT"], now: datetime | None = None) -> dict:
        """Return `{"query", "answer", "results", "suggestions", "also", "confidence", "partial"}`.

        `also` is what to show besides the answer, for every client alike:
        `{"kind": "related", "items"}` (the other results) under an answer,
        `{"kind": "did_you_mean", "items"}` without one, or kind "none".

        The response shares its articles with the answer cache: callers read it
        and build what they send from it (as webapp.links does), never change it.
        """
        key = (query, limit)
        cached = self._cache.get(key)
        if cached is not None:
            return self._with_calculations(cached, query, now)
        response = self._search(query, limit)
        if not response["partial"]:
            self._cache.put(key, response, _response_chars(response))
        return self._with_calculations(response, query, now)

    def _with_calculations(self, response: dict, query: str, now: datetime | None) -> dict:
        """Return the response with `calculations` in its answer: its calculators filled in from the question (issue 15).

        Done after the answer cache, per request: times like 昨天下午3点 are read
        relative to `now` (the request time in China time when None). A question
        that names no time gets the same calculations whenever it is asked: those
        are kept. Only the top level and the answer are new; the rest is shared
        with the caches.
        """
        answer = response["answer"]
        if answer is None:
            return dict(response)
        ids = tuple(c["id"] for c in answer["calculators"])
        calculations = self._steady.get((query, ids)) if ids else []
        if calculations is None:
            calculations = extract.calculations(ids, query, now)
            if extract.names_no_time(query):
                self._steady.put((query, ids), calculations, _calculations_chars(query, calculations))
        return {**response, "answer": {**answer, "calculations": calculations}}

    def cached_queries(self) -> list[str]:
        """Return the questions whose answers are cached, least recently used first."""
        return [query for query, _ in self._cache.keys()]

    def _rank(self, query: str, count: int):
        analyzed = analyze(self.pipeline, query)
        terms = ranking.terms(self.index, analyzed)
        return analyzed, terms, ranking.rank(self.index, terms, count, self.time_limit)

    def judge(self, query: str, skip: str = "") -> list[Judged]:
        """Return the top hits judged against the question, most probable answer first (for `kb fit`)."""
        analyzed, terms, ranked = self._rank(query, CANDIDATES)
        return self.decider.judge(query, analyzed, terms, ranked.hits, skip)

    def _search(self, query: str, limit: int) -> dict:
        index = self.index
        analyzed, terms, ranked = self._rank(query, max(limit, SUGGESTION_COUNT))
        judged = self.decider.judge(query, analyzed, terms, ranked.hits)
        best = judged[0] if judged else None
        answer = None
        if best is not None and best.probability >= self.threshold:
            answer = responses.answer(index.docs[best.docnum], round(best.probability, 4))
        # The judged candidates lead the results, most probable first; the rest follow the ranking.
        order = [(j.docnum, j.score) for j in judged]
        judged_docnums = {j.docnum for j in judged}
        order += [(docnum, score) for docnum, score in ranked.hits if docnum not in judged_docnums]
        marks = responses.marks(self.pipeline, analyzed.keys)
        results = [responses.result(index.docs[docnum], score, marks) for docnum, score in order[:limit]]
        if answer is not None:
            also = {"kind": "related", "items": [r for r in results if r["id"] != answer["id"]]}
            suggestions = []
        else:
            model = self.decider.model
            related = {index.docs[j.docnum]["id"] for j in judged if model.is_related(j.probability, j.features)}
            items = [r for r in results if r["id"] in related][:SUGGESTION_COUNT]
            also = {"kind": "did_you_mean" if items else "none", "items": items}
            suggestions = [{"id": r["id"], "question": r["question"]} for r in items]
        # `confidence` is the most probable article's, also when it fell short of the threshold.
        confidence = round(best.probability, 4) if best is not None else 0.0
        return {"query": query, "answer": answer, "results": results, "suggestions": suggestions,
                "also": also, "confidence": confidence, "partial": ranked.partial}

    # -- browsing (kb.browse) -------------------------------------------------

    def articles(self) -> list[dict]:
        """Return every article with its metadata and HTML, ordered by id."""
        return self.browser.articles()

    def article(self, article_id: str) -> dict | None:
        """Return one article with aliases and related links, or None if the id is unknown."""
        return self.browser.article(article_id)

    def categories(self) -> list[dict]:
        """Return the categories in first-seen order, each with its articles."""
        return self.browser.categories()

    def suggest(self, prefix: str, limit: int = DEFAULTS["SUGGEST_LIMIT"]) -> list[dict]:
        """Return question and alias completions as you type."""
        return self.browser.suggest(prefix, limit)
