"""The OpenAPI 3.1 document of the JSON API, served at GET /api/openapi.json.

Built on every request from the definitions that validate requests: the search
limits come from the app config (kb/settings.py), and each calculator's request
body and result fields come from the calculator registry, so a new calculator,
a new input or a new input constraint shows up here without editing this file.
"""

from __future__ import annotations

from typing import Any, Mapping

from flask import Blueprint, current_app, jsonify

from kb import calculators
from webapp import openapi_feedback
from webapp.openapi_calculators import computed_schema, inputs_schema, result_schema
from webapp.library import get_engine

bp = Blueprint("openapi", __name__, url_prefix="/api")

OPENAPI_VERSION = "3.1.0"
JSON = "application/json"
REF = "#/components/schemas/"

# -- shared pieces -------------------------------------------------------------------------


def _ref(name: str) -> dict:
    return {"$ref": REF + name}


def _ok(name: str, description: str) -> dict:
    return {"description": description, "content": {JSON: {"schema": _ref(name)}}}


def _error(description: str) -> dict:
    return {"description": description, "content": {JSON: {"schema": _ref("Error")}}}


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
    return {"type": "array", "items": _ref("CalculatorLink")}


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
            "calculations": {"type": "array", "items": _ref("Calculation"),
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
            "answer": {"oneOf": [_ref("Answer"), {"type": "null"}],
                       "description": "唯一有把握的答案；知识库里没有答案时为 null"},
            "results": {"type": "array", "items": _ref("SearchResult")},
            "suggestions": {"type": "array", "items": _ref("ArticleLink"),
                            "description": "没有答案时可以看看的文章"},
        }, {
            "confidence": {"type": "number", "minimum": 0, "maximum": 1,
                           "description": "最可能的文章是正确答案的概率（经校准；见 kb/model.json）"},
            "partial": {"type": "boolean", "description": "true 表示搜索超时，结果可能不完整"},
            "also": _object({
                "kind": {"enum": ["related", "did_you_mean", "none"],
                         "description": "答案之外要显示的：related 其他相关问题，did_you_mean 您是不是想问，none 不显示"},
                "items": {"type": "array", "items": _ref("SearchResult")},
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
            "related": {"type": "array", "items": _ref("ArticleLink")},
        }),
        "ArticlesResponse": _object({
            "ok": {"const": True},
            "articles": {"type": "array", "items": _ref("ArticleListItem")},
        }),
        "ArticleResponse": _object({"ok": {"const": True}, "article": _ref("Article")}),
        "HealthResponse": _object({
            "ok": {"const": True},
            "articles": {"type": "integer", "minimum": 0, "description": "文章数"},
            "index": {"type": "string", "description": "当前索引的版本"},
            "stale": {"type": "boolean", "description": "true 表示在用的索引落后于文章（构建失败、索引损坏或尚未重建）"},
            "problems": _string_list(),
        }, {"events": _ref("EventsState")}),
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
            "inputs": {"type": "array", "items": _ref("CalculatorInput")},
            "outputs": {"type": "array",
                        "items": _object({"name": {"type": "string"}, "label": {"type": "string"}})},
            "articles": _string_list(),
        }),
        "CalculatorsResponse": _object({
            "ok": {"const": True},
            "calculators": {"type": "array", "items": _ref("Calculator")},
        }),
        "CalculatorResponse": _object({"ok": {"const": True}, "calculator": _ref("Calculator")}),
        "OpenAPIDocument": {"type": "object", "required": ["openapi", "info", "paths"]},
    }


# -- the document -------------------------------------------------------------------------------


def _get(operation_id: str, summary: str, ok: dict, *, parameters: list | None = None,
         errors: tuple[str, ...] = ()) -> dict:
    operation = {"operationId": operation_id, "summary": summary,
                 "responses": {"200": ok, **{status: ERRORS[status] for status in errors}}}
    if parameters:
        operation["parameters"] = parameters
    return operation


def _path_parameter(name: str, description: str, examples: list[str]) -> dict:
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": {"type": "string", "minLength": 1, "examples": examples}}


def _compute(operation_id: str, summary: str, body_schema: dict, ok_schema: dict,
             errors: tuple[str, ...]) -> dict:
    return {
        "operationId": operation_id,
        "summary": summary,
        "requestBody": {"required": True, "content": {JSON: {"schema": body_schema}}},
        "responses": {
            "200": {"description": "计算结果", "content": {JSON: {"schema": ok_schema}}},
            **{status: ERRORS[status] for status in errors},
        },
    }


def build_document(config: Mapping[str, Any], article_ids: list[str] | None = None) -> dict:
    """Return the OpenAPI 3.1 document for an app with this config.

    `article_ids` are offered as examples of an article id.
    """
    max_query = config["MAX_QUERY_LENGTH"]
    schemas = shared_schemas()
    described = {calc["id"]: calc for calc in calculators.describe()}
    paths: dict[str, dict] = {
        "/api/search": {"get": _get(
            "search", "搜索问题，返回有把握的答案和排序后的结果",
            _ok("SearchResponse", "答案、结果和建议"),
            parameters=[
                {"name": "q", "in": "query", "required": True, "description": "要搜索的问题",
                 "schema": {"type": "string", "minLength": 1, "maxLength": max_query,
                            "pattern": r"\S", "examples": ["揽件及时率不到95%怎么扣分"]}},
                {"name": "limit", "in": "query", "required": False, "description": "最多返回几条结果",
                 "schema": {"type": "integer", "minimum": 1, "maximum": config["MAX_LIMIT"],
                            "default": config["DEFAULT_LIMIT"]}},
                openapi_feedback.CHANNEL_PARAMETER,
            ],
            errors=("400",),
        )},
        "/api/suggest": {"get": _get(
            "suggest", "输入提示：匹配问题和别名",
            _ok("SuggestResponse", "补全建议"),
            parameters=[{"name": "q", "in": "query", "required": False, "description": "已输入的文字",
                         "schema": {"type": "string", "maxLength": max_query, "examples": ["发货"]}}],
            errors=("400",),
        )},
        "/api/articles": {"get": _get("listArticles", "全部文章及其元数据和 HTML",
                                      _ok("ArticlesResponse", "文章列表"))},
        "/api/articles/{article_id}": {"get": _get(
            "getArticle", "一篇文章，含别名和相关文章",
            _ok("ArticleResponse", "文章"),
            parameters=[_path_parameter("article_id", "文章编号", article_ids or ["shipping-warning"])],
            errors=("404",),
        )},
        "/api/health": {"get": _get("health", "文章数和当前索引版本",
                                    _ok("HealthResponse", "服务正常"))},
        "/api/limits": {"get": _get("limits", "客户端（帮助挂件）要遵守的限制，来自服务器设置",
                                    _ok("LimitsResponse", "限制"))},
        "/api/openapi.json": {"get": _get("openapi", "本 OpenAPI 文档",
                                          _ok("OpenAPIDocument", "OpenAPI 3.1 文档"))},
        "/api/calculators": {"get": _get("listCalculators", "全部计算器及其输入项",
                                         _ok("CalculatorsResponse", "计算器列表"))},
    }
    any_body = []
    for calc_id, calc in described.items():
        registry_calc = calculators.get(calc_id)
        schemas[f"Inputs.{calc_id}"] = inputs_schema(calc)
        schemas[f"Result.{calc_id}"] = result_schema(registry_calc)
        schemas[f"Computed.{calc_id}"] = computed_schema(_ref(f"Result.{calc_id}"))
        any_body.append(_ref(f"Inputs.{calc_id}"))
        # Each calculator also gets its own path so generated bodies match the id.
        paths[f"/api/calculators/{calc_id}"] = {
            "get": _get(f"getCalculator.{calc_id}", f"{calc['title']}：输入项说明",
                        _ok("CalculatorResponse", "计算器")),
            "post": _compute(f"compute.{calc_id}", f"{calc['title']}:{calc['description']}",
                             _ref(f"Inputs.{calc_id}"), _ref(f"Computed.{calc_id}"),
                             ("400", "413")),
        }
    calculator_id = _path_parameter("calculator_id", "计算器编号", list(described))
    generic_ok = computed_schema({"type": "object"})
    paths["/api/calculators/{calculator_id}"] = {
        "parameters": [calculator_id],
        "get": _get("getCalculator", "一个计算器及其输入项", _ok("CalculatorResponse", "计算器"),
                    errors=("404",)),
        "post": _compute("compute", "用计算器计算；请求体是该计算器的输入（JSON 对象）",
                         {"anyOf": any_body} if any_body else {"type": "object"},
                         generic_ok, ("400", "404", "413")),
    }
    schemas.update(openapi_feedback.schemas())
    paths.update(openapi_feedback.paths())
    return {
        "openapi": OPENAPI_VERSION,
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "京东商家发货规则知识库 API",
            "version": "1.0.0",
            "description": (
                "搜索发货规则、浏览文章、使用规则计算器。所有响应都是 JSON：成功时 "
                "`\"ok\": true`；出错时返回相应的 4xx 状态码和 "
                "`{\"ok\": false, \"error\": {\"code\", \"message\", \"fields\"?}}`,message 为中文。"
                "时间为 ISO 8601，不带时区按北京时间（UTC+8）；金额为最多两位小数的十进制数。"
            ),
        },
        "paths": paths,
        "components": {"schemas": schemas},
    }


# How many article ids the document offers as examples.
EXAMPLE_ARTICLES = 3


@bp.get("/openapi.json")
def document():
    ids = [article["id"] for article in get_engine().articles()[:EXAMPLE_ARTICLES]]
    return jsonify(build_document(current_app.config, ids))
