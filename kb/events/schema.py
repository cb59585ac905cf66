"""The events tables, as SQLAlchemy Core metadata (the shape after the newest migration)."""

from __future__ import annotations

from sqlalchemy import (Boolean, Column, Float, Index, Integer, MetaData, String, Table,
                        UniqueConstraint)

metadata = MetaData()

# Field lengths: a question is at most KB_MAX_QUERY_LENGTH (≤ 1000) characters
# as typed; it is cut to QUERY_CHARS before it is stored.
QUERY_CHARS = 200
COMMENT_CHARS = 300
ID_CHARS = 100
TOKEN_CHARS = 64

# One row per search. `day` is the China-time calendar day (days since
# 1970-01-01 UTC+8), kept so both databases group by day the same way.
searches = Table(
    "searches", metadata,
    Column("id", String(32), primary_key=True),  # time-ordered and random (records.new_search_id)
    Column("at", Float, nullable=False),         # Unix time
    Column("day", Integer, nullable=False),
    Column("channel", String(10), nullable=False),  # page / widget / api
    Column("query", String(QUERY_CHARS), nullable=False),
    Column("normalized", String(QUERY_CHARS), nullable=False),
    Column("answer_id", String(ID_CHARS), nullable=True),
    Column("confidence", Float, nullable=False),
    Column("top_ids", String(3 * ID_CHARS + 2), nullable=False),  # comma-separated, at most three
    Column("generation", String(ID_CHARS), nullable=False),
    Index("ix_searches_at", "at"),
    Index("ix_searches_normalized", "normalized"),
)

# "这个回答有帮助吗?" votes. `token` is made by the page for one vote box, so a
# double click, or a vote followed by its comment, is one row.
votes = Table(
    "votes", metadata,
    Column("token", String(TOKEN_CHARS), primary_key=True),
    Column("at", Float, nullable=False),
    Column("day", Integer, nullable=False),
    Column("article_id", String(ID_CHARS), nullable=False),
    Column("helpful", Boolean, nullable=False),
    Column("comment", String(COMMENT_CHARS), nullable=True),
    Column("search_id", String(32), nullable=True),
    Column("channel", String(10), nullable=False),
    Index("ix_votes_at", "at"),
)

# A click on a result or suggestion after a search that found no answer.
clicks = Table(
    "clicks", metadata,
    Column("search_id", String(32), nullable=False),
    Column("article_id", String(ID_CHARS), nullable=False),
    Column("at", Float, nullable=False),
    Column("rank", Integer, nullable=True),
    Column("channel", String(10), nullable=False),
    UniqueConstraint("search_id", "article_id", name="uq_clicks_search_article"),
    Index("ix_clicks_at", "at"),
)

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", Float, nullable=False),
)

EVENT_TABLES = (searches, votes, clicks)
