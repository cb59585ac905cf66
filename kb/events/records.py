"""The events as rows: what a search, a vote and a click record (and nothing about who made them)."""

from __future__ import annotations

import re
import secrets
import time

from kb.events.schema import COMMENT_CHARS, ID_CHARS, QUERY_CHARS
from kb.events.store import day_of
from kb.text import normalize_question

CHANNELS = ("page", "widget", "api")
TOP = 3
# Punctuation and spaces do not make two questions different for an editor.
_NOT_TEXT = re.compile(r"[\s\W_]+", re.U)


def grouping_text(query: str) -> str:
    """Return the normalised question editors group by: NFKC, simplified, lower case, no punctuation."""
    return _NOT_TEXT.sub("", normalize_question(query))[:QUERY_CHARS]


def new_search_id() -> str:
    """Return 32 hex digits: the time in microseconds, then 76 random bits.

    Ids that grow with time are added at the end of the searches' primary-key
    index instead of at random places in it: writing an event stays cheap as
    the table grows (SQLite, 40,000 events: 24 -> 15 µs each). The random part
    keeps an id from being guessed (a vote or a click names its search by it).
    """
    return f"{time.time_ns() // 1000:013x}{secrets.token_hex(10)}"[:32]


def search(search_id: str, query: str, response: dict, channel: str, generation: str,
           at: float | None = None) -> dict:
    """Return the event of one search and the engine's response to it."""
    at = time.time() if at is None else at
    answer = response.get("answer")
    return {
        "type": "search", "id": search_id, "at": at, "day": day_of(at), "channel": channel,
        "query": query[:QUERY_CHARS], "normalized": grouping_text(query),
        "answer_id": answer["id"] if answer else None,
        "confidence": float(response.get("confidence", answer["confidence"] if answer else 0.0)),
        "top_ids": ",".join(r["id"][:ID_CHARS] for r in response.get("results", [])[:TOP]),
        "generation": generation[:ID_CHARS],
    }


def vote(token: str, article_id: str, helpful: bool, comment: str | None, search_id: str | None,
         channel: str, at: float | None = None) -> dict:
    """Return the event of one "这个回答有帮助吗" vote (and its optional comment)."""
    at = time.time() if at is None else at
    comment = (comment or "").strip()[:COMMENT_CHARS] or None
    return {"type": "vote", "token": token, "at": at, "day": day_of(at), "article_id": article_id,
            "helpful": helpful, "comment": comment, "search_id": search_id, "channel": channel}


def click(search_id: str, article_id: str, rank: int | None, channel: str, at: float | None = None) -> dict:
    """Return the event of a click on a result after a search without an answer."""
    at = time.time() if at is None else at
    return {"type": "click", "search_id": search_id, "article_id": article_id, "at": at,
            "rank": rank, "channel": channel}
