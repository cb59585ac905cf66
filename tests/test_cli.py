"""The `kb` command: index, check, ask, eval, serve."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kb import settings
from webapp.cli import main

REAL = Path(settings.DEFAULTS["ARTICLES_DIR"])


@pytest.fixture
def kb_env(tmp_path, monkeypatch):
    """Point the CLI at a copy of the articles and a fresh index folder."""
    articles = tmp_path / "articles"
    shutil.copytree(REAL, articles)
    monkeypatch.setenv("KB_ARTICLES_DIR", str(articles))
    monkeypatch.setenv("KB_INDEX_DIR", str(tmp_path / "index"))
    return articles


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_index_builds_a_generation_and_says_how_many_articles(kb_env, capsys, tmp_path):
    status, out, _ = run(capsys, "index")
    assert status == 0 and "篇文章" in out
    assert (tmp_path / "index" / "current").is_symlink()


def test_check_passes_on_good_articles(kb_env, capsys):
    status, out, _ = run(capsys, "check")
    assert status == 0 and "检查通过" in out


def test_check_lists_each_problem_as_file_field_problem_and_exits_1(kb_env, capsys):
    path = next(kb_env.glob("*/delay-card.md"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("calculators: [delay-card]", "calculators: [no-such-calc]")
                    .replace("summary:", "sumary:"), encoding="utf-8")
    status, _, err = run(capsys, "check")
    assert status == 1
    lines = [line for line in err.splitlines() if line.startswith("articles/")]
    assert lines and all(line.count(": ") >= 2 for line in lines)
    assert any("delay-card.md: sumary: " in line for line in lines)


def test_ask_prints_the_answer_its_calculators_and_more_results(kb_env, capsys):
    status, out, _ = run(capsys, "ask", "延迟发货卡片被拒绝后还能再发吗")
    assert status == 0
    assert out.startswith("答案：对于每个订单可以发送几次延迟发货卡片")
    assert "/calculators/delay-card" in out
    assert "其他相关文章" in out and "/articles/delay-card\n" in out


def test_ask_outside_the_knowledge_base_offers_suggestions(kb_env, capsys):
    status, out, _ = run(capsys, "ask", "京东plus会员怎么开")
    assert status == 0 and out.startswith("没有找到确切答案")


def test_eval_prints_the_figures_and_verbose_lists_misses(kb_env, capsys, tmp_path):
    cases = tmp_path / "cases.tsv"
    cases.write_text("# q\tids\tkind\n发货预警如何消除\tshipping-warning\tp\n"
                     "发货预警如何消除\tdelay-card\tp\n京东plus会员怎么开\tNONE\toos\n", encoding="utf-8")
    status, out, _ = run(capsys, "eval", str(cases), "--verbose")
    assert status == 0
    assert "top-1                0.500" in out and "out-of-scope null    1.000" in out
    assert "confidently wrong    0.333" in out
    assert "[WRONG ANSWER] 发货预警如何消除" in out


def test_eval_rejects_a_malformed_file_naming_the_line(kb_env, capsys, tmp_path):
    cases = tmp_path / "cases.tsv"
    cases.write_text("只有问题没有编号\n", encoding="utf-8")
    status, _, err = run(capsys, "eval", str(cases))
    assert status == 1 and "cases.tsv:1" in err


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers_over_http(kb_env, tmp_path):
    port = _free_port()
    kb = Path(sys.executable).with_name("kb")
    proc = subprocess.Popen([str(kb), "serve", "--port", str(port)], env=os.environ.copy(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q=%E5%8F%91%E8%B4%A7%E9%A2%84%E8%AD%A6") as resp:
                    body = json.loads(resp.read())
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        assert body["answer"]["id"] == "shipping-warning"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_check_warns_of_half_width_punctuation_between_chinese_with_file_and_line(kb_env, capsys):
    path = next(kb_env.glob("*/delay-card.md"))
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("question:"))
    lines[number - 1] = "question: 咚咚卡片是什么?"
    path.write_text("\n".join(lines), encoding="utf-8")
    status, out, err = run(capsys, "check")
    assert status == 0 and "1 处警告" in out
    assert f"警告：articles/delay-card/delay-card.md:{number}:" in err and "半角「?」" in err
    status, _, err = run(capsys, "check", "--strict")
    assert status == 1 and f"错误：articles/delay-card/delay-card.md:{number}:" in err


def test_the_real_articles_pass_check_strict(capsys, monkeypatch):
    monkeypatch.setenv("KB_ARTICLES_DIR", str(REAL))
    status, out, err = run(capsys, "check", "--strict")
    assert status == 0 and err == ""
