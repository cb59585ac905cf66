"""The Whoosh schema and how an article becomes an index document.

Every searchable field holds keys the `kb.text.Pipeline` already produced,
joined by spaces; the index only splits and counts them. So index and query
run through the same Python pipeline. The index pickles the schema, so the
field class below must stay importable from here.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from whoosh import fields
from whoosh.analysis import RegexTokenizer
from whoosh.system import pack_uint

from kb.articles import Article
from kb.text import Pipeline, pinyin_bigrams

# Bump when the schema or the way documents are built changes: the index
# fingerprint includes it, so old indexes are rebuilt.
SCHEMA_VERSION = 6

KEYS = RegexTokenizer(r"\S+")


class KeysField(fields.TEXT):
    """A text field of space-separated keys, stored with their frequencies (no positions).

    Indexes exactly what TEXT(analyzer=KEYS, phrase=False) would: each key
    once with its count as frequency and weight, and the number of keys as
    the field length. It counts with str.split and Counter instead of making
    a Whoosh Token per key, a third of the time to add a document.
    """

    def __init__(self):
        super().__init__(analyzer=KEYS, phrase=False)

    def index(self, value, **kwargs):
        # KEYS splits on the same whitespace str.split does.
        return [(key.encode("utf-8"), n, float(n), pack_uint(n)) for key, n in Counter(value.split()).items()]


SCHEMA = fields.Schema(
    id=fields.ID(stored=True, unique=True),
    phrasing=KeysField(),
    text=KeysField(),
    pinyin=KeysField(),
    doc=fields.STORED,
)

_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"\*\*|__|`")
_MD_LINE_START = re.compile(r"^\s*(?:#+|>|[-*+]|\d+[.)])\s+")


def plain_text(markdown_body: str) -> str:
    """Return the body without Markdown markup, for snippets (menu paths in [ ] are kept)."""
    lines = []
    for line in markdown_body.splitlines():
        line = _MD_LINE_START.sub("", _MD_EMPHASIS.sub("", _MD_LINK.sub(r"\1", line))).strip()
        if line:
            lines.append(line)
    return " ".join(lines)


def stored_doc(article: Article) -> dict:
    """Return the article metadata stored in the index and served by the API."""
    return {
        "id": article.id,
        "question": article.question,
        "aliases": list(article.aliases),
        "near_misses": list(article.near_misses),
        "category": article.category,
        "tags": list(article.tags),
        "calculators": list(article.calculators),
        "related": list(article.related),
        "summary": article.summary,
        "updated": article.updated.isoformat(),
        "html": article.html,
        "text": plain_text(article.body),
    }


def index_document(article: Article, pipeline: Pipeline) -> dict:
    """Return the Whoosh document for an article."""
    stored = stored_doc(article)
    phrasings = [article.question, *article.aliases]
    labels = [article.category, *article.tags]

    def words(texts) -> str:
        return " ".join(k for t in texts for k in pipeline.index_keys(t))

    def distinct_words(texts) -> str:
        # How many aliases repeat a word says how many ways merchants phrase
        # the question, not how relevant the word is: count it once.
        return " ".join(dict.fromkeys(k for t in texts for k in pipeline.index_keys(t)))

    return {
        "id": article.id,
        # One field for every way the question is put, the canonical question
        # counted twice: one field instead of three halves the terms a
        # query scores, and ranked the question sets as well.
        "phrasing": " ".join([words([article.question])] * 2 + [distinct_words(article.aliases), words(labels)]),
        # Every word of the article; also the document frequencies for confidence.
        "text": words([*phrasings, *labels, article.summary, stored["text"]]),
        "pinyin": " ".join(p for t in phrasings + labels for p in pinyin_bigrams(t)),
        "doc": json.dumps(stored, ensure_ascii=False),
    }
