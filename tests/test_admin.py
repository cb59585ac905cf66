"""The editors' /admin pages and `kb insights`: closed without a token, escaped, exported for `kb eval`."""

from __future__ import annotations

import json

import pytest

from kb.evaluate import read_cases
from webapp import cli
from webapp.security import CONTENT_SECURITY_POLICY

TOKEN = "editors-secret-2024"


@pytest.fixture
def admin_app(recording_app):
    return recording_app(ADMIN_TOKEN=TOKEN)


def merchant_activity(client) -> None:
    """An unanswered search followed by a click, and a "没帮助" vote with a hostile comment."""
    found = client.get("/api/search", query_string={"q": "运费险怎么开通", "channel": "widget"}).get_json()
    assert found["answer"] is None
    assert client.post("/api/feedback/click", json={"search_id": found["search_id"], "rank": 1,
                                                    "article_id": "freight-insurance-premium"}).status_code == 200
    assert client.post("/api/feedback", json={"article_id": "delay-card", "helpful": False, "token": "vote-00001",
                                              "comment": "<script>alert(1)</script>没说清楚"}).status_code == 200


def test_without_a_token_setting_there_are_no_admin_pages(client):
    for path in ("/admin", "/admin/export.tsv"):
        assert client.get(path).status_code == 404
        assert client.get(path, auth=("x", "")).status_code == 404


@pytest.mark.parametrize("auth", [None, ("editor", "wrong"), ("editor", TOKEN[:-1])])
def test_a_missing_or_wrong_token_is_a_401(admin_app, auth):
    response = admin_app.test_client().get("/admin", auth=auth)
    assert response.status_code == 401 and "Basic" in response.headers["WWW-Authenticate"]
    assert TOKEN not in response.get_data(as_text=True)


def test_the_admin_page_shows_the_loop_escaped_and_is_not_indexed(admin_app):
    client = admin_app.test_client()
    merchant_activity(client)
    response = client.get("/admin", auth=("editor", TOKEN))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "运费险怎么开通" in page and "运费险需要的保费是依照发货地址收取的吗" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;没说清楚" in page and "<script>alert" not in page
    assert "<svg" in page and 'class="bar"' in page
    assert response.headers["X-Robots-Tag"].startswith("noindex") and 'name="robots" content="noindex' in page
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["Cache-Control"] == "no-store"
    bearer = client.get("/admin", headers={"Authorization": f"Bearer {TOKEN}"})
    assert bearer.status_code == 200


def test_the_export_round_trips_through_kb_eval(admin_app, tmp_path, capsys, monkeypatch):
    client = admin_app.test_client()
    merchant_activity(client)
    exported = client.get("/admin/export.tsv", auth=("editor", TOKEN))
    assert exported.status_code == 200 and exported.mimetype == "text/tab-separated-values"
    path = tmp_path / "to-label.tsv"
    path.write_bytes(exported.data)
    (case,) = read_cases(path)
    assert case.query == "运费险怎么开通" and case.expected == ("freight-insurance-premium",)
    monkeypatch.setenv("KB_INDEX_DIR", admin_app.config["INDEX_DIR"])
    assert cli.main(["eval", str(path)]) == 0
    assert "questions            1 (1 in scope, 0 out of scope)" in capsys.readouterr().out


def test_kb_insights_prints_the_figures_and_exports_the_same_file(admin_app, tmp_path, capsys, monkeypatch):
    merchant_activity(admin_app.test_client())
    admin_app.extensions["kb_events"].flush()
    monkeypatch.setenv("KB_DATABASE_URL", admin_app.config["DATABASE_URL"])
    assert cli.main(["insights", "--days", "7"]) == 0
    out = capsys.readouterr().out
    assert "搜索         1" in out and "运费险怎么开通  → freight-insurance-premium×1" in out
    assert "<script>alert(1)</script>没说清楚" in out
    assert cli.main(["insights", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["no_answer_rate"] == 1.0 and figures["articles"][0]["id"] == "delay-card"
    export = tmp_path / "out.tsv"
    assert cli.main(["insights", "--export", str(export)]) == 0
    assert [c.query for c in read_cases(export)] == ["运费险怎么开通"]


def test_kb_insights_says_so_when_the_database_is_unreachable(monkeypatch, capsys):
    monkeypatch.setenv("KB_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    assert cli.main(["insights"]) == 1
    assert "无法读取记录数据库" in capsys.readouterr().err
