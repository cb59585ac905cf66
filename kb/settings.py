"""Settings with their defaults; the one place they are defined.

The Flask app copies these into its config (upper-case keys) and the CLI reads
them the same way, so a value set here is the value everywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULTS = {
    # Where the Markdown articles, dictionary and synonyms live.
    "ARTICLES_DIR": str(PROJECT_ROOT / "articles"),
    # Where index generations are written; `current` points at the live one.
    "INDEX_DIR": str(PROJECT_ROOT / "var" / "index"),
    # Confidence (0..1) the top hit needs to be returned as the answer.
    # Chosen by measurement with `kb eval`; see README "Answer quality".
    "ANSWER_THRESHOLD": 0.7,
    # Upper bound for one search, in seconds; past it the best hits so far are returned.
    "SEARCH_TIME_LIMIT": 0.2,
    # Longest accepted query, in characters.
    "MAX_QUERY_LENGTH": 200,
    # Largest `limit` accepted by /api/search.
    "MAX_LIMIT": 50,
    "DEFAULT_LIMIT": 10,
}


def from_env() -> dict:
    """Return the defaults overridden by KB_<NAME> environment variables."""
    settings = dict(DEFAULTS)
    for name, default in DEFAULTS.items():
        raw = os.environ.get("KB_" + name)
        if raw is not None:
            settings[name] = type(default)(raw)
    return settings
