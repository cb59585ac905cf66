"""Every number that shapes ranking and the answer decision, with how it was chosen and what re-measures it.

The modules that use them (kb.generation, kb.impacts, kb.ranking,
kb.snippets, kb.decision, kb.fit) read them from here; README "Answer
quality" shows this table (a test keeps the two alike). The decision's own
weights, calibration and threshold are not here: `kb fit` writes them to
kb/model.json with the figures that chose them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Measured:
    """A number, how it was chosen, and the command that measures it again."""

    value: object
    chosen: str
    command: str


TABLE: dict[str, Measured] = {
    "BOOSTS": Measured(
        {"phrasing": 2.5, "text": 1.0, "pinyin": 0.4},
        "field weights of the ranking, swept against top-1 and MRR on the dev set and ours",
        "kb eval tests/data/questions.tsv; tests/benchmarks/ablation.py"),
    "K1": Measured(1.2, "Whoosh's BM25F default, kept: rankings equal Whoosh's own", "pytest tests/test_impacts.py"),
    "B": Measured(
        {"phrasing": 0.3, "text": 0.75, "pinyin": 0.3},
        "length normalisation; the phrasing field joins many aliases, so its length says little (swept with BOOSTS)",
        "kb eval tests/data/questions.tsv"),
    "MIN_RELATIVE_SCORE": Measured(
        0.25, "results below this share of the best score are noise to a merchant; top-3 stayed 1.000",
        "kb eval (top-3, MRR) on every set"),
    "COMMON_SHARE": Measured(
        0.5, "keys in the body of more than this share of articles are not looked up there; ranking unchanged, "
             "10,000-article p99 halved", "kb eval; make bench (section 2)"),
    "CANDIDATES": Measured(
        3, "articles the decision compares; the right one is in the top 3 for every labelled question",
        "kb eval (top-3) on every set"),
    "SNIPPET_WIDTH": Measured(90, "characters of a result snippet: two lines on a 360 px phone", "tests/browser"),
    "SNIPPET_LEAD": Measured(12, "characters shown before the first highlight", "tests/browser"),
    "FOLDS": Measured(5, "cross-validation folds of kb fit", "kb fit"),
    "MAX_WRONG": Measured(
        0.01, "stated wrong-answer rate the threshold is chosen for, below issue 9's 0.015 for margin", "kb fit"),
    "MAX_NEAR_ANSWERED": Measured(
        0.15, "share of held-out near misses that may get an answer: the labelled sets' out-of-scope questions "
              "are too few and too close to the articles' near misses to stand for unseen ones, so the threshold "
              "also holds these (a stated choice; kb fit reports both)", "kb fit (report.cv.near misses)"),
    "L2_CHOICES": Measured((0.1, 1.0, 10.0), "regularisation tried; kb fit keeps the best cross-validated log loss",
                           "kb fit (report.cv_log_loss in kb/model.json)"),
    "NEAR_WEIGHTS": Measured((0.25, 0.5, 1.0, 2.0), "weights of near-miss questions tried, chosen with L2_CHOICES "
                             "by the log loss over held-out labelled questions and near misses",
                             "kb fit (report.near_weight)"),
    "ASKED_WEIGHT": Measured(
        4.5, "weight of what a question asks (`怎么`, `在哪`, `多久` …) in the overlap of a question and a phrasing, "
             "like a content word's IDF; the best cross-validated log loss among 0, 1.5, 3, 4.5 and 6 "
             "(0.1461, 0.1405, 0.1394, 0.1373, 0.1376)",
        "kb fit --ablate (rows ASKED_WEIGHT = …)"),
    "RELATED_CHOICES": Measured(
        (0.1, 0.15, 0.2, 0.3, 0.4, 0.5), "probabilities tried as the one from which an article is suggested "
        "without an answer; kb fit keeps the highest that offers the right article as often as the lowest",
        "kb fit (related and report.suggestions in kb/model.json)"),
}


def value(name: str):
    """Return the value of a measured number."""
    return TABLE[name].value
