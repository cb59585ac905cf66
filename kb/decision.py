"""The answer decision: the probability that a ranked article answers the question, from fitted weights.

The top CANDIDATES articles of the ranking are each compared with the
question (kb.matching); a logistic model fitted on labelled questions
(kb/fit.py, `kb fit`) turns their features into a calibrated probability.
The most probable one is the answer when its probability reaches the
threshold, chosen by `kb fit` for a stated wrong-answer rate; articles
below it but above the `related` probability are offered as suggestions,
and nothing is offered for a question no article is related to.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kb import measured
from kb.generation import Generation
from kb.matching import Candidate, Phrasing, asked_part, best_match, features
from kb.query import AnalyzedQuery

MODEL_FILE = Path(__file__).with_name("model.json")
# How many of the ranking's top articles are compared with the question:
# the right article is in the top 3 for every labelled question (README
# "Answer quality", top-3 = 1.000), so looking further only adds cost.
CANDIDATES = measured.value("CANDIDATES")


@dataclass(frozen=True)
class Model:
    """Fitted weights over standardised features, and the probabilities that decide."""

    weights: dict[str, float]
    bias: float
    mean: dict[str, float]
    scale: dict[str, float]
    calibration: tuple[float, float]   # (a, b): P(right) = σ(a · z + b) for the candidate's score z
    related: float        # suggest articles at or above this probability (and those on the question's topic)
    # The fitted threshold is in model.json too; engines take it from the
    # ANSWER_THRESHOLD setting, whose default it is (kb/settings.py).

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> "Model":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data["weights"], data["bias"], data["mean"], data["scale"], tuple(data["calibration"]),
                   data["related"])

    def score(self, x: dict[str, float]) -> float:
        """Return the fitted log-odds that the candidate answers the question."""
        return self.bias + sum(w * (x[f] - self.mean[f]) / self.scale[f] for f, w in self.weights.items())

    def probability(self, x: dict[str, float]) -> float:
        """Return the calibrated probability that the candidate, as the answer given, is right.

        Alone it is no measure of relatedness: the better the decision tells
        a near miss (运费险怎么开通) from what the article answers, the lower
        it is for a question the article is still the place to look for.
        """
        a, b = self.calibration
        return sigmoid(a * self.score(x) + b)

    def is_related(self, probability: float, x: dict[str, float]) -> bool:
        return is_related(probability, x, self.related)


def is_related(probability: float, x: dict[str, float], related: float) -> bool:
    """Tell whether an article not given as the answer is worth suggesting.

    It is when it may well answer the question (`related` or more), or when
    the question holds one of its tags, the words of its topic: 怎么开发票 and
    今天天气怎么样 hold none, 运费险怎么开通 holds 运费险.
    """
    return probability >= related or x["tag_share"] > 0


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-50.0, min(50.0, z))))


@dataclass(frozen=True)
class Judged:
    """A candidate article with its features and the probability that it answers the question."""

    docnum: int
    score: float
    features: dict[str, float]
    probability: float


class Decider:
    """Judges a generation's top-ranked articles against a question; threads share it."""

    def __init__(self, generation: Generation, model: Model):
        self.generation = generation
        self.model = model
        self._phrasings: dict[int, tuple[list[Phrasing], list[Phrasing], frozenset[str]]] = {}
        # How many near misses, of every article, use each word (for `left_other`).
        # Counted when the engine opens, not on a first question: some 30 ms
        # for the 500 near misses of the real articles.
        pipeline = generation.pipeline
        self.near_words = Counter(w for doc in generation.docs for t in doc.get("near_misses", ())
                                  for w in set(pipeline.words(t)))

    def _idf(self, word: str) -> float:
        return self.generation.impacts.idf("text", word)

    def phrasings(self, docnum: int) -> tuple[list[Phrasing], list[Phrasing], frozenset[str]]:
        """Return an article's phrasings (question and aliases), its near misses and its tag words.

        A tag of several words (审核时效) is left out: its parts alone (审核) name no topic.
        """
        found = self._phrasings.get(docnum)
        if found is None:  # worked out when first needed: opening stays quick for large indexes
            doc = self.generation.docs[docnum]
            pipeline = self.generation.pipeline
            found = ([Phrasing.of(pipeline, t, self._idf) for t in [doc["question"], *doc["aliases"]]],
                     [Phrasing.of(pipeline, t, self._idf) for t in doc.get("near_misses", ())],
                     frozenset(words[0] for words in map(pipeline.words, doc["tags"]) if len(words) == 1))
            self._phrasings[docnum] = found
        return found

    def judge(self, query: str, analyzed: AnalyzedQuery, terms: list[tuple[str, str]],
              hits: list[tuple[int, float]], skip: str = "") -> list[Judged]:
        """Return the top CANDIDATES hits, most probable answer first.

        `skip` leaves one phrasing or near miss out of the comparison (fitting
        on an article's own near misses must not find them in the article).
        """
        pipeline = self.generation.pipeline
        question = Phrasing.of(pipeline, query, self._idf)
        asked = Phrasing.of(pipeline, asked_part(pipeline, query), self._idf)
        top_score = hits[0][1] if hits else 0.0
        candidates = hits[:CANDIDATES]
        # Each candidate's closest near miss; the closest of all is any candidate's.
        nearest = [best_match(question, self.phrasings(docnum)[1], skip) for docnum, _ in candidates]
        impacts = self.generation.impacts

        def unknown(words) -> float:
            total = sum(w.weight for w in words)
            missing = sum(w.weight for w in words if not impacts.doc_frequency("text", w.word))
            return missing / total if total else 0.0

        # The same for every candidate: worked out once.
        near_any = max((near.f1 for near in nearest if near), default=0.0)
        unknown_question, unknown_asked = unknown(question.words), unknown(asked.words)
        near_words = self.near_words
        own = set(pipeline.words(skip)) if skip else set()  # a near miss left out does not count itself

        def other_fact(word: str) -> bool:
            return near_words[word] > (word in own)

        judged = []
        for rank, ((docnum, score), near) in enumerate(zip(candidates, nearest)):
            matched = impacts.matched(terms, docnum)
            phrasings, _, tags = self.phrasings(docnum)
            x = features(question, asked, analyzed, Candidate(docnum, score, matched), top_score, rank == 0,
                         phrasings, near, tags, near_any, unknown_question, unknown_asked, other_fact, skip)
            judged.append(Judged(docnum, score, x, self.model.probability(x)))
        return sorted(judged, key=lambda j: -j.probability)

