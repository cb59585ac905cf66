"""The shared schemas of the OpenAPI document: responses, articles, results and the error shape."""

from __future__ import annotations

JSON = "application/json"
REF = "#/components/schemas/"



def ref(name: str) -> dict:
    return {"$ref": REF + name}


def ok_response(name: str, description: str) -> dict:
    return {"description": description, "content": {JSON: {"schema": ref(name)}}}


def _error(description: str) -> dict:
    return {"description": description, "content": {JSON: {"schema": ref("Error")}}}


ERRORS = {
    "400": _error("请求参数或内容有误；error.fields 指出哪一项"),
    "404": _error("没有找到"),
    "413": _error("请求内容过大"),
}


def _link(*extra: str) -> dict:
    names = ["id", *extra, "url"]
    return {"type": "object", "required": names,
            "properties": {name: {"type": "string"} for name in names}}


def _object(required: dict, optional: dict | None = None) -> dict:
    return {"type": "object", "required": list(required),
            "properties": {**required, **(optional or {})}}


def _string_list() -> dict:
    return {"type": "array", "items": {"type": "string"}}


def _calculator_links() -> dict:
    return {"type": "array", "items": ref("CalculatorLink")}


def shared_schemas() -> dict:
    """Return the component schemas that do not depend on the registry or the config."""
    article_fields = {
        "id": {"type": "string"},
        "question": {"type": "string"},
        "category": {"type": "string"},
        "tags": _string_list(),
        "summary": {"type": "string"},
        "url": {"type": "string"},
        "updated": {"type": "string", "format": "date"},
        "html": {"type": "string", "description": "渲染好的文章 HTML"},
        "calculators": _calculator_links(),
    }
    return {
        "Error": {
            "type": "object",
            "description": "/api/ 下所有错误的统一格式，message 为中文。",
            "required": ["ok", "error"],
            "properties": {
                "ok": {"const": False},
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": {"type": "string", "description": "机器可读的错误代码"},
                        "message": {"type": "string", "minLength": 1, "description": "中文说明"},
                        "fields": {"type": "object", "additionalProperties": {"type": "string"},
                                   "description": "出错的参数或输入项 → 中文说明"},
                    },
                    "additionalProperties": False,
                },
            },
        },
        "CalculatorLink": _link("title"),
        "ArticleLink": _link("question"),
        "Answer": _object({
            "id": {"type": "string"},
            "question": {"type": "string"},
            "summary": {"type": "string"},
            "html": {"type": "string"},
            "url": {"type": "string"},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
            "calculators": _calculator_links(),
        }, {
            "calculations": {"type": "array", "items": ref("Calculation"),
                             "description": "答案所链计算器按问题里的数字填好的结果；问题里没有数字时为空"},
        }),
        "Calculation": _object({
            "id": {"type": "string"},
            "title": {"type": "string"},
            "inputs": {"type": "object", "description": "从问题里读出的输入，格式同 POST /api/calculators/<id>"},
            "read": {"type": "array", "items": _object({
                "name": {"type": "string"}, "label": {"type": "string"}, "value": {},
                "text": {"type": "string"}, "note": {"type": "string"}})},
            "read_text": {"type": "string", "description": "已按：…（读出的每一项）"},
            "missing": {"type": "array", "items": _object({"name": {"type": "string"}, "label": {"type": "string"}})},
            "unclear": {"type": "array", "items": _object({"name": {"type": "string"}, "label": {"type": "string"},
                                                            "message": {"type": "string"}})},
            "complete": {"type": "boolean", "description": "必填输入都读到了，result 有值"},
            "result": {"type": ["object", "null"]},
            "explanation": _string_list(),
            "headline": {"type": ["string", "null"], "description": "按您的数字：…"},
            "note": {"type": ["string", "null"], "description": "输入不全时仍能确定的规则"},
            "now": {"type": ["string", "null"], "description": "计算所用的当前时间（北京时间）"},
            "form": {"type": "object", "additionalProperties": {"type": "string"}},
            "url": {"type": "string", "description": "已填好输入的计算器页面"},
        }),
        "SearchResult": _object({
            "id": {"type": "string"},
            "question": {"type": "string"},
            "snippet": {"type": "string", "description": "已转义的 HTML，只含 <mark> 标记"},
            "url": {"type": "string"},
            "score": {"type": "number"},
            "calculators": _calculator_links(),
        }),
        "SearchResponse": _object({
            "ok": {"const": True},
            "query": {"type": "string"},
            "answer": {"oneOf": [ref("Answer"), {"type": "null"}],
                       "description": "唯一有把握的答案；知识库里没有答案时为 null"},
            "results": {"type": "array", "items": ref("SearchResult")},
            "suggestions": {"type": "array", "items": ref("ArticleLink"),
                            "description": "没有答案时可以看看的文章"},
        }, {
            "confidence": {"type": "number", "minimum": 0, "maximum": 1,
                           "description": "最可能的文章是正确答案的概率（经校准；见 kb/model.json）"},
            "partial": {"type": "boolean", "description": "true 表示搜索超时，结果可能不完整"},
            "also": _object({
                "kind": {"enum": ["related", "did_you_mean", "none"],
                         "description": "答案之外要显示的：related 其他相关问题，did_you_mean 您是不是想问，none 不显示"},
                "items": {"type": "array", "items": ref("SearchResult")},
            }),
            "support_url": {"type": ["string", "null"],
                            "description": "没有答案时的人工客服链接（设置 KB_SUPPORT_URL）；有答案或未设置时为 null"},
            "search_id": {"type": ["string", "null"],
                          "description": "投票或点击时引用的搜索编号（POST /api/feedback）；不记录时为 null"},
        }),
        "SuggestResponse": _object({
            "ok": {"const": True},
            "query": {"type": "string"},
            "suggestions": {"type": "array", "items": {**_link("text"), "properties": {
                **_link("text")["properties"],
                "marks": {"type": "array", "description": "text 中与输入匹配、应高亮的位置，每项 [start, end) 是左闭右开区间",
                          "items": {"type": "array", "items": {"type": "integer", "minimum": 0},
                                    "minItems": 2, "maxItems": 2}},
            }}},
        }),
        "ArticleListItem": _object({**article_fields, "related": _string_list()}),
        "Article": _object({
            **article_fields,
            "aliases": _string_list(),
            "related": {"type": "array", "items": ref("ArticleLink")},
        }),
        "ArticlesResponse": _object({
            "ok": {"const": True},
            "articles": {"type": "array", "items": ref("ArticleListItem")},
        }),
        "ArticleResponse": _object({"ok": {"const": True}, "article": ref("Article")}),
        "HealthResponse": _object({
            "ok": {"const": True},
            "articles": {"type": "integer", "minimum": 0, "description": "文章数"},
            "index": {"type": "string", "description": "当前索引的版本"},
            "stale": {"type": "boolean", "description": "true 表示在用的索引落后于文章（构建失败、索引损坏或尚未重建）"},
            "problems": _string_list(),
        }, {"events": ref("EventsState")}),
        "LimitsResponse": _object({
            "ok": {"const": True},
            "limits": _object({name: {"type": "integer", "minimum": 1} for name in (
                "max_query_length", "max_limit", "default_limit", "suggest_limit", "widget_limit")}),
        }),
        "CalculatorInput": _object({
            "name": {"type": "string"},
            "type": {"type": "string"},
            "label": {"type": "string"},
            "help": {"type": "string"},
            "required": {"type": "boolean"},
            "default": {},
            "constraints": {"type": "object"},
        }, {
            "empty_label": {"type": "string"},
            "choices": {"type": "array", "items": _object({"value": {}, "label": {"type": "string"}})},
        }),
        "Calculator": _object({
            "id": {"type": "string"},
            "title": {"type": "string"},
            "description": {"type": "string"},
            "url": {"type": "string"},
            "api_url": {"type": "string"},
            "inputs": {"type": "array", "items": ref("CalculatorInput")},
            "outputs": {"type": "array",
                        "items": _object({"name": {"type": "string"}, "label": {"type": "string"}})},
            "articles": _string_list(),
        }),
        "CalculatorsResponse": _object({
            "ok": {"const": True},
            "calculators": {"type": "array", "items": ref("Calculator")},
        }),
        "CalculatorResponse": _object({"ok": {"const": True}, "calculator": ref("Calculator")}),
        "OpenAPIDocument": {"type": "object", "required": ["openapi", "info", "paths"]},
    }
