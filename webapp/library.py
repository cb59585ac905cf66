"""The running app's handle on the index: built at start-up, reopened when rebuilt."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from flask import Flask, current_app

from indexer import build
from kb.search import Engine


class Library:
    """Holds one open Engine and swaps it when `kb index` publishes a new generation."""

    def __init__(self, articles_dir: str, index_dir: str, threshold: float, time_limit: float):
        self.articles_dir = Path(articles_dir)
        self.index_dir = Path(index_dir)
        self.threshold = threshold
        self.time_limit = time_limit
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._generation: Path | None = None

    def ensure_index(self) -> None:
        """Build the index if it is missing or stale (safe across worker processes)."""
        build.ensure_index(self.articles_dir, self.index_dir)

    def engine(self) -> Engine:
        """Return the engine for the live generation, reopening it after a rebuild."""
        generation = build.current_generation(self.index_dir)
        if generation is None:
            self.ensure_index()
            generation = build.current_generation(self.index_dir)
        if generation != self._generation:
            with self._lock:
                if generation != self._generation:
                    old = self._engine
                    self._engine = Engine(generation, threshold=self.threshold, time_limit=self.time_limit)
                    self._generation = generation
                    if old is not None:
                        # An engine holds no open files: the old one is
                        # freed once the last request searching it is done.
                        del old
                        if gc.get_freeze_count():
                            # The old engine's reference cycles were frozen with
                            # it: thaw, collect them once, freeze the new engine.
                            gc.unfreeze()
                            gc.collect()
                            gc.freeze()
        return self._engine


def init_app(app: Flask) -> None:
    """Attach a Library to the app and make sure its index is fresh."""
    library = Library(
        app.config["ARTICLES_DIR"],
        app.config["INDEX_DIR"],
        app.config["ANSWER_THRESHOLD"],
        app.config["SEARCH_TIME_LIMIT"],
    )
    library.ensure_index()
    library.engine()
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


def get_engine() -> Engine:
    """Return the current engine of the app handling this request."""
    return current_app.extensions["kb_library"].engine()
