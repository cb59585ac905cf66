"""What each signal of the answer decision buys (`kb fit --ablate`).

Each signal is a group of kb.matching's features. Switching one off sets its
features to 0 for every question, then the whole cross-validated fit runs
again (kb.fit.validate): regularisation, calibration and threshold are all
chosen anew, so the figures say what the decision can do without it.
The weight of what a question asks in the overlap (ASKED_WEIGHT) changes the
features themselves, so its rows compare the values tried, each measured
from freshly computed features.
"""

from __future__ import annotations

from kb import matching
from kb.fit import Question, collect, figures, validate

# The decision's signals, as groups of features.
SIGNALS = {
    "question vs phrasing overlap": ("q_exact", "q_approx", "p_exact", "p_approx", "q_left", "p_left", "p_weight",
                                     "f1", "q_held_sq", "f1_sq"),
    "asked part (intent words)": ("intent",),
    "near misses": ("near_f1", "near_gap", "near_any", "near_f1_sq", "near_any_sq"),
    "sound (pinyin bigrams)": ("sound_f1",),
    "tags": ("tag_share",),
    "words in no article": ("unknown", "asked_unknown"),
    "words near misses use, outside the article": ("left_other",),
    "article holds the question / asked clause": ("in_article", "asked_in_article"),
    "ranking (rank, relative score)": ("rel_score", "is_top"),
}


def without(questions: list[Question], names) -> list[Question]:
    """Return copies of the questions with the named features switched off (always 0)."""
    off = dict.fromkeys(names, 0.0)
    return [Question(q.text, q.expected, q.kind, q.source, [(d, {**f, **off}) for d, f in q.candidates])
            for q in questions]


def ablation(labelled: list[Question], near: list[Question]) -> dict[str, dict]:
    """Return the cross-validated figures with every signal, then with each one switched off."""
    rows = {}
    for name, names in {"nothing": (), **SIGNALS}.items():
        v = validate(without(labelled, names), without(near, names))
        rows[name] = figures(v.outcomes, v.threshold) | {"threshold": v.threshold}
    return rows


ASKED_WEIGHTS = (0.0, 1.5, 3.0, 4.5, 6.0)


def asked_weights(open_engine, sets) -> dict[str, dict]:
    """Return the cross-validated figures and log loss for each ASKED_WEIGHT tried.

    `open_engine()` returns a new engine (its phrasings are compared with the weight in force).
    """
    rows, kept = {}, matching.ASKED_WEIGHT
    try:
        for weight in ASKED_WEIGHTS:
            matching.ASKED_WEIGHT = weight
            v = validate(*collect(open_engine(), sets))
            rows[f"ASKED_WEIGHT = {weight}"] = figures(v.outcomes, v.threshold) | {
                "threshold": v.threshold, "log_loss": min(v.losses.values())}
    finally:
        matching.ASKED_WEIGHT = kept
    return rows
