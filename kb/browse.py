"""Browsing a generation: the article list, one article, categories, and completions as you type."""

from __future__ import annotations

from kb import responses
from kb.generation import Generation
from kb.settings import DEFAULTS
from kb.text import normalize


class Browser:
    """Read-only views of one generation's articles."""

    def __init__(self, generation: Generation):
        self.generation = generation
        # Completions match every phrasing on each keystroke: normalise them
        # once. A phrasing two articles share is offered once, for the first.
        phrasings = {}
        for doc in generation.by_id.values():
            for text in [doc["question"], *doc["aliases"]]:
                phrasings.setdefault(text, (text, normalize(text), doc["id"]))
        self._phrasings = list(phrasings.values())

    def articles(self) -> list[dict]:
        """Return every article with its metadata and HTML, ordered by id."""
        by_id = self.generation.by_id
        return [responses.article(doc, by_id, full=False) for doc in by_id.values()]

    def article(self, article_id: str) -> dict | None:
        """Return one article with aliases and related links, or None if the id is unknown."""
        doc = self.generation.by_id.get(article_id)
        return None if doc is None else responses.article(doc, self.generation.by_id, full=True)

    def categories(self) -> list[dict]:
        """Return the categories in first-seen order, each with its articles."""
        groups: dict[str, list] = {}
        for doc in self.generation.by_id.values():
            groups.setdefault(doc["category"], []).append(responses.link(doc))
        return [{"name": name, "articles": links} for name, links in groups.items()]

    def suggest(self, prefix: str, limit: int = DEFAULTS["SUGGEST_LIMIT"]) -> list[dict]:
        """Return question and alias completions `{"text", "id"}`: prefix matches first, then contains."""
        needle = normalize(prefix).strip()
        if not needle:
            return []
        starts, contains = [], []
        for text, normal, doc_id in self._phrasings:
            if needle not in normal:
                continue
            (starts if normal.startswith(needle) else contains).append({"text": text, "id": doc_id})
        return (starts + contains)[:limit]
