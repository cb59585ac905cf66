"""The settings table: defaults, validation of KB_ variables, and the README's copy of it."""

from __future__ import annotations

import pytest

from kb import settings
from kb.settings import SettingsError, from_env
from webapp import cli, create_app


def test_no_variables_give_the_defaults():
    assert from_env({}) == settings.DEFAULTS


def test_a_variable_overrides_its_setting_with_the_right_type():
    values = from_env({"KB_ANSWER_THRESHOLD": "0.65", "KB_MAX_LIMIT": " 20 "})
    assert values["ANSWER_THRESHOLD"] == 0.65 and values["MAX_LIMIT"] == 20


@pytest.mark.parametrize("environ, named, problem", [
    ({"KB_ANSWER_THRESHOLD": "0,7"}, "KB_ANSWER_THRESHOLD", "不是数字"),
    ({"KB_ANSWER_THRESHOLD": "7"}, "KB_ANSWER_THRESHOLD", "超出范围"),
    ({"KB_ANSWER_THRESHOLD": "nan"}, "KB_ANSWER_THRESHOLD", "超出范围"),
    ({"KB_MAX_LIMIT": "5.5"}, "KB_MAX_LIMIT", "不是整数"),
    ({"KB_ANSWER_TRESHOLD": "0.7"}, "KB_ANSWER_TRESHOLD", "KB_ANSWER_THRESHOLD"),
    ({"KB_INDEX_DIR": "  "}, "KB_INDEX_DIR", "不能为空"),
    ({"KB_DEFAULT_LIMIT": "60"}, "KB_DEFAULT_LIMIT", "不能大于"),
])
def test_a_bad_variable_is_refused_with_one_line_naming_it(environ, named, problem):
    with pytest.raises(SettingsError) as err:
        from_env(environ)
    message = str(err.value)
    assert message.startswith(named) and problem in message and "\n" not in message


def test_benchmark_variables_are_not_settings():
    assert from_env({"KB_BENCH_CLIENT": "python"}) == settings.DEFAULTS


def test_the_kb_command_exits_2_on_a_bad_setting(monkeypatch, capsys):
    monkeypatch.setenv("KB_ANSWER_THRESHOLD", "0,7")
    assert cli.main(["settings"]) == 2
    assert "KB_ANSWER_THRESHOLD" in capsys.readouterr().err


def test_the_app_refuses_to_start_with_a_bad_setting(monkeypatch):
    monkeypatch.setenv("KB_MAX_QUERY_LENGTH", "-1")
    with pytest.raises(SettingsError, match="KB_MAX_QUERY_LENGTH"):
        create_app({"TESTING": True})


def test_kb_settings_lists_every_setting_with_its_value(monkeypatch, capsys):
    monkeypatch.setenv("KB_WIDGET_LIMIT", "4")
    assert cli.main(["settings"]) == 0
    out = capsys.readouterr().out
    assert all("KB_" + s.name in out for s in settings.SETTINGS)
    assert "KB_WIDGET_LIMIT  int  1 – 50  6  4" in out


def test_the_readme_table_lists_the_settings_as_defined():
    readme = (settings.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for variable, kind, allowed, default, help_text in settings.table():
        default = default.replace(str(settings.PROJECT_ROOT) + "/", "")
        assert f"| `{variable}` | {kind} | {allowed} | `{default}` | {help_text} |" in readme


def test_clients_read_the_limits_from_the_server(client):
    limits = client.get("/api/limits").get_json()["limits"]
    assert limits["widget_limit"] == settings.DEFAULTS["WIDGET_LIMIT"]
    assert limits["max_query_length"] == settings.DEFAULTS["MAX_QUERY_LENGTH"]


def test_suggestions_follow_the_suggest_limit_setting(tmp_path):
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path), "SUGGEST_LIMIT": 2})
    suggestions = app.test_client().get("/api/suggest", query_string={"q": "发货"}).get_json()["suggestions"]
    assert len(suggestions) == 2
