"""JSON Schema of each calculator's request body and result, mapped from the registry's descriptions.

Part of the OpenAPI document (webapp/openapi.py): every constraint a field
publishes is mapped generically, so a new calculator, input or constraint
shows up without editing this file.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Mapping

from kb import calculators

# JSON Schema for each calculator field type, before its constraints are applied.
# Money is accepted as a JSON number or as decimal text ("19.90"); a type missing
# here is documented without a type rather than failing the whole document.
FIELD_TYPE_SCHEMAS: dict[str, dict] = {
    "integer": {"type": "integer"},
    "money": {"type": ["number", "string"]},
    "datetime": {"type": "string"},
    "boolean": {"type": "boolean"},
    "choice": {"type": "string"},
}
# Used when a field's constraints give no machine-readable pattern or format.
FALLBACK_FORMATS = {"datetime": "date-time"}

# Formats JSON Schema 2020-12 defines; another `format` constraint is prose for people.
JSON_SCHEMA_FORMATS = frozenset({
    "date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname",
    "ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uuid", "uri-template",
    "json-pointer", "relative-json-pointer", "regex",
})

# Calculator constraint names (either spelling) -> JSON Schema keyword.
CONSTRAINT_KEYWORDS = {
    "min": "minimum", "minimum": "minimum",
    "max": "maximum", "maximum": "maximum",
    "exclusive_min": "exclusiveMinimum", "exclusiveMinimum": "exclusiveMinimum",
    "exclusive_max": "exclusiveMaximum", "exclusiveMaximum": "exclusiveMaximum",
    "min_length": "minLength", "minLength": "minLength",
    "max_length": "maxLength", "maxLength": "maxLength",
    "pattern": "pattern",
    "multiple_of": "multipleOf", "multipleOf": "multipleOf",
    "enum": "enum", "options": "enum",
    "examples": "examples",
}
# Keywords that describe an input rather than constrain its value.
ANNOTATIONS = {"title", "description", "default", "examples"}
NUMERIC_KEYWORDS = {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}

# Result fields DESIGN.md's contract requires beyond each calculator's listed
# outputs (which are always present), with the types the contract states. The
# registry does not carry result types; a calculator missing here still gets
# its outputs documented.
CONTRACT_RESULT_FIELDS: dict[str, dict[str, dict]] = {
    "deduction": {
        "points": {"type": "integer", "minimum": 0},
        "rule": {},
        "pickup_rate": {"type": ["number", "null"], "minimum": 0, "maximum": 1,
                        "description": "48小时揽件及时率（0..1）；本周没有订单时为 null"},
    },
    "deposit-refund": {
        "outcome": {},
        "refund": {"type": ["string", "null"], "pattern": r"^\d+\.\d{2}$",
                   "description": "应返还的定金（元，两位小数）；不退定金时为 null"},
    },
    "delay-card": {
        "state": {"type": "string", "enum": ["pending", "approved", "rejected", "cancelled"]},
        "expires_at": {},
        "can_resend": {"type": "boolean"},
    },
}


# -- calculators -----------------------------------------------------------------------


def _number(value: Any) -> Any:
    """Return a constraint bound as a JSON number; the registry may give it as decimal text."""
    if isinstance(value, bool) or not isinstance(value, (str, Decimal)):
        return value
    number = Decimal(value)
    return int(number) if number == number.to_integral_value() else float(number)


def input_schema(field: Mapping[str, Any]) -> dict:
    """Map one described calculator input (`Field.describe()`) to JSON Schema."""
    field_type = field.get("type")
    schema: dict[str, Any] = dict(FIELD_TYPE_SCHEMAS.get(field_type, {}))
    schema["title"] = field.get("label") or field["name"]
    notes = [field["help"]] if field.get("help") else []
    # The constraints' own wording of the accepted values is the fuller one.
    accepts = (field.get("constraints") or {}).get("description") or field.get("accepts")
    if accepts:
        notes.append(accepts)
    extensions: dict[str, Any] = {}
    constraints = dict(field.get("constraints") or {})
    for key, value in constraints.items():
        keyword = CONSTRAINT_KEYWORDS.get(key)
        if keyword in NUMERIC_KEYWORDS:
            schema[keyword] = _number(value)
        elif keyword is not None:
            schema[keyword] = value
        elif key == "format" and value in JSON_SCHEMA_FORMATS:
            schema["format"] = value
        elif key == "description":
            continue  # in the notes above
        elif key == "example":
            schema.setdefault("examples", [value])
        elif key == "integer" and value is True:
            schema["type"] = "integer"
        elif key == "max_decimals" and isinstance(value, int) and not isinstance(value, bool):
            schema["multipleOf"] = _number(Decimal(1).scaleb(-value))
            extensions["x-max-decimals"] = value
        elif key == "required":
            continue  # the field's own `required` decides
        else:
            # Constraints JSON Schema cannot state (a year range, a unit, the
            # format in words) are kept as extensions.
            extensions["x-" + key.replace("_", "-")] = value
    if "pattern" not in schema and "format" not in schema and field_type in FALLBACK_FORMATS:
        schema["format"] = FALLBACK_FORMATS[field_type]
    choices = [c["value"] for c in field.get("choices") or []]
    if choices and "enum" not in schema:
        schema["enum"] = choices
    if field.get("default") is not None:
        schema["default"] = field["default"]
    if notes:
        schema["description"] = "\n".join(notes)
    schema.update(extensions)
    if not field.get("required", True):
        # Leaving an optional input out, null and "" all mean "not given".
        value_schema = {key: schema.pop(key) for key in list(schema)
                        if key not in ANNOTATIONS}
        schema["anyOf"] = [value_schema, {"enum": [None, ""], "description": "不填"}]
        if field.get("empty_label"):
            schema["description"] = "\n".join([*notes, f"不填表示：{field['empty_label']}"])
    return schema


def _example(schema: Mapping[str, Any]) -> Any:
    """Return an example value of an input schema, or None when it offers none."""
    for key in ("examples", "enum"):
        if schema.get(key):
            return schema[key][0]
    return schema.get("default")


def inputs_schema(described: Mapping[str, Any]) -> dict:
    """Return the request body schema of one described calculator."""
    inputs = described["inputs"]
    properties = {field["name"]: input_schema(field) for field in inputs}
    required = [field["name"] for field in inputs if field.get("required", True)]
    schema = {
        "type": "object",
        "title": f"{described['title']}的输入",
        "description": "\n".join([*described.get("notes", ()), "未知的输入项会被拒绝（400）。"]),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    # A body of the required inputs' own examples, when each has one.
    example = {name: _example(properties[name]) for name in required}
    if None not in example.values():
        schema["examples"] = [example]
    return schema


def output_schema(output: calculators.Output) -> dict:
    """Map one registry output to JSON Schema; any output may be null (not applicable)."""
    schema: dict[str, Any] = {"title": output.label}
    if output.values:
        values = list(output.values)
        schema["enum"] = values if None in values else [*values, None]
        schema["description"] = ";".join(f"{json.dumps(value, ensure_ascii=False)}:{label}"
                                         for value, label in output.values.items())
    elif output.kind == "time":
        schema.update(type=["string", "null"], format="date-time")
    return schema


def result_schema(calc: calculators.Calculator) -> dict:
    """Return the schema of one calculator's `result`: its outputs plus the contract fields."""
    properties = {output.name: output_schema(output) for output in calc.outputs}
    for name, schema in CONTRACT_RESULT_FIELDS.get(calc.id, {}).items():
        properties[name] = {**properties.get(name, {}), **schema}
    return {
        "type": "object",
        "title": f"{calc.title}的结果",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": True,
    }


def computed_schema(result_ref: dict) -> dict:
    return {
        "type": "object",
        "required": ["ok", "calculator", "result", "explanation", "articles"],
        "properties": {
            "ok": {"const": True},
            "calculator": {"type": "string"},
            "result": result_ref,
            "explanation": {"type": "array", "items": {"type": "string"},
                            "description": "中文的计算步骤和依据"},
            "articles": {"type": "array", "items": {"type": "string"},
                         "description": "相关文章的编号"},
        },
    }
