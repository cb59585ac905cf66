"""The generations in an index folder: which is live, whether one is intact, what the last build said.

Layout of INDEX_DIR:

    gen-<time>-<fingerprint>/   one complete index, never modified once published
        meta.json               fingerprint, schema version, article count, every file's size and SHA-256
        lexicon/                the dictionary, synonyms and stopwords it was built with
    current -> gen-...          symlink, replaced with os.replace (atomic on POSIX)
    build-error.json            why the last build failed; removed by the next good one
    .lock                       flock held while building
    .gen-*.tmp/                 a build in progress (or one killed: removed by the next build)

A generation is verified against its recorded checksums before a server
opens it, so a damaged one (a truncated segment, an emptied meta.json) is
skipped for the newest intact one instead of failing the worker.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from pathlib import Path

CURRENT = "current"
META = "meta.json"
LEXICON_DIR = "lexicon"
BUILD_ERROR = "build-error.json"
STAGING_GLOB = ".gen-*.tmp"
KEEP_GENERATIONS = 3


def current_generation(index_dir: Path) -> Path | None:
    """Return the folder `current` points at, or None when there is none."""
    link = Path(index_dir) / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        return None
    generation = Path(index_dir) / target
    return generation if (generation / META).exists() else None


def read_meta(generation: Path) -> dict:
    """Return the metadata recorded with a generation; {} when it is missing or unreadable."""
    try:
        meta = json.loads((Path(generation) / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def newest_first(index_dir: Path) -> list[Path]:
    """Return the published generations, `current` first, then the others newest first."""
    index_dir = Path(index_dir)
    current = current_generation(index_dir)
    others = sorted((p for p in index_dir.glob("gen-*") if p.is_dir() and p != current), reverse=True)
    return ([current] if current else []) + others


def file_checksums(folder: Path) -> dict[str, list]:
    """Return `{relative path: [size, sha256]}` for every file in a generation but meta.json."""
    folder = Path(folder)
    sums = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != META:
            data = path.read_bytes()
            sums[str(path.relative_to(folder))] = [len(data), hashlib.sha256(data).hexdigest()]
    return sums


def verify(generation: Path) -> str | None:
    """Return what is wrong with a generation's files (in Chinese), or None when it is intact."""
    generation = Path(generation)
    recorded = read_meta(generation).get("files")
    if not isinstance(recorded, dict) or not recorded:
        return f"{generation.name}: {META} 缺失或损坏"
    for name, (size, digest) in recorded.items():
        path = generation / name
        try:
            if path.stat().st_size != size or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                return f"{generation.name}: 文件 {name} 已损坏(校验和不符)"
        except OSError:
            return f"{generation.name}: 缺少文件 {name}"
    return None


def publish(index_dir: Path, name: str) -> None:
    """Point `current` at the generation `name` in one atomic step."""
    tmp_link = index_dir / f".{CURRENT}.{os.getpid()}.tmp"
    if tmp_link.is_symlink():
        tmp_link.unlink()
    os.symlink(name, tmp_link)
    os.replace(tmp_link, index_dir / CURRENT)


def remove_old(index_dir: Path, keep: str) -> None:
    """Remove all but the newest generations (the live one always stays)."""
    # Workers that have not yet noticed the switch still read older
    # generations, and a damaged live one falls back to them: a few are kept.
    generations = sorted(p for p in index_dir.glob("gen-*") if p.is_dir() and p.name != keep)
    for old in generations[: max(0, len(generations) - (KEEP_GENERATIONS - 1))]:
        shutil.rmtree(old, ignore_errors=True)


def remove_abandoned_staging(index_dir: Path) -> None:
    """Remove the staging folders and links of builds that were killed. Call with the build lock held."""
    for path in index_dir.glob(STAGING_GLOB):
        shutil.rmtree(path, ignore_errors=True)
    for link in index_dir.glob(f".{CURRENT}.*.tmp"):
        link.unlink(missing_ok=True)


def record_build_error(index_dir: Path, error: BaseException) -> None:
    """Leave why a build failed where running servers and `/api/health` can read it."""
    record = {"error": str(error) or type(error).__name__, "at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    try:
        (Path(index_dir) / BUILD_ERROR).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass  # a full disk may be why the build failed; the log still has it


def clear_build_error(index_dir: Path) -> None:
    """Forget the last build's failure after a good build."""
    (Path(index_dir) / BUILD_ERROR).unlink(missing_ok=True)


def last_build_error(index_dir: Path) -> str | None:
    """Return why the last build failed, or None when it succeeded."""
    try:
        record = json.loads((Path(index_dir) / BUILD_ERROR).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return str(record.get("error")) if isinstance(record, dict) else None
