"""Each indexed key's score in each article, worked out once per index generation, when it is built.

Whoosh scores an OR query by walking a tree of matchers, one per (field, key),
article by article in pure Python: most of a search's time, growing with the
number of articles. But a BM25F score only depends on the key's IDF, how often
the key occurs in the article's field and the field's length, all fixed for
one generation. So the build scores every posting list once (from the
postings its writer still holds after committing them, indexer/whoosh_writer.py,
the same numbers Whoosh's reader would give) and writes each field's
(article, score) pairs, the field's boost included, as
numpy arrays into the generation (`impacts/`). An engine maps them read-only
(`numpy.load(mmap_mode="r")`): opening takes milliseconds, the workers of a
server share the pages, and a search only adds up ready numbers.

Keys are found by a 64-bit hash (sorted, binary-searched) and checked
against their UTF-8 text, so no per-key Python object is ever built.

The arithmetic is Whoosh's own (`whoosh.scoring.BM25F`, its IDF and its
byte-encoded field lengths), so the scores are the ones Whoosh would give.
This module and the build's writer (indexer/whoosh_writer.py) are the only
code that reads Whoosh's postings; they rely on its reader API (`lexicon`,
`postings(...).id()/weight()`, `doc_field_length`, `field_length`), and a
test checks that the build's arrays equal those read back from Whoosh.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from array import array
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kb import measured

# BM25F parameters. The phrasing field joins many aliases, so its length says
# little about relevance: it (and pinyin) is normalised only lightly.
K1 = measured.value("K1")
B = measured.value("B")


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


def _key_hash(key: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "little")


class FieldImpacts:
    """One field's postings: per key (in hash order) its range of (docnum, score) pairs."""

    ARRAYS = ("hashes", "starts", "ends", "key_offsets", "key_bytes", "docnums", "scores")

    def __init__(self, arrays: dict[str, np.ndarray]):
        for name in self.ARRAYS:
            setattr(self, name, arrays[name])

    @classmethod
    def from_reader(cls, reader, fieldname: str, boost: float, doc_count: int) -> "FieldImpacts":
        """Read a field's posting lists from a Whoosh reader and score them all at once."""
        def postings():
            for key in reader.lexicon(fieldname):
                matcher = reader.postings(fieldname, key)
                docnums, tfs = array("i"), array("d")
                while matcher.is_active():
                    docnums.append(matcher.id())
                    tfs.append(matcher.weight())
                    matcher.next()
                yield key, docnums, tfs

        return cls.from_postings(postings(), reader, fieldname, boost, doc_count)

    @classmethod
    def from_postings(cls, postings, reader, fieldname: str, boost: float, doc_count: int) -> "FieldImpacts":
        """Score a field's postings, given as (key, docnums, weights) in the field's key order.

        Each key's docnums ascend; docnums and weights are arrays ("i" and
        "d"), as Whoosh's reader would give them. The field lengths are read
        from `reader`, Whoosh's byte-encoded ones.
        """
        keys, bounds, idfs = [], [0], []
        docnums, tfs = array("i"), array("d")  # raw numbers: a tenth of a list's memory
        for key, key_docnums, key_tfs in postings:
            docnums.extend(key_docnums)
            tfs.extend(key_tfs)
            keys.append(key)
            bounds.append(len(docnums))
            idfs.append(idf(doc_count, bounds[-1] - bounds[-2]))
        docnums = np.frombuffer(docnums, dtype=np.int32)
        tfs = np.frombuffer(tfs)
        lengths = np.array([reader.doc_field_length(d, fieldname) or 0 for d in range(doc_count)], dtype=float)
        average = (reader.field_length(fieldname) / doc_count if doc_count else 0) or 1
        b = B[fieldname]
        # BM25 (whoosh.scoring.bm25) for every posting of the field.
        idf_each = np.repeat(np.array(idfs, dtype=float), np.diff(bounds))
        scores = boost * idf_each * (tfs * (K1 + 1)) / (tfs + K1 * ((1 - b) + b * lengths[docnums] / average))
        hashes = np.array([_key_hash(k) for k in keys], dtype=np.uint64)
        order = np.argsort(hashes, kind="stable")
        ordered = [keys[i] for i in order]
        bounds = np.array(bounds, dtype=np.int64)
        return cls({
            "hashes": hashes[order],
            "starts": bounds[:-1][order],
            "ends": bounds[1:][order],
            "key_offsets": np.cumsum([0] + [len(k) for k in ordered], dtype=np.int64),
            "key_bytes": np.frombuffer(b"".join(ordered), dtype=np.uint8),
            "docnums": docnums,
            "scores": scores,
        })

    @classmethod
    def load(cls, folder: Path, fieldname: str) -> "FieldImpacts":
        # Plain ndarray views of the mapped files: numpy.memmap's own indexing
        # runs Python code on every slice, some 1 µs each, thousands per question.
        return cls({name: np.asarray(np.load(folder / f"{fieldname}.{name}.npy", mmap_mode="r"))
                    for name in cls.ARRAYS})

    def save(self, folder: Path, fieldname: str) -> None:
        for name in self.ARRAYS:
            np.save(folder / f"{fieldname}.{name}.npy", getattr(self, name))

    def find(self, key: str) -> tuple[int, int]:
        """Return the (start, end) of a key's postings; (0, 0) when the field has no such key."""
        encoded = key.encode("utf-8")
        h = np.uint64(_key_hash(encoded))
        i = int(np.searchsorted(self.hashes, h))
        # Equal hashes (a collision) sit side by side: compare the keys' text.
        while i < len(self.hashes) and self.hashes[i] == h:
            start, end = int(self.key_offsets[i]), int(self.key_offsets[i + 1])
            if self.key_bytes[start:end].tobytes() == encoded:
                return int(self.starts[i]), int(self.ends[i])
            i += 1
        return 0, 0


def idf(doc_count: int, doc_frequency: int) -> float:
    """Whoosh's IDF (whoosh.scoring.WeightingModel.idf)."""
    return math.log(doc_count / (doc_frequency + 1)) + 1


class ImpactIndex:
    """Every (field, key)'s postings with ready scores; read-only, so threads share it."""

    clock = staticmethod(time.monotonic)
    FOLDER = "impacts"

    def __init__(self, doc_count: int, fields: dict[str, FieldImpacts]):
        self.doc_count = doc_count
        self._fields = fields

    @classmethod
    def from_reader(cls, reader, boosts: dict[str, float]) -> "ImpactIndex":
        """Score every posting of a Whoosh index's fields; a boost of 0 switches a field off."""
        # A generation is written once and never updated: no article in it is
        # deleted, so every posting counts.
        assert not reader.has_deletions()
        n = reader.doc_count_all()
        return cls(n, {f: FieldImpacts.from_reader(reader, f, boost, n) for f, boost in boosts.items() if boost})

    @classmethod
    def from_postings(cls, postings, reader, boosts: dict[str, float]) -> "ImpactIndex":
        """Score postings the build still holds: `postings(field)` yields a field's (key, docnums, weights).

        They must be the postings of `reader`'s index, in its key order, as
        `from_reader` would read them; only the field lengths are read from it.
        """
        assert not reader.has_deletions()
        n = reader.doc_count_all()
        return cls(n, {f: FieldImpacts.from_postings(postings(f), reader, f, boost, n)
                       for f, boost in boosts.items() if boost})

    def save(self, generation: Path) -> None:
        """Write the arrays into a generation's `impacts/` folder."""
        folder = Path(generation) / self.FOLDER
        folder.mkdir()
        for fieldname, field in self._fields.items():
            field.save(folder, fieldname)
        meta = {"doc_count": self.doc_count, "fields": sorted(self._fields)}
        (folder / "impacts.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, generation: Path) -> "ImpactIndex":
        """Map a generation's arrays read-only; workers share their pages."""
        folder = Path(generation) / cls.FOLDER
        meta = json.loads((folder / "impacts.json").read_text(encoding="utf-8"))
        return cls(meta["doc_count"], {f: FieldImpacts.load(folder, f) for f in meta["fields"]})

    def postings(self, fieldname: str, key: str) -> Postings:
        field = self._fields.get(fieldname)
        if field is None:
            return EMPTY
        start, end = field.find(key)
        if start == end:
            return EMPTY
        return Postings(field.docnums[start:end], field.scores[start:end])

    def doc_frequency(self, fieldname: str, key: str) -> int:
        field = self._fields.get(fieldname)
        if field is None:
            return 0
        start, end = field.find(key)
        return end - start

    def idf(self, fieldname: str, key: str) -> float:
        return idf(self.doc_count, self.doc_frequency(fieldname, key))

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
            postings = self.postings(*term)
            if len(postings):
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
