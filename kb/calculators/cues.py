"""How a calculator declares which words of a question give its inputs (next to its fields).

A `Cue` is a regex over the normalised question (NFKC, lower case, no spaces)
naming one role: an input (`orders`) or a helper the calculator derives inputs
from (`not_picked`). Macros stand for the value: `{N}` a count or bare amount,
`{M}` money with its unit (100块, 100元, ¥100, 一百元), `{P}` a percentage
(94%, 百分之94), `{T}` a time (前天晚上10点, 11月11日 10:30). A cue without a
macro states a fixed `value` (付了尾款 → after_final_payment).

When two cues claim the same number the lower `rank` wins; a tie between roles
makes the number ambiguous and it is dropped. kb.calculators.extract does the
reading; this module holds only the declarations, so calculator modules can
import it without a cycle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any, Callable

from kb.calculators.numerals import NUMBER
from kb.calculators.when import TIME

# After a count: not a duration, a clock time, a date, a percentage, points or money.
_NOT_COUNT = r"(?!\.\d|小时|个小时|h|天|点|分|%|号|月|日|年|周|元|块|毛|角|秒|倍|折|多|来|余|左右|上下)"
# Approximate numbers (大概500, 三百多单) are not a reading of an exact input.
_NOT_APPROX = r"(?<!大概)(?<!大约)(?<!约)(?<!差不多)(?<!将近)(?<!接近)(?<!估计)"
# 38块8 and 两块五 are 38.80 and 2.50: never read as 38 or 2 (nor the 8 on its own, by {N}).
_NO_CENTS = r"(?![\d零一二两三四五六七八九](?:毛|角)?)"
_CENT = r"[\d一二两三四五六七八九]"
# Money with its small change spoken: 38块8 = 38.80, 两块五 = 2.50, 3块5毛5 = 3.55
# (not 30块5个, 50元2天: a count or a time follows).
_CENTS = (rf"(?P<x>{NUMBER})(?:块|元)(?:零)?(?P<c>{_CENT})(?:毛|角)?(?:(?P<f>{_CENT})分?)?"
          rf"(?![\d零一二两三四五六七八九十百千万个件单笔张只瓶盒包天号月日点次倍%年周小])")
MONEY_UNIT = r"(?:元|块钱|块|rmb|人民币)"
# Dimes alone: 5毛 = 0.50 (not 5毛5, whose cents a reader might misplace).
_DIMES = r"(?P<j>[1-9一二两三四五六七八九])(?:毛|角)(?:钱)?(?![\d零一二两三四五六七八九分])"
MACROS = {
    "{N}": rf"{_NOT_APPROX}(?<![块元])(?<!百分之)(?P<v>{NUMBER}){_NOT_COUNT}",  # (百分之三 is a rate: {P})
    "{M}": rf"{_NOT_APPROX}(?:(?:¥|rmb|人民币)(?P<v>{NUMBER})(?:元|块钱|块)?{_NO_CENTS}|{_CENTS}"
           rf"|(?P<w>{NUMBER}){MONEY_UNIT}{_NO_CENTS}|(?<![\d零一二两三四五六七八九十百千万块元]){_DIMES})",
    "{P}": rf"(?:(?P<v>{NUMBER})%|百分之(?P<w>{NUMBER}))",
    "{T}": rf"(?P<v>{TIME})",
    # A number of hours (下单后30个小时才上传, 两小时后点了拒绝): read as a count.
    "{H}": rf"{_NOT_APPROX}(?P<v>{NUMBER})(?=个?(?:小时|钟头))",
}


@dataclass(frozen=True)
class Cue:
    """One way a question states a role's value."""

    role: str
    pattern: str
    value: Any = None
    rank: int = 0
    # For {T}: the time is of something that has already happened (rules out later readings).
    past: bool = True
    # The cue applies only if this regex is found somewhere in the question.
    when: str = ""
    # For {T}: the present as the merchant states it (现在是晚上9点), read near the moment asked.
    near: bool = False
    # A reading of last resort (any count of orders, any sum of money): ignored when a cue
    # that is not a fallback gives the role a value.
    fallback: bool = False
    # The cue does not apply when this regex is found in its clause before the match
    # (a bare 20单 in a clause about delays is no count of the week's orders).
    unless_clause: str = ""
    # Read in a what-if (如果客户同意取消 states its case's input); False for words that only cast
    # doubt on the figures stated (如果我把4单补做报备 leaves this week's delayed count as said).
    supposed: bool = True

    @cached_property
    def kind(self) -> str:
        for macro, kind in (("{N}", "number"), ("{H}", "number"), ("{M}", "money"), ("{P}", "percent"), ("{T}", "time")):
            if macro in self.pattern:
                return kind
        return "fixed"

    @cached_property
    def expanded(self) -> str:
        """Return the cue's regex source with its macro expanded."""
        text = self.pattern
        for macro, regex in MACROS.items():
            text = text.replace(macro, regex)
        return text

    def compile(self) -> re.Pattern:
        """Return the cue's regex."""
        return re.compile(self.expanded)


@dataclass(frozen=True)
class Scope:
    """A stretch of the question whose every figure is one helper role's.

    上周订单880 揽收860 延迟5 这周订单900…: from `start` to `end` (or the end of the sentence)
    each number is last week's, however many there are; a cue matches one figure at a time.
    """

    role: str
    start: str
    end: str
    # The scope applies only if this regex is found somewhere in the question.
    when: str = ""


@dataclass(frozen=True)
class Extraction:
    """What a calculator reads from a question, and how it turns what it read into inputs.

    `derive(read, unclear)` gets `{role: value}` for every role read (inputs and
    helpers) and the roles left unclear, and returns `{input: (value, Chinese note
    on how it was derived, or "")}`; by default the inputs as read.
    `note(read)` may return a Chinese sentence to show when the inputs are incomplete
    (a rule that applies without them). `headline(result)` is the one-line answer;
    by default the result's `summary`. `labels` names the helper roles in Chinese.
    """

    cues: tuple[Cue, ...]
    derive: Callable[[dict, set], dict] | None = None
    note: Callable[[dict], str | None] | None = None
    headline: Callable[[dict], str] | None = None
    labels: dict = field(default_factory=dict)
    # Pairs of time inputs (earlier, later) in the order they must happen: used to pick among
    # a time's readings (客户9点点了拒绝 after a card sent at 08:30 today is 09:00).
    order: tuple = ()
    # Helper roles that only say a figure is from elsewhere (another week, another source): set
    # against a role's value (我自己看后台是14单), such a figure still contradicts it.
    elsewhere: tuple = ()
    # Stretches whose figures belong to a helper role (Scope).
    scopes: tuple = ()


# Words several calculators' cues share.
# (他/她: the buyer just named, as merchants go on: 跟客户商量了 他同意了; 人家: the buyer, as older
# merchants say it)
BUYER = r"(?:买家|顾客|客户|消费者|客人|对方|买方|人家|他|她)"
ORDER_UNIT = r"(?:单|笔|个订单|个单|张订单|张单|件订单)"
# 现在是晚上9点, 现在凌晨1点, 现在7月2日 20:00: the present as the merchant states it.
NOW = r"(?:现在|目前|此刻|当前)(?:时间)?(?:是|已经是|已经|都|为|就是|:|\()?{T}"
# 今天20号下午5点了: the present said as the day and hour it has come to
NOW_TODAY = r"今天(?:是|已经是|已经|都)?{T}了(?![吗么])"
# What may stand between a cue's words: never a clause boundary, never another number.
GAP = r"[^,.;!?。、\d零一二两三四五六七八九十百千万]"


def later(target: str, start: str, hours: str, read: dict, unclear: set, out: dict, since: str) -> None:
    """Give `out[target]` the time `read[hours]` hours after `read[start]` (下单后30个小时才上传运单号).

    Nothing when either is not read; neither when the target was also stated as another time.
    """
    count, moment = read.get(hours), read.get(start)
    if count is None or hours in unclear or target in unclear or not isinstance(moment, str) or not 0 < count <= 24 * 30:
        return
    value = (datetime.fromisoformat(moment) + timedelta(hours=count)).strftime("%Y-%m-%dT%H:%M")
    if target in out and out[target][0] != value:
        del out[target]  # stated both as a time and as hours after another: they disagree
    else:
        out[target] = (value, f"{since} {count} 小时")
