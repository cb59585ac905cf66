"""POST /api/feedback and /api/feedback/click: validated, bounded, rate-limited, callable cross-origin."""

from __future__ import annotations

import json

import pytest

from kb.events import schema
from webapp import create_app


@pytest.fixture
def events_app(recording_app):
    return recording_app()


def vote(**fields):
    return {"article_id": "delay-card", "helpful": False, "token": "vote-token-1", "channel": "widget", **fields}


def stored(app, table):
    recorder = app.extensions["kb_events"]
    assert recorder.flush()
    return recorder.store.read(table, 0)


def test_searches_from_each_channel_are_recorded_with_their_search_id(events_app):
    client = events_app.test_client()
    api = client.get("/api/search", query_string={"q": "运费险怎么开通"}).get_json()
    widget = client.get("/api/search", query_string={"q": "延迟发货卡片能发几次", "channel": "widget"}).get_json()
    assert client.get("/search", query_string={"q": "预售没货怎么办"}).status_code == 200
    rows = {row["id"]: row for row in stored(events_app, schema.searches)}
    assert rows[api["search_id"]]["channel"] == "api" and rows[widget["search_id"]]["channel"] == "widget"
    assert sorted(row["channel"] for row in rows.values()) == ["api", "page", "widget"]


def test_a_repeated_question_gets_the_same_answer_and_a_search_id_of_its_own(events_app):
    client = events_app.test_client()
    first, again = (client.get("/api/search", query_string={"q": "延迟发货卡片能发几次"}) for _ in range(2))
    assert first.mimetype == again.mimetype == "application/json"
    first, again = first.get_json(), again.get_json()
    assert first["search_id"] and again["search_id"] and first.pop("search_id") != again.pop("search_id")
    assert first == again and first["answer"]["id"] == "delay-card-send-limit"
    rows = stored(events_app, schema.searches)
    assert len(rows) == 2 and {row["answer_id"] for row in rows} == {"delay-card-send-limit"}
    # The second was answered from the kept body: its event records the same answer.
    recorded = [(row["confidence"], row["top_ids"], row["normalized"]) for row in rows]
    assert recorded[0] == recorded[1] and recorded[0][0] == first["confidence"]
    assert recorded[0][1].split(",")[0] == "delay-card-send-limit"


def test_an_answer_with_calculations_is_worked_out_for_each_asking(client, monkeypatch):
    """Times like 昨天下午3点 are read against the moment of asking: a repeated question is computed again."""
    from datetime import datetime

    from kb.calculators import clock

    question = {"q": "延迟发货卡片昨天下午3点发的,买家还没点,什么时候自动取消"}
    answers = []
    for day in (12, 13):
        monkeypatch.setattr(clock, "now", lambda day=day: datetime(2024, 11, day, 10, 0, tzinfo=clock.CHINA))
        calculation = client.get("/api/search", query_string=question).get_json()["answer"]["calculations"][0]
        assert calculation["url"].startswith("/calculators/delay-card?")
        answers.append(calculation["inputs"]["sent_at"])
    assert answers == ["2024-11-11T15:00", "2024-11-12T15:00"]


def test_an_unknown_channel_is_a_400_naming_it(client):
    body = client.get("/api/search", query_string={"q": "发货", "channel": "tv"}).get_json()
    assert body["ok"] is False and "channel" in body["error"]["fields"]


def test_a_vote_and_its_comment_count_once(events_app):
    client = events_app.test_client()
    assert client.post("/api/feedback", json=vote()).get_json() == {"ok": True, "recorded": True}
    assert client.post("/api/feedback", json=vote()).status_code == 200  # a double click
    assert client.post("/api/feedback", json=vote(comment="没说能发几次")).status_code == 200
    (row,) = stored(events_app, schema.votes)
    assert row["helpful"] is False and row["comment"] == "没说能发几次"


def test_a_beacon_sent_as_text_plain_is_read_as_json(events_app):
    client = events_app.test_client()
    search_id = client.get("/api/search", query_string={"q": "运费险怎么开通"}).get_json()["search_id"]
    body = json.dumps({"search_id": search_id, "article_id": "freight-insurance-premium", "rank": 1, "channel": "page"})
    response = client.post("/api/feedback/click", data=body, content_type="text/plain;charset=UTF-8")
    assert response.status_code == 200
    (row,) = stored(events_app, schema.clicks)
    assert row["search_id"] == search_id and row["article_id"] == "freight-insurance-premium"


@pytest.mark.parametrize("body, field", [
    (vote(article_id="no-such-article"), "article_id"),
    (vote(helpful="yes"), "helpful"),
    (vote(comment="很" * 301), "comment"),
    (vote(token="x"), "token"),
    (vote(search_id="not-a-search"), "search_id"),
    (vote(channel="tv"), "channel"),
    (vote(ip="1.2.3.4"), "ip"),
])
def test_a_bad_vote_is_a_400_in_the_error_shape_naming_the_field(client, body, field):
    response = client.post("/api/feedback", json=body)
    error = response.get_json()["error"]
    assert response.status_code == 400 and error["code"] == "invalid_feedback" and field in error["fields"]


@pytest.mark.parametrize("data", [b"", b"[1]", b"{", b"\xff\xfe"])
def test_a_body_that_is_not_a_json_object_is_a_400(client, data):
    response = client.post("/api/feedback", data=data, content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_json"


def test_a_click_needs_the_search_it_follows(client):
    response = client.post("/api/feedback/click", json={"article_id": "delay-card"})
    assert response.status_code == 400 and "search_id" in response.get_json()["error"]["fields"]


def test_a_body_over_4_kb_is_refused(client):
    response = client.post("/api/feedback", json=vote(comment="x" * 5000))
    assert response.status_code == 413 and response.get_json()["error"]["code"] == "payload_too_large"


def test_too_many_requests_from_one_address_are_a_429_with_retry_after(index_dir):
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "FEEDBACK_RATE_LIMIT": 3})
    client = app.test_client()
    statuses = [client.post("/api/feedback", json=vote(token=f"token-{n:04d}")).status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.post("/api/feedback/click", json={}, environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert response.status_code == 429 and int(response.headers["Retry-After"]) >= 1
    assert response.get_json()["error"]["code"] == "rate_limited"
    other = client.post("/api/feedback", json=vote(), environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 200  # another address has its own allowance


def test_the_widget_may_post_feedback_cross_origin_without_credentials(client):
    preflight = client.options("/api/feedback", headers={
        "Origin": "https://shop.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in preflight.headers
    response = client.post("/api/feedback", json=vote(), headers={"Origin": "https://shop.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Set-Cookie" not in response.headers


def test_searches_still_answer_when_the_database_is_down_and_health_says_so(index_dir):
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir),
                      "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"})
    client = app.test_client()
    for _ in range(3):
        assert client.get("/api/search", query_string={"q": "发货预警怎么消除"}).get_json()["ok"] is True
    app.extensions["kb_events"].flush(timeout=5)
    events = client.get("/api/health").get_json()["events"]
    assert events["reachable"] is False and events["dropped"] == 3 and events["error"]
    app.extensions["kb_events"].close()


def test_recording_can_be_switched_off(index_dir):
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "DATABASE_URL": "off"})
    client = app.test_client()
    assert client.get("/api/search", query_string={"q": "发货预警"}).get_json()["search_id"] is None
    assert client.post("/api/feedback", json=vote()).get_json() == {"ok": True, "recorded": False}
    assert client.get("/api/health").get_json()["events"]["enabled"] is False
