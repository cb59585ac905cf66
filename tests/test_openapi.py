"""The OpenAPI document at /api/openapi.json, and schemathesis driving the API from it."""

from __future__ import annotations

import copy
import json
import re

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                               status_code_conformance)

from kb import calculators
from kb import settings as kb_settings
from webapp import create_app
from webapp.openapi import build_document

CJK = re.compile(r"[\u4e00-\u9fff]")
# Flask's placeholders <name> and <conv:name> written as OpenAPI's {name}.
FLASK_PARAM = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
# Methods Flask answers on its own for every route; the document leaves them out.
IMPLICIT_METHODS = {"HEAD", "OPTIONS"}
EXAMPLES_PER_OPERATION = 30


@pytest.fixture(scope="module")
def api_app(index_dir):
    """One app for the whole module, over the real articles (as conftest's `app`)."""
    return create_app({
        "TESTING": True,
        "ARTICLES_DIR": kb_settings.DEFAULTS["ARTICLES_DIR"],
        "INDEX_DIR": str(index_dir),
    })


@pytest.fixture(scope="module")
def document(api_app):
    response = api_app.test_client().get("/api/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()


@pytest.fixture(scope="module")
def api_schema(api_app):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", api_app)
    schema.config.generation.update(max_examples=EXAMPLES_PER_OPERATION)
    return schema


# -- the document itself -------------------------------------------------------------------


def test_document_is_openapi_3_1(document, api_schema):
    assert document["openapi"].startswith("3.1.")
    assert document["info"]["title"] and document["info"]["version"]
    # schemathesis loads it and finds an operation for every documented method.
    operations = {(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()}
    documented = {(method.upper(), path) for path, item in document["paths"].items()
                  for method in item if method != "parameters"}
    assert documented - {("GET", "/api/openapi.json")} <= operations


def test_document_validates_against_the_openapi_3_1_schema(document):
    from openapi_spec_validator import OpenAPIV31SpecValidator

    errors = [error.message for error in OpenAPIV31SpecValidator(document).iter_errors()]
    assert errors == []


def test_every_api_route_is_documented(api_app, document):
    routes = set()
    for rule in api_app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = FLASK_PARAM.sub(r"{\1}", rule.rule)
            routes |= {(method, path) for method in rule.methods - IMPLICIT_METHODS}
    documented = {(method.upper(), path) for path, item in document["paths"].items()
                  for method in item if method != "parameters"}
    assert routes, "no /api/ routes found"
    assert routes <= documented, f"undocumented: {sorted(routes - documented)}"
    # And nothing documented that Flask does not serve (concrete calculator paths
    # are served by the /api/calculators/{calculator_id} rule).
    for method, path in documented - routes:
        calc_id = path.removeprefix("/api/calculators/")
        assert calc_id in calculators.ids(), (method, path)


def _parameter(document, path, name):
    operation = document["paths"][path]["get"]
    return next(p for p in operation["parameters"] if p["name"] == name)


def test_search_limits_come_from_the_app_config(api_app, document):
    q = _parameter(document, "/api/search", "q")
    assert q["required"] is True
    assert q["schema"]["minLength"] == 1
    assert q["schema"]["maxLength"] == api_app.config["MAX_QUERY_LENGTH"]
    limit = _parameter(document, "/api/search", "limit")["schema"]
    assert limit["minimum"] == 1
    assert limit["maximum"] == api_app.config["MAX_LIMIT"]
    assert limit["default"] == api_app.config["DEFAULT_LIMIT"]
    suggest_q = _parameter(document, "/api/suggest", "q")["schema"]
    assert suggest_q["maxLength"] == api_app.config["MAX_QUERY_LENGTH"]


def test_changed_settings_change_the_document(index_dir):
    app = create_app({"TESTING": True, "ARTICLES_DIR": kb_settings.DEFAULTS["ARTICLES_DIR"],
                      "INDEX_DIR": str(index_dir), "MAX_QUERY_LENGTH": 37, "MAX_LIMIT": 7,
                      "DEFAULT_LIMIT": 3})
    document = app.test_client().get("/api/openapi.json").get_json()
    assert _parameter(document, "/api/search", "q")["schema"]["maxLength"] == 37
    limit = _parameter(document, "/api/search", "limit")["schema"]
    assert (limit["maximum"], limit["default"]) == (7, 3)


def test_every_calculator_has_its_own_body_and_result(document):
    schemas = document["components"]["schemas"]
    for described in calculators.describe():
        body = schemas[f"Inputs.{described['id']}"]
        names = [field["name"] for field in described["inputs"]]
        assert list(body["properties"]) == names
        assert body["required"] == [f["name"] for f in described["inputs"] if f["required"]]
        assert body["additionalProperties"] is False
        result = schemas[f"Result.{described['id']}"]
        assert {o["name"] for o in described["outputs"]} <= set(result["required"])
        post = document["paths"][f"/api/calculators/{described['id']}"]["post"]
        assert post["requestBody"]["content"]["application/json"]["schema"] == {
            "$ref": f"#/components/schemas/Inputs.{described['id']}"}


def test_design_contract_result_fields_are_required(document):
    schemas = document["components"]["schemas"]
    contract = {  # DESIGN.md, "Calculators and their required result fields"
        "deduction": {"points", "rule", "pickup_rate"},
        "deposit-refund": {"outcome", "refund"},
        "delay-card": {"state", "expires_at", "can_resend"},
    }
    for calc_id, fields in contract.items():
        assert fields <= set(schemas[f"Result.{calc_id}"]["required"])


def test_calculator_constraints_map_to_json_schema(document):
    deposit = document["components"]["schemas"]["Inputs.deposit-refund"]["properties"]["deposit"]
    assert deposit["minimum"] == 0.01 and deposit["maximum"] == 100_000_000
    assert deposit["title"] == "已支付的定金（元）"
    stage = document["components"]["schemas"]["Inputs.deposit-refund"]["properties"]["stage"]
    assert stage["enum"] == ["before_final_payment", "after_final_payment"]
    orders = document["components"]["schemas"]["Inputs.deduction"]["properties"]["orders"]
    assert orders["type"] == "integer" and orders["minimum"] == 0


def test_constraint_keys_are_mapped_generically():
    from webapp.openapi_calculators import input_schema

    schema = input_schema({
        "name": "when", "type": "datetime", "label": "时间", "required": False,
        "constraints": {"pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", "max_length": 32,
                        "min_length": 16, "format": "ISO 8601", "min_year": 2000},
    })
    value, blank = schema["anyOf"]  # an optional input may also be left out, null or ""
    assert blank["enum"] == [None, ""]
    assert value["type"] == "string"
    assert value["pattern"] == r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"
    assert (value["minLength"], value["maxLength"]) == (16, 32)
    assert "format" not in value  # prose, and the pattern is the machine-readable rule
    assert value["x-min-year"] == 2000
    assert input_schema({"name": "t", "type": "datetime", "label": "t",
                         "constraints": {"format": "date-time"}})["format"] == "date-time"
    assert input_schema({"name": "n", "type": "choice", "label": "n", "required": True,
                         "constraints": {"options": ["a", "b"]}})["enum"] == ["a", "b"]
    assert input_schema({"name": "m", "type": "money", "label": "m",
                         "constraints": {"min": "0.01", "max_decimals": 2}})["multipleOf"] == 0.01


def test_error_shape_is_documented_for_every_4xx(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            for status, response in operation["responses"].items():
                if status.startswith("4"):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Error"}, (method, path, status)


# -- requests the generator rarely makes ---------------------------------------------------


def assert_error_shape(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert body["ok"] is False and set(body["error"]) <= {"code", "message", "fields"}
    assert CJK.search(body["error"]["message"])


@pytest.mark.parametrize("number", [
    "1e999999",
    "1e1000000",
    "-1e1000000",
    "1e-1000001",
])
def test_an_out_of_range_integer_input_is_a_400(api_app, number):
    body = f'{{"orders": {number}, "picked_up_within_48h": 0, "delayed_orders": 0}}'
    response = api_app.test_client().post("/api/calculators/deduction", data=body,
                                          content_type="application/json")
    assert_error_shape(response, 400)


def test_a_body_over_the_limit_is_the_documented_413(api_app, document):
    assert "413" in document["paths"]["/api/calculators/deduction"]["post"]["responses"]
    response = api_app.test_client().post("/api/calculators/deduction", data=b" " * 20_000,
                                          content_type="application/json")
    assert_error_shape(response, 413)


def test_a_405_names_the_allowed_methods(api_app):
    response = api_app.test_client().delete("/api/search?q=x")
    assert_error_shape(response, 405)
    assert "GET" in response.headers.get("Allow", "")


# -- schemathesis against the app ----------------------------------------------------------


def error_shape(ctx, response, case):
    """Every non-2xx response under /api/ is the JSON error shape with a Chinese message."""
    if 200 <= response.status_code < 300:
        return None
    body = response.json()
    assert isinstance(body, dict) and body.get("ok") is False, body
    error = body.get("error")
    assert isinstance(error, dict) and set(error) <= {"code", "message", "fields"}, body
    assert isinstance(error.get("code"), str) and error["code"], body
    assert isinstance(error.get("message"), str) and CJK.search(error["message"]), body
    if "fields" in error:
        assert isinstance(error["fields"], dict), body
    return None


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, error_shape]

# Built at import so that pytest makes one test per operation. The lazy loader
# (schemathesis.pytest.from_fixture) fails under pytest 9.2, whose nodes no longer
# have `_nodeid`; test_the_app_serves_this_document ties this copy to the served one.
DOCUMENT = build_document(kb_settings.from_env())
schema = schemathesis.openapi.from_dict(copy.deepcopy(DOCUMENT))
schema.config.generation.update(max_examples=EXAMPLES_PER_OPERATION)


def test_the_app_serves_this_document(document):
    served = copy.deepcopy(document)
    # The served copy also offers a few live article ids as examples.
    served["paths"]["/api/articles/{article_id}"]["get"]["parameters"][0]["schema"].pop("examples")
    expected = copy.deepcopy(DOCUMENT)
    expected["paths"]["/api/articles/{article_id}"]["get"]["parameters"][0]["schema"].pop("examples")
    assert served == json.loads(json.dumps(expected))


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_conforms_to_the_document(case, api_app):
    case.call_and_validate(app=api_app, checks=CHECKS)
