"""Times as merchants say them, read relative to the moment the question is asked (China time).

前天晚上10点, 今天下午3点, 昨晚11点半, 11月11日 10:30, 双11 20:00, 上周五上午9点,
2小时前. `TIME` is a regex fragment that matches one such expression; `resolve()`
turns its text into one datetime, or None when it names no single instant (a
date without a clock time, 3点 that could be 03:00 or 15:00, a day that does not
exist). Conservative by construction: a reading is returned only when exactly
one fits.
"""

from __future__ import annotations

import re
from functools import lru_cache
from datetime import date, datetime, timedelta

from kb.calculators import numerals
from kb.calculators.clock import CHINA
from kb.calculators.times import MAX_YEAR, MIN_YEAR

_CN_SMALL = "零〇一二两三四五六七八九十"
_HOUR = rf"\d{{1,2}}|[{_CN_SMALL}]{{1,3}}"
_MINUTE = rf"\d{{1,2}}|[{_CN_SMALL}]{{1,4}}"

DAY_WORDS = {"大前天": -3, "前天": -2, "前": -2, "昨天": -1, "昨日": -1, "昨": -1, "今天": 0, "今日": 0,
             "今": 0, "明天": 1, "明日": 1, "明": 1, "后天": 2, "大后天": 3}
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
            "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}
SHOPPING_DAYS = {"双11": (11, 11), "双十一": (11, 11), "双12": (12, 12), "双十二": (12, 12),
                 "618": (6, 18), "元旦": (1, 1), "元旦节": (1, 1), "平安夜": (12, 24), "圣诞节": (12, 25),
                 "圣诞": (12, 25), "情人节": (2, 14)}
# Any festival with a time of day after it (父亲节下午3点): the one part of a time that may open
# with any Chinese character (kb.calculators.extract.mentions() looks for it by its 节).
ANY_FESTIVAL = r"[\u4e00-\u9fff]{2}节(?=\s?(?:凌晨|早|上午|中午|下午|傍晚|晚|夜|半夜|深夜))"
# Days named by the lunar calendar or only roughly (除夕, 春节, 初二, 周末, 月底): a time on
# them names no instant here, and must not fall back to today (除夕晚上8点 is not tonight).
_VAGUE_DAYS = (r"除夕|大年三十|年三十|春节|大年初[一二三四五六七八九十]|正月初?[一二三四五六七八九十]{1,2}|中秋节?|端午节?"
               r"|七夕|元宵节?|小年|重阳节?|国庆节?|劳动节|清明节?|周末|月底|月初|月中|年底|年初|节前|节后|假期"
               rf"|{ANY_FESTIVAL}"
               r"|初[一二三四五六七八九十](?=\s?(?:凌晨|早|上午|中午|下午|傍晚|晚|夜|半夜|深夜|\d|[零一二两三四五六七八九十]{1,3}[点时]))")

# The first or last day of a year or month named relative to today (去年最后一天 is 12月31日 of last year).
_EDGE_DAYS = r"(?:去年|今年|明年|上个?月|这个?月|本月|下个?月)的?(?:最后一天|第一天)"
# A day of a month named relative to today: 本月20日, 下个月5号, 上月30号.
_MONTH_DAYS = rf"(?:上个?月|这个?月|本月|下个?月)的?(?:\d{{1,2}}|[{_CN_SMALL}]{{1,3}})[日号]"
_MONTH_DAY_REL = re.compile(rf"^(?P<which>上个?月|这个?月|本月|下个?月)的?(?P<d>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})[日号]$")
_EDGE_DAY = re.compile(r"^(?P<which>去年|今年|明年|上个?月|这个?月|本月|下个?月)的?(?P<edge>最后一天|第一天)$")

# 那天, 当天, 次日 refer to a day named elsewhere in the question: read, and resolved only
# against the day named before them in the question (`anchor`); a bare 那天 names no day.
UNKNOWN_DAYS = ("那天", "当天", "那晚", "当晚", "次日", "隔天", "第二天", "第三天", "同一天", "那日")
_ANCHORED = {"那天": 0, "当天": 0, "那晚": 0, "当晚": 0, "同一天": 0, "那日": 0, "次日": 1, "隔天": 1, "第二天": 1, "第三天": 2}
_DAY_WORD = r"那天|当天|那晚|当晚|次日|隔天|第二天|第三天|同一天|那日|大前天|大后天|前天|昨天|昨日|今天|今日|明天|明日|后天|[昨今明](?=[早晚夜上下中凌午])|(?<![之以天提目面此从先])前(?=晚|夜)"
_PERIOD = "凌晨|早上|早晨|清晨|一早|上午|中午|午后|下午|傍晚|晚上|夜里|夜间|半夜|深夜|早|晚|夜"
# 11.11 is a date only before a clock time or a half of the day (11.11 20:00, 11.11晚上十点, 11.11零点);
# elsewhere it is an amount.
_DATE = (rf"(?:(?:\d{{4}})年)?(?:\d{{1,2}}|[{_CN_SMALL}]{{1,3}})月(?:\d{{1,2}}|[{_CN_SMALL}]{{1,3}})[日号]?"
         r"|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}|\d{1,2}-\d{1,2}(?!\d)|\d{1,2}/\d{1,2}"
         r"|(?<![\d.])\d{1,2}\.\d{1,2}(?=\s\d{1,2}:\d{2})"
         rf"|(?<![\d.])(?:1[0-2]|0?[1-9])\.(?:3[01]|[12]\d|0?[1-9])(?=\s?(?:{_PERIOD})\s?(?:\d{{1,2}}|[{_CN_SMALL}]{{1,3}})[点时:]"
         rf"|[{_CN_SMALL}]{{1,3}}[点时])"
         rf"|(?:\d{{1,2}}|[{_CN_SMALL}]{{1,3}})[日号](?:(?!\d)|(?=\d{{1,2}}(?::\d{{2}}|[点时])))"
         r"|双11|双十一|双12|双十二|元旦节?|平安夜|圣诞节?|情人节"
         r"|(?<!\d)618(?=零点|凌晨|当天|那天|晚上|早上|上午|下午|中午|\s?\d{1,2}[:点])"
         rf"|{_EDGE_DAYS}|{_MONTH_DAYS}"
         rf"|{_VAGUE_DAYS}"
         r"|(?:上上|下下|上|下|这|本)?(?:周|星期|礼拜)(?:[一二三四五六日天]|[1-7](?![\d.]))"
         rf"|(?:\d{{1,2}}|[{_CN_SMALL}]{{1,3}})天前")
# 双11那天, 11月11日当天: the day just named, not a day named elsewhere.
_DATE = rf"(?:{_DATE})(?:那天|当天|那晚|当晚)?"
# 零点过5分 is 00:05.
# 一点 after 晚/早/快 is "a little" (晚一点发货), not one o'clock. 10:30 never runs on from
# another number (11.1120:00 is no clock time). 一刻 and 三刻 are a quarter past and to.
_QUARTER = "一刻|三刻"
_CLOCK = (rf"(?:(?<![\d.:])\d{{1,2}}:\d{{2}}"
          rf"|(?:(?<![晚早快慢多少好差有])|(?!一[点时](?![半\d{_CN_SMALL}])))"
          rf"(?:{_HOUR})[点时](?:过?{_QUARTER}|(?:过(?=(?:{_MINUTE})分))?(?:{_MINUTE})(?:分|(?![单笔个件元块天号日\d{_CN_SMALL}]))|半|钟|整)?)")
_AGO = rf"(?:\d{{1,3}}|[{_CN_SMALL}]{{1,3}}|半)个?半?(?:小时|钟头|分钟|h)(?:以前|之前|前)|刚刚|刚才"
TIME = (rf"(?:(?:{_DAY_WORD}|{_DATE})\s*(?:{_PERIOD})?\s*{_CLOCK}"
        rf"|(?:{_PERIOD})\s*{_CLOCK}|{_CLOCK}|{_AGO}|(?:{_DAY_WORD}|{_DATE})(?:{_PERIOD})?)")
# A clock time must not run into a following digit or unit (3点5单 is not 3:05).
TIME_RE = re.compile(rf"(?:{TIME})")

_PARTS = re.compile(
    rf"^(?:(?P<dayword>{_DAY_WORD})|(?P<date>{_DATE}))?\s*(?P<period>{_PERIOD})?\s*"
    rf"(?:(?P<hhmm>\d{{1,2}}:\d{{2}})|(?P<hour>{_HOUR})(?P<mark>[点时])(?:过?(?P<quarter>{_QUARTER})|过?(?P<minute>{_MINUTE})分?"
    rf"|(?P<half>半)|钟|整)?)?$")
_AGO_RE = re.compile(rf"^(?P<n>\d{{1,3}}|[{_CN_SMALL}]{{1,3}}|半)个?(?P<half>半)?(?P<unit>小时|钟头|分钟|h)(?:以前|之前|前)$")
_MONTH_DAY = re.compile(rf"^(?:(?P<y>\d{{4}})年)?(?P<m>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})月"
                        rf"(?P<d>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})[日号]?$")
_ISO_DATE = re.compile(r"^(?P<y>\d{4})([-/.])(?P<m>\d{1,2})\2(?P<d>\d{1,2})$")
_SLASH_DATE = re.compile(r"^(?P<m>\d{1,2})[/.-](?P<d>\d{1,2})$")
_THAT_DAY = re.compile(r"(?<=.)(?:那天|当天|那晚|当晚)$")
_DAY_OF_MONTH = re.compile(rf"^(?P<d>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})[日号]$")
_WEEKDAY = re.compile(r"^(?P<which>上上|下下|上|下|这|本)?(?:周|星期|礼拜)(?P<day>[一二三四五六日天1-7])$")
_DAYS_AGO = re.compile(rf"^(?P<n>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})天前$")


def _small(text: str) -> int | None:
    return numerals.integer(text)


def _minute(text: str) -> int | None:
    """Return the minutes of a clock time: 05, 零五 (十点零五分) and 五 alike."""
    return _small(text.lstrip("零〇") or "零")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest(candidates: list[date | None], today: date, past: bool) -> list[date]:
    """Return the candidate dates nearest to today (a date written without its year or month).

    For something that has already happened only dates up to today are candidates: 5/14 asked
    in December is last May, though next May is nearer.
    """
    found = [c for c in candidates if c is not None and not (past and c > today)]
    if not found:
        return []
    best = min(abs((c - today).days) for c in found)
    return [c for c in found if abs((c - today).days) == best]


def _dates(text: str, today: date, past: bool) -> list[date] | None:
    """Return the dates a day expression can name; None if it names none."""
    if text in UNKNOWN_DAYS:
        return None
    text = _THAT_DAY.sub("", text)
    if text in DAY_WORDS:
        return [today + timedelta(days=DAY_WORDS[text])]
    if text in SHOPPING_DAYS:
        month, day = SHOPPING_DAYS[text]
        return _nearest([_safe_date(today.year + k, month, day) for k in (-1, 0, 1)], today, past)
    match = _MONTH_DAY.match(text) or _ISO_DATE.match(text) or _SLASH_DATE.match(text)
    if match:
        month, day = _small(match["m"]), _small(match["d"])
        if month is None or day is None:
            return None
        if match.groupdict().get("y"):
            found = _safe_date(int(match["y"]), month, day)
            return [found] if found else None
        return _nearest([_safe_date(today.year + k, month, day) for k in (-1, 0, 1)], today, past) or None
    match = _DAY_OF_MONTH.match(text)
    if match:
        day = _small(match["d"])
        if day is None:
            return None
        months = [(today.year + (today.month - 1 + k) // 12, (today.month - 1 + k) % 12 + 1) for k in (-1, 0, 1)]
        return _nearest([_safe_date(y, m, day) for y, m in months], today, past) or None
    match = _WEEKDAY.match(text)
    if match:
        weekday = WEEKDAYS[match["day"]]
        monday = today - timedelta(days=today.weekday())
        weeks = {"上上": -2, "上": -1, "下": 1, "下下": 2}.get(match["which"] or "")
        if weeks is not None:
            return [monday + timedelta(days=7 * weeks + weekday)]
        if match["which"]:
            return [monday + timedelta(days=weekday)]
        if not past:
            # Something still to happen (约定周五发货): this week's 周五 if it is not yet over;
            # once it is, 周五 could be the one just past or next week's.
            day = monday + timedelta(days=weekday)
            return [day] if day >= today else None
        back = (today.weekday() - weekday) % 7
        return [today - timedelta(days=back)]
    match = _MONTH_DAY_REL.match(text)
    if match:
        first = _edge_day(match["which"], False, today)
        day = _small(match["d"])
        found = None if day is None else _safe_date(first.year, first.month, day)
        return [found] if found else None
    match = _EDGE_DAY.match(text)
    if match:
        return [_edge_day(match["which"], match["edge"] == "最后一天", today)]
    match = _DAYS_AGO.match(text)
    if match:
        days = _small(match["n"])
        return None if days is None else [today - timedelta(days=days)]
    return None


def _edge_day(which: str, last: bool, today: date) -> date:
    """Return the first or last day of the year or month `which` (去年, 下个月 …) names relative to today."""
    if which.endswith("年"):
        year = today.year + {"去年": -1, "今年": 0, "明年": 1}[which]
        return date(year, 12, 31) if last else date(year, 1, 1)
    shift = -1 if which.startswith("上") else 1 if which.startswith("下") else 0
    year, month = today.year + (today.month - 1 + shift) // 12, (today.month - 1 + shift) % 12 + 1
    first = date(year, month, 1)
    if not last:
        return first
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


# The parts of the day 24点 may follow (今晚24点, 今天24:00).
_MIDNIGHT_PERIODS = (None, "晚上", "夜里", "夜间", "半夜", "深夜", "晚", "夜")


def _hours(hour: int, period: str | None) -> list[int]:
    """Return the 24-hour clock hours `hour` can mean after `period` (none if it cannot)."""
    if hour > 24:
        return []
    if period is None:
        if hour == 0 or 13 <= hour <= 23:
            return [hour]
        if hour == 24:
            return []
        return [hour, 0] if hour == 12 else [hour, hour + 12]
    if period in ("凌晨",):
        return [0] if hour == 12 else ([hour] if hour <= 6 else [])
    if period in ("早上", "早晨", "清晨", "一早", "早", "上午"):
        return [hour] if 0 <= hour <= 12 else []
    if period in ("中午",):
        return [hour] if hour in (11, 12) else ([hour + 12] if 1 <= hour <= 2 else [])
    if period in ("下午", "午后"):
        if 1 <= hour <= 11:
            return [hour + 12]
        return [hour] if 12 <= hour <= 23 else []
    if period in ("半夜", "深夜"):
        if 9 <= hour <= 11:
            return [hour + 12]
        return [hour] if 0 <= hour <= 4 or 21 <= hour <= 23 else []
    # 傍晚, 晚上, 夜里, 夜间, 晚, 夜: evening hours only; 晚上12点 and 晚上1点 straddle two days.
    if 5 <= hour <= 11:
        return [hour + 12]
    return [hour] if 17 <= hour <= 23 else []


def resolve(text: str, now: datetime, past: bool = False, near: bool = False) -> datetime | None:
    """Return the one instant `text` names, in China time, or None if it names none or several.

    `now` is when the question was asked; `past` says the time is of something that
    has happened (an order, a card sent), which rules out readings after `now`;
    `near` says it is the present moment as the merchant states it (现在是晚上9点).
    """
    found = readings(text, now, past, near)
    return found[0] if len(found) == 1 else None


def readings(text: str, now: datetime, past: bool = False, near: bool = False,
             anchor: date | None = None) -> list[datetime]:
    """Return every instant `text` can name (sorted), or [] if it names no instant.

    Several readings are returned when, say, 9点 could be 09:00 or 21:00; a caller
    that knows more (a card is answered after it was sent) may pick among them.
    `anchor` is the day named before in the question, the day 当天/那天 (and 次日 the day after) refer to,
    and the day of a clock time that names none (周四那单卡片是晚上10点发的).
    """
    return list(_readings(text, now, past, near, anchor))


def clear_cache() -> None:
    """Forget the times read so far (the extraction benchmark times every sample as a new question)."""
    _readings.cache_clear()


# Several cues read each time a question names (a question's calculations ask for a time's
# readings five to ten times): the same text read at the same moment is read once.
@lru_cache(maxsize=1024)
def _readings(text: str, now: datetime, past: bool, near: bool, anchor: date | None) -> tuple[datetime, ...]:
    now = now.astimezone(CHINA)
    text = _SPACES.sub(" ", text).strip()
    if near:
        found = _near(text, now)
    else:
        found = _resolve(text, now, past, anchor=anchor)
    return tuple(sorted(moment for moment in found if MIN_YEAR <= moment.year <= MAX_YEAR))


_SPACES = re.compile(r"\s+")
# How far a stated present (现在是晚上9点) may be from the moment the question is asked.
NEAR = timedelta(hours=6)


def _near(text: str, now: datetime) -> set[datetime]:
    """Return the reading of a stated present: the one within NEAR of the moment asked."""
    if _AGO_RE.match(text) or text in ("刚刚", "刚才"):
        return set()
    # A day it names (今天晚上8点) is today's; a clock time alone may be just after midnight
    # (现在0点10分 asked at 23:50), so it is also read as of NEAR from now.
    found = _resolve(text, now, past=True, implicit_latest=False, latest=now + NEAR)
    found |= _resolve(text, now + NEAR, past=True, implicit_latest=False)
    return {moment for moment in found if abs(moment - now) <= NEAR}


def _resolve(text: str, now: datetime, past: bool, implicit_latest: bool = True,
             anchor: date | None = None, latest: datetime | None = None) -> set[datetime]:
    """Return the instants `text` names as of `now`; with `past`, none after `latest` (default `now`)."""
    if text in ("刚刚", "刚才"):
        return set()  # a moment ago, how long ago not said: no instant
    match = _AGO_RE.match(text)
    if match:
        amount = 0.5 if match["n"] == "半" else _small(match["n"])
        if amount is None or match["half"] and match["n"] == "半":
            return set()
        amount += 0.5 if match["half"] else 0  # 一个半小时前
        unit = timedelta(hours=1) if match["unit"] in ("小时", "钟头", "h") else timedelta(minutes=1)
        return {(now - unit * amount).replace(second=0, microsecond=0)}
    match = _PARTS.match(text)
    if match is None or not (match["hhmm"] or match["hour"]):
        return set()  # a day without a clock time names no single instant (周日中午: labellers differ on noon)
    if match["hhmm"]:
        hour_text, minute_text = match["hhmm"].split(":")
        hour, minute = int(hour_text), int(minute_text)
    else:
        hour = _small(match["hour"])
        if match["quarter"]:
            minute = 15 if match["quarter"] == "一刻" else 45
        else:
            minute = 30 if match["half"] else (_minute(match["minute"]) if match["minute"] else 0)
    if hour is None or minute is None or minute > 59:
        return set()
    day_text = match["dayword"] or match["date"]
    if day_text and day_text.startswith("前") and day_text != "前天":
        day_text = "前天"
    today = now.date()
    if day_text in _ANCHORED and anchor is not None:
        days = [anchor + timedelta(days=_ANCHORED[day_text])]
        implicit_day = False
    elif not day_text and anchor is not None:
        days = [anchor]  # a clock time on the day its clause named before it
        implicit_day = False
    elif day_text:
        days = _dates(day_text, today, past)
        if not days:
            return set()
        implicit_day = False
    else:
        if not past:
            return set()  # a clock time with no day could be today or tomorrow
        days = [today, today - timedelta(days=1)]
        implicit_day = True
    readings: set[datetime] = set()
    # 10:30 is a 24-hour clock time (22:30 would be written so); 10点 may be either half of the day.
    # 10:30 and the formal 九时 (written 二十一时 for the evening) are 24-hour clock times; 10点 may
    # be either half of the day.
    clock24 = match["hhmm"] or match["mark"] == "时"
    hours = [hour] if clock24 and hour < 24 and not match["period"] else _hours(hour, match["period"])
    if hour == 24 and minute == 0 and not implicit_day and match["period"] in _MIDNIGHT_PERIODS:
        days, hours = [d + timedelta(days=1) for d in days], [0]  # 今晚24点, 今天24:00: the end of that day
        if past:
            days = [d for d in days if datetime(d.year, d.month, d.day, tzinfo=CHINA) <= (latest or now)]
    for hour24 in hours:
        found = [datetime(d.year, d.month, d.day, hour24, minute, tzinfo=CHINA) for d in days]
        if past:
            found = [f for f in found if f <= (latest or now)]
        if implicit_day and found and implicit_latest:
            found = [max(found)]  # the latest such time not after now: 晚上11点 asked at 00:30 is yesterday's
        readings.update(found)
    return readings


def _parts(text: str) -> re.Match | None:
    """Return a time expression parted into its day, part of the day and clock time, or None."""
    return _PARTS.match(_SPACES.sub(" ", text).strip())


def day_text(text: str) -> str:
    """Return the words of a time expression that name its day (今天 of 今天上午9点), or ""."""
    match = _parts(text)
    return (match["dayword"] or match["date"] or "") if match else ""


def period_text(text: str) -> str:
    """Return the part of the day a time expression names (下午 of 昨天下午5点), or ""."""
    match = _parts(text)
    return (match["period"] or "") if match else ""


def names_clock(text: str) -> bool:
    """Whether a time expression says a time of day (16:30, 昨天下午3点, 2小时前), not a day alone (前天晚上, 周五)."""
    if _AGO_RE.match(text) or text in ("刚刚", "刚才"):
        return True
    match = _parts(text)
    return bool(match and (match["hhmm"] or match["hour"]))


def days_after_anchor(text: str) -> int | None:
    """Return how many days after the day named before it a time expression names (次日上午9点: 1), or None."""
    for word, offset in _ANCHORED.items():
        if text.startswith(word):
            return offset
    return None


def refers_back(text: str) -> bool:
    """Whether a time expression names its day by one named before it (当天中午12点, 次日上午9点)."""
    return days_after_anchor(text) is not None


def day_of(text: str, now: datetime, past: bool = True) -> date | None:
    """Return the one day a time expression names (11月11号零点, 双11, 昨天), or None."""
    match = _parts(text)
    if match is None:
        return None
    day_text = match["dayword"] or match["date"]
    if not day_text or day_text in _ANCHORED:
        return None
    if day_text.startswith("前") and day_text != "前天":
        day_text = "前天"
    days = _dates(day_text, now.astimezone(CHINA).date(), past)
    return days[0] if days and len(days) == 1 else None


def text(moment: datetime) -> str:
    """Return an instant in the calculators' strict time format, China wall-clock time (2024-11-11T10:00)."""
    return moment.astimezone(CHINA).strftime("%Y-%m-%dT%H:%M")
