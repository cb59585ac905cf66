"""Compiled regular expressions kept on disk, so a new process does not compile them again.

The calculators' cues are some 170 KB of regular expressions; `re.compile` takes
about 0.55 s for them, in every process (each gunicorn worker at start-up). CPython
compiles a pattern in two steps: parsing and code generation, in Python, then
`_sre.compile`, in C, which builds the pattern object from the generated code (a
list of ints). This module keeps that code in a file and, in a later process,
hands it straight to `_sre.compile`: the same pattern objects in about 10 ms.

The file is keyed by the Python version, the regex engine's magic number and a
hash of the patterns, lives in a directory only this user can write, and is
checked before use; anything unexpected (another Python, a damaged file, other
patterns, no temp folder) falls back to `re.compile` and writes a fresh file.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path

try:  # CPython internals: without them every pattern is compiled as usual
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another Python implementation
    _sre = None


def _directory() -> Path:
    return Path(tempfile.gettempdir()) / f"jd-kb-regex-{os.getuid() if hasattr(os, 'getuid') else 'user'}"


def _key(patterns: list[str]) -> str:
    digest = hashlib.sha256("\0".join(patterns).encode("utf-8")).hexdigest()[:24]
    version = f"{sys.implementation.name}-{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"
    return f"{version}-{getattr(_sre, 'MAGIC', 0)}-{digest}"


def _generate(pattern: str) -> tuple:
    """Return what `_sre.compile` takes for `pattern` (as re._compiler.compile makes it, flags 0)."""
    parsed = _parser.parse(pattern, 0)
    code = [int(op) for op in _compiler._code(parsed, 0)]
    return int(parsed.state.flags), code, parsed.state.groups - 1, dict(parsed.state.groupdict)


def _build(pattern: str, entry: tuple) -> re.Pattern:
    flags, code, groups, groupindex = entry
    indexgroup = [None] * (groups + 1)
    for name, index in groupindex.items():
        indexgroup[index] = name
    return _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))


def _valid(entries, count: int) -> bool:
    """Whether a loaded file has the shape written (`_sre.compile` refuses code that is not ints)."""
    return isinstance(entries, list) and len(entries) == count and all(
        isinstance(entry, tuple) and len(entry) == 4 and type(entry[0]) is int and type(entry[1]) is list
        and type(entry[2]) is int and type(entry[3]) is dict for entry in entries)


def _private(directory: Path) -> bool:
    """Whether the directory is this user's and nobody else may write to it."""
    info = directory.stat()
    return (not hasattr(os, "getuid") or info.st_uid == os.getuid()) and not info.st_mode & 0o022


def compile_all(patterns: list[str]) -> list[re.Pattern]:
    """Return `[re.compile(p) for p in patterns]`, from the file kept by an earlier process when it is there."""
    if _sre is None:
        return [re.compile(pattern) for pattern in patterns]
    path = _directory() / f"{_key(patterns)}.marshal"
    try:
        if _private(path.parent):
            entries = marshal.loads(path.read_bytes())
            if _valid(entries, len(patterns)):
                return [_build(pattern, entry) for pattern, entry in zip(patterns, entries)]
    except (OSError, ValueError, EOFError, TypeError, RuntimeError):
        pass  # no file yet, or an unusable one: compile and write it
    try:
        entries = [_generate(pattern) for pattern in patterns]
        compiled = [_build(pattern, entry) for pattern, entry in zip(patterns, entries)]
    except Exception:  # CPython's internals changed (another version): compile as usual, keep nothing
        return [re.compile(pattern) for pattern in patterns]
    _write(path, entries)
    return compiled


def _write(path: Path, entries: list) -> None:
    try:
        path.parent.mkdir(mode=0o700, exist_ok=True)
        if not _private(path.parent):
            return
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(entries))
        os.replace(partial, path)  # whole or not at all, whichever worker writes last
    except OSError:
        pass  # a read-only or full temp folder: the next process compiles again
