"""The shapes of what the engine returns: answers, results, links and articles (no web URLs).

The web layer adds each article's and calculator's URL (webapp/links.py), so
the site works wherever it is mounted.
"""

from __future__ import annotations

from kb import calculators
from kb.snippets import snippet
from kb.text import Pipeline


def link(doc: dict) -> dict:
    """Return `{"id", "question"}` of an article."""
    return {"id": doc["id"], "question": doc["question"]}


def answer(doc: dict, confidence: float) -> dict:
    """Return the direct answer: the article's question, summary and HTML, with its calculators."""
    return {
        "id": doc["id"],
        "question": doc["question"],
        "summary": doc["summary"],
        "html": doc["html"],
        "confidence": confidence,
        "calculators": calculators.links(doc["calculators"]),
    }


def result(doc: dict, score: float, marks: set[str]) -> dict:
    """Return one ranked result with its highlighted snippet."""
    return {
        "id": doc["id"],
        "question": doc["question"],
        "snippet": snippet(doc["text"] or doc["summary"], marks),
        "score": round(score, 4),
        "calculators": calculators.links(doc["calculators"]),
    }


def marks(pipeline: Pipeline, keys) -> set[str]:
    """Return the written forms to highlight for a query's keys (the same for every result)."""
    found = set()
    for word in keys:
        found |= pipeline.surface_forms(word)
    # Single characters light up half a paragraph; mark them only when
    # the query has nothing longer.
    if any(len(m) > 1 for m in found):
        found = {m for m in found if len(m) > 1}
    return found


def article(doc: dict, by_id: dict[str, dict], full: bool) -> dict:
    """Return an article's metadata and HTML; `full` adds aliases and related links."""
    out = {key: doc[key] for key in ("id", "question", "category", "tags", "summary", "updated", "html")}
    out["calculators"] = calculators.links(doc["calculators"])
    if full:
        out["aliases"] = doc["aliases"]
        out["related"] = [link(by_id[r]) for r in doc["related"] if r in by_id]
    else:
        out["related"] = list(doc["related"])
    return out
