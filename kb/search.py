"""Search and answer selection over one index generation.

A query goes through the same pipeline as the articles. Words are matched in
the phrasings (question, aliases, tags) and the full text; pinyin bigrams catch
homophone typos and segmentation mismatches. Scores come ready from
kb.impacts. The top hit's confidence (kb.query) decides: at or above the
threshold it becomes the answer, otherwise the answer is null and the best
hits are suggestions.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from whoosh import index as whoosh_index

from kb import calculators
from kb.cache import BoundedCache
from kb.settings import DEFAULTS
from kb.impacts import ImpactIndex
from kb.query import (LONG_QUESTION, PHRASING_FIELDS, RECALL_MIN_WORDS, PhrasingWord, analyze, coverage,
                      long_question_confidence, phrasing_words)
from kb.snippets import snippet
from kb.text import Lexicon, Pipeline, normalize

# Field weights, measured with `kb eval` (see README "Answer quality").
BOOSTS = {"phrasing": 2.5, "text": 1.0, "pinyin": 0.4}
# Results scoring below this share of the top hit's score are left out.
MIN_RELATIVE_SCORE = 0.25
# Keys found in the body of more than this share of articles are not looked
# up there: they match nearly everything, cost the most to score and rank
# nothing (they are still matched in questions, aliases and tags).
COMMON_SHARE = 0.5
CACHE_SIZE = 2048
# The answer cache's budget in characters of query and snippets (a response
# holds about 10 bytes of objects per such character, articles' HTML shared):
# at most some 20 MB per engine whatever is asked. See `make bench` ("faults").
CACHE_CHARS = 2_000_000
SUGGESTION_COUNT = 3


def _response_chars(response: dict) -> int:
    """Return the characters a cached response holds of its own (the articles' text is shared)."""
    own = len(response["query"]) + 100
    for result in response["results"]:
        own += len(result["snippet"]) + 100
    return own


class Engine:
    """Answers questions from one published index generation.

    Everything a search needs is read from the generation when the engine
    opens (the articles, and each key's scores: kb.impacts); no file stays
    open, and threads share the engine.
    """

    def __init__(self, generation: Path, threshold: float = DEFAULTS["ANSWER_THRESHOLD"],
                 time_limit: float = DEFAULTS["SEARCH_TIME_LIMIT"]):
        self.generation = Path(generation)
        self.generation_name = self.generation.name
        self.threshold = threshold
        self.time_limit = time_limit
        self.pipeline = Pipeline(Lexicon.from_dir(self.generation / "lexicon"))
        self._cache: BoundedCache[dict] = BoundedCache(CACHE_SIZE, CACHE_CHARS)
        self._phrasings_by_docnum: dict[int, list[tuple[PhrasingWord, ...]]] = {}
        index = whoosh_index.open_dir(str(self.generation))
        with index.reader() as reader:
            # Stored fields come in docnum order: a hit's docnum indexes this list.
            self._by_docnum = [json.loads(fields["doc"]) for fields in reader.all_stored_fields()]
            self.impacts = ImpactIndex(reader, BOOSTS)
        index.close()
        self._docs = {doc["id"]: doc for doc in sorted(self._by_docnum, key=lambda d: d["id"])}
        self.doc_count = len(self._docs)
        # Completions match every phrasing on each keystroke: normalise them
        # once. A phrasing two articles share is offered once, for the first.
        phrasings = {}
        for doc in self._docs.values():
            for text in [doc["question"], *doc["aliases"]]:
                phrasings.setdefault(text, (text, normalize(text), doc["id"]))
        self._phrasings = list(phrasings.values())

    # -- search -----------------------------------------------------------

    def search(self, query: str, limit: int = DEFAULTS["DEFAULT_LIMIT"]) -> dict:
        """Return `{"query", "answer", "results", "suggestions", "partial"}` for a question."""
        key = (query, limit)
        cached = self._cache.get(key)
        if cached is not None:
            return copy.deepcopy(cached)
        response = self._search(query, limit)
        if not response["partial"]:
            self._cache.put(key, response, _response_chars(response))
        return copy.deepcopy(response)

    def cached_queries(self) -> list[str]:
        """Return the questions whose answers are cached, least recently used first."""
        return [query for query, _ in self._cache.keys()]

    def _terms(self, analyzed) -> list[tuple[str, str]]:
        """Return the (field, key) pairs to score, most telling first."""
        cap = COMMON_SHARE * self.doc_count
        terms = [(f, k) for f in PHRASING_FIELDS for k in analyzed.keys]
        terms += [("pinyin", p) for p in analyzed.pinyins]
        terms += [("text", k) for k in analyzed.keys if self.impacts.doc_frequency("text", k) <= cap]
        return terms

    def _search(self, query: str, limit: int) -> dict:
        analyzed = analyze(self.pipeline, query)
        terms = self._terms(analyzed)
        ranking = self.impacts.rank(terms, max(limit, SUGGESTION_COUNT), self.time_limit)
        hits = ranking.hits
        confidence = 0.0
        answer = None
        if hits:
            top = hits[0][0]
            matched = self.impacts.matched(terms, top)
            if len(analyzed.spans) >= LONG_QUESTION:
                confidence = long_question_confidence(self.pipeline, analyzed, matched, self._idf,
                                                      self._phrasing_words(top))
            else:
                confidence = coverage(self.pipeline, analyzed, matched, self._idf)
            if confidence >= self.threshold:
                answer = self._answer(self._by_docnum[top], confidence)
        # Any shared word makes an OR query match; hits far below the best
        # one are noise to a merchant, not further answers.
        floor = hits[0][1] * MIN_RELATIVE_SCORE if hits else 0.0
        marks = self._marks(analyzed.keys)
        results = [self._result(self._by_docnum[docnum], score, marks)
                   for docnum, score in hits[:limit] if score >= floor]
        suggestions = []
        if answer is None:
            suggestions = [self._link(r) for r in results[:SUGGESTION_COUNT]] or self._fallback_suggestions()
        # `confidence` is the top hit's, also when it fell short of the answer threshold.
        return {"query": query, "answer": answer, "results": results, "suggestions": suggestions,
                "confidence": confidence, "partial": ranking.partial}

    def _idf(self, word: str) -> float:
        """Return a word's IDF over the articles' full text: its weight in the confidence."""
        return self.impacts.idf("text", word)

    def _phrasing_words(self, docnum: int) -> list[tuple[PhrasingWord, ...]]:
        """Return the words of an article's question and aliases (those long enough to count)."""
        phrasings = self._phrasings_by_docnum.get(docnum)
        if phrasings is None:  # worked out when first needed: opening stays quick for large indexes
            doc = self._by_docnum[docnum]
            phrasings = [words for text in [doc["question"], *doc["aliases"]]
                         if len(words := phrasing_words(self.pipeline, text, self._idf)) >= RECALL_MIN_WORDS]
            self._phrasings_by_docnum[docnum] = phrasings
        return phrasings

    # -- shapes -------------------------------------------------------------

    @staticmethod
    def _link(doc: dict) -> dict:
        return {"id": doc["id"], "question": doc["question"], "url": doc["url"]}

    def _answer(self, doc: dict, confidence: float) -> dict:
        return {
            "id": doc["id"],
            "question": doc["question"],
            "summary": doc["summary"],
            "html": doc["html"],
            "url": doc["url"],
            "confidence": confidence,
            "calculators": calculators.links(doc["calculators"]),
        }

    def _marks(self, keys) -> set[str]:
        """Return the written forms to highlight for a query's keys (the same for every result)."""
        marks = set()
        for word in keys:
            marks |= self.pipeline.surface_forms(word)
        # Single characters light up half a paragraph; mark them only when
        # the query has nothing longer.
        if any(len(m) > 1 for m in marks):
            marks = {m for m in marks if len(m) > 1}
        return marks

    def _result(self, doc: dict, score: float, marks: set[str]) -> dict:
        return {
            "id": doc["id"],
            "question": doc["question"],
            "snippet": snippet(doc["text"] or doc["summary"], marks),
            "url": doc["url"],
            "score": round(score, 4),
            "calculators": calculators.links(doc["calculators"]),
        }

    def _fallback_suggestions(self) -> list[dict]:
        return [cat["articles"][0] for cat in self.categories()][:SUGGESTION_COUNT]

    # -- browsing -------------------------------------------------------------

    def _article(self, doc: dict, full: bool) -> dict:
        out = {key: doc[key] for key in ("id", "question", "category", "tags", "summary", "url", "updated", "html")}
        out["calculators"] = calculators.links(doc["calculators"])
        if full:
            out["aliases"] = doc["aliases"]
            out["related"] = [self._link(self._docs[r]) for r in doc["related"] if r in self._docs]
        else:
            out["related"] = list(doc["related"])
        return out

    def articles(self) -> list[dict]:
        """Return every article with its metadata and HTML, ordered by id."""
        return [self._article(doc, full=False) for doc in self._docs.values()]

    def article(self, article_id: str) -> dict | None:
        """Return one article with aliases and related links, or None if the id is unknown."""
        doc = self._docs.get(article_id)
        return None if doc is None else self._article(doc, full=True)

    def categories(self) -> list[dict]:
        """Return the categories in first-seen order, each with its articles."""
        groups: dict[str, list] = {}
        for doc in self._docs.values():
            groups.setdefault(doc["category"], []).append(self._link(doc))
        return [{"name": name, "articles": links} for name, links in groups.items()]

    def suggest(self, prefix: str, limit: int = DEFAULTS["SUGGEST_LIMIT"]) -> list[dict]:
        """Return question and alias completions: prefix matches first, then contains."""
        needle = normalize(prefix).strip()
        if not needle:
            return []
        starts, contains = [], []
        for text, normal, doc_id in self._phrasings:
            if needle not in normal:
                continue
            bucket = starts if normal.startswith(needle) else contains
            bucket.append({"text": text, "id": doc_id, "url": self._docs[doc_id]["url"]})
        return (starts + contains)[:limit]
