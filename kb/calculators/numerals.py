"""Numbers as merchants type them: 450, 1,200, 1.5万, 3k, 三百, 两单, 一百二十, 四百零五, 一千二, 1千2百, 1万2.

`NUMBER` is a regex fragment matching one whole number (never part of a longer
one); `value()` turns its text into a Decimal, or None when the text is not a
number a person would write (一十十, 三百百).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
BIG = {"万": 10_000}

_CN = "零〇一二两俩三四五六七八九十百千万"
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A Chinese numeral is at least one character of _CN; `value()` rejects the malformed ones.
# (not the 一 of 一致, 一直, 一样, 一下, 一共, 一起, 一些, 一般, 一定, 一旦, 一切, 一向, 另一个: words, not numbers)
_CHINESE = rf"(?<!另)(?!一[致直样下共起些般定旦切向])[{_CN}]+"
# Arabic digits written with Chinese units, as typed on a phone: 3百, 1千2百, 1千2, 1万2, 1.5万2千.
_MIXED = r"\d+(?:\.\d+)?万(?:\d[千百十]?){0,4}|\d+万[零〇一二两三四五六七八九十百千]+|\d[千百](?:\d[百十]?){0,2}"
# Arabic digits may take a 万/千 multiplier (1.5万, 3千), or as typed in chats k/w (3k, 1.5w; not 3kg);
# neither side may touch another digit.
NUMBER = (rf"(?<![\d.{_CN}])(?<!\d,)(?:(?:{_MIXED})(?![\d{_CN}]|\.\d)|(?:{_ARABIC})(?:[万千]|[kw](?![a-z]))?(?![\d万千百十]|\.\d)"
          rf"|{_CHINESE}(?![\d{_CN}]|\.\d))")
NUMBER_RE = re.compile(NUMBER)


def _chinese_below_10000(text: str) -> int | None:
    """Return the value of a numeral made of digits and 十/百/千, or None if malformed."""
    total = 0
    pending: int | None = None  # a digit waiting for its unit
    last_unit = 10_000
    zero_seen = False
    for char in text:
        if char in DIGITS:
            if pending is not None:
                return None  # two digits in a row (一二) is not a numeral
            if DIGITS[char] == 0:
                zero_seen = True
            else:
                pending = DIGITS[char]
        elif char in UNITS:
            unit = UNITS[char]
            if unit >= last_unit:
                return None  # units must fall: 三百百, 十百
            if pending is None:
                if unit != 10 or total:
                    return None  # a bare 百 or 千, or 一百十
                pending = 1  # 十五 = 15
            total += pending * unit
            pending, last_unit, zero_seen = None, unit, False
        else:
            return None
    if pending is not None:
        if last_unit in (100, 1000) and not zero_seen:
            total += pending * (last_unit // 10)  # colloquial: 一千二 = 1200, 三百五 = 350
        else:
            total += pending
    return total


def chinese_value(text: str) -> int | None:
    """Return the integer a Chinese numeral writes, or None if it is not well formed."""
    if text.count("万") > 1:
        return None
    if "万" in text:
        high, low = text.split("万")
        if not high:
            return None
        high_value = _chinese_below_10000(high)
        if high_value is None:
            return None
        low_value = _chinese_below_10000(low.lstrip("零〇")) if low else 0
        if low_value is None:
            return None
        if low and not low.startswith(("零", "〇")) and len(low) == 1 and low in DIGITS:
            low_value = DIGITS[low] * 1000  # 一万二 = 12000
        return high_value * 10_000 + low_value
    if len(text) > 1 and all(c in DIGITS for c in text):
        return None  # 一二 or 二零二四 are not amounts (years are written in digits here)
    return _chinese_below_10000(text)


_ARABIC_TO_CN = str.maketrans("0123456789", "零一二三四五六七八九")
_MIXED_RE = re.compile(r"(?:(?P<high>\d+(?:\.\d+)?)万)?(?P<low>(?:\d[千百十]?)*)")


def _mixed_value(text: str) -> Decimal | None:
    """Return the value of Arabic digits written with Chinese units (1千2百, 1万2, 1万零五十), or None."""
    high, _, low = text.partition("万")
    if low and high.isdigit() and not any(char.isdigit() for char in low):
        rest = chinese_value("一万" + low)  # 1万零五十 is 一万零五十 with its ten thousands in digits
        return None if rest is None else Decimal(int(high) * 10_000 + rest - 10_000)
    match = _MIXED_RE.fullmatch(text)
    if match is None:
        return None
    total = Decimal(0)
    if match["high"]:
        total = Decimal(match["high"]) * 10_000
        if match["low"] and match["low"].isdigit():
            # 1万2 = 12000 as 一万二 is; 1.5万2 is no one's way of writing
            return None if "." in match["high"] or len(match["low"]) > 1 else total + int(match["low"]) * 1000
    if match["low"]:
        low = _chinese_below_10000(match["low"].translate(_ARABIC_TO_CN))
        if low is None:
            return None
        total += low
    return total


def value(text: str) -> Decimal | None:
    """Return the number `text` writes (Arabic, Chinese, or Arabic with 万/千), or None."""
    if not text:
        return None
    if text[0].isdigit() and (any(unit in text[:-1] for unit in "万千百十") or text[-1] in "百十"):
        return _mixed_value(text)
    if text[0].isdigit():
        multiplier = 1
        if text[-1] in "万千kw":
            multiplier = 10_000 if text[-1] in "万w" else 1000
            text = text[:-1]
        try:
            number = Decimal(text.replace(",", ""))
        except InvalidOperation:
            return None
        return number * multiplier
    integer = chinese_value(text)
    return None if integer is None else Decimal(integer)


def integer(text: str) -> int | None:
    """Return the whole number `text` writes, or None if it is not one (3.5 is not a count)."""
    number = value(text)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)
