"""Shared fixtures: an app over the real articles with its index in a temporary folder."""

from __future__ import annotations

import gc
import os

import pytest

from kb import settings
from webapp import create_app


@pytest.fixture(scope="session", autouse=True)
def events_database(tmp_path_factory):
    """Every app of the run records its searches in a temporary SQLite file, never in the project's var/."""
    url = "sqlite:///" + str(tmp_path_factory.mktemp("events") / "events.db")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KB_DATABASE_URL", url)
        yield url


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory):
    """One index built from the real articles, shared by the session's apps."""
    return tmp_path_factory.mktemp("index")


def real_articles_app(index_dir, testing: bool, **config):
    return create_app({"TESTING": testing, "ARTICLES_DIR": settings.DEFAULTS["ARTICLES_DIR"],
                       "INDEX_DIR": str(index_dir), **config})


@pytest.fixture
def app(index_dir):
    yield real_articles_app(index_dir, testing=True)


@pytest.fixture
def production_app(index_dir):
    """The same app as served (TESTING off): an unexpected error is a tidy, logged 500."""
    app = real_articles_app(index_dir, testing=False)
    try:
        yield app
    finally:
        gc.unfreeze()  # a served app freezes its start-up objects


@pytest.fixture
def client(app):
    return app.test_client()



@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server for the run (tests/pgcluster.py); skipped without one, but a failure under CI."""
    import pgcluster as postgres

    try:
        server = postgres.Server()
        server.start()
    except postgres.PostgresUnavailable as err:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required under CI: {err}", pytrace=False)
        pytest.skip(f"PostgreSQL unavailable: {err}")
    try:
        yield server
    finally:
        server.stop()


_databases = iter(range(1, 1_000_000))


@pytest.fixture(params=["sqlite", "postgresql"])
def events_url(request, tmp_path):
    """An empty events database, once in SQLite and once in PostgreSQL."""
    if request.param == "sqlite":
        return "sqlite:///" + str(tmp_path / "events.db")
    server = request.getfixturevalue("postgres_server")
    return server.create_database(f"events_{next(_databases)}")


@pytest.fixture
def recording_app(index_dir, events_url):
    """Make apps over the real articles that record to `events_url` (SQLite, then PostgreSQL).

    `recording_app(ADMIN_TOKEN=…)` adds settings; each app's events writer is closed after the test.
    """
    made = []

    def make(**config):
        made.append(real_articles_app(index_dir, testing=True, DATABASE_URL=events_url, **config))
        return made[-1]

    yield make
    for app in made:
        app.extensions["kb_events"].close()


@pytest.fixture
def add_failing_route():
    """Return a function adding a view that raises to an app: an error deep inside a request."""
    def add(app, path: str) -> None:
        def fail():
            raise RuntimeError("secret detail from deep inside")

        app.add_url_rule(path, "fail", fail)

    return add
