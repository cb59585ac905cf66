"""Whoosh's segment writer with postings kept in memory: the build's only use of Whoosh internals.

The engine reads no Whoosh internals (it maps the score arrays the build
writes, kb/impacts.py, and reads stored fields through the public reader).
The build's writer does, for speed (a 10,000-article build 67 -> 22 s). It
relies on these contracts of whoosh-reloaded 2.7.x, checked at import:

- `whoosh.writing.SegmentWriter` keeps its posting pool in `self.pool`, calls
  `pool.add((fieldname, term_bytes, docnum, weight, value))` for each posting,
  iterates `pool.iter_postings()` in (fieldname, term, docnum) order when it
  commits, and calls `pool.cleanup()` afterwards (the pool keeps them for
  `MemoryPoolWriter.written_postings`, which the score arrays are made from);
- it asks `per_document_reader().doc_field_length(docnum, fieldname)` for each
  posting it writes;
- documents of a new index arrive in docnum order.

A Whoosh release outside 2.7 fails the import with a message naming this
file, instead of writing a subtly wrong index.
"""

from __future__ import annotations

from array import array
from typing import Iterator

import whoosh
from whoosh.writing import SegmentWriter

if whoosh.__version__[:2] != (2, 7):
    raise ImportError(f"indexer/whoosh_writer.py relies on Whoosh 2.7 internals; found {whoosh.versionstring()}")


class _MemoryPool:
    """Postings grouped by term in memory, in place of Whoosh's posting pool.

    Whoosh's pool keeps a tuple per posting, sorts them all at commit and,
    past its memory limit, pickles every posting to disk and merges the runs
    back: most of a 10,000-article build's writing time. A new index receives
    documents in docnum order, so sorting only the terms gives the postings in
    the same order; arrays hold them in less memory than the tuples.
    """

    def __init__(self):
        self._terms: dict[tuple[str, bytes], tuple[array, array, list]] = {}
        self._written: dict[tuple[str, bytes], tuple[array, array, list]] = {}

    def add(self, posting: tuple) -> None:
        fieldname, term, docnum, weight, value = posting
        postings = self._terms.get((fieldname, term))
        if postings is None:
            postings = self._terms[fieldname, term] = (array("i"), array("d"), [])
        docnums, weights, values = postings
        docnums.append(docnum)
        weights.append(weight)
        values.append(value)

    def iter_postings(self) -> Iterator[tuple]:
        for fieldname, term in sorted(self._terms):
            for docnum, weight, value in zip(*self._terms[fieldname, term]):
                yield fieldname, term, docnum, weight, value

    def cleanup(self) -> None:
        # Called once the segment is written: its postings stay readable
        # until released.
        self._written, self._terms = self._terms, {}

    def written(self, fieldname: str) -> Iterator[tuple[bytes, array, array]]:
        for field, term in sorted(key for key in self._written if key[0] == fieldname):
            docnums, weights, _ = self._written[field, term]
            yield term, docnums, weights

    def release(self) -> None:
        self._written = {}


class _LengthsReadOnce:
    """A segment's per-document reader that reads each field's lengths once.

    Whoosh asks for the document's field length with every posting it
    writes, from the length column on disk.
    """

    def __init__(self, reader):
        self._reader = reader
        self._lengths: dict[str, list] = {}

    def doc_field_length(self, docnum: int, fieldname: str):
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            read = self._reader.doc_field_length
            lengths = self._lengths[fieldname] = [read(d, fieldname) for d in range(self._reader.doc_count_all())]
        return lengths[docnum]

    def __getattr__(self, name):
        return getattr(self._reader, name)


class MemoryPoolWriter(SegmentWriter):
    """Whoosh's writer for a new one-segment index, with postings kept in memory."""

    def __init__(self, ix):
        super().__init__(ix)
        self.pool = _MemoryPool()

    def per_document_reader(self):
        return _LengthsReadOnce(super().per_document_reader())

    def written_postings(self, fieldname: str) -> Iterator[tuple[bytes, array, array]]:
        """After commit, a field's postings as written: (term, docnums, weights) in term order.

        The same numbers Whoosh's reader gives for the committed segment
        (`lexicon`, `postings(...).id()/weight()`), without reading it back.
        """
        return self.pool.written(fieldname)

    def release_postings(self) -> None:
        """Free the postings kept after commit."""
        self.pool.release()
