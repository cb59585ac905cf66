"""Browsing a generation: the article list, one article, categories, and completions as you type."""

from __future__ import annotations

from kb import responses
from kb.generation import Generation
from kb.settings import DEFAULTS
from kb.text import normalize, positioned_pinyin


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
        self._keyed = None  # built on the first completion (see _keys)

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

    def _keys(self) -> tuple[list, dict]:
        """Each phrasing's words and pinyin, and which phrasings hold each key: built once."""
        if self._keyed is None:
            pipeline = self.generation.pipeline
            keyed, postings = [], {}
            for i, (text, normal, _) in enumerate(self._phrasings):
                words = {}
                for span in pipeline.spans(text):
                    for key in pipeline.keys(span.word):
                        words.setdefault(key, []).append((span.start, span.end))
                pinyin = {}
                for pos, bigram in positioned_pinyin(normal):
                    pinyin.setdefault(bigram, []).append((pos, pos + 2))
                keyed.append((words, pinyin))
                for key in (*words, *pinyin):
                    postings.setdefault(key, set()).add(i)
            self._keyed = (keyed, postings)
        return self._keyed

    def suggest(self, prefix: str, limit: int = DEFAULTS["SUGGEST_LIMIT"]) -> list[dict]:
        """Return completions `{"text", "id", "marks"}` for what the merchant has typed so far.

        Matched the way search matches: phrasings that start with the text, then
        those holding every space-separated part, then those sharing the most of
        its words (after synonyms) and pinyin (for homophone typos such as
        发货预竟). `marks` are the [start, end) offsets in `text` to highlight.
        """
        normal = normalize(prefix).strip()
        parts = normal.split()
        if not parts:
            return []
        needle = "".join(parts)
        starts, contains, chosen = [], [], set()
        for i, (text, phrasing, doc_id) in enumerate(self._phrasings):
            if phrasing.startswith(needle):
                starts.append(i)
            elif all(part in phrasing for part in parts):
                contains.append(i)
            else:
                continue
            chosen.add(i)
        out = [self._completion(i, _found(self._phrasings[i][1], parts)) for i in starts + contains]
        if len(out) >= limit:
            return out[:limit]
        return out + self._similar(normal, chosen, limit - len(out))

    def _similar(self, normal: str, chosen: set[int], limit: int) -> list[dict]:
        keyed, postings = self._keys()
        pipeline = self.generation.pipeline
        query = {key for span in pipeline.spans(normal) for key in pipeline.keys(span.word)}
        query |= {bigram for _, bigram in positioned_pinyin(normal)}
        if not query:
            return []
        scores: dict[int, int] = {}
        for key in query:
            for i in postings.get(key, ()):
                if i not in chosen:
                    scores[i] = scores.get(i, 0) + 1
        # Half of what was typed must be found, so one shared word of a long
        # question does not fill the list.
        enough = max(1, (len(query) + 1) // 2)
        ranked = sorted((i for i, score in scores.items() if score >= enough),
                        key=lambda i: (-scores[i], len(self._phrasings[i][0])))
        out = []
        for i in ranked[:limit]:
            words, pinyin = keyed[i]
            spans = [span for key in query for span in words.get(key, []) + pinyin.get(key, [])]
            out.append(self._completion(i, spans))
        return out

    def _completion(self, i: int, spans: list[tuple[int, int]]) -> dict:
        text, normal, doc_id = self._phrasings[i]
        # Offsets are in the normalised text; they hold for `text` when the
        # two are the same length (normalising drops quotes, say).
        marks = _merge(spans) if len(normal) == len(text) else []
        return {"text": text, "id": doc_id, "marks": marks}


def _found(phrasing: str, parts: list[str]) -> list[tuple[int, int]]:
    spans = []
    for part in parts:
        at = phrasing.find(part)
        if at >= 0:
            spans.append((at, at + len(part)))
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[list[int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
