"""Each indexed key's score in each article, worked out once per index generation.

Whoosh scores an OR query by walking a tree of matchers, one per (field, key),
article by article in pure Python: most of a search's time, growing with the
number of articles. But a BM25F score only depends on the key's IDF, how often
the key occurs in the article's field and the field's length, all fixed for
one generation. So when an engine opens a generation, every posting list is
read from Whoosh once and turned into a list of (article, score) pairs, the
field's boost included; a search then only adds up ready numbers.

The arithmetic is Whoosh's own (`whoosh.scoring.BM25F`, its IDF and its
byte-encoded field lengths), so the scores are the ones Whoosh would give.
"""

from __future__ import annotations

import math
import time
from array import array
from dataclasses import dataclass

import numpy as np

# BM25F parameters. The phrasing field joins many aliases, so its length says
# little about relevance: it (and pinyin) is normalised only lightly.
K1 = 1.2
B = {"phrasing": 0.3, "text": 0.75, "pinyin": 0.3}


@dataclass(frozen=True)
class Postings:
    """The articles (docnums, ascending) holding one key, with the key's score in each."""

    docnums: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.docnums)

    def __contains__(self, docnum: int) -> bool:
        i = int(np.searchsorted(self.docnums, docnum))
        return i < len(self.docnums) and self.docnums[i] == docnum


EMPTY = Postings(np.empty(0, dtype=np.int32), np.empty(0))


@dataclass(frozen=True)
class Ranking:
    """The best (docnum, score) pairs, best first, and whether time ran out first."""

    hits: list[tuple[int, float]]
    partial: bool


class ImpactIndex:
    """Every (field, key)'s postings with ready scores; read-only once built, so threads share it."""

    clock = staticmethod(time.monotonic)

    def __init__(self, reader, boosts: dict[str, float]):
        # A generation is written once and never updated: no article in it is
        # deleted, so every posting counts.
        assert not reader.has_deletions()
        self.doc_count = reader.doc_count_all()
        self._postings: dict[tuple[str, str], Postings] = {}
        for fieldname, boost in boosts.items():
            if boost:  # a boost of 0 switches a field off
                self._read_field(reader, fieldname, boost)

    def _read_field(self, reader, fieldname: str, boost: float) -> None:
        """Read a field's posting lists and score them all at once."""
        keys, bounds, idfs = [], [0], []
        docnums, tfs = array("i"), array("d")  # raw numbers: a tenth of a list's memory
        for key in reader.lexicon(fieldname):
            matcher = reader.postings(fieldname, key)
            while matcher.is_active():
                docnums.append(matcher.id())
                tfs.append(matcher.weight())
                matcher.next()
            keys.append(key.decode("utf-8"))
            bounds.append(len(docnums))
            idfs.append(self._idf(bounds[-1] - bounds[-2]))
        docnums = np.frombuffer(docnums, dtype=np.int32)
        tfs = np.frombuffer(tfs)
        n = self.doc_count
        lengths = np.array([reader.doc_field_length(d, fieldname) or 0 for d in range(n)], dtype=float)
        average = (reader.field_length(fieldname) / n if n else 0) or 1
        b = B[fieldname]
        # BM25 (whoosh.scoring.bm25) for every posting of the field.
        idf = np.repeat(np.array(idfs), np.diff(bounds))
        scores = boost * idf * (tfs * (K1 + 1)) / (tfs + K1 * ((1 - b) + b * lengths[docnums] / average))
        for key, start, end in zip(keys, bounds, bounds[1:]):
            self._postings[(fieldname, key)] = Postings(docnums[start:end], scores[start:end])

    def _idf(self, doc_frequency: int) -> float:
        # Whoosh's IDF (whoosh.scoring.WeightingModel.idf).
        return math.log(self.doc_count / (doc_frequency + 1)) + 1

    def postings(self, fieldname: str, key: str) -> Postings:
        return self._postings.get((fieldname, key), EMPTY)

    def doc_frequency(self, fieldname: str, key: str) -> int:
        return len(self.postings(fieldname, key))

    def idf(self, fieldname: str, key: str) -> float:
        return self._idf(self.doc_frequency(fieldname, key))

    def rank(self, terms: list[tuple[str, str]], limit: int, time_limit: float) -> Ranking:
        """Return the `limit` articles with the highest summed score over `terms`.

        Terms are added in the order given, most telling first. Once the first
        term is in and `time_limit` seconds have passed, the rest are skipped
        and the ranking is marked partial. Equal scores rank the lower docnum
        (the earlier-indexed article) first, as Whoosh does.
        """
        clock = self.clock
        deadline = clock() + time_limit
        totals = np.zeros(self.doc_count)
        partial = False
        for n, term in enumerate(terms):
            if n and clock() > deadline:
                partial = True
                break
            postings = self._postings.get(term)
            if postings is not None:
                # A key's docnums are distinct, so a plain indexed add is exact.
                totals[postings.docnums] += postings.scores
        matched = np.flatnonzero(totals)  # every score is positive: IDF > 0
        if len(matched) > limit:
            # Only articles scoring at least the limit-th best can rank.
            kth = np.partition(totals[matched], len(matched) - limit)[len(matched) - limit]
            matched = matched[totals[matched] >= kth]
        order = np.lexsort((matched, -totals[matched]))[:limit]
        return Ranking([(int(d), float(totals[d])) for d in matched[order]], partial)

    def matched(self, terms: list[tuple[str, str]], docnum: int) -> set[tuple[str, str]]:
        """Return the terms found in one article."""
        return {term for term in terms if docnum in self.postings(*term)}
