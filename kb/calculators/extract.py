"""Read a calculator's inputs from the merchant's question and compute with them when all are there.

“这周450单有30单48小时没揽收,扣几分” → orders 450, picked_up_within_48h 420,
delayed_orders 30 → 本周扣 7 分. Each calculator declares its cues in its own
module (`Calculator.extraction`, see kb.calculators.cues); this module applies
them to the question as kb.calculators.normalise rewrites it. Conservative by
construction: an input is filled only when exactly one reading fits; a number
two roles claim equally, a role given two different values, a time that could
be 03:00 or 15:00 — all stay empty. A result is computed only when every
required input was read.
"""

from __future__ import annotations

import re
import re._parser as _parser
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any, Iterable

from kb import regex_cache
from kb.calculators import REGISTRY, clock, form, numerals, when
from kb.calculators.focus import focus
from kb.calculators.cues import BUYER, MACROS, Cue, Scope
from kb.calculators.normalise import HEDGES, HEDGES_BEFORE, WHICH_UNKNOWN, normalise
from kb.calculators.parse import _Bad, parse_value
from kb.calculators.spec import Calculator, CalculatorInputError, Field
from kb.calculators.times import read_time

_MENTIONS = re.compile(rf"{when.TIME}|{numerals.NUMBER}")
# 订单300还是320, 定金50 还是 80, 昨天上午10点还是今天上午10点: neither number is the reading.
_OR = re.compile(r"还是")
_OR_LEFT = re.compile(r"[^。!?;]{0,6}")
_OR_RIGHT = re.compile(r"^[^。!?;\d]{0,4}$")
# 订单有600和580两个数, 定金50或80: two numbers side by side for one thing; neither is the reading.
_PAIR = re.compile(r"[单笔个件元块]?(?:和|或者|或|跟|与)")
# A what-if's clause (如果买家同意, 要是调不到货): the case supposed, not the merchant's own facts.
# (not the 万一 of 一万一千: a number)
_IF_WORD = r"(?:如果|要是|(?<![零一二两三四五六七八九十百千\d])万一|假如|假设|若是|倘若)"
_IF = re.compile(rf"{_IF_WORD}[^,.;!?。]*$")
# (a what-if's times, in its sentence: 如果今天下午5点下单，明天下午4点上传单号)
_IF_SENTENCE = re.compile(rf"{_IF_WORD}[^.;!?。]*$")
# …or said with 的话 after it (调不到的话), and what follows from it in its clause (的话就同意取消).
_IF_AFTER = re.compile(r"(?:了)?的话")
_THEN_BEFORE = re.compile(r"的话")
# A what-if states the inputs of its case (要是客户付了尾款，调不到货，他同意取消，退多少: computed as
# supposed), but not a rule with its consequence (如果调不到就同意取消) nor one someone said (买家说如果…).
_THEN = re.compile(r"[^.;!?。]*?(?<!成)就")
_SAID_IF = re.compile(r"(?:说|原话|表示|讲)[^,.;!?。]{0,4}$")


def _ruled(text: str, start: int) -> bool:
    """Tell whether a fact at `start` is part of an if-then rule or of someone's stated condition."""
    opened = _IF_SENTENCE.search(text, 0, start)
    return opened is not None and (_THEN.match(text, opened.end()) is not None
                                   or _SAID_IF.search(text, max(0, opened.start() - 8), opened.start()) is not None)


# A hedged statement (客户好像点了接受, 订单可能是300; 点了接受 我也不确定) states no value.
# (大概有500单, 估计延迟了20单, 差不多是下午3点: an estimate, whatever stands between)
_HEDGE = re.compile(rf"(?:{'|'.join(HEDGES_BEFORE)})[^,.;!?。]*$")
_UNSURE_AFTER = re.compile(r"[^,.;!?。]*[,.;!?。](?:但|但是)?(?:我|我们)?(?:也|又|都|还)?"
                           r"(?:不确定|不太确定|不敢确定|记不清|不记得|[^,.;!?。]{0,6}(?:是我估的|是估的|是我猜的|没看记录)"
                           r"|(?:可能是|或许是|也许是|或者是)(?=[\d零一二两三四五六七八九十]|[上下中晚凌早今昨前]))"
                           r"(?!了?(?:怎么|如何|什么|多少|几|会不会|是不是|能不能|要不要|扣不扣|算不算|对不对))"
                           r"|[^,.;!?。]*?(?:是我估的|是估的|是我猜的)"
                           # (尾款付了没有我不确定; 15:00（也可能是16:00）)
                           r"|[^,.;!?。]*?(?:我|也)?(?:不确定|不太确定)(?![^,.;!?。]*(?:怎么|如何|什么|多少|几|会不会|是不是|能不能|要不要))"
                           r"|\((?:也)?(?:可能|或许|也许|或者)")
# 客户大概昨天晚上点的接受: roughly when, but surely accepted (a fact's words after a rough time).
_ROUGH_TIME = re.compile(r"(?:大概|大约|大致|差不多|约莫)(?:是|在)?(?=[\d零一二两三四五六七八九十]|[上下中晚凌早今昨前])")


def _hedged(text: str, end: int, fact: bool) -> bool:
    """Tell whether a hedge in its clause makes what ends at `end` unsure (not a fact after a rough time)."""
    hedge = _HEDGE.search(text, 0, end)
    return hedge is not None and not (fact and _ROUGH_TIME.match(text, hedge.start()))


# 下单前天下午3点 好像是3点15: a figure, then an unsure other one for it: neither is read.
_UNSURE_NEXT = re.compile(r"[^,.;!?。]*[,.;!?。](?:好像是|似乎是|貌似是)(?=[\d零一二两三四五六七八九十]|[上下中晚凌早今昨前])")
# An approximate number or time (十几单, 几十单, 一千出头, 三百来单, 三百单左右, 3点多, 300到350单,
# 将近500, 不到300单, 至少20单) states no exact value: neither end of a range is the reading.
_APPROX_BEFORE = re.compile(r"(?:(?:大概|大约|大致|约莫|差不多|将近|接近|估计|至少|最少|起码|最多|顶多|不到|不足"
                            r"|不止|超过|多于|少于|(?<!最)近|快(?:要)?)(?:有|是|在|为|到)?|约(?:有|是|为)?|几|好几)$")
_APPROX_AFTER = re.compile(r"(?:几|好几|多(?![少久长])|余|出头|左右|上下|开外|\+|来(?=[单笔个件块元号点天次])|过几分|多几分)"
                           r"|(?:个?订单|个?单子?|笔|个|件|块钱|块|元|点|号|天|%)"
                           r"(?:多(?![少久长扣])|出头|左右|上下|开外|以上|以下|不到|朝上|往上)"
                           r"|[单笔个件块元]?(?:到|至|~|-|—)(?=\d|[一二两三四五六七八九十])")
_APPROX_WORDS = ("好几", "过几分", "快", "扣", "大概", "大约", "大致", "约", "差不多", "将近", "接近", "估计", "至少", "最少", "起码", "最多", "顶多",
                 "不到", "不足", "不止", "超过", "多于", "少于", "近", "几", "多", "余", "出头", "左右", "上下", "开外",
                 "+", "来", "以上", "以下", "朝上", "往上", "到", "至", "~", "-", "—")
# The conservative gate: a number is read for a role only when what follows it is understood —
# a known unit (单, 个, 元, 小时, h, 号, %, 毛 …; 5毛 is read by {M} as 0.50, never by {N}), a
# separator not followed by more of the number (5,千多 from 订单 5 千多; 700,或720), a deposit
# or final payment it is paid as or next to (100定金, 一百二的定金, 定金100和尾款400), a boosted
# deposit (50抵100), or the end. Anything else (5千多, 700或, 3万吗, 1300吧, 400对吧) leaves the
# roles the number could fill unclear: a field empty, not guessed.
_EXPLAINED_AFTER = re.compile(r"$|(?:个?订单|单|笔|个|件|元|块|毛|角|分|点|号|月|日|时|小时|h|天|周|年|次|张|%|万)"
                              r"|[,.;:!?。、()/|\[\]【】](?![千万百十多来余左右出头或和到至几])"
                              r"|(?:的|和|跟|与|及)?(?:定金|订金|尾款)|抵(?=\d|[一二两三四五六七八九十百])"
                              r"|的(?=预售|订单|单子|那单|这单|商品|货|那种|[^,.;!?。\d]{0,6}预售)"  # 定金一万二的预售钢琴
                              # (定金99没付尾款, 定金100要退吗: the next clause, typed without a break)
                              r"|(?=没|未|已|要|还|付|交|加|\+|客户|买家|顾客|消费者|尾款|调)"
                              r"|整(?=$|[,.;!?。])"  # 订单1000整
                              r"|的话")  # 定金200的话 (a what-if's figure is read)
# (那延迟发货就是12单吧: a guess)
_ASKED_AMOUNT = re.compile(r"(?:个?订单|单|笔|个|件|元|块钱|块|毛|角)?(?:吗|么|嘛|吧|\?)")
_RATE_AFTER = re.compile(r"(?:个?订单|个?单|笔|个)?扣[\d一二两三四五六七八九十]+分")
# A question about a fact (能调货吗, 客户同不同意, 付没付尾款, 是否同意) states none: a fixed cue's
# words inside an A-not-A question (付没付, 付了没付), after 是否/能否/有没有…, or before 吗/没/不 that end the clause.
_A_NOT_A = re.compile(r"([\u4e00-\u9fff]{1,2})(?:了)?[不没](?:有)?\1")
_ASKED_BEFORE = re.compile(r"(?:是否|能否|可否|是不是|有没有|会不会|能不能|可不可以|要不要|愿不愿意|肯不肯)"
                           r"[^,.;!?。\d]{0,3}$")
_ASKED_AFTER = re.compile(r"[了过到的呢货]{0,2}(?:吗|么|嘛|\?|(?:没有?|不)(?=$|[,.;!?。]))")
# A record a figure is read from besides the merchant's word (后台显示, 报表是, 京麦上显示).
_SOURCES = r"(?:聊天记录|记录|系统|后台|报表|表格|订单详情|erp|wms|财务|对账|导出|截图|京麦|风向标)(?:里|上|记录|导出)?"
# 后台显示18单 但是我自己数是15单: a second figure set against the one before it, with no role of
# its own, gives that role two values (neither is read).
_CONTRAST = re.compile(r"[^。!?;\d]{0,12}?(?:但是|但|可是|不过|其实|实际上|实际|然而|又写的|又写着|又显示|又说是|又说|又是)"
                       r"[^。!?;\d]{0,10}$"
                       rf"|[^。!?;\d]{{0,10}}?{_SOURCES}(?:显示|写的|写着|是)?(?:的)?(?:是)?$"
                       r"|[^。!?;\d]{0,6}?(?:另一个|另外一个|另一位|又有|客服|同事|店员|员工|仓库|老板|客户|买家|顾客|消费者|快递|物流)[^。!?;\d]{0,4}?说(?:是|他|她)?(?:付了|付的是|交了)?$"
                       r"|[^。!?;\d]{0,10}?(?:我|自己)(?:自己)?(?:在)?(?:后台|系统|表格|表|报表)?(?:里)?(?:数|算|统计|核对|查|看|记得|这里|这边|印象)[^。!?;\d]{0,6}$"
                       # (a colleague after a clause break: 后台是380单，运营说是395单; 店长群里说是7单)
                       r"|[^。!?;\d]{0,2}?,(?:运营|店长|主管|组长|经理)[^。!?;\d]{0,4}?说(?:是)?$"
                       # (a pasted chat: another speaker who disagrees, 客服a:…3号上午10点,客服b:我记得是3号下午2点)
                       r"|[^。!?;\d]{0,8}?,(?:客服|运营|仓库|老板|店长|主管|组长|财务|同事|小)[\u4e00-\u9fff]{0,2}[a-z]?:"
                       r"(?:不对|不是|我记得|我这里|我这边|我看|应该是|好像是)[^。!?;\d]{0,10}$")

# …unless it agrees with it (后台也是10点, 系统显示的一样是300单).
_AGREEING = re.compile(r"(?:也是|也都是|也显示|也写的|一样是|同样是|也为)$")
# 买家说付了150，后台显示120: another source's figure, right after it is named, against one no cue reads.
_SOURCE_BEFORE = re.compile(rf"[^。!?;\d]{{0,8}}?{_SOURCES}(?:显示|写的|写着|是)(?:的)?(?:是)?")
_CONTRAST_WORDS = ("但", "可是", "不过", "其实", "实际", "然而", "数", "算", "统计", "核对", "查", "看", "又", "显示", "写", "另", "说", "报表",
                   "记录", "详情", "哪个", "erp", "wms", "财务", "对账", "导出", ":", "表格", "截图", "京麦", "风向标")


# A yes/no field answered no (客户同意:否, 可调货=不, 买家同意：没有): the field's words are its label, not a fact.
# (客户接受到货时间:否: the rest of the label may stand between the cue's words and its answer)
_ANSWERED_NO = re.compile(r"[^,.;!?。:\d]{0,6}:(?:否|不|没|无|未|no(?![a-z])|n(?![a-z])|false)")


# A value stated against the form's own label (orders=2045) outranks any cue's reading of it.
_FORM_RANK = -1


class _Conflict:
    """A value no other equals: a figure set against a role's stated one."""


# An intention, a wish or an instruction (我们想让客户同意, 希望客户同意, 客户准备点拒绝, 打算今天上午10点
# 上传运单, 我让客户点接受, 预计600单) states no fact.
_INTENT = re.compile(r"(?:想让|想要|想|希望|准备|打算|计划|预计|将要|会|让|叫|请(?!问)|劝|建议|等着)"
                     r"[^,.;:!?。\d]{0,4}$")
_INTENT_WORDS = ("想", "希望", "准备", "打算", "计划", "预计", "将要", "会", "让", "叫", "请", "劝", "建议", "等着")
_BUYER_FIRST = re.compile(BUYER)
_INTENT_ENDS = frozenset(word[-1] for word in _INTENT_WORDS)
# A fact corrected right after it is said (客户付了尾款 哦不对 还没付尾款): what follows stands.
_FACT_CORRECTED = re.compile(r"[^,。!?;]{0,3}?[,.\s]*(?:哦|噢|啊|呃)?,?(?:不对|说错了|搞错了|写错了|看错了|打错了)(?![吗么嘛?])")
# A statement taken back (客户说接受了又说要取消, 一会说同意一会又说不同意) states no fact.
# (in its clause, or the next clause opening with it: 同意取消，后来又改口; not 没付尾款，客户先说…又说)
_RETRACTED = re.compile(r"(?:[^,。!?;]{0,12}?|[^,。!?;]{0,4}?,(?:后来|然后|结果|但是|但|可是|可|一会儿?|过了一会儿?)?)"
                        r"(?:又说|又改口|改口|又反悔|反悔|又变卦|变卦)"
                        # (a pasted chat where the next speaker says no: 客服a:客户同意了,客服b:不对,…)
                        r"|[^,。!?;]{0,6}?,(?:客服|运营|仓库|老板|店长|主管|组长|同事|小)[\u4e00-\u9fff]{0,2}[a-z]?:(?:不对|不是)")
# 一开始…，后来…: said at first, changed later (what was said later stands).
_AT_FIRST = re.compile(r"一开始|刚开始|开始时|起初|最初|本来")
_LATER = re.compile(r"[^,。!?;]{0,6}?,(?:后来|最后|现在|然后)")
# …and one the buyer changed their mind on (改口, 反悔, 变卦): what they said after stands.
_TAKEN_BACK = re.compile(r"[^。!?;]{0,12}?(?:改口|反悔|变卦)")


def _approximate(text: str, spans: list[tuple[int, int]]) -> set[tuple]:
    """Return the keys of mentions stated only roughly (十几, 一千出头, 将近500, 300到350): none is a reading.

    Also the one of a rule's rate (延迟发货1单扣1分): the rule's unit, not the merchant's count.
    """
    keys = set()
    for index, (start, end) in enumerate(spans):
        after = _APPROX_AFTER.match(text, end)
        if after or _APPROX_BEFORE.search(text, max(0, start - 6), start) \
                or (text[start:end] in ("1", "一") and _RATE_AFTER.match(text, end)):
            keys.add(("mention", start, end))
        if after and after.group()[-1:] in "到至~-—" and index + 1 < len(spans):
            keys.add(("mention", *spans[index + 1]))  # the other end of a range
    return keys


_NUMBER_BEFORE = re.compile(r"\d\.?\s?$")  # (11.11零点, 11.11 0点; not the dots of 值班...前天)


def _unanchored_time(text: str, start: int, end: int) -> bool:
    """Whether a time stands right after something that should have named its day and did not parse.

    11.11零点, 11.11 0点 (a number this reader took for no date), 国庆节第一天早上7点 (a day it
    does not know): the time alone would be read as the latest such time, so it is no reading.
    """
    if not start or not when.TIME_RE.fullmatch(text, start, end):
        return False
    if _NUMBER_BEFORE.search(text, max(0, start - 2), start):
        return True
    return text[start - 1] in "天节" and not when.day_text(text[start:end])


def _unexplained(text: str, spans: list[tuple[int, int]]) -> set[tuple]:
    """Return the keys of numbers followed by something the extractor does not understand: none is read.

    Times are left to their own rules (a time's words are read by `when`).
    """
    keys = set()
    for start, end in spans:
        if _EXPLAINED_AFTER.match(text, end) or when.TIME_RE.fullmatch(text, start, end):
            continue
        keys.add(("mention", start, end))
    return keys


_CLAUSE_BREAK = re.compile(r"[,.;!?。]")


def _clause_start(text: str, position: int) -> int:
    """Return where the clause holding `position` starts (after the last ,.;!?。 before it)."""
    start = 0
    for found in _CLAUSE_BREAK.finditer(text, 0, position):
        start = found.end()
    return start


def _asked(text: str, start: int, end: int) -> bool:
    """Whether a fixed cue's words at text[start:end] are asked about rather than stated."""
    for match in _A_NOT_A.finditer(text, max(0, start - 4), min(len(text), end + 4)):
        if match.start() < end and start < match.end():
            return True
    return bool(_ASKED_BEFORE.search(text, max(0, start - 8), start) or _ASKED_AFTER.match(text, end))


class Day(str):
    """The day a time names without its time of day (前天晚上发的), as 2024-11-11.

    No reading on its own; beside a full time of the same role (发送时间 前天 21:15) it
    agrees with one on that day and rules out the others.
    """


class Readings(tuple):
    """The instants an unclear time can name (9点: 09:00 or 21:00), as input text, sorted.

    Kept until the other times are read: a card is answered after it was sent, so
    a sent_at of 08:30 today leaves 09:00 today as the only reading of 9点点了拒绝.
    """


# Gates: the words a cue's regex cannot match without (延迟 or 延时 …, 定金 or 订金), found
# once from the regex itself, so a cue whose words are absent costs a substring test, not a scan.
_MAX_GATES = 3


def _gates(items) -> list[frozenset]:
    """Return sets of strings, one of each set being in any text the parsed regex `items` matches."""
    gates: list[frozenset] = []
    run = ""
    for op, arg in list(items) + [(None, None)]:
        if op is _parser.LITERAL:
            run += chr(arg)
            continue
        if run:
            gates.append(frozenset([run]))
            run = ""
        if op is _parser.SUBPATTERN:
            gates.extend(_gates(arg[-1]))
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT) and arg[0] >= 1:
            gates.extend(_gates(arg[2]))
        elif op is _parser.BRANCH:
            options: set[str] = set()
            for alternative in arg[1]:
                found = _gates(alternative)
                if not found:
                    break
                options.update(_best(found))
            else:
                gates.append(frozenset(options))
        elif op is _parser.IN and all(kind is _parser.LITERAL for kind, _ in arg) and len(arg) <= 40:
            gates.append(frozenset(chr(code) for _, code in arg))
    return gates


def _best(gates: list[frozenset]) -> frozenset:
    return max(gates, key=lambda gate: (min(map(len, gate)), -len(gate)))


# A cue's gates are found from its own words with each macro ({N}, {M}, {T}, {P}) stood in
# for by the best gate of the macro alone (元/块/¥ … for money), each macro parsed once:
# parsing every cue's full regex (some 113 KB in all) had added 0.2 s to every process's
# start. A cue with no gate that way has its full regex parsed.
@lru_cache(maxsize=None)
def _stand_in(macro: str) -> str:
    found = _gates(_parser.parse(MACROS[macro]))
    if not found:
        return "(?:.*)"  # parts the words around it, requires nothing
    return "(?:" + "|".join(re.escape(word) for word in sorted(_best(found))) + ")"


def _gate_of(cue: Cue, regex: re.Pattern) -> tuple:
    pattern = cue.pattern
    for macro in MACROS:
        if macro in pattern:
            pattern = pattern.replace(macro, _stand_in(macro))
    try:
        found = _gates(_parser.parse(pattern)) or _gates(_parser.parse(regex.pattern))
    except Exception:  # an unusual construct: no gate, the cue always runs
        return ()
    found.sort(key=lambda gate: (min(map(len, gate)), -len(gate)), reverse=True)
    return tuple(tuple(sorted(gate)) for gate in found[:_MAX_GATES])


# A cue that opens with its number or time ({N}单…, {T}发的), after zero-width lookbehinds only.
_LEADING = re.compile(r"^(?:\(\?<!(?:\[[^\]]*\]|[^()\[\]])*\))*\{(?P<kind>[NTM])\}")


@lru_cache(maxsize=None)
def _plan(calculator_id: str) -> tuple:
    """Return the calculator's cues compiled once: (cue, regex, gates, the gates after the first,
    `when` regex or None, field, leading, `unless_clause` regex or None).

    `leading` is "T", "N" or "M" for a cue that opens with its time, number or amount, else "".
    """
    calculator = REGISTRY[calculator_id]
    plan = []
    for cue in calculator.extraction.cues:
        regex = _COMPILED.get(cue.expanded) or cue.compile()
        gates = _gate_of(cue, regex)
        plan.append((cue, regex, gates, gates[1:], re.compile(cue.when) if cue.when else None,
                     calculator.field(cue.role), _leading_kind(cue.pattern),
                     re.compile(cue.unless_clause) if cue.unless_clause else None))
    return tuple(plan)


@lru_cache(maxsize=None)
def _index(calculator_id: str) -> tuple:
    """Return the calculator's cues by the words of their first gate, filed under each word's first
    character: {character: ((word, cue indexes), …)}, and the cues with no gate."""
    by_word: dict[str, list[int]] = {}
    always = []
    for index, (cue, regex, gates, *_) in enumerate(_plan(calculator_id)):
        if not gates:
            always.append(index)
        for word in gates[0] if gates else ():
            by_word.setdefault(word, []).append(index)
    by_first: dict[str, list] = {}
    for word, indexes in by_word.items():
        by_first.setdefault(word[0], []).append((word, tuple(indexes)))
    return {first: tuple(words) for first, words in by_first.items()}, tuple(always)


def _candidates(calculator_id: str, text: str, characters: frozenset) -> list[int]:
    """Return, in order, the cues whose first gate opens on the text (the rest cannot match).

    `characters` is the set of the text's characters: a word whose first one is missing is not looked for.
    """
    by_first, always = _index(calculator_id)
    found = set(always)
    for first in characters.intersection(by_first):
        for word, indexes in by_first[first]:
            if word in text:
                found.update(indexes)
    return sorted(found)


def _leading_kind(pattern: str) -> str:
    found = _LEADING.match(pattern)
    return found["kind"] if found else ""


_STARTS = {"T": when.TIME_RE, "N": numerals.NUMBER_RE, "M": numerals.NUMBER_RE}
_COUNT_UNITS = ("单", "笔", "个", "件")
# Where an amount can start besides its number: its currency (¥80, rmb 80, 人民币80).
_CURRENCY = re.compile(r"¥|rmb|人民币")


def _starts(text: str, spans: list[tuple[int, int]], kind: str) -> list[int]:
    """Return where, inside the mentions, a time ("T"), a number ("N") or an amount ("M") can start.

    A cue that opens with its time or number can match only there: its value group is that
    regex, after zero-width lookbehinds only, so it matches at a position only if that regex does.
    An amount starts with its number or its currency (¥80).
    """
    regex = _STARTS[kind]
    if kind == "T":
        # A time is read whole, from where its mention starts (1/11 20:00 or 20:00 inside
        # 11/11 20:00 are parts of it).
        return [start for start, end in spans if regex.match(text, start)]
    # (a number may start inside a time's mention: 一百二十 inside 周一百二十单, 这周3单, but not
    # a weekday's one numeral with no count after it: 有5单周四快递没来收)
    found = []
    for start, end in spans:
        for at in range(start, end):
            if at > start and text[at - 1].isdigit():
                continue
            number = regex.match(text, at)
            if number is not None and not (at > start and text[at - 1] in "周期拜" and number.end() - at == 1
                                           and text[number.end():number.end() + 1] not in _COUNT_UNITS):
                found.append(at)
    if kind == "M" and ("¥" in text or "rmb" in text or "人民币" in text):
        found = sorted(set(found).union(match.start() for match in _CURRENCY.finditer(text)))
    return found


def _leading_matches(regex: re.Pattern, text: str, starts: list[int]):
    """Yield what `regex.finditer(text)` would for a cue that opens with its number or time.

    Such a match starts where its number or time starts, inside a mention span (the
    mentions are found left to right, numbers and times alike): only those positions are tried.
    """
    position = 0  # where finditer would look next
    for at in starts:
        if at < position:
            continue
        match = regex.match(text, at)
        if match is not None:
            yield match
            position = match.end()


def _open(gates: tuple, text: str) -> bool:
    for gate in gates:
        for word in gate:
            if word in text:
                break
        else:
            return False
    return True


def _anchor(text: str, spans: list[tuple[int, int]], start: int, now: datetime, chained: bool = False):
    """Return the day named by the nearest time before `start` (客户当天中午12点 after 11月11号零点), or None.

    `chained` (for 当天, 同一天): a day itself named by one before it counts from that one
    (上周五下午4点的单，第二天上午9点上传，同一天下午6点揽件: the Saturday). Without it (for 第二天,
    第三天) only a day named outright counts: 第二天…第三天 both count from the first day.
    """
    for left, right in reversed(spans):
        if right <= start:
            mention = text[left:right]
            day = when.day_of(mention, now)
            if day is not None:
                return day
            offset = when.days_after_anchor(mention)
            if chained and offset is not None:
                earlier = _anchor(text, spans, left, now, offset == 0)
                return None if earlier is None else earlier + timedelta(days=offset)
    return None


def _clause_day(text: str, spans: list[tuple[int, int]], start: int, now: datetime) -> date | None:
    """Return the day a day alone names earlier in the clause of `start` (周四那单卡片是晚上10点发的), or None."""
    clause = _clause_start(text, start)
    for left, right in reversed(spans):
        if clause <= left and right <= start:
            mention = text[left:right]
            if when.names_clock(mention) or when.period_text(mention):
                return None  # it names its own hour or part of the day (昨晚凌晨两点: which night?)
            return when.day_of(mention, now)
    return None


def _value(cue: Cue, match: re.Match, field: Field | None, now: datetime,
           spans: list[tuple[int, int]] = (), supposed: bool = False) -> Any:
    """Return the value a cue's match states, or None when its text states none.

    `supposed`: the time is in a what-if (假如5月5日上午9点下单), so it may be still to come.
    """
    if cue.kind == "fixed":
        return cue.value
    groups = match.groupdict()
    text = groups.get("v") or groups.get("w") or groups.get("x") or groups.get("j")
    if cue.kind == "time":
        anchor = None
        if when.refers_back(text):
            anchor = _anchor(match.string, spans, match.start("v"), now, when.days_after_anchor(text) == 0)
            if anchor is None:
                return None  # a bare 那天 names no day
        if anchor is None and not cue.near and not when.names_clock(text):
            day = when.day_of(text, now, past=cue.past and not supposed)
            return None if day is None else Day(day.isoformat())  # 前天晚上: the day only
        if anchor is None and not cue.near and not when.day_text(text):
            anchor = _clause_day(match.string, spans, match.start("v"), now)  # 周四那单卡片是晚上10点发的
        found = when.readings(text, now, past=cue.past and not supposed, near=cue.near, anchor=anchor)
        if not found or len(found) > 4:
            return None
        return when.text(found[0]) if len(found) == 1 else Readings(when.text(m) for m in found)
    number = numerals.value(text)
    if number is None:
        return None
    if groups.get("j") is not None:
        number /= 10  # 5毛 = 0.50
    cents = groups.get("c")
    if cents is not None:
        if "." in text:
            return None  # 3.5块5 is no amount
        number += Decimal(numerals.integer(cents)) / 10
        if groups.get("f") is not None:
            number += Decimal(numerals.integer(groups["f"])) / 100
    if field is not None and field.type == "money":
        return number
    if cue.kind == "percent":
        return number
    return int(number) if number == number.to_integral_value() else None


def _mention_key(spans: list[tuple[int, int]], start: int, end: int) -> tuple:
    """Return the key of the number or time mention a value's span falls in (overlaps count as one)."""
    for left, right in spans:
        if left < end and start < right:
            return ("mention", left, right)
    return ("mention", start, end)


def _alternatives(text: str, spans: list[tuple[int, int]]) -> set[tuple]:
    """Return the keys of mentions offered as alternatives (300还是320): neither is a reading."""
    keys = set()
    for match in _OR.finditer(text):
        left = [span for span in spans if span[1] <= match.start()]
        right = [span for span in spans if span[0] >= match.end()]
        if left and right and _OR_LEFT.fullmatch(text, left[-1][1], match.start()) \
                and _OR_RIGHT.match(text[match.end():right[0][0]]):
            keys.update({("mention", *left[-1]), ("mention", *right[0])})
    return keys


def _pairs(text: str, spans: list[tuple[int, int]]) -> set[tuple]:
    """Return the keys of two mentions joined by 和/或/跟/与 and nothing else (600和580): neither is a reading."""
    keys = set()
    for left, right in zip(spans, spans[1:]):
        if _PAIR.fullmatch(text, left[1], right[0]):
            keys.update({("mention", *left), ("mention", *right)})
    return keys


def _openers(items) -> tuple[set[str], bool]:
    """Return the characters a parsed regex can match first and whether it can match nothing.

    Raises ValueError for what it cannot tell (a negated class, a wide range: any character).
    """
    found: set[str] = set()
    for op, arg in items:
        if op in (_parser.ASSERT, _parser.ASSERT_NOT, _parser.AT):
            continue  # zero-width: the next item opens the match
        if op is _parser.LITERAL:
            return found | {chr(arg)}, False
        if op is _parser.IN:
            for kind, value in arg:
                if kind is _parser.LITERAL:
                    found.add(chr(value))
                elif kind is _parser.RANGE and value[1] - value[0] < 100:
                    found.update(map(chr, range(value[0], value[1] + 1)))
                elif kind is _parser.CATEGORY and value is _parser.CATEGORY_DIGIT:
                    found.update("0123456789")
                else:
                    raise ValueError(f"cannot tell the first characters of {kind} {value}")
            return found, False
        if op is _parser.BRANCH:
            empty = False
            for alternative in arg[1]:
                first, nullable = _openers(alternative)
                found |= first
                empty = empty or nullable
        elif op in (_parser.SUBPATTERN, _parser.ATOMIC_GROUP):
            first, empty = _openers(arg[-1] if op is _parser.SUBPATTERN else arg)
            found |= first
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT):
            first, nullable = _openers(arg[2])
            found |= first
            empty = arg[0] == 0 or nullable
        else:
            raise ValueError(f"cannot tell the first characters of {op}")
        if not empty:
            return found, False
    return found, True


def _mention_openers() -> frozenset | None:
    """Return the characters a number or time can start with, besides a festival's (父亲节下午3点), or None.

    Found from the patterns themselves, so a pattern changed keeps them right; None (try every
    position) if they cannot be told or the patterns could match nothing.
    """
    try:
        first, empty = _openers(_parser.parse(_MENTIONS.pattern.replace("|" + when.ANY_FESTIVAL, "")))
    except ValueError:
        return None
    return None if empty else frozenset(first)


# mentions() tries the patterns only where a mention can start: the same spans as trying them
# everywhere (a third of the characters of a question are openers), in a third of the time.
_OPENERS = _mention_openers()


def mentions(text: str) -> list[tuple[int, int]]:
    """Return the spans of the numbers and times in a normalised question."""
    if _OPENERS is None:
        return [m.span() for m in _MENTIONS.finditer(text)]
    spans = []
    position = 0  # where the last mention ended: finditer looks on from there
    for at, character in enumerate(text):
        if at >= position and (character in _OPENERS or text[at + 2:at + 3] == "节"):
            match = _MENTIONS.match(text, at)
            if match is not None:
                spans.append(match.span())
                position = match.end()
    return spans


def _flags(text: str, spans: list[tuple[int, int]]) -> tuple:
    """Return what a question's words say of all its readings, once for all calculators.

    (mentions that are no reading, conditional, hedged, retracted, intended, contrasted)
    """
    doubtful = _alternatives(text, spans) if "还是" in text else set()
    doubtful |= {("mention", start, end) for start, end in spans if _unanchored_time(text, start, end)}
    doubtful |= _unexplained(text, spans)
    if "和" in text or "或" in text or "跟" in text or "与" in text:
        doubtful |= _pairs(text, spans)
    if any(word in text for word in _APPROX_WORDS):
        doubtful |= _approximate(text, spans)
    return (doubtful,
            "如果" in text or "要是" in text or "万一" in text or "假" in text or "若" in text,
            any(word in text for word in HEDGES) or "估的" in text or "猜的" in text,
            "又" in text or "改口" in text or "反悔" in text or "变卦" in text or r":不" in text,
            any(word in text for word in _INTENT_WORDS),
            any(word in text for word in _CONTRAST_WORDS))


def read_roles(calculator: Calculator, text: str, now: datetime,
               spans: list[tuple[int, int]] | None = None, starts: dict | None = None) -> tuple[dict, set]:
    """Return `({role: value}, unclear roles)` read from a normalised question by the calculator's cues.

    A value is a Readings when a time could name several instants; `settle()` picks among them.
    `starts` keeps `_starts()` per kind and `_flags()` for the question, shared by its calculators.
    """
    if spans is None:
        spans = mentions(text)
    if starts is None:
        starts = {}
    if "flags" not in starts:
        starts["flags"] = _flags(text, spans)
    doubtful, conditional, hedged, retracted, intended, contrasted = starts["flags"]
    claims: dict[tuple, list[tuple[int, str, Any, bool]]] = {}
    asked: set[tuple] = set()  # times asked about
    plan = _plan(calculator.id)
    if "characters" not in starts:
        starts["characters"] = frozenset(text)
    for index in _candidates(calculator.id, text, starts["characters"]):
        cue, regex, _, more_gates, condition, field, leading, unless = plan[index]
        if more_gates and not _open(more_gates, text):
            continue  # (the first gate opened: _candidates)
        if not spans and cue.kind != "fixed":
            continue  # no number or time in the question: nothing for this cue to read
        if condition is not None and not condition.search(text):
            continue
        if leading and leading not in starts:
            starts[leading] = _starts(text, spans, leading)
        for match in _leading_matches(regex, text, starts[leading]) if leading else regex.finditer(text):
            if unless is not None and unless.search(text, _clause_start(text, match.start()), match.start()):
                continue
            if cue.kind == "fixed":
                if conditional and (_ruled(text, match.start())
                                    or not cue.supposed and _IF.search(text, 0, match.start())):
                    continue  # 如果调不到就同意取消, 买家说要是没货就不要了: a rule someone states, not a fact
                if _IF_AFTER.match(text, match.end()) or _THEN_BEFORE.search(text, _clause_start(text, match.start()), match.start()):
                    continue  # 调不到的话就同意取消: a condition and what follows from it
                key = ("fixed", cue.role, match.start())
                if _asked(text, match.start(), match.end()):
                    continue  # 能调货吗, 同不同意: a question, not a fact (nor a doubt on one stated elsewhere)
            else:
                groups = match.groupdict()
                group = next(name for name in ("v", "w", "x", "j") if groups.get(name) is not None)
                key = _mention_key(spans, *match.span(group))
                if cue.kind in ("number", "money") and _ASKED_AMOUNT.match(text, match.end(group)):
                    continue  # 要退1块吗, 订单是300单吗: a figure asked about, not stated
                if cue.kind == "time" and _asked(text, match.start(), match.end()):
                    # 卡片是不是昨天下午3点发的: asked, not stated, by whichever cue reads it; a
                    # statement elsewhere stands (是两天前发的吗？不是，是昨天上午十点发的)
                    asked.add(key)
                    continue
            supposed = cue.kind == "time" and conditional and _IF_SENTENCE.search(text, 0, match.start()) is not None
            value = None if key in doubtful else _value(cue, match, field, now, spans, supposed)
            if cue.kind == "fixed" and ":" in text and _ANSWERED_NO.match(text, match.end()):
                value = (not value) if value is True else None  # 同意:否 is no; 不同意:否 is no statement
            if hedged and (_hedged(text, match.end(), cue.kind == "fixed") or _UNSURE_AFTER.match(text, match.end())
                           or cue.kind != "fixed" and _UNSURE_NEXT.match(text, match.end())):
                value = None
            elif intended and _INTENT.search(text, max(0, match.start() - 8), match.start()) \
                    and not (_BUYER_FIRST.match(text, match.start()) and text[match.start() - 1:match.start()] not in _INTENT_ENDS):
                # (希望客户能同意 is a wish; not 我们想取消他已经答应了: the buyer's statement after the merchant's wish)
                value = None
            elif cue.kind == "fixed" and _AT_FIRST.search(text, _clause_start(text, match.start()), match.start()) \
                    and _LATER.match(text, match.end()):
                continue  # 一开始不同意，后来又同意了: changed; what was said later stands
            elif cue.kind == "fixed" and ("不对" in text or "错" in text) and _FACT_CORRECTED.match(text, match.end()):
                continue  # 尾款没付……不对，尾款昨天付了: corrected; what follows stands
            elif retracted and cue.kind == "fixed" and _RETRACTED.match(text, match.end()):
                if _TAKEN_BACK.match(text, match.end()):
                    continue  # 先说同意取消，后来又改口说不同意: taken back; what was said after it stands
                value = None  # 说接受了又说要取消: both said, neither stands
            claims.setdefault(key, []).append((cue.rank, cue.role, value, cue.fallback))
    for key in asked:
        claims.pop(key, None)
    for scope in calculator.extraction.scopes:
        _claim_scope(scope, text, spans, claims)
    for item in form.stated(calculator, text, now):  # orders=2045, 订单阶段:支付尾款后
        keys = [("mention", left, right) for left, right in spans if left < item.end and item.start < right]
        for key in keys or [("form", item.name)]:
            claims.setdefault(key, []).append((_FORM_RANK, item.name, item.value, False))
    settled = _settle_by_authority(text, spans, claims, now) if "为准" in text else None
    if contrasted:
        if "kinds" not in starts:
            starts["kinds"] = {span: _figure(text, span) for span in spans}
        _contrast(text, spans, claims, calculator.extraction.elsewhere, settled, starts["kinds"])
    values: dict[str, dict] = {}
    unclear: dict[str, bool] = {}  # role -> only by fallback claims
    for found in claims.values():
        best = min(rank for rank, _, _, _ in found)
        winners = {(role, value, fallback) for rank, role, value, fallback in found if rank == best}
        roles = {role for role, _, _ in winners}
        if len(roles) > 1:
            for role, _, fallback in winners:  # one number, two roles of equal standing: read neither
                unclear[role] = unclear.get(role, True) and fallback
            continue
        for role, value, fallback in winners:
            if value is None:
                unclear[role] = unclear.get(role, True) and fallback
            else:
                values.setdefault(role, {}).setdefault(value, set()).add(fallback)
    read = {}
    for role, found in values.items():
        stated = {value for value, kinds in found.items() if False in kinds}
        if stated:
            found = stated  # 一共400单 stands; 投诉了三单 elsewhere is not the week's orders
            if unclear.get(role):
                del unclear[role]
        if role in unclear:
            continue
        agreed = _agree(found)
        if agreed is None:
            unclear[role] = False  # two different values for one role: read none
        else:
            read[role] = agreed
    return read, set(unclear)


_SENTENCE_END = re.compile(r"[。!?;]")
_CLAUSE_END = re.compile(r"[,。!?;]")


def _claim_scope(scope: Scope, text: str, spans: list[tuple[int, int]], claims: dict) -> None:
    """Give every number inside the scope's stretches a claim of its role, ranked above any cue's."""
    if scope.when and not _compiled(scope.when).search(text):
        return
    for opening in _compiled(scope.start).finditer(text):
        closing = _compiled(scope.end).search(text, opening.end())
        limit = closing.start() if closing else len(text)
        # (after what closes it was named, a stretch is one clause: 这周订单900，上周是880，揽收850)
        end = _CLAUSE_END if _compiled(scope.end).search(text, 0, opening.start()) else _SENTENCE_END
        stop = end.search(text, opening.end(), limit)
        limit = stop.start() if stop else limit
        for left, right in spans:
            if opening.end() <= left and right <= limit and not when.TIME_RE.fullmatch(text, left, right):
                claims.setdefault(("mention", left, right), []).append((-1, scope.role, text[left:right], False))


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


# 以21为准, 以后台为准, 以系统记录为准: the merchant says which of two figures stands.
_AUTHORITY = re.compile(r"以(?P<what>[^,.;!?。]{1,10}?)(?:的)?(?:记录|数据|时间|数字)?为准")


def _settle_by_authority(text: str, spans: list[tuple[int, int]], claims: dict, now: datetime) -> str | None:
    """Keep, of the figures claimed for one role, the one the question says stands (以后台为准); return that role."""
    said = _AUTHORITY.search(text)
    if said is None:
        return None
    what = said["what"]
    before = [(left, right) for left, right in spans if right <= said.start()]
    if what[:1].isdigit():
        chosen = [span for span in before if text[span[0]:span[1]] == what][-1:]
    else:
        source = text.rfind(what, 0, said.start())
        if source < 0:
            return None
        # the figure the source is noted beside (21:00(系统记录)), else the one said right after it
        chosen = [span for span in before if text[span[1]:source] == "("] or [span for span in before if span[0] > source][:1]
    if not chosen:
        return None
    kept = ("mention", *chosen[0])
    others = [("mention", *span) for span in before if ("mention", *span) != kept]
    roles = {role for _, role, value, fallback in claims.get(kept, []) if not fallback and value is not None}
    if not roles:
        # 延迟发货19单…变成21单了，以21为准; 前天下午三点…后台写的15:30，以后台为准: the figure that stands
        # takes the role of the one before it it is set against
        figure = text[kept[1]:kept[2]]
        value = _bare_value(figure, now)
        for key in reversed([key for key in others if key[1] < kept[1]]):
            found = {(role, earlier) for _, role, earlier, fallback in claims.get(key, [])
                     if not fallback and earlier is not None and type(earlier) is type(value)}
            if found:
                roles = {role for role, _ in found}
                earlier = next(iter(found))[1]
                if isinstance(value, str) and isinstance(earlier, str) and not when.day_text(figure):
                    value = earlier[:11] + value[11:]  # 15:30 set against 前天下午三点: 前天's 15:30
                break
        if len(roles) == 1 and value is not None:
            claims[kept] = [(0, next(iter(roles)), value, False)]
    if len(roles) != 1:
        return None
    role = roles.pop()
    for key in others:
        if key in claims:
            claims[key] = [claim for claim in claims[key] if claim[1] != role]
            if not claims[key]:
                del claims[key]
    return role


def _bare_value(figure: str, now: datetime) -> Any:
    """Return what a figure says on its own: a count (21) or a past time (15:30), else None."""
    if when.TIME_RE.fullmatch(figure):
        found = when.readings(figure, now, past=True)
        return when.text(found[0]) if len(found) == 1 else None
    return numerals.integer(figure)


def _contrast(text: str, spans: list[tuple[int, int]], claims: dict, elsewhere: tuple,
              settled: str | None, kinds: dict) -> None:
    """Give a role a conflicting claim where a figure with no role of its own is set against its value.

    The other figure comes after the one read (后台显示18单 但是我自己数是15单) or, read by no cue,
    before it (买家说付了150，后台显示120). (Not the role the question settled: 以后台为准.)
    `kinds` is each span's `_figure()`.
    """
    unsure = bool(WHICH_UNKNOWN.search(text))  # 我也不知道哪个准: any second figure in the sentence
    figures = [span for span in spans if kinds[span] != "day"]  # (今天 between two figures parts nothing)
    pairs = list(zip(figures, figures[1:]))
    pairs += [(right, left) for left, right in pairs]
    for read, other in pairs:
        found = claims.get(("mention", *read))
        if not found:
            continue
        first, second = sorted((read, other))
        if read < other:
            against = _CONTRAST.fullmatch(text, read[1], other[0])
        else:
            against = not claims.get(("mention", *other)) and _SOURCE_BEFORE.fullmatch(text, other[1], read[0])
        if not (against or unsure and not _SENTENCE_END.search(text, first[1], second[0])):
            continue
        if _AGREEING.search(text, first[1], second[0]):
            continue  # 他说昨天上午10点下的单，我看后台也是10点: the same time again
        best = min(rank for rank, _, _, _ in found)
        roles = {role for rank, role, value, fallback in found if rank == best and not fallback and value is not None}
        if len(roles) != 1 or text[read[0]:read[1]] == text[other[0]:other[1]] \
                or not _same_kind(kinds[read], kinds[other]):
            continue  # the same figure again, or another kind of figure (10号 after 5单)
        role = roles.pop()
        if role == settled or role == "now":
            continue  # (现在下午4点，快递说今天上午11点揽的: no one sets a time against the present)
        if any(not fallback and theirs != role and theirs not in elsewhere
               for _, theirs, _, fallback in claims.get(("mention", *other), [])):
            continue  # 订单300 但是有5单延迟: the second figure has a role of its own
        claims[("mention", *other)] = [(best, role, _Conflict(), False)]


_UNIT = re.compile(r"(?:个?订单|个?单子?|笔|个(?![\u4e00-\u9fff])|件)|(?:块钱|块|元)|(.)?")


def _figure(text: str, span: tuple[int, int]) -> str:
    """Return what kind of figure a mention is: a time, a count (单/笔/个), money (元/块), or another number."""
    if when.TIME_RE.fullmatch(text, *span):
        return "time" if when.names_clock(text[span[0]:span[1]]) else "day"  # (今天 is not set against a time)
    unit = _UNIT.match(text, span[1])
    if unit.group() and unit.group(1) is None:
        return "money" if unit.group()[-1] in "元块钱" else "count"
    if unit.group(1) and (unit.group(1) == "%" or "\u4e00" <= unit.group(1) <= "\u9fff"):
        return unit.group(1)  # 10号, 一周, 5天: a figure of its own kind
    return "number"


def _same_kind(one: str, other: str) -> bool:
    """Whether two figures may state one thing (820 and 800单 may; 5单 and 10号 may not)."""
    return one == other or {one, other} in ({"number", "count"}, {"number", "money"})


def _agree(values) -> Any:
    """Return the one value several statements of a role agree on (9点 and 21:00 on 21:00), or None.

    A Day alone is no value; beside times it keeps those on that day.
    """
    days = {value for value in values if isinstance(value, Day)}
    values = [value for value in values if not isinstance(value, Day)]
    if not values:
        return None
    common = None
    for value in values:
        options = set(value) if isinstance(value, Readings) else {value}
        common = options if common is None else common & options
    if days:
        common = {option for option in common if isinstance(option, str) and all(option.startswith(day) for day in days)}
    if not common:
        return None
    return common.pop() if len(common) == 1 else Readings(sorted(common))


def settle(extraction, read: dict, unclear: set, now: datetime) -> None:
    """Pick among a time's readings by the order the calculator's times must come in; else leave it unclear."""
    pending = [role for role, value in read.items() if isinstance(value, Readings)]
    for role in pending:
        keep = list(read[role])
        for earlier, later in extraction.order:
            if role == later and isinstance(read.get(earlier), str):
                keep = [value for value in keep if value >= read[earlier]]
            elif role == earlier and isinstance(read.get(later), str):
                keep = [value for value in keep if value <= read[later]]
        if len(keep) == 1:
            read[role] = keep[0]
        else:
            del read[role]
            unclear.add(role)


def _json(field: Field, value: Any) -> Any:
    """Return an input value as the API takes it (money as a 2-decimal string)."""
    if field.type == "money":
        return str(Decimal(value).quantize(Decimal("0.01")))
    return value


def _form_text(field: Field, value: Any) -> str:
    if field.type == "boolean":
        return "yes" if value else "no"
    return str(value)


def _shown(field: Field, value: Any) -> str:
    """Return an input value as the answer shows it (450, 100.00 元, 2024年11月11日 10:00, 支付尾款后)."""
    if field.type == "money":
        return f"{value} 元"
    if field.type == "boolean":
        return "是" if value else "否"
    if field.type == "choice":
        return field.choice_label(value) or str(value)
    if field.type == "datetime":
        return clock.human(datetime.fromisoformat(value).replace(tzinfo=clock.CHINA))
    return str(value)


def _valid(field: Field, value: Any) -> bool:
    try:
        parse_value(field, value, False)
    except _Bad:
        return False
    return True


def calculation(calculator_id: str, question: str, now: datetime | None = None,
                _prepared: tuple[str, list, dict] | None = None) -> dict | None:
    """Return what the question says for one calculator, computed if complete; None if it says nothing.

    The dict is JSON-ready: `id`, `title`, `inputs` (read, as the API takes them),
    `read` (each with its Chinese label, shown value and how it was derived),
    `read_text`, `missing`, `unclear`, `complete`, `result`, `explanation`,
    `headline`, `note`, `now` (the time the question was asked, China time; for a
    what-if still to come, the moment it is computed at) and `form` (the inputs as a
    calculator form takes them in its URL).
    """
    calculator = REGISTRY[calculator_id]
    extraction = calculator.extraction
    if extraction is None:
        return None
    now = (now or clock.now()).astimezone(clock.CHINA)
    text, spans, starts = _prepared or _prepare(question)
    read, unclear = read_roles(calculator, text, now, spans, starts)
    if any(isinstance(value, Readings) for value in read.values()):
        settle(extraction, read, unclear, now)
    derived = extraction.derive(dict(read), set(unclear)) if extraction.derive else {
        name: (value, "") for name, value in read.items() if calculator.field(name) is not None}
    inputs: dict[str, Any] = {}
    notes: dict[str, str] = {}
    for name, (value, note) in derived.items():
        field = calculator.field(name)
        if field is None or name in unclear:
            continue
        value = _json(field, value)
        if field.type == "datetime" or _valid(field, value):  # (a time read is when.text's, in range by when's own check)
            inputs[name] = value
            notes[name] = note
        else:
            unclear.add(name)
    note = extraction.note(read) if extraction.note else None
    if not inputs and not note and not any(calculator.field(name) for name in unclear):
        return None
    supposing = starts["flags"][1]  # the question has a what-if's words (如果, 要是, 假如 …)
    as_of = _as_of(calculator, inputs, now) if supposing else now
    outcome, conflicts, wanted = _run(calculator, inputs, as_of)
    unclear.update(conflicts)
    return _shape(calculator, inputs, notes, unclear, outcome, conflicts, wanted, note, as_of, as_of != now)


def _as_of(calculator: Calculator, inputs: dict, now: datetime) -> datetime:
    """Return the moment a what-if is computed at: its latest time when that is still to come, else now.

    如果今天下午5点下单，明天下午4点上传，算超时吗 asks about a moment to come: the calculators that
    read the present (`now`) and refuse later times are run as of the latest time supposed, and
    the answer says so. Not when the merchant states the present (现在是…).
    """
    if calculator.field("now") is None or "now" in inputs:
        return now
    times = [read_time(value) for name, value in inputs.items() if calculator.field(name).type == "datetime"]
    return max([now, *times])


def _run(calculator: Calculator, inputs: dict, now: datetime) -> tuple[dict | None, dict, list]:
    """Return (the output or None, {input: message} for inputs it refused, inputs it wants besides)."""
    from kb.calculators import run

    conflicts: dict[str, str] = {}
    for _ in range(3):
        missing = [f.name for f in calculator.fields if f.required and f.name not in inputs]
        if missing:
            return None, conflicts, []
        try:
            return run(calculator.id, inputs, now=now), conflicts, []
        except CalculatorInputError as err:
            refused = {name: msg for name, msg in err.fields.items() if name in inputs}
            if not refused:
                return None, conflicts, list(err.fields)  # it wants inputs the question did not state
            for name, message in refused.items():
                conflicts[name] = message
                del inputs[name]
    return None, conflicts, []


def _shape(calculator: Calculator, inputs: dict, notes: dict, unclear: set, outcome: dict | None,
           conflicts: dict, wanted: list, note: str | None, now: datetime, supposed: bool = False) -> dict:
    read = []
    for field in calculator.fields:
        if field.name in inputs:
            read.append({"name": field.name, "label": field.label, "value": inputs[field.name],
                         "text": _shown(field, inputs[field.name]), "note": notes.get(field.name, "")})
    missing = [{"name": f.name, "label": f.label} for f in calculator.fields
               if f.name not in inputs and (f.required or f.name in wanted)]
    unclear_list = [{"name": f.name, "label": f.label, "message": conflicts.get(f.name, "问题里的说法不止一种读法")}
                    for f in calculator.fields if f.name in unclear and f.name not in inputs]
    parts = [f"{item['label']} {item['text']}" + (f"（{item['note']}）" if item["note"] else "") for item in read]
    headline = None
    if outcome is not None:
        make = calculator.extraction.headline
        said = f"按您假设的情形，以 {clock.human(now)} 为当前时间：" if supposed else "按您的数字："
        headline = said + (make(outcome["result"]) if make else outcome["result"].get("summary", ""))
    form = {name: _form_text(calculator.field(name), value) for name, value in inputs.items()}
    has_now = calculator.field("now") is not None
    if has_now and "now" not in form:
        form["now"] = when.text(now)
    return {
        "id": calculator.id,
        "title": calculator.title,
        "inputs": dict(inputs),
        "read": read,
        "read_text": ("已按：" + "、".join(parts)) if parts else "",
        "missing": missing,
        "unclear": unclear_list,
        "complete": outcome is not None,
        "result": None if outcome is None else outcome["result"],
        "explanation": [] if outcome is None else outcome["explanation"],
        "headline": headline,
        "note": note,
        "now": clock.iso(now.replace(second=0, microsecond=0)) if has_now else None,
        "form": form,
    }


def _prepare(question: str) -> tuple[str, list, dict]:
    text = focus(normalise(question))
    return text, mentions(text), {}


def names_no_time(question: str) -> bool:
    """Tell whether the question names no time at all, so its calculations do not depend on `now`.

    Every time a cue reads is a mention the time pattern matches (昨天下午3点, 元旦那天,
    现在是晚上9点, 刚才); without one no time input is read, and no calculator's result
    or text uses the moment of asking. (Some counts look like times to this test,
    这周450单; that only costs them the cache.)
    """
    text = normalise(question)
    return not any(when.TIME_RE.fullmatch(text, start, end) for start, end in mentions(text))


def calculations(calculator_ids: Iterable[str], question: str, now: datetime | None = None) -> list[dict]:
    """Return a calculation for each calculator the question states something for, in the given order."""
    now = now or clock.now()
    found = []
    prepared = None  # the question normalised and its numbers found once, for every calculator
    for calculator_id in calculator_ids:
        if calculator_id in REGISTRY:
            prepared = prepared or _prepare(question)
            item = calculation(calculator_id, question, now, prepared)
            if item is not None:
                found.append(item)
    return found


# Every cue's regex, compiled by warm() (through kb.regex_cache: 0.55 s of compiling in the
# first process on a machine, some 10 ms in the next ones).
_COMPILED: dict[str, re.Pattern] = {}


def warm() -> None:
    """Compile every calculator's cues so no question pays for it."""
    patterns = sorted({cue.expanded for calculator in REGISTRY.values() if calculator.extraction
                       for cue in calculator.extraction.cues})
    _COMPILED.update(zip(patterns, regex_cache.compile_all(patterns)))
    for calculator_id in REGISTRY:
        _plan(calculator_id)
        _index(calculator_id)
        form.labels(REGISTRY[calculator_id])
        for scope in REGISTRY[calculator_id].extraction.scopes if REGISTRY[calculator_id].extraction else ():
            for pattern in (scope.start, scope.end, scope.when):
                if pattern:
                    _compiled(pattern)


# At import: kb.search imports this module at its own import, so the first question
# a process answers finds every cue compiled.
warm()
