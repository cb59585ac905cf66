"""The events store, against SQLite and a real PostgreSQL: migrations, writes, idempotent votes, pruning."""

from __future__ import annotations

import time

import pytest

from kb.events import insights, migrations, records, schema
from kb.events.store import DAY, Store, StoreError


def search(store_rows, query, answer=None, channel="page", at=None):
    response = {"answer": {"id": answer, "confidence": 0.9} if answer else None,
                "confidence": 0.9 if answer else 0.2,
                "results": [{"id": "shipping-warning"}, {"id": "delay-card"}, {"id": "presale-out-of-stock"},
                            {"id": "extra"}]}
    event = records.search(records.new_search_id(), query, response, channel, "gen-1", at=at)
    store_rows.append(event)
    return event


@pytest.fixture
def store(events_url):
    store = Store(events_url)
    yield store
    store.close()


def test_migrations_bring_an_empty_database_to_the_latest_version_once(store):
    store.migrate()
    migrations.migrate(store.engine)  # a second server starting: nothing to do
    with store.engine.connect() as conn:
        assert migrations.current_version(conn) == migrations.LATEST


def test_a_server_that_loses_the_race_to_create_the_version_table_carries_on(store, monkeypatch):
    create = schema.schema_version.create

    def raced(conn, checkfirst=False):
        with store.engine.begin() as other:  # another server creates it first…
            create(other)
        create(conn)  # …after this one found it missing: the database refuses the second CREATE

    monkeypatch.setattr(schema.schema_version, "create", raced)
    assert migrations.migrate(store.engine) == migrations.LATEST
    monkeypatch.undo()
    with store.engine.connect() as conn:
        assert migrations.current_version(conn) == migrations.LATEST


def test_a_search_is_stored_without_anything_about_who_asked(store):
    rows = []
    event = search(rows, "  發貨預警怎麼消除?  " + "很" * 300)
    store.write(rows)
    (stored,) = store.read(schema.searches, 0)
    assert len(stored["query"]) == 200 and stored["normalized"].startswith("发货预警怎么消除很")
    assert stored["top_ids"] == "shipping-warning,delay-card,presale-out-of-stock"
    assert stored["id"] == event["id"] and stored["generation"] == "gen-1"
    columns = {c.name for table in schema.EVENT_TABLES for c in table.columns}
    assert not columns & {"ip", "address", "cookie", "user", "user_id", "user_agent", "session"}


def test_a_vote_with_the_same_token_counts_once_and_keeps_the_later_comment(store):
    store.write([records.vote("tok-12345", "delay-card", True, None, None, "widget")])
    store.write([records.vote("tok-12345", "delay-card", False, None, None, "widget"),
                 records.vote("tok-12345", "delay-card", False, "没说几次", None, "widget")])
    (vote,) = store.read(schema.votes, 0)
    assert vote["helpful"] is False and vote["comment"] == "没说几次"


def test_a_repeated_click_counts_once(store):
    rows = []
    event = search(rows, "运费险怎么开通")
    store.write(rows + [records.click(event["id"], "freight-insurance-premium", 1, "page")])
    store.write([records.click(event["id"], "freight-insurance-premium", 1, "page")])
    assert len(store.read(schema.clicks, 0)) == 1


def test_pruning_removes_only_events_older_than_the_retention(store):
    now = time.time()
    rows = []
    old = search(rows, "很久以前的问题", at=now - 91 * DAY)
    search(rows, "最近的问题", at=now - 89 * DAY)
    rows.append(records.vote("old-vote-1", "delay-card", True, None, None, "page", at=now - 100 * DAY))
    rows.append(records.click(old["id"], "delay-card", 1, "page", at=now - 91 * DAY))
    store.write(rows)
    assert store.prune(90, now=now) == 3
    assert [s["query"] for s in store.read(schema.searches, 0)] == ["最近的问题"]
    assert store.read(schema.votes, 0) == [] and store.read(schema.clicks, 0) == []


def test_insights_group_unanswered_questions_with_the_article_clicked_afterwards(store):
    rows = []
    first = search(rows, "运费险怎么开通?")
    search(rows, "运费险 怎么开通", channel="widget")
    search(rows, "发货预警怎么消除", answer="shipping-warning")
    answered = rows[-1]
    rows.append(records.click(first["id"], "freight-insurance-premium", 2, "page"))
    rows.append(records.vote("vote-0001", "shipping-warning", False, "<script>x</script>", answered["id"], "page"))
    rows.append(records.vote("vote-0002", "delay-card", True, None, None, "page"))
    store.write(rows)
    figures = insights.report(store, days=7)
    assert figures["searches"] == 3 and figures["answer_rate"] == pytest.approx(1 / 3, abs=1e-3)
    (group,) = figures["unanswered"]
    assert group["count"] == 2 and group["proposed"] == "freight-insurance-premium"
    (unhelpful,) = figures["unhelpful"]
    assert unhelpful["query"] == "发货预警怎么消除" and unhelpful["comment"] == "<script>x</script>"
    assert [(a["id"], a["ratio"]) for a in figures["articles"]] == [("shipping-warning", 0.0), ("delay-card", 1.0)]
    assert figures["daily"][-1]["searches"] == 3


def test_an_unknown_database_kind_is_refused_naming_it():
    with pytest.raises(StoreError, match="mysql"):
        Store("mysql://localhost/x")


def test_the_sqlite_database_is_in_wal_mode(tmp_path):
    store = Store("sqlite:///" + str(tmp_path / "e.db"))
    store.migrate()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.close()
