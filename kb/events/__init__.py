"""The events store of the editors' loop: searches, votes and clicks, recorded off the request path.

`store` is the database layer (SQLAlchemy Core: SQLite by default, PostgreSQL
when several servers share it), `migrations` its versioned schema, `queue`
the bounded in-process queue and its background writer, `insights` what
editors read. No IP address, cookie or user identifier is ever stored.
"""
