"""The JSON API: contract shapes and one error shape everywhere."""

from __future__ import annotations

import pytest

from webapp.errors import HTTP_MESSAGES


def get_json(client, url: str, status: int = 200, **kwargs) -> dict:
    """GET an API endpoint, check its status first, and return its JSON body."""
    response = client.get(url, **kwargs)
    assert response.status_code == status, (url, response.status_code)
    assert response.mimetype == "application/json"
    return response.get_json()


def test_search_returns_the_contract_shape_with_an_answer(client):
    body = get_json(client, "/api/search", query_string={"q": "发货预警怎么消除", "limit": 3})
    assert body["ok"] is True and body["query"] == "发货预警怎么消除"
    assert set(body["answer"]) >= {"id", "question", "summary", "html", "url", "confidence", "calculators"}
    assert body["answer"]["id"] == "shipping-warning"
    assert 1 <= len(body["results"]) <= 3
    for result in body["results"]:
        assert set(result) >= {"id", "question", "snippet", "url", "score", "calculators"}
        assert all(set(c) == {"id", "title", "url"} for c in result["calculators"])
    assert isinstance(body["suggestions"], list)


def test_search_outside_the_knowledge_base_answers_null(client):
    body = get_json(client, "/api/search?q=京东plus会员怎么开")
    # Nothing the knowledge base holds is related: no answer, and no unrelated articles offered.
    assert body["ok"] is True and body["answer"] is None and body["suggestions"] == []
    assert body["also"] == {"kind": "none", "items": []}


@pytest.mark.parametrize("query_string, field", [
    ({"q": ""}, "q"),
    ({"q": "   "}, "q"),
    ({}, "q"),
    ({"q": "发" * 201}, "q"),
    ({"q": "发货", "limit": "abc"}, "limit"),
    ({"q": "发货", "limit": "0"}, "limit"),
    ({"q": "发货", "limit": "-1"}, "limit"),
    ({"q": "发货", "limit": "51"}, "limit"),
    ({"q": "发货", "limit": "1.5"}, "limit"),
    ({"q": "发货", "limit": "９"}, "limit"),
])
def test_bad_search_input_is_a_400_naming_the_field(client, query_string, field):
    body = get_json(client, "/api/search", 400, query_string=query_string)
    error = body["error"]
    assert body["ok"] is False
    assert field in error["fields"] and error["message"]


def test_a_query_of_exactly_200_characters_is_accepted(client):
    assert client.get("/api/search", query_string={"q": "发" * 200}).status_code == 200


@pytest.mark.parametrize("q", ['AND OR NOT " ( ) * ? : ^ ~ [ ] { }', "🙂📦 发货", "\x01\x02", "abc 发货 ｱｲｳ 𠀀"])
def test_odd_queries_never_fail(client, q):
    response = client.get("/api/search", query_string={"q": q})
    assert response.status_code == 200 and response.get_json()["ok"] is True


def test_articles_lists_every_article_with_html(client):
    body = get_json(client, "/api/articles")
    assert body["ok"] is True and len(body["articles"]) >= 12
    assert all(a["html"] and a["url"] == f"/articles/{a['id']}" for a in body["articles"])


def test_one_article_has_metadata_and_html(client):
    body = get_json(client, "/api/articles/emergency-delay-report")
    article = body["article"]
    assert article["id"] == "emergency-delay-report" and "紧急报备" in article["html"]
    assert article["category"] and article["updated"] and isinstance(article["related"], list)


def test_health_reports_the_index(client):
    body = get_json(client, "/api/health")
    assert body["ok"] is True and body["articles"] >= 12 and body["index"].startswith("gen-")


def test_suggest_returns_completions(client):
    body = get_json(client, "/api/suggest", query_string={"q": "延迟"})
    assert body["ok"] is True and body["suggestions"]


@pytest.mark.parametrize("method, url, status", [
    ("get", "/api/articles/no-such-article", 404),
    ("get", "/api/articles/..%2F..%2Fetc%2Fpasswd", 404),
    ("get", "/api/nothing-here", 404),
    ("post", "/api/search?q=发货", 405),
    ("get", "/api/search?q=", 400),
])
def test_every_api_error_has_the_same_chinese_shape(client, method, url, status):
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["ok"] is False
    assert set(body["error"]) >= {"code", "message"}
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["error"]["message"])


def test_under_test_an_error_in_the_api_is_raised_not_hidden_in_a_500(app, client, add_failing_route):
    add_failing_route(app, "/api/fail")
    with pytest.raises(RuntimeError, match="secret detail"):
        client.get("/api/fail")


def test_served_an_error_in_the_api_is_a_logged_json_500_without_details(production_app, caplog, add_failing_route):
    add_failing_route(production_app, "/api/fail")
    response = production_app.test_client().get("/api/fail")
    assert response.status_code == 500
    assert response.mimetype == "application/json"
    assert response.get_json() == {
        "ok": False,
        "error": {"code": "internal_error", "message": HTTP_MESSAGES[500]},
    }
    text = response.get_data(as_text=True)
    assert "secret detail" not in text and "Traceback" not in text
    logged = [r for r in caplog.records if r.exc_info and "/api/fail" in r.getMessage()]
    assert logged and "secret detail" in str(logged[0].exc_info[1])
