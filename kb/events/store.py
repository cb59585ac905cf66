"""The events database: one SQLAlchemy Core code path for SQLite and PostgreSQL.

`KB_DATABASE_URL` picks it: `sqlite:///path` (the default, a file under
var/, in WAL mode so readers never wait for the writer) or
`postgresql://user:pass@host/db` (psycopg 3), which several servers can share.
"""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import create_engine, delete, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine, make_url

from kb.events import migrations, schema

# How long to wait for a database before giving up on a batch. Short: the
# writer drops events rather than fall behind (see kb.events.queue).
CONNECT_TIMEOUT = 3  # seconds
SQLITE_BUSY_TIMEOUT = 2  # seconds
CHINA_OFFSET = 8 * 3600
DAY = 86400


class StoreError(Exception):
    """Raised when KB_DATABASE_URL names no database this store can use."""


def day_of(at: float) -> int:
    """Return the China-time calendar day of a Unix time, as days since 1970-01-01."""
    return int((at + CHINA_OFFSET) // DAY)


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except Exception as err:
        raise StoreError(f"无法识别的数据库地址：{err}") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cursor = dbapi_conn.cursor()
            # WAL: the admin page and `kb insights` read while servers write.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True, pool_size=2, max_overflow=2,
                             connect_args={"connect_timeout": CONNECT_TIMEOUT})
    raise StoreError(f"不支持的数据库「{backend}」：请用 sqlite:/// 或 postgresql://")


class Store:
    """The events tables behind one database URL; safe to share between threads."""

    def __init__(self, url: str):
        self.url = url
        self.engine = _engine(url)
        self.dialect = self.engine.dialect.name
        self._migrated = False

    def migrate(self) -> None:
        """Bring the schema up to date (once per Store)."""
        if not self._migrated:
            migrations.migrate(self.engine)
            self._migrated = True

    def ping(self) -> None:
        """Raise when the database cannot be reached."""
        with self.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")

    def _insert(self, table):
        return (postgresql.insert if self.dialect == "postgresql" else sqlite.insert)(table)

    def write(self, batch: list[dict]) -> None:
        """Write one batch of events (each `{"type": "search"|"vote"|"click", ...}`) in one transaction."""
        self.migrate()
        by_type: dict[str, list[dict]] = {"search": [], "vote": [], "click": []}
        for item in batch:
            row = dict(item)
            by_type[row.pop("type")].append(row)
        with self.engine.begin() as conn:
            if by_type["search"]:
                conn.execute(schema.searches.insert(), by_type["search"])
            if by_type["vote"]:
                # Last write wins per vote box: a changed mind, or the comment after the "没帮助".
                for row in _last_per_key(by_type["vote"], "token"):
                    stmt = self._insert(schema.votes).values(**row)
                    conn.execute(stmt.on_conflict_do_update(
                        index_elements=["token"],
                        set_={key: stmt.excluded[key] for key in ("at", "day", "helpful", "comment")}))
            if by_type["click"]:
                stmt = self._insert(schema.clicks).on_conflict_do_nothing(
                    index_elements=["search_id", "article_id"])
                conn.execute(stmt, _last_per_key(by_type["click"], "search_id", "article_id"))

    def prune(self, retention_days: int, now: float | None = None) -> int:
        """Delete events older than the retention; returns how many rows went."""
        self.migrate()
        before = (time.time() if now is None else now) - retention_days * DAY
        removed = 0
        with self.engine.begin() as conn:
            for table in schema.EVENT_TABLES:
                removed += conn.execute(delete(table).where(table.c.at < before)).rowcount
        return removed

    def read(self, table, since: float) -> list[dict]:
        """Return a table's rows since a Unix time, oldest first."""
        self.migrate()
        with self.engine.connect() as conn:
            rows = conn.execute(select(table).where(table.c.at >= since).order_by(table.c.at))
            return [dict(row._mapping) for row in rows]

    def searches_by_id(self, ids: set[str]) -> dict[str, dict]:
        """Return the searches with these ids, by id."""
        found: dict[str, dict] = {}
        chunk = sorted(ids)
        with self.engine.connect() as conn:
            for start in range(0, len(chunk), 500):
                query = select(schema.searches).where(schema.searches.c.id.in_(chunk[start:start + 500]))
                found.update({row.id: dict(row._mapping) for row in conn.execute(query)})
        return found

    def close(self) -> None:
        self.engine.dispose()


def _last_per_key(rows: list[dict], *keys: str) -> list[dict]:
    last = {tuple(row[key] for key in keys): row for row in rows}
    return list(last.values())
