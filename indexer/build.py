"""Build index generations: validate every article, write into a staging folder, publish atomically.

The layout of the index folder and how generations are verified are in
`indexer.generations`. A reader resolves `current` once and keeps using that
generation, so it never sees half an index; a failed build leaves `current`
untouched and records why in `build-error.json`.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.metadata
import json
import multiprocessing
import multiprocessing.pool
import os
import shutil
import time
from contextlib import contextmanager
from functools import lru_cache, partial
from pathlib import Path
from typing import Callable, Iterator

from whoosh import index as whoosh_index

from kb import calculators
from kb import schema as kb_schema
from kb.articles import article_paths, load_articles
from kb.generation import BOOSTS
from kb.impacts import ImpactIndex
from kb.schema import SCHEMA, SCHEMA_VERSION, index_document
from kb.text import DICTIONARY_FILE, STOPWORDS_FILE, SYNONYMS_FILE, Lexicon, Pipeline

from indexer import generations
from indexer.whoosh_writer import MemoryPoolWriter
from indexer.generations import LEXICON_DIR, META, current_generation, read_meta  # noqa: F401 (re-exported)

# Below this many articles a worker pool costs more (jieba loads in each
# worker) than it saves.
PARALLEL_FROM = 500
MAX_WORKERS = 4
# Articles sent to a worker at a time.
CHUNKSIZE = 64

Progress = Callable[[int, int], None]


def _source_files(articles_dir: Path, articles: list[Path] | None = None) -> list[Path]:
    """The article files (`articles`, when already listed) and the lexicon files."""
    lexicon = [articles_dir / n for n in (DICTIONARY_FILE, SYNONYMS_FILE, STOPWORDS_FILE)]
    return (article_paths(articles_dir) if articles is None else articles) + [p for p in lexicon if p.exists()]


# The libraries whose output is stored in an index document: segmentation,
# pinyin, traditional -> simplified, Markdown rendering, sanitising, Whoosh's format.
SHAPING_LIBRARIES = ("jieba", "pypinyin", "opencc", "markdown", "nh3", "whoosh-reloaded")


def code_inputs() -> list[tuple[str, bytes]]:
    """Return everything besides the articles that determines an index document, as (name, content).

    The whole `kb` package (text pipeline, schema, rendering, calculators),
    the versions of the libraries that shape a document, and the calculator
    ids an article may link to: a change to any of them rebuilds the index,
    as a changed article does.
    """
    package = Path(kb_schema.__file__).resolve().parent
    inputs = [(f"schema {SCHEMA_VERSION}", b"")]
    inputs += [(str(path.relative_to(package)), path.read_bytes()) for path in sorted(package.rglob("*.py"))]
    inputs += [(f"{name} {importlib.metadata.version(name)}", b"") for name in SHAPING_LIBRARIES]
    inputs.append(("calculators " + " ".join(sorted(calculators.ids())), b""))
    return inputs


@lru_cache(maxsize=1)
def _code_digest() -> str:
    digest = hashlib.sha256()
    for name, content in code_inputs():
        digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()


def _stat_signature(articles_dir: Path, files: list[Path]) -> str:
    digest = hashlib.sha256(_code_digest().encode())
    for path in files:
        st = path.stat()
        digest.update(f"{path.relative_to(articles_dir)} {st.st_size} {st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def source_fingerprint(articles_dir: Path, files: list[Path] | None = None) -> str:
    """Return a hash of everything an index is built from: articles, lexicon, indexing code.

    `files` are the source files when already listed (`_source_files`).
    """
    articles_dir = Path(articles_dir)
    digest = hashlib.sha256(_code_digest().encode())
    for path in _source_files(articles_dir) if files is None else files:
        digest.update(str(path.relative_to(articles_dir)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def is_stale(articles_dir: Path, index_dir: Path) -> bool:
    """Tell whether the live index is missing, damaged or was built from other sources."""
    return _fresh_generation(Path(articles_dir), Path(index_dir)) is None


def _fresh_generation(articles_dir: Path, index_dir: Path) -> Path | None:
    """Return the live generation when it is intact (checksums verified) and built from these sources."""
    generation = current_generation(index_dir)
    if generation is None or generations.verify(generation) is not None:
        return None
    meta = read_meta(generation)
    # Unchanged sizes and mtimes answer without reading a file; otherwise
    # compare content, so a touched but unchanged file is not a rebuild.
    if meta.get("stat_signature") == _stat_signature(articles_dir, _source_files(articles_dir)):
        return generation
    return generation if meta.get("fingerprint") == source_fingerprint(articles_dir) else None


@contextmanager
def _build_lock(index_dir: Path):
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def build_index(articles_dir: Path, index_dir: Path, progress: Progress | None = None) -> Path:
    """Validate every article, build a new generation and publish it; returns its folder.

    Raises kb.articles.ArticleSetError before anything is written when an article is broken.
    """
    articles_dir, index_dir = Path(articles_dir), Path(index_dir)
    with _build_lock(index_dir):
        return _build_locked(articles_dir, index_dir, progress)


def _build_locked(articles_dir: Path, index_dir: Path, progress: Progress | None) -> Path:
    generations.remove_abandoned_staging(index_dir)
    try:
        generation = _build_generation(articles_dir, index_dir, progress)
    except Exception as err:
        generations.record_build_error(index_dir, err)
        raise
    generations.clear_build_error(index_dir)
    generations.publish(index_dir, generation.name)
    generations.remove_old(index_dir, keep=generation.name)
    return generation


def _build_generation(articles_dir: Path, index_dir: Path, progress: Progress | None) -> Path:
    """Write a complete, checksummed generation next to the live one; returns its folder."""
    # The files are listed once: what is hashed is what is read.
    paths = article_paths(articles_dir)
    files = _source_files(articles_dir, paths)
    staging = None
    try:
        # The workers start (each loads jieba) while this process hashes the sources.
        with _worker_pool(articles_dir, len(paths)) as pool:
            stat_signature = _stat_signature(articles_dir, files)
            fingerprint = source_fingerprint(articles_dir, files)
            name = f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{time.time_ns() % 10**9:09d}-{fingerprint[:8]}"
            staging = index_dir / f".{name}.tmp"
            in_order = map if pool is None else partial(pool.imap, chunksize=CHUNKSIZE)
            articles = load_articles(articles_dir, calculators.cited_articles(), map_files=in_order, paths=paths)
            staging.mkdir(parents=True)
            lexicon_dir = staging / LEXICON_DIR
            lexicon_dir.mkdir()
            for source in (DICTIONARY_FILE, SYNONYMS_FILE, STOPWORDS_FILE):
                if (articles_dir / source).exists():
                    shutil.copyfile(articles_dir / source, lexicon_dir / source)
            ix = whoosh_index.create_in(staging, SCHEMA)
            writer = MemoryPoolWriter(ix)
            try:
                for done, document in enumerate(_documents(articles, articles_dir, pool), 1):
                    writer.add_document(**document)
                    if progress:
                        progress(done, len(articles))
            except BaseException:
                writer.cancel()
                raise
        # The workers have ended: committing needs only this process.
        writer.commit()
        ix.close()
        # Each key's score in each article, for engines to map instead of compute:
        # from the postings the writer still holds, the field lengths read back.
        ix = whoosh_index.open_dir(str(staging))
        with ix.reader() as reader:
            ImpactIndex.from_postings(writer.written_postings, reader, BOOSTS).save(staging)
        ix.close()
        writer.release_postings()
        meta = {
            "fingerprint": fingerprint,
            "stat_signature": stat_signature,
            "schema_version": SCHEMA_VERSION,
            "articles": len(articles),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "files": generations.file_checksums(staging),
        }
        (staging / META).write_text(json.dumps(meta, indent=2), encoding="utf-8")
        generation = index_dir / name
        os.rename(staging, generation)
    except BaseException:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    return generation


@contextmanager
def _worker_pool(articles_dir: Path, articles: int) -> Iterator[multiprocessing.pool.Pool | None]:
    """Yield a pool of worker processes for a large corpus, else None.

    Reading, rendering and segmenting articles is most of a large build's
    time, so large corpora do it in worker processes while this one writes.
    """
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if articles < PARALLEL_FROM or workers < 2:
        yield None
        return
    # spawn, not fork: the caller may be a threaded server.
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_start_worker, initargs=(str(articles_dir),)) as pool:
        yield pool


def _documents(articles: list, articles_dir: Path, pool) -> Iterator[dict]:
    """Return the index document of each article, in order; made in the pool's workers if there is one."""
    if pool is None:
        pipeline = Pipeline(Lexicon.from_dir(articles_dir))
        return (index_document(article, pipeline) for article in articles)
    return pool.imap(_worker_document, articles, chunksize=CHUNKSIZE)


_worker_pipeline: Pipeline | None = None


def _start_worker(articles_dir: str) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(Lexicon.from_dir(Path(articles_dir)))


def _worker_document(article) -> dict:
    return index_document(article, _worker_pipeline)


def ensure_index(articles_dir: Path, index_dir: Path, progress: Progress | None = None) -> Path:
    """Return the live generation, building it first if missing or stale.

    The generation returned has just had its checksums verified, or was
    just built and checksummed. Several processes may call this at once: the
    first builds under the lock, the others wait and then find the index fresh.
    """
    articles_dir, index_dir = Path(articles_dir), Path(index_dir)
    generation = _fresh_generation(articles_dir, index_dir)
    if generation is not None:
        return generation
    with _build_lock(index_dir):
        generation = _fresh_generation(articles_dir, index_dir)
        if generation is not None:
            return generation
        return _build_locked(articles_dir, index_dir, progress)
