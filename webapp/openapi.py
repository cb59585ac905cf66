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
from webapp.openapi_schemas import ERRORS, JSON, ok_response, ref, shared_schemas
from webapp.library import get_engine

bp = Blueprint("openapi", __name__, url_prefix="/api")

OPENAPI_VERSION = "3.1.0"

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
            ok_response("SearchResponse", "答案、结果和建议"),
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
            ok_response("SuggestResponse", "补全建议"),
            parameters=[{"name": "q", "in": "query", "required": False, "description": "已输入的文字",
                         "schema": {"type": "string", "maxLength": max_query, "examples": ["发货"]}}],
            errors=("400",),
        )},
        "/api/articles": {"get": _get("listArticles", "全部文章及其元数据和 HTML",
                                      ok_response("ArticlesResponse", "文章列表"))},
        "/api/articles/{article_id}": {"get": _get(
            "getArticle", "一篇文章，含别名和相关文章",
            ok_response("ArticleResponse", "文章"),
            parameters=[_path_parameter("article_id", "文章编号", article_ids or ["shipping-warning"])],
            errors=("404",),
        )},
        "/api/health": {"get": _get("health", "文章数和当前索引版本",
                                    ok_response("HealthResponse", "服务正常"))},
        "/api/limits": {"get": _get("limits", "客户端（帮助挂件）要遵守的限制，来自服务器设置",
                                    ok_response("LimitsResponse", "限制"))},
        "/api/openapi.json": {"get": _get("openapi", "本 OpenAPI 文档",
                                          ok_response("OpenAPIDocument", "OpenAPI 3.1 文档"))},
        "/api/calculators": {"get": _get("listCalculators", "全部计算器及其输入项",
                                         ok_response("CalculatorsResponse", "计算器列表"))},
    }
    any_body = []
    for calc_id, calc in described.items():
        registry_calc = calculators.get(calc_id)
        schemas[f"Inputs.{calc_id}"] = inputs_schema(calc)
        schemas[f"Result.{calc_id}"] = result_schema(registry_calc)
        schemas[f"Computed.{calc_id}"] = computed_schema(ref(f"Result.{calc_id}"))
        any_body.append(ref(f"Inputs.{calc_id}"))
        # Each calculator also gets its own path so generated bodies match the id.
        paths[f"/api/calculators/{calc_id}"] = {
            "get": _get(f"getCalculator.{calc_id}", f"{calc['title']}：输入项说明",
                        ok_response("CalculatorResponse", "计算器")),
            "post": _compute(f"compute.{calc_id}", f"{calc['title']}:{calc['description']}",
                             ref(f"Inputs.{calc_id}"), ref(f"Computed.{calc_id}"),
                             ("400", "413")),
        }
    calculator_id = _path_parameter("calculator_id", "计算器编号", list(described))
    generic_ok = computed_schema({"type": "object"})
    paths["/api/calculators/{calculator_id}"] = {
        "parameters": [calculator_id],
        "get": _get("getCalculator", "一个计算器及其输入项", ok_response("CalculatorResponse", "计算器"),
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
