"""The JSON API: search, articles, suggestions, limits and health.

The shapes are a contract the widget and outside integrations rely on; they
are documented at /api/openapi.json (webapp/openapi.py), which a test keeps
in step with what the endpoints answer.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, jsonify, request

from kb.cache import BoundedCache
from kb.calculators import extract
from kb.events import records
from kb.text import normalize_question
from webapp import links, recording
from webapp.errors import ApiError
from webapp.library import get_engine, get_library

bp = Blueprint("api", __name__, url_prefix="/api")


def too_long(query: str) -> bool:
    """Tell whether a question passes MAX_QUERY_LENGTH, before or after normalisation.

    NFKC turns one character (U+FDFA) into 18: the limit holds for both.
    """
    max_len = current_app.config["MAX_QUERY_LENGTH"]
    return len(query) > max_len or len(normalize_question(query)) > max_len


def parse_search_args(args) -> tuple[str, int]:
    """Validate `q` and `limit`; raises ApiError with a Chinese message naming the field."""
    query = args.get("q", "")
    max_len = current_app.config["MAX_QUERY_LENGTH"]
    if not query.strip():
        raise ApiError(400, "invalid_query", "请输入要搜索的问题", {"q": "不能为空"})
    if too_long(query):
        raise ApiError(400, "invalid_query", f"问题太长了，请不要超过 {max_len} 个字",
                       {"q": f"不能超过 {max_len} 个字"})
    raw_limit = args.get("limit")
    max_limit = current_app.config["MAX_LIMIT"]
    if raw_limit is None or raw_limit == "":
        return query, current_app.config["DEFAULT_LIMIT"]
    if not raw_limit.isascii() or not raw_limit.isdigit():
        raise ApiError(400, "invalid_limit", "limit 必须是整数",
                       {"limit": f"请填写 1 到 {max_limit} 之间的整数"})
    limit = int(raw_limit)
    if not 1 <= limit <= max_limit:
        raise ApiError(400, "invalid_limit", f"limit 必须在 1 到 {max_limit} 之间",
                       {"limit": f"请填写 1 到 {max_limit} 之间的整数"})
    return query, limit


@bp.get("/health")
def health():
    engine = get_engine()
    # `stale` with its `problems`: the index served lags the articles on disk
    # (a failed build, a damaged generation skipped, an edit not yet indexed).
    # `events`: the search and feedback recorder's queue (dropped events, database reachable).
    return jsonify({"ok": True, "articles": engine.doc_count, "index": engine.generation_name,
                    **get_library().status(), "events": recording.state()})


# Who asked, as the caller says: the widget adds `channel=widget`; anything else is `api`.
API_CHANNELS = ("api", "widget")


@bp.get("/search")
def search():
    query, limit = parse_search_args(request.args)
    channel = request.args.get("channel") or "api"
    if channel not in API_CHANNELS:
        raise ApiError(400, "invalid_channel", "channel 只能是 api 或 widget",
                       {"channel": "只能是 api 或 widget"})
    engine = get_engine()
    key = (engine.generation_name, request.script_root, query, limit)
    bodies = _bodies()
    kept = bodies.get(key)
    if kept is None:
        found = engine.search(query, limit)
        if not _same_every_time(found, query):
            # The id a vote or a click on this response refers to (POST /api/feedback); null when not recording.
            search_id = recording.search(channel, query, found, engine.generation_name)
            return jsonify({"ok": True, **links.search_response(found), "search_id": search_id})
        body = current_app.json.dumps({"ok": True, **links.search_response(found)}, separators=(",", ":")).encode()
        kept = (body, _recorded(found))
        bodies.put(key, kept, len(body))
    body, recorded = kept
    search_id = recording.search(channel, query, recorded, engine.generation_name)
    return Response(b'{"search_id":' + json.dumps(search_id).encode() + b"," + body[1:],
                    mimetype=current_app.json.mimetype)


def _same_every_time(found: dict, query: str) -> bool:
    """Tell whether a response is the same whenever its question is asked (for this generation and mount).

    Not a partial one (cut at the time limit), nor one whose calculations read
    times against the moment of asking: the calculations of a question that
    names no time are the same every time (kb.search keeps them too).
    """
    answer = found["answer"]
    if found["partial"]:
        return False
    return answer is None or not answer["calculators"] or extract.names_no_time(query)


def _recorded(found: dict) -> dict:
    """Return what a search event records of a response (kb.events.records.search)."""
    answer = found["answer"]
    return {"answer": None if answer is None else {"id": answer["id"], "confidence": answer["confidence"]},
            "confidence": found["confidence"],
            "results": [{"id": r["id"]} for r in found["results"][:records.TOP]]}


# A repeated question's body is made once: its links and JSON are the same
# every time, for one index generation and one mount, and the engine is not
# asked again. What is the request's own goes in front (the search id) or is
# not cached at all (calculations read against the time of asking; a partial
# answer). At most BODY_CACHE_BYTES.
BODY_CACHE_ENTRIES = 2048
BODY_CACHE_BYTES = 8_000_000


def _bodies() -> BoundedCache[tuple[bytes, dict]]:
    bodies = current_app.extensions.get("kb_search_bodies")
    if bodies is None:
        bodies = current_app.extensions["kb_search_bodies"] = BoundedCache(BODY_CACHE_ENTRIES, BODY_CACHE_BYTES)
    return bodies


@bp.get("/articles")
def articles():
    return jsonify({"ok": True, "articles": links.articles(get_engine().articles())})


@bp.get("/articles/<article_id>")
def article(article_id: str):
    found = get_engine().article(article_id)
    if found is None:
        raise ApiError(404, "article_not_found", f"没有找到编号为「{article_id}」的文章")
    return jsonify({"ok": True, "article": links.article(found)})


@bp.get("/suggest")
def suggest():
    query = request.args.get("q", "")
    if too_long(query):
        raise ApiError(400, "invalid_query", "输入太长了", {"q": "内容过长"})
    limit = current_app.config["SUGGEST_LIMIT"]
    suggestions = get_engine().suggest(query, limit)
    for item in suggestions:
        item["url"] = links.article_url(item["id"])
    return jsonify({"ok": True, "query": query, "suggestions": suggestions})


@bp.get("/limits")
def limits():
    """The limits clients (the widget) follow, from the server's settings."""
    config = current_app.config
    return jsonify({"ok": True, "limits": {
        "max_query_length": config["MAX_QUERY_LENGTH"],
        "max_limit": config["MAX_LIMIT"],
        "default_limit": config["DEFAULT_LIMIT"],
        "suggest_limit": config["SUGGEST_LIMIT"],
        "widget_limit": config["WIDGET_LIMIT"],
    }})
