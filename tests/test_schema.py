"""What the index holds: the pipeline's keys as postings, weights and field lengths, exactly."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from whoosh import fields
from whoosh import index as whoosh_index
from whoosh.util.numeric import byte_to_length, length_to_byte

from indexer import build
from kb import calculators, settings
from kb.articles import load_articles
from kb.schema import SCHEMA, index_document
from kb.text import Lexicon, Pipeline

REAL = Path(settings.DEFAULTS["ARTICLES_DIR"])
KEY_FIELDS = ("phrasing", "text", "pinyin")


def index_contents(generation: Path) -> dict:
    """Every field's postings as {term: [(docnum, weight)]}, its lengths, and the stored fields."""
    ix = whoosh_index.open_dir(str(generation))
    try:
        with ix.reader() as reader:
            docs = range(reader.doc_count_all())
            contents = {"stored": [reader.stored_fields(d) for d in docs]}
            for field in KEY_FIELDS:
                postings = {}
                for term in reader.lexicon(field):
                    matcher = reader.postings(field, term)
                    weights = []
                    while matcher.is_active():
                        weights.append((matcher.id(), matcher.weight()))
                        matcher.next()
                    postings[term.decode()] = weights
                contents[field] = {
                    "postings": postings,
                    "doc_lengths": [reader.doc_field_length(d, field) for d in docs],
                    "length": reader.field_length(field),
                }
        return contents
    finally:
        ix.close()


@pytest.fixture(scope="module")
def real_index(tmp_path_factory):
    return build.build_index(REAL, tmp_path_factory.mktemp("index"))


def test_each_key_field_holds_the_pipelines_keys_with_their_counts(real_index):
    articles = load_articles(REAL, calculators.ids())
    pipeline = Pipeline(Lexicon.from_dir(REAL))
    documents = [index_document(article, pipeline) for article in articles]
    contents = index_contents(real_index)
    assert [json.loads(s["doc"])["id"] for s in contents["stored"]] == [a.id for a in articles]
    assert [s["doc"] for s in contents["stored"]] == [d["doc"] for d in documents]
    for field in KEY_FIELDS:
        keys = [d[field].split() for d in documents]
        expected: dict[str, list] = {}
        for docnum, counts in enumerate(Counter(k) for k in keys):
            for key, count in counts.items():
                expected.setdefault(key, []).append((docnum, float(count)))
        assert contents[field]["postings"] == expected, field
        # Whoosh keeps a document's field length to one byte, the field's total exactly.
        assert contents[field]["doc_lengths"] == [byte_to_length(length_to_byte(len(k))) for k in keys], field
        assert contents[field]["length"] == sum(len(k) for k in keys), field


@pytest.mark.parametrize("value", ["运费 运费险 运费", "", "  a\tb\n\u3000b\x1cc \u2028a yu_jing ", "1 ０ 1.5"])
def test_a_key_field_indexes_what_whoosh_would_split_from_it(value):
    field = SCHEMA["text"]
    whoosh_items = fields.FieldType.index(field, value)
    assert sorted(field.index(value)) == sorted(whoosh_items)


def test_a_large_corpus_built_in_worker_processes_holds_the_same_index(tmp_path, monkeypatch, real_index):
    monkeypatch.setattr(build, "PARALLEL_FROM", 2)
    monkeypatch.setattr(build.os, "cpu_count", lambda: 2)
    parallel = build.build_index(REAL, tmp_path / "parallel")
    assert index_contents(parallel) == index_contents(real_index)
