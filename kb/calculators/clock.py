"""China time: the zone every calculator reads naive times in and shows results in."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

# The platform's times are China Standard Time, which has no daylight saving.
CHINA = timezone(timedelta(hours=8), "UTC+08:00")


def now() -> datetime:
    """Return the current time in China time."""
    return datetime.now(CHINA)


def iso(moment: datetime | None) -> str | None:
    """Return an ISO 8601 string in China time (with +08:00), or None."""
    if moment is None:
        return None
    return moment.astimezone(CHINA).isoformat()


def human(moment: datetime) -> str:
    """Return a Chinese date and time in China time, e.g. 2024年11月11日 10:00(北京时间)."""
    local = moment.astimezone(CHINA)
    text = f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"
    if local.second or local.microsecond:
        text += f":{local:%S}"
    return text + "（北京时间）"


def duration(delta: timedelta) -> str:
    """Return a non-negative span in Chinese, e.g. 1天2小时3分4秒."""
    seconds = int(delta.total_seconds())
    if seconds <= 0:
        return "0秒"
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [(days, "天"), (hours, "小时"), (minutes, "分"), (secs, "秒")]
    return "".join(f"{n}{unit}" for n, unit in parts if n)
