"""The one time format calculators accept: its definition (shown by the API, forms, CLI) and its parser.

It is what `<input type="datetime-local">` and API clients produce, and nothing
more: `datetime.fromisoformat` reads far more of ISO 8601 and misreads some of it
(decimal hours, week dates, any separator character), so it is not used here.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from kb.calculators.clock import CHINA

# Bounds on the year as written; they catch typos such as 20244 or 1024.
MIN_YEAR, MAX_YEAR = 2000, 2100

PATTERN = re.compile(
    r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
    r"[T ]"
    r"(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})"
    r"(?::(?P<second>[0-9]{2})(?:\.(?P<fraction>[0-9]{1,6}))?)?"
    r"(?P<offset>Z|(?P<sign>[+-])(?P<offset_hour>[0-9]{2}):(?P<offset_minute>[0-9]{2}))?"
)
_DATE_ONLY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# The same pattern for clients (JSON Schema, HTML `pattern`): anchored, without
# Python's named-group syntax, so ECMAScript and Python read it alike.
CLIENT_PATTERN = "^" + re.sub(r"\(\?P<\w+>", "(", PATTERN.pattern) + "$"
SYNTAX = "YYYY-MM-DDTHH:MM[:SS[.ffffff]][Z|±HH:MM]"
DESCRIPTION = (
    "日期 YYYY-MM-DD，接 T 或一个空格，再接时间 HH:MM；可加秒 :SS，秒后可加 . 和 1–6 位小数；"
    "末尾可加时区 Z 或 +HH:MM / -HH:MM（时 00–23，分 00–59）；首尾空格不计；"
    "不带时区按北京时间（UTC+8）"
)
EXAMPLES = ("2024-11-11T10:00", "2024-11-11 10:00:30", "2024-11-11T10:00:00+08:00",
            "2024-11-11T02:00:00.5Z")
EXAMPLE = EXAMPLES[0]
_SHOW = f"如 {EXAMPLE} 或 {EXAMPLES[2]}"

BAD_FORMAT = f"时间格式不正确，应为 {SYNTAX}（T 也可写成一个空格），{_SHOW}"
NO_SUCH_TIME = f"没有这个日期或时间（月 01–12，日按当月天数，时 00–23，分、秒 00–59），{_SHOW}"
BAD_OFFSET = f"时区不正确，应为 Z 或 +HH:MM / -HH:MM（时 00–23，分 00–59），{_SHOW}"
DATE_ONLY = f"请同时填写日期和时间，{_SHOW}"
BAD_YEAR = f"年份应在 {MIN_YEAR} 到 {MAX_YEAR} 之间，{_SHOW}"


def read_time(text: str) -> datetime:
    """Return the instant `text` names, in China time; raises ValueError with a Chinese message."""
    value = text.strip()
    match = PATTERN.fullmatch(value)
    if match is None:
        raise ValueError(DATE_ONLY if _DATE_ONLY.fullmatch(value) else BAD_FORMAT)
    year, month, day, hour, minute, second, offset_hour, offset_minute = (
        int(match[name] or 0) for name in
        ("year", "month", "day", "hour", "minute", "second", "offset_hour", "offset_minute"))
    zone = CHINA
    if match["offset"] == "Z":
        zone = timezone.utc
    elif match["offset"]:
        if offset_hour > 23 or offset_minute > 59:
            raise ValueError(BAD_OFFSET)
        sign = -1 if match["sign"] == "-" else 1
        zone = timezone(sign * timedelta(hours=offset_hour, minutes=offset_minute))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(BAD_YEAR)
    microsecond = int((match["fraction"] or "").ljust(6, "0"))
    try:
        moment = datetime(year, month, day, hour, minute, second, microsecond, tzinfo=zone)
    except ValueError:
        raise ValueError(NO_SUCH_TIME) from None
    return moment.astimezone(CHINA)
