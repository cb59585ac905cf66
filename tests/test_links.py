"""Web addresses come from the app's routes, so the site works mounted under a path prefix."""

from __future__ import annotations

import re

import pytest

PREFIX = "http://localhost/help/"  # the test client sets SCRIPT_NAME to /help


def hrefs(html: str) -> list[str]:
    return re.findall(r'(?:href|src|action|data-suggest-url)="([^"]+)"', html)


def test_search_answers_link_articles_and_calculators_under_the_prefix(client):
    body = client.get("/api/search", query_string={"q": "延迟发货扣几分"}, base_url=PREFIX).get_json()
    answer = body["answer"]
    assert answer["url"] == f"/help/articles/{answer['id']}"
    assert answer["calculators"] and all(c["url"].startswith("/help/calculators/") for c in answer["calculators"])
    assert all(r["url"].startswith("/help/articles/") for r in body["results"])


def test_without_a_prefix_the_addresses_are_the_plain_routes(client):
    body = client.get("/api/search", query_string={"q": "延迟发货扣几分"}).get_json()
    assert body["answer"]["url"] == f"/articles/{body['answer']['id']}"


@pytest.mark.parametrize("path", ["/", "/search?q=预售没货怎么办", "/articles/delay-card", "/calculators/",
                                  "/calculators/deduction?orders=60&picked_up_within_48h=57&delayed_orders=3",
                                  "/categories/预售"])
def test_every_link_of_a_page_stays_under_the_prefix(client, path):
    response = client.get(path, base_url=PREFIX)
    assert response.status_code == 200
    local = [h for h in hrefs(response.get_data(as_text=True)) if h.startswith("/")]
    assert local and all(h.startswith("/help/") for h in local), [h for h in local if not h.startswith("/help/")]


def test_api_lists_carry_prefixed_addresses(client):
    articles = client.get("/api/articles", base_url=PREFIX).get_json()["articles"]
    assert all(a["url"] == f"/help/articles/{a['id']}" for a in articles)
    calcs = client.get("/api/calculators", base_url=PREFIX).get_json()["calculators"]
    assert all(c["url"] == f"/help/calculators/{c['id']}" for c in calcs)
    suggestions = client.get("/api/suggest", query_string={"q": "预售"}, base_url=PREFIX).get_json()["suggestions"]
    assert suggestions and all(s["url"].startswith("/help/articles/") for s in suggestions)


def test_a_repeated_question_gets_the_addresses_of_its_own_mount(client):
    """The answer cache is shared by both mounts: adding one mount's URLs must not leak into the other's."""
    question = {"q": "延迟发货扣几分"}
    under_prefix = client.get("/api/search", query_string=question, base_url=PREFIX).get_json()
    plain = client.get("/api/search", query_string=question).get_json()
    assert under_prefix["answer"]["url"].startswith("/help/")
    assert plain["answer"]["url"] == f"/articles/{plain['answer']['id']}"
    assert all(not r["url"].startswith("/help/") for r in plain["results"] + plain["also"]["items"])
    assert all(not c["url"].startswith("/help/") for c in plain["answer"]["calculators"])


def test_the_engine_response_is_left_as_the_cache_holds_it(app):
    from webapp import links
    from webapp.library import get_engine
    with app.test_request_context("/api/search", base_url=PREFIX):
        engine = get_engine()
        links.search_response(engine.search("延迟发货扣几分"))
        again = engine.search("延迟发货扣几分")
    assert "url" not in again["answer"] and all("url" not in r for r in again["results"])
    assert all("url" not in c for c in again["answer"]["calculators"])
