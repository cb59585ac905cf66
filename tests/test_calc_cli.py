"""`kb calc`: the calculators in the terminal."""

from __future__ import annotations

import argparse
import json

import pytest

from webapp import calc_cli
from webapp.cli import main


def run_cli(capsys, *argv):
    status = main(["calc", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_calculation_prints_the_result_and_explanation_in_chinese(capsys):
    status, out, err = run_cli(capsys, "deduction", "--orders", "60", "--picked-up-within-48h", "57",
                               "--delayed-orders", "3")
    assert status == 0 and err == ""
    assert "本周扣 3 分" in out
    assert "适用规则：及时率≥95%：每单扣1分，每周最多7分" in out
    assert "计算依据：" in out and "每单扣1分，每周不超过7分" in out
    assert "/articles/shipping-warning" in out


def test_options_accept_equals_signs_and_underscores(capsys):
    status, out, _ = run_cli(capsys, "deduction", "--orders=60", "--picked_up_within_48h=56",
                             "--delayed-orders=0")
    assert status == 0 and "本周扣 7 分" in out


@pytest.mark.parametrize("agrees, outcome", [("yes", "终止订单，双倍返还定金"), ("no", "按订单时效履约"),
                                             ("是", "终止订单，双倍返还定金"), ("否", "按订单时效履约")])
def test_booleans_are_yes_or_no(capsys, agrees, outcome):
    status, out, _ = run_cli(capsys, "deposit-refund", "--deposit", "0.01", "--stage", "before_final_payment",
                             "--buyer-agrees", agrees)
    assert status == 0 and outcome in out


def test_json_output_is_the_api_shape(capsys):
    status, out, _ = run_cli(capsys, "delay-card", "--sent-at", "2024-11-11T10:00", "--now",
                             "2024-11-13T10:00:01", "--json")
    body = json.loads(out)
    assert status == 0 and body["ok"] is True
    assert body["result"]["state"] == "cancelled" and body["result"]["can_resend"] is False


def test_bad_input_exits_2_with_one_field_message_per_line(capsys):
    status, out, err = run_cli(capsys, "deposit-refund", "--deposit", "0.015", "--stage", "before",
                               "--buyer-agrees", "maybe")
    assert status == 2 and out == ""
    lines = err.strip().splitlines()
    assert "deposit: 最多两位小数（精确到分）" in lines
    assert any(line.startswith("stage: 未知的选项「before」") for line in lines)
    assert "buyer_agrees: 请填写 是 或 否（yes/no）" in lines


@pytest.mark.parametrize("argv, line", [
    (["deduction", "--orders", "60", "--picked-up-within-48h", "61", "--delayed-orders", "0"],
     "picked_up_within_48h: 不能多于本周订单数（60）"),
    (["deduction", "--orders"], "orders: 缺少取值"),
    (["deduction", "--order", "60"], "order: 未知的输入项"),
    (["deduction", "60"], "60: 多余的参数；输入项请写成 --名称 值"),
    (["ship-deadline", "--order-time", "2024-11-11"],
     "order_time: 请同时填写日期和时间，如 2024-11-11T10:00 或 2024-11-11T10:00:00+08:00"),
    (["ship-deadline", "--order-time", "2024-11-11T10,5"],
     "order_time: 时间格式不正确，应为 YYYY-MM-DDTHH:MM[:SS[.ffffff]][Z|±HH:MM]（T 也可写成一个空格），"
     "如 2024-11-11T10:00 或 2024-11-11T10:00:00+08:00"),
])
def test_each_kind_of_bad_input_is_named_on_stderr(capsys, argv, line):
    status, _, err = run_cli(capsys, *argv)
    assert status == 2
    assert line in err.splitlines()


def test_an_unknown_calculator_exits_2(capsys):
    status, _, err = run_cli(capsys, "penalty")
    assert status == 2 and err.startswith("calculator: 没有找到编号为「penalty」的计算器")


def test_without_an_id_it_lists_the_calculators(capsys):
    status, out, _ = run_cli(capsys)
    assert status == 0
    assert "deduction" in out and "延迟发货卡片状态" in out


def test_help_for_one_calculator_lists_its_inputs_from_the_registry(capsys):
    status, out, _ = run_cli(capsys, "delay-card", "--help")
    assert status == 0
    assert "--sent-at 值   卡片发送时间" in out
    assert "取值：accept（接受）、reject（拒绝）" in out


def test_register_adds_the_calc_subcommand_to_any_parser():
    parser = argparse.ArgumentParser()
    calc_cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["calc", "deduction", "--orders", "1"])
    assert (args.calculator, args.inputs, args.func) == ("deduction", ["--orders", "1"], calc_cli.cmd_calc)
