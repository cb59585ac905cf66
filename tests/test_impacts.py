"""The precomputed scores rank exactly as Whoosh's own BM25F search would."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh import scoring
from whoosh.query import Or, Term

from indexer import build
from kb.impacts import B, K1, ImpactIndex
from kb.query import analyze
from kb import ranking as kb_ranking
from kb.generation import BOOSTS
from kb.search import Engine

QUESTIONS = [
    "买家电话里说不要了,我没在后台取消,超时了怎么办",
    "预售商品没货了定金怎么退",
    "发货预警",
    "延迟发货卡片一天能发几次",
    "运费险保费为什么这么贵",
    "发货",
]


@pytest.fixture(scope="module")
def generation(tmp_path_factory):
    from kb import settings

    return build.build_index(settings.DEFAULTS["ARTICLES_DIR"], tmp_path_factory.mktemp("index"))


def whoosh_ranking(generation, terms, limit=None):
    weighting = scoring.BM25F(B=B["text"], K1=K1, phrasing_B=B["phrasing"], pinyin_B=B["pinyin"])
    index = whoosh_index.open_dir(str(generation))
    with index.searcher(weighting=weighting) as searcher:
        query = Or([Term(field, key, boost=BOOSTS[field]) for field, key in terms])
        return [(hit.docnum, hit.score) for hit in searcher.search(query, limit=limit)]


@pytest.fixture(scope="module")
def engine(generation):
    return Engine(generation)


@pytest.fixture(scope="module")
def vocabulary(generation):
    """Every (field, key) in the index, plus one no article holds."""
    index = whoosh_index.open_dir(str(generation))
    with index.reader() as reader:
        terms = [(f, k.decode("utf-8")) for f in BOOSTS for k in reader.lexicon(f)]
    return sorted(terms) + [("text", "火星快递")]


@pytest.mark.parametrize("question", QUESTIONS)
def test_scores_and_order_equal_whooshs_bm25f(generation, question):
    engine = Engine(generation)
    terms = kb_ranking.terms(engine.index, analyze(engine.pipeline, question))
    expected = whoosh_ranking(generation, terms)
    ranking = engine.impacts.rank(terms, limit=100, time_limit=1.0)
    assert ranking.partial is False
    assert [docnum for docnum, _ in ranking.hits] == [docnum for docnum, _ in expected]
    assert [score for _, score in ranking.hits] == pytest.approx([score for _, score in expected], rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), limit=st.integers(1, 15))
def test_any_set_of_keys_and_any_limit_rank_as_whoosh_ranks_them(generation, engine, vocabulary, data, limit):
    # Few articles and many shared keys: ties and cut-offs at the limit are common.
    terms = data.draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=12, unique=True))
    expected = whoosh_ranking(generation, terms, limit=limit)
    ranking = engine.impacts.rank(terms, limit=limit, time_limit=1.0)
    assert [docnum for docnum, _ in ranking.hits] == [docnum for docnum, _ in expected]
    assert [score for _, score in ranking.hits] == pytest.approx([score for _, score in expected], rel=1e-9)


def test_matched_terms_are_those_the_article_holds(generation):
    engine = Engine(generation)
    terms = [("phrasing", "预警"), ("phrasing", "定金"), ("text", "预警"), ("pinyin", "yu_jing")]
    docnum = engine.impacts.rank(terms[:1], limit=1, time_limit=1.0).hits[0][0]
    matched = engine.impacts.matched(terms, docnum)
    assert ("phrasing", "预警") in matched and ("text", "预警") in matched and ("pinyin", "yu_jing") in matched
    assert ("phrasing", "定金") not in matched


def test_an_unknown_key_matches_nothing(generation):
    impacts = Engine(generation).impacts
    assert impacts.doc_frequency("text", "火星快递") == 0
    assert impacts.rank([("text", "火星快递")], limit=5, time_limit=1.0).hits == []
    assert impacts.idf("text", "火星快递") > impacts.idf("text", "发货")


def test_the_arrays_the_build_scored_in_memory_are_those_whooshs_postings_give(generation):
    import numpy as np

    from kb.impacts import FieldImpacts

    index = whoosh_index.open_dir(str(generation))
    with index.reader() as reader:
        read_back = ImpactIndex.from_reader(reader, BOOSTS)
    built = ImpactIndex.load(generation)
    assert sorted(built._fields) == sorted(read_back._fields) == sorted(f for f, boost in BOOSTS.items() if boost)
    for field, expected in read_back._fields.items():
        for name in FieldImpacts.ARRAYS:
            got, want = getattr(built._fields[field], name), getattr(expected, name)
            assert got.dtype == want.dtype and np.array_equal(got, want), (field, name)


def test_a_field_with_boost_zero_is_not_read(generation):
    index = whoosh_index.open_dir(str(generation))
    with index.reader() as reader:
        impacts = ImpactIndex.from_reader(reader, {"phrasing": 2.5, "text": 1.0, "pinyin": 0.0})
    assert Engine(generation).impacts.doc_frequency("pinyin", "yu_jing") > 0
    assert impacts.doc_frequency("pinyin", "yu_jing") == 0
    assert impacts.doc_frequency("phrasing", "预警") > 0


def test_an_engine_maps_the_scores_the_build_wrote_instead_of_computing_them(generation):
    import numpy as np

    impacts = Engine(generation).impacts
    assert (generation / "impacts" / "impacts.json").exists()
    field = impacts._fields["phrasing"]
    # A read-only view of the mapped file, not a copy.
    assert isinstance(field.scores.base, np.memmap) and not field.scores.flags.writeable
