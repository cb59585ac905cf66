"""The OpenAPI pieces of the editors' loop: POST /api/feedback and /api/feedback/click, the search id, the events state."""

from __future__ import annotations

from kb.events.records import CHANNELS
from kb.events.schema import COMMENT_CHARS, TOKEN_CHARS
from webapp.feedback import MAX_BODY, MAX_RANK

JSON = "application/json"
REF = "#/components/schemas/"
SEARCH_ID = {"type": "string", "pattern": "^[0-9a-f]{32}$",
             "description": "GET /api/search 返回的 search_id"}


def _error(description: str) -> dict:
    return {"description": description, "content": {JSON: {"schema": {"$ref": REF + "Error"}}}}


def schemas() -> dict:
    """Return the component schemas of the feedback endpoints."""
    article_id = {"type": "string", "minLength": 1, "description": "文章编号（必须存在）",
                  "examples": ["shipping-warning"]}
    channel = {"enum": list(CHANNELS), "default": "api", "description": "来自哪里：搜索页、帮助挂件或 API"}
    return {
        "Vote": {
            "type": "object",
            "description": "“这个回答有帮助吗？”的一次投票；同一 token 再次提交（连点、补充说明）会覆盖而不是重复计数。",
            "required": ["article_id", "helpful", "token"],
            "properties": {
                "article_id": article_id,
                "helpful": {"type": "boolean", "description": "true：有帮助；false：没帮助"},
                "comment": {"type": ["string", "null"], "maxLength": COMMENT_CHARS,
                            "description": "“没帮助”时可选的说明"},
                "token": {"type": "string", "pattern": f"^[A-Za-z0-9_-]{{8,{TOKEN_CHARS}}}$",
                          "description": "客户端为这个投票框生成的随机串"},
                "search_id": {"anyOf": [SEARCH_ID, {"type": "null"}]},
                "channel": channel,
            },
            "additionalProperties": False,
        },
        "Click": {
            "type": "object",
            "description": "没有答案的搜索之后，商家点开的结果或建议。",
            "required": ["search_id", "article_id"],
            "properties": {
                "search_id": SEARCH_ID,
                "article_id": article_id,
                "rank": {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_RANK,
                         "description": "点开的是第几条"},
                "channel": channel,
            },
            "additionalProperties": False,
        },
        "FeedbackResponse": {
            "type": "object", "required": ["ok", "recorded"],
            "properties": {"ok": {"const": True},
                           "recorded": {"type": "boolean",
                                        "description": "false：服务器没有记录（未启用或队列已满），请求本身没有错"}},
        },
        "EventsState": {
            "type": "object",
            "description": "搜索和反馈记录的写入队列",
            "required": ["enabled", "queued", "written", "dropped", "reachable"],
            "properties": {
                "enabled": {"type": "boolean"},
                "queued": {"type": "integer", "minimum": 0, "description": "等待写入的记录数"},
                "written": {"type": "integer", "minimum": 0},
                "dropped": {"type": "integer", "minimum": 0,
                            "description": "因队列已满或数据库不可用而丢弃的记录数"},
                "reachable": {"type": ["boolean", "null"],
                              "description": "上次写入时数据库是否可用；还没写过时为 null"},
                "error": {"type": ["string", "null"]},
            },
        },
    }


def _post(operation_id: str, summary: str, body: str) -> dict:
    return {
        "operationId": operation_id,
        "summary": summary,
        "description": f"可跨域调用，不带 cookie 或凭据；也接受 text/plain 的 JSON（navigator.sendBeacon）。"
                       f"请求体最多 {MAX_BODY} 字节；每个客户端地址每分钟有次数限制。",
        "requestBody": {"required": True, "content": {JSON: {"schema": {"$ref": REF + body}}}},
        "responses": {
            "200": {"description": "已收到", "content": {JSON: {"schema": {"$ref": REF + "FeedbackResponse"}}}},
            "400": _error("内容有误；error.fields 指出哪一项"),
            "413": _error("请求内容超过 4 KB"),
            "429": _error("提交太频繁；Retry-After 给出等待秒数"),
        },
    }


def paths() -> dict:
    """Return the paths of the feedback endpoints."""
    return {
        "/api/feedback": {"post": _post("feedback", "“这个回答有帮助吗？”投票和可选的说明", "Vote")},
        "/api/feedback/click": {"post": _post("feedbackClick", "记录没有答案的搜索之后点开的文章", "Click")},
    }


CHANNEL_PARAMETER = {
    "name": "channel", "in": "query", "required": False,
    "description": "调用方：帮助挂件传 widget，其他调用方不传（api）。用于编辑后台的统计",
    "schema": {"enum": ["api", "widget"], "default": "api"},
}
