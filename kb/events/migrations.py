"""Versioned schema changes of the events store, applied in order and recorded in `schema_version`.

A migration is a function of an open connection; it is never edited once
released: a change to the tables is a new function appended to MIGRATIONS.
Every server runs `migrate()` before it writes; concurrent starts are safe
because each version is recorded under its primary key in the same
transaction as the change, so the loser of a race rolls back (and a server
that loses the race to create `schema_version` itself carries on).
"""

from __future__ import annotations

import time

from sqlalchemy import Connection, Engine, inspect, select
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from kb.events import schema


def _v1_tables(conn: Connection) -> None:
    """Searches, votes and clicks."""
    for table in schema.EVENT_TABLES:
        table.create(conn)


MIGRATIONS = [
    (1, _v1_tables),
]
LATEST = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    """Return the newest applied version, 0 for an empty database."""
    if not inspect(conn).has_table(schema.schema_version.name):
        return 0
    found = conn.execute(select(schema.schema_version.c.version)
                         .order_by(schema.schema_version.c.version.desc()).limit(1)).scalar()
    return found or 0


def migrate(engine: Engine) -> int:
    """Apply the migrations the database lacks; returns the version it is at."""
    try:
        with engine.begin() as conn:
            schema.schema_version.create(conn, checkfirst=True)
    except (IntegrityError, OperationalError, ProgrammingError):
        # Another server created it between our check and our CREATE (PostgreSQL may report the
        # race as a duplicate type, pg_type_typname_nsp_index): carry on if it is there.
        with engine.connect() as conn:
            if not inspect(conn).has_table(schema.schema_version.name):
                raise
    for version, change in MIGRATIONS:
        try:
            with engine.begin() as conn:
                if current_version(conn) >= version:
                    continue
                change(conn)
                conn.execute(schema.schema_version.insert().values(version=version, applied_at=time.time()))
        except (IntegrityError, OperationalError, ProgrammingError):
            # Another server applied it at the same moment; what it did is what we wanted.
            with engine.connect() as conn:
                if current_version(conn) < version:
                    raise
    return LATEST
