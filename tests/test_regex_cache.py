"""Compiled regular expressions kept on disk between processes (kb.regex_cache)."""

from __future__ import annotations

import os
import re

import pytest

from kb import regex_cache
from kb.calculators import REGISTRY

PATTERNS = [r"(?P<v>\d+)单", r"定金(?:是)?(?P<v>\d+(?:\.\d+)?)元", r"(?<![没未])揽收(?:了)?(?P<n>[一二三四五六七八九十百]+)"]
SAMPLES = ["订单450单 延迟30单", "定金是99.5元", "揽收了三百 没揽收五十", ""]


@pytest.fixture
def temp(tmp_path, monkeypatch):
    monkeypatch.setattr(regex_cache.tempfile, "gettempdir", lambda: str(tmp_path))
    return tmp_path


def _same(compiled, patterns):
    for regex, pattern in zip(compiled, patterns, strict=True):
        reference = re.compile(pattern)
        assert (regex.pattern, regex.groups, regex.groupindex) == (reference.pattern, reference.groups, reference.groupindex)
        for text in SAMPLES:
            assert [m.groupdict() | {"span": m.span()} for m in regex.finditer(text)] == \
                   [m.groupdict() | {"span": m.span()} for m in reference.finditer(text)]


def test_patterns_compile_alike_then_load_from_the_file_without_compiling(temp, monkeypatch):
    _same(regex_cache.compile_all(PATTERNS), PATTERNS)
    assert len(list(temp.glob("jd-kb-regex-*/*.marshal"))) == 1
    monkeypatch.setattr(regex_cache, "_generate", lambda pattern: pytest.fail("compiled again"))
    _same(regex_cache.compile_all(PATTERNS), PATTERNS)


def test_other_patterns_have_a_file_of_their_own(temp):
    regex_cache.compile_all(PATTERNS)
    regex_cache.compile_all(PATTERNS[:2])
    assert len(list(temp.glob("jd-kb-regex-*/*.marshal"))) == 2


@pytest.mark.parametrize("damage", [b"", b"not marshal at all", b"\xe9\x00\x00\x00\x00"])
def test_a_damaged_file_is_compiled_again_and_rewritten(temp, damage):
    regex_cache.compile_all(PATTERNS)
    (path,) = temp.glob("jd-kb-regex-*/*.marshal")
    path.write_bytes(damage)
    _same(regex_cache.compile_all(PATTERNS), PATTERNS)
    assert path.read_bytes() != damage


def test_a_file_of_the_wrong_shape_is_not_used(temp):
    regex_cache.compile_all(PATTERNS)
    (path,) = temp.glob("jd-kb-regex-*/*.marshal")
    path.write_bytes(__import__("marshal").dumps([(0, ["x"], 0, {})] * len(PATTERNS)))
    _same(regex_cache.compile_all(PATTERNS), PATTERNS)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="permissions are POSIX")
def test_a_directory_others_may_write_to_is_not_trusted(temp, monkeypatch):
    regex_cache.compile_all(PATTERNS)
    (path,) = temp.glob("jd-kb-regex-*/*.marshal")
    path.parent.chmod(0o777)
    monkeypatch.setattr(regex_cache, "_build", lambda pattern, entry: re.compile(pattern))
    loaded = []
    monkeypatch.setattr(regex_cache.marshal, "loads", lambda data: loaded.append(1) or [])
    _same(regex_cache.compile_all(PATTERNS), PATTERNS)
    assert not loaded


def test_an_unwritable_temp_folder_still_compiles(tmp_path, monkeypatch):
    monkeypatch.setattr(regex_cache.tempfile, "gettempdir", lambda: str(tmp_path / "missing" / "deeper"))
    _same(regex_cache.compile_all(PATTERNS), PATTERNS)


def test_every_calculator_cue_loads_as_it_compiles(temp):
    patterns = sorted({cue.expanded for calculator in REGISTRY.values() for cue in calculator.extraction.cues})
    regex_cache.compile_all(patterns)
    loaded = regex_cache.compile_all(patterns)
    assert [(r.pattern, r.groupindex) for r in loaded] == [(p, re.compile(p).groupindex) for p in patterns]


def test_changed_regex_internals_fall_back_to_compiling(temp, monkeypatch):
    monkeypatch.setattr(regex_cache._compiler, "_code", lambda *args: (_ for _ in ()).throw(TypeError("changed")))
    _same(regex_cache.compile_all(PATTERNS), PATTERNS)
    assert not list(temp.glob("jd-kb-regex-*/*.marshal"))
