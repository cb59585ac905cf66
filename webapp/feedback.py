"""POST /api/feedback: "这个回答有帮助吗" votes; POST /api/feedback/click: clicks after a search without an answer.

Callable from the widget on any origin without credentials (webapp.security),
and by `navigator.sendBeacon`, which sends text/plain: the body is read as
JSON whatever its declared type. No address, cookie or user id is stored;
the address is used only for the in-memory rate limit.
"""

from __future__ import annotations

import json
import math
import re

from flask import Blueprint, current_app, jsonify, request

from kb.events import records
from kb.events.schema import COMMENT_CHARS, TOKEN_CHARS
from webapp.errors import ApiError
from webapp.guards import read_body
from webapp.library import get_engine
from webapp.ratelimit import RateLimiter
from webapp.recording import get_recorder

bp = Blueprint("feedback", __name__, url_prefix="/api/feedback")

MAX_BODY = 4 * 1024  # a vote with a 300-character comment is well under 2 KB
TOKEN = re.compile(rf"^[A-Za-z0-9_-]{{8,{TOKEN_CHARS}}}$")
SEARCH_ID = re.compile(r"^[0-9a-f]{32}$")
CHANNELS = records.CHANNELS
MAX_RANK = 200


def _limiter() -> RateLimiter:
    limiter = current_app.extensions.get("kb_feedback_limiter")
    if limiter is None:
        limiter = current_app.extensions["kb_feedback_limiter"] = RateLimiter(
            current_app.config["FEEDBACK_RATE_LIMIT"])
    return limiter


@bp.before_request
def _limit_and_bound():
    if request.method == "OPTIONS":
        return None  # a preflight is answered by webapp.security and counts for nothing
    wait = _limiter().allow(request.remote_addr or "?")
    if wait:
        raise RateLimited(math.ceil(wait))
    # Refuse a body over 4 KB (the app's limit is 16 KB); read_body names the limit.
    request.max_content_length = MAX_BODY + 1


class RateLimited(ApiError):
    """Raised when a client address sent more than FEEDBACK_RATE_LIMIT requests in a minute."""

    def __init__(self, retry_after: int):
        super().__init__(429, "rate_limited", f"提交太频繁了，请 {retry_after} 秒后再试")
        self.retry_after = retry_after


def _body() -> dict:
    raw = read_body()
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ApiError(400, "invalid_json", "请求内容必须是 JSON 对象") from None
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_json", "请求内容必须是 JSON 对象")
    return body


def _check(body: dict, allowed: set[str]) -> dict[str, str]:
    unknown = sorted(set(body) - allowed)
    return {name: "未知的字段" for name in unknown}


def _article(body: dict, problems: dict) -> str | None:
    article_id = body.get("article_id")
    if not isinstance(article_id, str) or not article_id:
        problems["article_id"] = "必须填写文章编号"
    elif len(article_id) > 100 or get_engine().article(article_id) is None:
        problems["article_id"] = "没有这篇文章"
    else:
        return article_id
    return None


def _channel(body: dict, problems: dict) -> str:
    channel = body.get("channel", "api")
    if channel not in CHANNELS:
        problems["channel"] = "只能是 page、widget 或 api"
    return channel


def _search_id(body: dict, problems: dict, required: bool) -> str | None:
    search_id = body.get("search_id")
    if search_id is None and not required:
        return None
    if not isinstance(search_id, str) or not SEARCH_ID.match(search_id):
        problems["search_id"] = "必须是搜索结果里的 search_id"
        return None
    return search_id


def _fail(problems: dict) -> None:
    if problems:
        raise ApiError(400, "invalid_feedback", "反馈内容有误：" + "、".join(problems), problems)


def _queue(event: dict):
    recorder = get_recorder()
    recorded = recorder.record(event) if recorder is not None else False
    return jsonify({"ok": True, "recorded": recorded})


@bp.post("")
def vote():
    body = _body()
    problems = _check(body, {"article_id", "helpful", "comment", "token", "search_id", "channel"})
    article_id = _article(body, problems)
    helpful = body.get("helpful")
    if not isinstance(helpful, bool):
        problems["helpful"] = "必须是 true（有帮助）或 false（没帮助）"
    comment = body.get("comment")
    if comment is not None and (not isinstance(comment, str) or len(comment) > COMMENT_CHARS):
        problems["comment"] = f"说明最多 {COMMENT_CHARS} 个字"
    token = body.get("token")
    if not isinstance(token, str) or not TOKEN.match(token):
        problems["token"] = "必须是客户端为这次投票生成的 8–64 位随机串（字母、数字、- 或 _）"
    search_id = _search_id(body, problems, required=False)
    channel = _channel(body, problems)
    _fail(problems)
    return _queue(records.vote(token, article_id, helpful, comment, search_id, channel))


@bp.post("/click")
def click():
    body = _body()
    problems = _check(body, {"article_id", "search_id", "rank", "channel"})
    article_id = _article(body, problems)
    search_id = _search_id(body, problems, required=True)
    rank = body.get("rank")
    if rank is not None and (isinstance(rank, bool) or not isinstance(rank, int) or not 1 <= rank <= MAX_RANK):
        problems["rank"] = f"必须是 1 到 {MAX_RANK} 之间的整数"
    channel = _channel(body, problems)
    _fail(problems)
    return _queue(records.click(search_id, article_id, rank, channel))


@bp.errorhandler(RateLimited)
def _rate_limited(err: RateLimited):
    return jsonify(err.to_dict()), 429, {"Retry-After": str(err.retry_after)}
