"""The running app's handle on the index: built at start-up, reopened when rebuilt, never lost to bad content.

A worker must start whatever the articles on disk look like: when the index
is stale and the rebuild fails (a broken article, a full disk), the error is
logged and recorded, and the worker serves the newest intact generation.
A generation whose files no longer match their checksums is skipped the
same way. Only when no intact generation exists at all does start-up fail.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from pathlib import Path

from flask import Flask, current_app

from indexer import build, generations
from kb.search import Engine

log = logging.getLogger(__name__)

# How long /api/health reuses its look at the sources and the live generation
# (the look hashes the generation's files).
STATUS_TTL = 5.0


class IndexUnavailable(Exception):
    """Raised when there is no intact index generation to serve and none could be built."""


class Library:
    """Holds one open Engine and swaps it when `kb index` publishes a new generation."""

    def __init__(self, articles_dir: str, index_dir: str, threshold: float, time_limit: float):
        self.articles_dir = Path(articles_dir)
        self.index_dir = Path(index_dir)
        self.threshold = threshold
        self.time_limit = time_limit
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._link: Path | None = None  # where `current` pointed when last resolved
        self._damaged: dict[str, str] = {}  # generation name -> what is wrong with it
        self._status: tuple[float, dict] | None = None
        # The generation start-up's ensure_index verified (or built) moments
        # before the first open: its files are not hashed a second time.
        self._just_verified: Path | None = None

    def start(self) -> None:
        """Rebuild a missing or stale index, then open the newest intact generation.

        Raises IndexUnavailable when there is none.
        """
        try:
            self._just_verified = build.ensure_index(self.articles_dir, self.index_dir)
        except Exception:
            log.exception("building the index failed; serving the last good generation")
        try:
            self.engine()
        finally:
            self._just_verified = None

    def engine(self) -> Engine:
        """Return the engine for the newest intact generation, reopening it after a rebuild."""
        link = build.current_generation(self.index_dir)
        if link != self._link or self._engine is None:
            with self._lock:
                if link != self._link or self._engine is None:
                    self._open_newest_intact()
                    self._link = link
        if self._engine is None:
            raise IndexUnavailable(f"{self.index_dir} 中没有可用的索引，且无法构建（见日志）")
        return self._engine

    def _open_newest_intact(self) -> None:
        for generation in generations.newest_first(self.index_dir):
            if self._engine is not None and generation == self._engine.generation:
                return
            if generation.name in self._damaged:
                continue
            problem = None if generation == self._just_verified else generations.verify(generation)
            if problem is None:
                try:
                    # An engine holds no open files and no reference cycles (a test
                    # checks both): the old one is freed by reference counting,
                    # frozen or not, once the last request searching it is done.
                    self._engine = Engine(generation, threshold=self.threshold, time_limit=self.time_limit)
                    return
                except Exception as err:  # anything a damaged index makes Whoosh raise
                    problem = f"{generation.name}: 无法打开（{type(err).__name__}: {err}）"
            self._damaged[generation.name] = problem
            log.error("skipping a damaged index generation: %s", problem)

    def status(self) -> dict:
        """Return `{"stale", "problems"}`: whether the index served lags the articles, and why."""
        now = time.monotonic()
        if self._status is not None and now - self._status[0] < STATUS_TTL:
            return self._status[1]
        problems = []
        error = generations.last_build_error(self.index_dir)
        if error:
            problems.append(f"最近一次构建索引失败：{error}")
        current = build.current_generation(self.index_dir)
        serving = self._engine.generation if self._engine is not None else None
        if current is not None and current != serving:
            problems.append(self._damaged.get(current.name) or f"尚未切换到最新的索引 {current.name}")
        else:
            try:
                if build.is_stale(self.articles_dir, self.index_dir):
                    problems.append("文章或词典已修改，索引尚未重建（请运行 kb index）")
            except OSError as err:
                problems.append(f"无法检查文章目录：{err}")
        status = {"stale": bool(problems), "problems": problems}
        self._status = (now, status)
        return status


def init_app(app: Flask) -> None:
    """Attach a Library to the app and open the newest intact index, building it if needed."""
    library = Library(
        app.config["ARTICLES_DIR"],
        app.config["INDEX_DIR"],
        app.config["ANSWER_THRESHOLD"],
        app.config["SEARCH_TIME_LIMIT"],
    )
    library.start()
    app.extensions["kb_library"] = library
    if not app.testing:
        freeze_start_up_objects()


def freeze_start_up_objects() -> None:
    """Move everything loaded so far out of the garbage collector's sight.

    jieba's, pypinyin's and Whoosh's tables are some 200,000 objects that live
    as long as the worker; a full collection over them took about 25 ms of
    whichever request set it off. Tests skip this: they create hundreds of
    apps in one process, whose garbage must stay collectable.
    """
    gc.freeze()


def get_library() -> Library:
    """Return the Library of the app handling this request."""
    return current_app.extensions["kb_library"]


def get_engine() -> Engine:
    """Return the current engine of the app handling this request."""
    return get_library().engine()
