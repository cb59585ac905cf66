"""Fit the answer decision (`kb fit`): a logistic model over kb.matching's features, from labelled questions.

Training pairs: every labelled question against each of its top candidates
(label 1 when the candidate is an acceptable answer), and every article's
near misses as questions nothing answers (each compared without itself).
Everything else comes from k-fold cross-validation, near misses held out
by fold like the labelled questions: the regularisation and the near
misses' weight (best log loss over both); a calibration of the most
probable candidate's score into the probability that it is right (so that
among answers given at confidence p about p are right); the threshold, the
lowest calibrated probability at which the cross-validated answers are
wrong for at most MAX_WRONG of the labelled questions and at most
MAX_NEAR_ANSWERED of the held-out near misses get an answer; `related`,
the probability from which an article is suggested without an answer
(besides those whose tags the question holds): the highest of
RELATED_CHOICES at which the right article is offered as often as at the
lowest. The figures are written next to the weights in kb/model.json.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kb import measured, tradeoff
from kb.decision import MODEL_FILE, is_related
from kb.evaluate import Case, read_cases
from kb.matching import FEATURES
from kb.text import normalize
from kb.tradeoff import Point

FOLDS = measured.value("FOLDS")
# The wrong-answer rate the threshold is chosen for, on cross-validated answers (issue 9: ≤ 0.015).
MAX_WRONG = measured.value("MAX_WRONG")
# ... and the share of held-out near misses that may still get an answer (they are the unseen near misses' proxy).
MAX_NEAR_ANSWERED = measured.value("MAX_NEAR_ANSWERED")
# Regularisation strengths, and weights of the near-miss questions against the labelled
# ones, tried: the pair with the best cross-validated log loss is kept.
L2_CHOICES = measured.value("L2_CHOICES")
NEAR_WEIGHTS = measured.value("NEAR_WEIGHTS")
# Probabilities tried as `related`, from which an article is suggested without an answer.
RELATED_CHOICES = measured.value("RELATED_CHOICES")


@dataclass
class Question:
    """One question with its candidates' features and labels."""

    text: str
    expected: tuple[str, ...]
    kind: str
    source: str
    candidates: list[tuple[str, dict]] = field(default_factory=list)   # (article id, features)
    weight: float = 1.0   # how much the question counts in the fit

    def rows(self) -> tuple[np.ndarray, np.ndarray]:
        x = np.array([[f[name] for name in FEATURES] for _, f in self.candidates], dtype=float).reshape(-1, len(FEATURES))
        y = np.array([doc_id in self.expected for doc_id, _ in self.candidates], dtype=float)
        return x, y


def collect(engine, sets: dict[str, Path]) -> tuple[list[Question], list[Question]]:
    """Return the labelled questions and the near-miss questions with their candidates' features."""
    labelled = []
    for name, path in sets.items():
        for case in read_cases(path):
            labelled.append(_question(engine, case, name))
    near = []
    for doc in engine.index.by_id.values():
        for text in doc.get("near_misses", ()):
            near.append(_question(engine, Case(text, (), "near-miss"), "near misses", skip=normalize(text)))
    return labelled, near


def _question(engine, case: Case, source: str, skip: str = "") -> Question:
    question = Question(case.query, case.expected, case.kind, source)
    for judged in engine.judge(case.query, skip=skip):
        question.candidates.append((engine.index.docs[judged.docnum]["id"], judged.features))
    return question


def _stack(questions: list[Question]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    parts = [(q, *q.rows()) for q in questions if q.candidates]
    return (np.vstack([x for _, x, _ in parts]), np.concatenate([y for _, _, y in parts]),
            np.concatenate([np.full(len(y), q.weight) for q, _, y in parts]))


@dataclass
class Fitted:
    """Logistic weights over standardised features."""

    weights: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray

    calibration: tuple[float, float] = (1.0, 0.0)

    def score(self, x: np.ndarray) -> np.ndarray:
        return self.bias + ((x - self.mean) / self.scale) @ self.weights

    def probability(self, x: np.ndarray) -> np.ndarray:
        a, b = self.calibration
        return 1 / (1 + np.exp(-np.clip(a * self.score(x) + b, -50, 50)))


def fit_logistic(x: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float) -> Fitted:
    """Return the L2-regularised logistic regression of y on x, rows weighted (Newton's method)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0  # the bias is not shrunk
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -50, 50)))
        gradient = z.T @ (weight * (p - y)) + penalty * w
        hessian = (z.T * (weight * p * (1 - p))) @ z + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Fitted(w[1:], float(w[0]), mean, scale)


def calibrate(outcomes: list["Outcome"]) -> tuple[float, float]:
    """Return (a, b) mapping the best candidate's score z to P(it is right) = σ(a·z + b), fitted on outcomes."""
    answered = [o for o in outcomes if o.best is not None]
    z = np.array([o.score for o in answered])
    y = np.array([o.best in o.question.expected for o in answered], dtype=float)
    w = np.array([1.0, 0.0])
    design = np.column_stack([z, np.ones_like(z)])
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(design @ w, -50, 50)))
        step = np.linalg.solve((design.T * (p * (1 - p))) @ design + 1e-6 * np.eye(2), design.T @ (p - y))
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return float(w[0]), float(w[1])


@dataclass(frozen=True)
class Outcome:
    """What the decision did with one question at some threshold."""

    question: Question
    best: str | None          # the most probable candidate
    probability: float        # its probability
    probabilities: dict       # every candidate's
    score: float = 0.0        # the best candidate's fitted log-odds, before calibration


def decide(model: Fitted, questions: list[Question]) -> list[Outcome]:
    """Judge each question's candidates with a fitted model."""
    outcomes = []
    for q in questions:
        if not q.candidates:
            outcomes.append(Outcome(q, None, 0.0, {}))
            continue
        x, _ = q.rows()
        p = model.probability(x)
        i = int(np.argmax(p))
        outcomes.append(Outcome(q, q.candidates[i][0], float(p[i]), {c[0]: float(v) for c, v in zip(q.candidates, p)},
                                float(model.score(x)[i])))
    return outcomes


def points(outcomes: list[Outcome]) -> list[Point]:
    """Return the outcomes as kb.tradeoff's points (a question without candidates: probability 0)."""
    return [Point(o.probability if o.best is not None else 0.0, o.best in o.question.expected,
                  bool(o.question.expected), o.question.kind) for o in outcomes]


def figures(outcomes: list[Outcome], threshold: float) -> dict:
    """Return answered right, out-of-scope null, confidently wrong and top-1 at a threshold."""
    in_scope = [o for o in outcomes if o.question.expected]
    rates = tradeoff.figures(points(outcomes), threshold)
    return {
        "questions": len(outcomes),
        "top1": sum(o.best in o.question.expected for o in in_scope) / len(in_scope) if in_scope else 1.0,
        **{key: rates[key] for key in ("answered_right", "oos_null", "wrong")},
    }


def cross_validated(labelled: list[Question], near: list[Question], l2: float, folds: int = FOLDS,
                    calibration: tuple[float, float] | None = None) -> tuple[list[Outcome], list[Outcome]]:
    """Return the labelled questions and the near misses, each judged by a model fitted without its fold.

    Near misses are split into folds like the labelled questions, so how the
    decision treats a near miss nobody wrote down is measured too. Without a
    `calibration` the probabilities are the fit's own (a = 1, b = 0).
    """
    rng = np.random.default_rng(20221111)
    order, near_order = rng.permutation(len(labelled)), rng.permutation(len(near))
    outcomes: list[Outcome | None] = [None] * len(labelled)
    near_outcomes: list[Outcome | None] = [None] * len(near)
    for k in range(folds):
        test = {int(i) for i in order[k::folds]}
        near_test = {int(i) for i in near_order[k::folds]}
        train = ([q for i, q in enumerate(labelled) if i not in test]
                 + [q for i, q in enumerate(near) if i not in near_test])
        model = fit_logistic(*_stack(train), l2)
        if calibration is not None:
            model.calibration = calibration
        for i in test:
            outcomes[i] = decide(model, [labelled[i]])[0]
        for i in near_test:
            near_outcomes[i] = decide(model, [near[i]])[0]
    return outcomes, near_outcomes


def log_loss(outcomes: list[Outcome]) -> float:
    total, n = 0.0, 0
    for o in outcomes:
        for doc_id, p in o.probabilities.items():
            y = doc_id in o.question.expected
            total -= np.log(max(1e-9, p if y else 1 - p))
            n += 1
    return total / max(n, 1)


def choose_threshold(outcomes: list[Outcome], near_outcomes: list[Outcome] = (), max_wrong: float = MAX_WRONG,
                     max_near: float = MAX_NEAR_ANSWERED) -> float:
    """Return the lowest threshold at which at most `max_wrong` of the questions get a wrong answer
    and at most `max_near` of the held-out near misses get an answer at all."""
    candidates = sorted({round(o.probability, 4) for o in [*outcomes, *near_outcomes]} | {0.5})
    judged, near = points(outcomes), points(near_outcomes)
    for t in candidates:
        if tradeoff.figures(judged, t)["wrong"] <= max_wrong and (
                not near or 1 - tradeoff.figures(near, t)["oos_null"] <= max_near):
            return float(t)
    return 1.0


def suggestion_figures(outcomes: list[Outcome], threshold: float, related: float) -> dict:
    """Return how suggestions behave without an answer: in scope, is the right article offered; out of scope, is anything."""
    unanswered = [o for o in outcomes if not (o.best and o.probability >= threshold)]
    missed = [o for o in unanswered if o.question.expected]
    none = [o for o in unanswered if not o.question.expected]

    def offered(o: Outcome, ids) -> bool:
        features = dict(o.question.candidates)
        return any(is_related(p, features[d], related) for d, p in o.probabilities.items() if d in ids)

    return {
        "in_scope_unanswered": len(missed),
        "right_article_suggested": round(sum(offered(o, o.question.expected) for o in missed) / len(missed), 3)
        if missed else None,
        "out_of_scope": len(none),
        "out_of_scope_with_suggestions": round(sum(offered(o, o.probabilities) for o in none) / len(none), 3)
        if none else None,
    }


@dataclass
class Validated:
    """What cross-validation chose and the answers it judged with it."""

    l2: float
    near_weight: float
    losses: dict
    calibration: tuple[float, float]
    outcomes: list[Outcome]
    near_outcomes: list[Outcome]    # the near misses, each held out of the fit that judged it
    threshold: float
    related: float


def weighted(questions: list[Question], weight: float) -> list[Question]:
    return [Question(q.text, q.expected, q.kind, q.source, q.candidates, weight) for q in questions]


def validate(labelled: list[Question], near: list[Question]) -> Validated:
    """Choose the regularisation, the near misses' weight, the calibration, the threshold and `related`.

    The regularisation and the near misses' weight minimise the log loss over
    every held-out question, labelled and near miss alike (each counts once,
    whatever its weight in the fit): the labelled sets alone hold too few near
    misses to tell what a weight does to the next one. The calibration and the
    threshold come from the labelled questions, the answers merchants get.
    """
    losses = {(l2, w): log_loss([o for part in cross_validated(labelled, weighted(near, w), l2) for o in part])
              for l2 in L2_CHOICES for w in NEAR_WEIGHTS}
    l2, near_weight = min(losses, key=losses.get)
    near = weighted(near, near_weight)
    calibration = calibrate(cross_validated(labelled, near, l2)[0])
    cv, near_cv = cross_validated(labelled, near, l2, calibration=calibration)
    threshold = choose_threshold(cv, near_cv)
    return Validated(l2, near_weight, losses, calibration, cv, near_cv, threshold, choose_related(cv, threshold))


def choose_related(outcomes: list[Outcome], threshold: float) -> float:
    """Return the highest of RELATED_CHOICES (below the threshold) at which the right article is offered
    to as many unanswered in-scope questions as at the lowest: fewer suggestions, none of the useful ones lost."""
    choices = sorted(r for r in RELATED_CHOICES if r < threshold)
    offered = {r: suggestion_figures(outcomes, threshold, r)["right_article_suggested"] or 0.0 for r in choices}
    return max(r for r in choices if offered[r] >= offered[choices[0]])


def run(engine, sets: dict[str, Path], out: Path = MODEL_FILE) -> dict:
    """Fit, cross-validate and write the model; returns the report written with it."""
    labelled, near = collect(engine, sets)
    v = validate(labelled, near)
    l2, losses, calibration, cv, threshold, related = v.l2, v.losses, v.calibration, v.outcomes, v.threshold, v.related
    model = fit_logistic(*_stack(labelled + weighted(near, v.near_weight)), l2)
    report = {
        "command": "kb fit " + " ".join(str(p) for p in sets.values()),
        "fitted": time.strftime("%Y-%m-%d"),
        "training": {name: sum(q.source == name for q in labelled) for name in sets} | {"near misses": len(near)},
        "l2": l2,
        "near_weight": v.near_weight,
        "cv_log_loss": {f"l2={a} near={b}": round(loss, 4) for (a, b), loss in losses.items()},
        "max_wrong": MAX_WRONG,
        "max_near_answered": MAX_NEAR_ANSWERED,
        "reliability": tradeoff.reliability(points(cv)),
        "suggestions": suggestion_figures(cv, threshold, related),
        "cv": {name: figures([o for o in cv if o.question.source == name], threshold) for name in sets}
        | {"all": figures(cv, threshold), "near misses": figures(v.near_outcomes, threshold)},
    }
    data = {
        "weights": dict(zip(FEATURES, map(float, model.weights))),
        "bias": model.bias,
        "mean": dict(zip(FEATURES, map(float, model.mean))),
        "scale": dict(zip(FEATURES, map(float, model.scale))),
        "calibration": list(calibration),
        "threshold": threshold,
        "related": related,
        "report": report,
    }
    Path(out).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report
