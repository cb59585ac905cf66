"""Requests a hostile or broken client sends: bounded bodies, undecodable input, odd paths, headers."""

from __future__ import annotations

import io

import pytest
from werkzeug.test import create_environ, run_wsgi_app

from webapp.guards import MAX_BODY, undecodable_parameters


class EndlessBody(io.RawIOBase):
    """A request body that never ends; counts what the server read of it."""

    def __init__(self, cap: int = 100 * 1024 * 1024):
        self.read_bytes = 0
        self.cap = cap

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.read_bytes >= self.cap:
            return 0
        self.read_bytes += len(buffer)
        buffer[:] = b"1" * len(buffer)
        return len(buffer)


def test_a_chunked_body_is_cut_off_at_the_limit_not_read_whole(app):
    body = EndlessBody()
    environ = create_environ("/api/calculators/deduction", method="POST", content_type="application/json")
    environ.pop("CONTENT_LENGTH", None)  # chunked: the length is unknown until the end
    environ.update({"wsgi.input": body, "wsgi.input_terminated": True})
    chunks, status, _ = run_wsgi_app(app.wsgi_app, environ)
    assert status.startswith("413")
    assert b'"payload_too_large"' in b"".join(chunks)
    assert body.read_bytes <= 2 * MAX_BODY


def test_a_body_just_under_the_limit_is_still_read(client):
    # Padded with whitespace, so only a body read to its end parses and is answered.
    body = '{"orders": 60, "picked_up_within_48h": 57,' + " " * (MAX_BODY - 200) + '"delayed_orders": 3}'
    assert MAX_BODY - 200 < len(body) < MAX_BODY
    response = client.post("/api/calculators/deduction", data=body, content_type="application/json")
    assert response.status_code == 200 and response.get_json()["ok"] is True


@pytest.mark.parametrize("path", ["/api/search", "/api/suggest"])
@pytest.mark.parametrize("query_string", ["q=\xff\xfe", "q=%ff%fe", "%ff=1&q=%E9%A2%84"])
def test_undecodable_parameters_are_a_400_in_the_error_shape(client, path, query_string):
    response = client.get(path, environ_overrides={"QUERY_STRING": query_string})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid_encoding" and "UTF-8" in error["message"] and error["fields"]


@pytest.mark.parametrize("path", ["/search", "/calculators/deduction"])
def test_undecodable_parameters_on_a_page_are_a_400_page(client, path):
    response = client.get(path, environ_overrides={"QUERY_STRING": "q=\xff\xfe"})
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert "UTF-8" in response.get_data(as_text=True)


def test_the_field_named_is_the_undecodable_one():
    assert undecodable_parameters(b"q=%E9%A2%84&limit=%ff") == ["limit"]
    assert undecodable_parameters(b"q=%E9%A2%84%E5%94%AE&limit=3") == []


def test_a_question_that_grows_past_the_limit_when_normalised_is_refused(client):
    # U+FDFA is one character that NFKC turns into 18.
    response = client.get("/api/search", query_string={"q": "\ufdfa" * 12})
    assert response.status_code == 400 and response.get_json()["error"]["fields"]["q"]
    assert client.get("/api/suggest", query_string={"q": "\ufdfa" * 12}).status_code == 400


def test_a_doubled_slash_in_the_api_is_a_json_404_not_a_redirect(client):
    response = client.get("/api//health")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_a_slash_redirect_does_not_take_its_host_from_the_request(client):
    response = client.get("/calculators?x=1", headers={"Host": "evil.example"})
    assert response.status_code == 308
    assert response.headers["Location"] == "/calculators/?x=1"


def test_options_on_the_api_says_no_content_and_what_is_allowed(client):
    response = client.options("/api/health")
    assert response.status_code == 204 and "GET" in response.headers["Allow"]


def test_one_calculator_s_description_is_readable_cross_origin(client):
    response = client.get("/api/calculators/deduction", headers={"Origin": "https://shop.example"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", ["/", "/api/health", "/calculators/deduction"])
def test_every_response_denies_device_apis(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = response.headers["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy
