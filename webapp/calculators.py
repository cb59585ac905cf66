"""Rule calculators on the web: the JSON API and the server-rendered forms, both from the registry."""

from __future__ import annotations

import json
import re
from decimal import Decimal

from flask import Blueprint, abort, jsonify, render_template, request

from kb import calculators
from kb.calculators import Calculator, CalculatorInputError, UnknownCalculator
from webapp import links
from webapp.errors import ApiError
from webapp.guards import read_body
from webapp.library import get_engine

# How form_text shows a time it could read; anything else is the merchant's own text.
_SHOWN_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")

bp = Blueprint("calculators", __name__)


def _calculator(calculator_id: str) -> Calculator:
    try:
        return calculators.get(calculator_id)
    except UnknownCalculator:
        raise ApiError(404, "calculator_not_found", f"没有找到编号为「{calculator_id}」的计算器") from None


def _input_error(calc: Calculator, err: CalculatorInputError) -> ApiError:
    labels = {f.name: f.label for f in calc.fields}
    parts = [f"{labels.get(name, name)}:{message}" for name, message in err.fields.items()]
    return ApiError(400, err.code, "输入有误，" + "；".join(parts), err.fields)


def _json_body() -> dict:
    """Return the request's JSON object; money stays exact because numbers become Decimal."""
    if not request.is_json:
        raise ApiError(400, "unsupported_content_type", "请以 JSON 格式提交（Content-Type: application/json）")
    raw = read_body()
    try:
        # NaN/Infinity literals become Decimal so the field check names them, not the parser.
        body = json.loads(raw.decode("utf-8"), parse_float=Decimal, parse_int=Decimal,
                          parse_constant=Decimal)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ApiError(400, "malformed_json", "请求内容不是有效的 JSON") from None
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_body", "请求内容应为 JSON 对象，例如 {\"orders\": 60}")
    return body


@bp.get("/api/calculators")
def api_list():
    return jsonify({"ok": True, "calculators": [links.calculator(c) for c in calculators.describe()]})


@bp.get("/api/calculators/<calculator_id>")
def api_describe(calculator_id: str):
    return jsonify({"ok": True, "calculator": links.calculator(_calculator(calculator_id).describe())})


@bp.post("/api/calculators/<calculator_id>")
def api_compute(calculator_id: str):
    calc = _calculator(calculator_id)
    body = _json_body()
    try:
        out = calculators.run(calc.id, body)
    except CalculatorInputError as err:
        raise _input_error(calc, err) from None
    return jsonify({"ok": True, "calculator": calc.id, **out})


def _article_links(article_ids) -> list[dict]:
    engine = get_engine()
    found = []
    for article_id in article_ids:
        article = engine.article(article_id)
        title = article["question"] if article else article_id
        found.append({"id": article_id, "title": title, "url": links.article_url(article_id)})
    return found


def _form_fields(calc: Calculator, args, errors: dict) -> list[dict]:
    """Return what the generic form template needs for each input."""
    fields = []
    for field in calc.fields:
        raw = args.get(field.name, "")
        value = calculators.form_text(field, raw)
        choices = [(c.value, c.label) for c in field.choices]
        if field.type == "boolean":
            choices = [("yes", "是"), ("no", "否")]
        fields.append({
            "name": field.name,
            "type": field.type,
            "label": field.label,
            "help": field.help,
            "required": field.required,
            "placeholder": field.placeholder,
            "empty_label": field.empty_label or ("请选择" if field.required else "不填"),
            "choices": choices,
            "value": value,
            "error": errors.get(field.name),
            # A datetime-local input drops text it cannot read, so the error repeats it once.
            "unreadable": value if field.type == "datetime" and value and not _SHOWN_TIME.fullmatch(value) else "",
        })
    return fields


@bp.get("/calculators/")
def index():
    items = [dict(links.calculator(c.describe()), article_links=_article_links(c.articles))
             for c in calculators.REGISTRY.values()]
    return render_template("calculators/index.html", calculators=items)


@bp.get("/calculators/<calculator_id>")
def form(calculator_id: str):
    try:
        calc = calculators.get(calculator_id)
    except UnknownCalculator:
        abort(404)
    submitted = any(field.name in request.args for field in calc.fields)
    out, errors, status = None, {}, 200
    if submitted:
        values = {name: request.args.get(name) for name in request.args}
        try:
            out = calculators.run(calc.id, values, text=True, allow_unknown=True)
        except CalculatorInputError as err:
            errors, status = err.fields, 400
    rows = calculators.display(calc.id, out["result"]) if out else []
    return render_template(
        "calculators/form.html",
        calc=calc,
        fields=_form_fields(calc, request.args, errors),
        errors=errors,
        out=out,
        rows=rows,
        article_links=_article_links(calc.articles),
    ), status
