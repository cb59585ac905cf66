"""Settings: one table of name, type, range, default and help; the one place they are defined.

The Flask app copies them into its config (upper-case keys), the `kb` command
reads them the same way, `kb settings` prints the table and the README's
table is checked against it. Each can be set with a `KB_<NAME>` environment
variable; a value that does not parse or is out of range, and a `KB_`
variable that names no setting, stop start-up with one line naming it.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PREFIX = "KB_"
# Variables of the benchmark (tests/benchmarks), not of the service.
NOT_SETTINGS = "KB_BENCH_"


@dataclass(frozen=True)
class Setting:
    """One setting: its name (without KB_), type, default, allowed range and what it does."""

    name: str
    type: type
    default: object
    help: str
    minimum: float | None = None
    maximum: float | None = None
    default_text: str = ""   # how the docs show a default that is not a constant
    pattern: str = ""        # a text value must match this regular expression (when not empty)

    def parse(self, raw: str) -> object:
        """Return the value of an environment string; raises SettingsError naming the variable."""
        variable = PREFIX + self.name
        raw = raw.strip()
        if self.type is str:
            if not raw and self.default != "":
                raise SettingsError(f"{variable}: 不能为空")
            if raw and self.pattern and not re.fullmatch(self.pattern, raw):
                raise SettingsError(f"{variable}: 「{raw}」格式不对，应以 http:// 或 https:// 开头")
            return raw
        try:
            value = self.type(raw)
        except ValueError:
            kind = "整数" if self.type is int else "数字（小数点用 .）"
            raise SettingsError(f"{variable}: 「{raw}」不是{kind}") from None
        if value != value or (self.minimum is not None and value < self.minimum) or (
                self.maximum is not None and value > self.maximum):
            raise SettingsError(f"{variable}: {raw} 超出范围，应在 {self.minimum} 到 {self.maximum} 之间")
        return value

    @property
    def range(self) -> str:
        """The allowed range as text, '' when any value of the type is allowed."""
        if self.minimum is None and self.maximum is None:
            return ""
        return f"{self.minimum} – {self.maximum}"


def _fitted_threshold() -> float:
    # `kb fit` chooses the threshold with the weights (kb/model.json): the default follows it.
    return round(json.loads((Path(__file__).with_name("model.json")).read_text(encoding="utf-8"))["threshold"], 4)


class SettingsError(Exception):
    """Raised when a KB_ environment variable is unknown or its value is invalid; names the variable."""


SETTINGS: tuple[Setting, ...] = (
    Setting("ARTICLES_DIR", str, str(PROJECT_ROOT / "articles"),
            "文章（Markdown）、词典、同义词和停用词所在的目录"),
    Setting("INDEX_DIR", str, str(PROJECT_ROOT / "var" / "index"),
            "索引各代所在的目录（`current` 指向在用的一代），须在本地文件系统上"),
    Setting("ANSWER_THRESHOLD", float, _fitted_threshold(),
            "最可能的文章作为答案所需的概率（见 README「Answer quality」）", 0.0, 1.0,
            default_text="kb fit 选定的阈值（kb/model.json）"),
    Setting("SEARCH_TIME_LIMIT", float, 0.2,
            "一次搜索最多用时（秒）；超时返回已有结果并标记 `partial`", 0.001, 10.0),
    Setting("MAX_QUERY_LENGTH", int, 200,
            "问题最多字数（Unicode 规范化前后都算）", 1, 1000),
    Setting("MAX_LIMIT", int, 50, "/api/search 的 `limit` 最大值", 1, 200),
    Setting("DEFAULT_LIMIT", int, 10, "/api/search 和搜索页默认返回的结果数", 1, 200),
    Setting("SUGGEST_LIMIT", int, 8, "/api/suggest 和搜索框给出的补全条数", 1, 50),
    Setting("WIDGET_LIMIT", int, 6, "帮助挂件对一个问题显示的结果数", 1, 50),
    Setting("SUPPORT_URL", str, "",
            "没有答案时给出的人工客服链接；为空时不显示", default_text="（空）", pattern=r"https?://\S+"),
    Setting("DATABASE_URL", str, "sqlite:///" + str(PROJECT_ROOT / "var" / "events.db"),
            "记录搜索和反馈的数据库：`sqlite:///文件` 或 `postgresql://用户:密码@主机/库`（多台服务器共用）；`off` 表示不记录"),
    Setting("EVENTS_RETENTION_DAYS", int, 90, "搜索和反馈记录保留的天数，更早的自动删除", 1, 3650),
    Setting("EVENTS_QUEUE_SIZE", int, 10000, "等待写入数据库的记录最多条数；满了就丢弃并计数，搜索不受影响", 1, 1_000_000),
    Setting("FEEDBACK_RATE_LIMIT", int, 30, "每个客户端地址每分钟最多提交的反馈和点击次数", 1, 10000),
    Setting("ADMIN_TOKEN", str, "", "编辑后台 /admin 的口令（用户名任意）；不设置则没有后台页面（404）"),
)
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}
_BY_NAME = {setting.name: setting for setting in SETTINGS}


def from_env(environ: dict | None = None) -> dict:
    """Return the defaults overridden by KB_<NAME> environment variables; raises SettingsError."""
    environ = os.environ if environ is None else environ
    values = dict(DEFAULTS)
    for variable, raw in environ.items():
        if not variable.startswith(PREFIX) or variable.startswith(NOT_SETTINGS):
            continue
        setting = _BY_NAME.get(variable[len(PREFIX):])
        if setting is None:
            close = difflib.get_close_matches(variable, [PREFIX + name for name in _BY_NAME], n=1)
            hint = f"（是不是想写 {close[0]}？）" if close else "（可用的设置见 `kb settings`）"
            raise SettingsError(f"{variable}: 没有这个设置{hint}")
        values[setting.name] = setting.parse(raw)
    if values["DEFAULT_LIMIT"] > values["MAX_LIMIT"]:
        raise SettingsError(f"{PREFIX}DEFAULT_LIMIT: {values['DEFAULT_LIMIT']} 不能大于 "
                            f"{PREFIX}MAX_LIMIT ({values['MAX_LIMIT']})")
    return values


def table() -> list[list[str]]:
    """Return the settings as rows: variable, type, range, default, help."""
    return [[PREFIX + s.name, s.type.__name__, s.range, s.default_text or str(s.default), s.help] for s in SETTINGS]
