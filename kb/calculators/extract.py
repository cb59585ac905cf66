"""Read a calculator's inputs from the merchant's question and compute with them when all are there.

“这周450单有30单48小时没揽收,扣几分” → orders 450, picked_up_within_48h 420,
delayed_orders 30 → 本周扣 7 分. Each calculator declares its cues in its own
module (`Calculator.extraction`, see kb.calculators.cues); this module applies
them. Conservative by construction: an input is filled only when exactly one
reading fits; a number two roles claim equally, a role given two different
values, a time that could be 03:00 or 15:00 — all stay empty. A result is
computed only when every required input was read.
"""

from __future__ import annotations

import re
import re._parser as _parser
import unicodedata
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, Iterable

from kb import regex_cache
from kb.calculators import REGISTRY, clock, form, numerals, when
from kb.calculators.cues import MACROS, Cue
from kb.calculators.parse import _Bad, parse_value
from kb.calculators.spec import Calculator, CalculatorInputError, Field

# Merchants type spaces between clauses (本周订单800 48小时内揽收760): a space parts them,
# except between a date and its clock time (11月11日 10:30, 11-11 10:30, 11.11 晚8点: kept as one space),
# between a number and its unit (450 单), between a label and its number (订单 950, 延迟 10,
# ¥ 199.9) and between a clock time and the short verb that ends its clause (18:00 上传).
_SPACES = re.compile(r"\s+")
_DAY_BEFORE = re.compile(r"(?:[日号天午上晚早]|\d{1,2}[-/.]\d{1,2}|双1[12]|双十[一二]|周[一二三四五六日天1-7])$")
_CLOCK_AFTER = re.compile(rf"(?:{when._PERIOD})?\s?(?:\d{{1,2}}\s?(?::\d{{2}}|点|时)|[零一二两三四五六七八九十]{{1,3}}[点时])")
_UNIT_AFTER = re.compile(r"[单笔个件元块%点时分天号月日千百万]|小时|h(?![a-z])")
# 1 千 9 百: a digit with its own unit after a 千/百/万 is more of the same number.
_MULTIPLIED_BEFORE = re.compile(r"\d\s?[千百万]$")
_MULTIPLIED_AFTER = re.compile(r"\d\s?[千百十](?!\d)")
# (a Chinese numeral too when it stands as a count on its own: 周订单 一百二十, 延迟发货订单 四单;
# not the 一 of 一直, 一共)
_NUMBER_AFTER = re.compile(r"[¥$]?\d|[零一二两三四五六七八九十百千万]+(?=[单笔个件元块]|\s|$|[,.;:!?。，；：])")
# A date with its clock time after a clause that has its verb opens the next clause (上传运单
# 1月2日上午10点揽件), not after a label (运单号 11-11 18:00 上传, 发送时间 11-11 20:00).
_DATE_AFTER = re.compile(rf"(?:(?:\d{{4}}[-/.])?\d{{1,2}}[-/.月]\d{{1,2}}[日号]?\s?(?:{when._PERIOD})?\s?\d{{1,2}}[:点时])")
# …and only when the time runs straight into its verb (1月2日上午10点揽件): 上传运单 11/12 19:59 揽件
# 11/13 09:30 gives each label the time after it.
_TIME_THEN_VERB = re.compile(rf"(?>{when.TIME})[\u4e00-\u9fff]")
_VERB_BEFORE = re.compile(r"(?:上传|传了|回传|填了|填写|录入|揽收|揽件|揽了|下单|下的单|发了|发的|付了|拍下)"
                          r"[\u4e00-\u9fff]{0,4}(?<!时间)(?<!日期)(?<![是在于为])$")
# A label: any word character but the particles that end a clause (下的 3月1日 is two clauses),
# and not the end of a count (延迟两单 48小时内揽收 is two clauses).
_LABEL_BEFORE = re.compile(r"(?:[\u4e00-\u9fff](?<![的了吗呢吧啊呀哦么过着嘛])|[¥:]|rmb)$")
# 没揽收的 40 单, 揽收了 1千9百单: a count after the clause that says what it counts.
_PARTICLE_BEFORE = re.compile(r"[\u4e00-\u9fff][的了]$")
# (a count typed with spaces in it, 1 千 9 百单; a bare count ending its clause, 报备审核通过的 2)
_COUNT_AFTER = re.compile(rf"(?:{numerals.NUMBER}|\d\s?[千百万](?:\s?\d\s?[千百十]?)*)\s?(?:个?订单|单|笔|件)"
                          rf"|{numerals.NUMBER}(?=$|\s|[,.;!?。])")
_COUNT_BEFORE = re.compile(r"[\d零一二两三四五六七八九十百千万](?:个?订单|个?单|笔|个|件|元|块钱|块|分|点|天|小时|h|%)?$")
_HHMM_BEFORE = re.compile(r"\d:\d\d$")  # (14:20 单号…: a clock time, not a count before its unit)
_CLOCK_BEFORE = re.compile(r"(?:\d:\d\d|[\d零一二两三四五六七八九十][点时](?:[零一二三四五六七八九十]{1,3}分|半|整)?)$")
# A clause that already has its count (15个延迟 1035个…): the number after the space opens the next one.
_COUNTED_CLAUSE = re.compile(r"[\d零一二两三四五六七八九十百千万](?:个|单|笔|件)[^\s,.;!?。\d]{1,6}$")
_VERB_AFTER = re.compile(r"[\u4e00-\u9fff]{1,4}(?<![吗呢么吧嘛])(?=\s|$|[,.;!?。])")
# 延迟5单 不对 是7单, 订单650，哦不对，是605, 定金500，不对，定金是550, 今天上午10点，不对，是昨天上午10点,
# 6月2号21:00传的，不对不对，是6月2号19:00: the merchant corrects a number or a time; the later one stands.
# (等等我看错了是下午5点, 今日19:00(更正:经系统核实为今日20:30), 嗯不对不对，俺孙子说是两千一百单)
_CORRECTION = re.compile(rf"(?P<a>{when.TIME}|{numerals.NUMBER})(?P<unit>块钱|[单笔个件元块毛角]?)(?P<tail>[^,.;!?。\d]{{0,4}}?)"
                         rf"[,.;。…(]*(?:不是,)?(?:哦|噢|嗯|呃|啊)?[^,.;!?。\d]{{0,3}}?"
                         rf"(?:不对|说错了|打错了|写错了|看错了|错了|哦不是|哦不|更正一下|更正)(?:不对)?"
                         rf"[,.;。…:]*(?:应该|其实|实际)?(?:[\u4e00-\u9fff]{{0,6}}?(?:是|为)|改成|改为)?"
                         rf"(?P<b>{when.TIME}|{numerals.NUMBER})(?P<after>块钱|[单笔个件元块毛角]?)")
# 订单不是300是320: the figure after 是 stands.
# (shares `_correct`: no day to carry, no tail)
_NOT_BUT = re.compile(rf"不是(?P<a>{numerals.NUMBER})(?P<unit>[单笔个件元块]?),?(?:而是|是)"
                      rf"(?P<b>{numerals.NUMBER})(?P<after>[单笔个件元块]?)")
_MENTIONS = re.compile(rf"{when.TIME}|{numerals.NUMBER}")
# 订单300还是320, 定金50 还是 80, 昨天上午10点还是今天上午10点: neither number is the reading.
_OR = re.compile(r"还是")
_OR_LEFT = re.compile(r"[^。!?;]{0,6}")
_OR_RIGHT = re.compile(r"^[^。!?;\d]{0,4}$")
# 订单有600和580两个数, 定金50或80: two numbers side by side for one thing; neither is the reading.
_PAIR = re.compile(r"[单笔个件元块]?(?:和|或者|或|跟|与)")
# A clause that states a condition (如果买家同意, 要是调不到货) states no fact.
_IF = re.compile(r"(?:如果|要是|万一|假如|假设|若是|倘若)[^,.;!?。]*$")
# A hedged statement (客户好像点了接受, 订单可能是300; 点了接受 我也不确定) states no value.
# (大概有500单, 估计延迟了20单, 差不多是下午3点: an estimate, whatever stands between)
_HEDGES = ("好像", "似乎", "貌似", "可能", "也许", "或许", "印象中", "不确定", "记不清", "不记得",
           "大概", "大约", "大致", "差不多", "估计", "估摸", "约莫")
_HEDGE = re.compile(r"(?:好像|似乎|貌似|可能|也许|或许|印象中|大概|大约|大致|差不多|估计|估摸|约莫)[^,.;!?。]*$")
_UNSURE_AFTER = re.compile(r"[^,.;!?。]*[,.;!?。](?:但|但是)?(?:我|我们)?(?:也|又|都|还)?"
                           r"(?:不确定|不太确定|不敢确定|记不清|不记得)"
                           r"(?!了?(?:怎么|如何|什么|多少|几|会不会|是不是|能不能|要不要|扣不扣|算不算|对不对))")
# An approximate number or time (十几单, 几十单, 一千出头, 三百来单, 三百单左右, 3点多, 300到350单,
# 将近500, 不到300单, 至少20单) states no exact value: neither end of a range is the reading.
_APPROX_BEFORE = re.compile(r"(?:(?:大概|大约|大致|约莫|差不多|将近|接近|估计|至少|最少|起码|最多|顶多|不到|不足"
                            r"|不止|超过|多于|少于|(?<!最)近)(?:有|是|在|为)?|约(?:有|是|为)?|几|好几)$")
_APPROX_AFTER = re.compile(r"(?:几|好几|多(?![少久长])|余|出头|左右|上下|开外|\+|来(?=[单笔个件块元号点天次]))"
                           r"|(?:个?订单|个?单子?|笔|个|件|块钱|块|元|点|号|天|%)"
                           r"(?:多(?![少久长扣])|出头|左右|上下|开外|以上|以下|不到|朝上|往上)"
                           r"|[单笔个件块元]?(?:到|至|~|-|—)(?=\d|[一二两三四五六七八九十])")
_APPROX_WORDS = ("好几", "扣", "大概", "大约", "大致", "约", "差不多", "将近", "接近", "估计", "至少", "最少", "起码", "最多", "顶多",
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
                              r"|(?:的|和|跟|与|及)?(?:定金|订金|尾款)|抵(?=\d|[一二两三四五六七八九十百])")
_ASKED_AMOUNT = re.compile(r"(?:个?订单|单|笔|个|件|元|块钱|块|毛|角)?(?:吗|么|嘛|\?)")
_RATE_AFTER = re.compile(r"(?:个?订单|个?单|笔|个)?扣[\d一二两三四五六七八九十]+分")
# A question about a fact (能调货吗, 客户同不同意, 付没付尾款, 是否同意) states none: a fixed cue's
# words inside an A-not-A question, after 是否/能否/有没有…, or before 吗/没/不 that end the clause.
_A_NOT_A = re.compile(r"([\u4e00-\u9fff]{1,2})[不没]\1")
_ASKED_BEFORE = re.compile(r"(?:是否|能否|可否|是不是|有没有|会不会|能不能|可不可以|要不要|愿不愿意|肯不肯)"
                           r"[^,.;!?。\d]{0,3}$")
_ASKED_AFTER = re.compile(r"[了过到的呢货]{0,2}(?:吗|么|嘛|\?|(?:没有?|不)(?=$|[,.;!?。]))")
# 后台显示18单 但是我自己数是15单: a second figure set against the one before it, with no role of
# its own, gives that role two values (neither is read).
_CONTRAST = re.compile(r"[^。!?;\d]{0,12}?(?:但是|但|可是|不过|其实|实际上|实际|然而|又写的|又写着|又显示|又说是|又说|又是)"
                       r"[^。!?;\d]{0,10}$"
                       r"|[^。!?;\d]{0,6}?(?:聊天记录|记录|系统|后台|报表|订单详情)(?:里|上)?(?:显示|写的|写着)(?:的)?(?:是)?$"
                       r"|[^。!?;\d]{0,6}?(?:我|自己)(?:自己)?(?:数|算|统计|核对|查|看)[^。!?;\d]{0,6}$")

_CONTRAST_WORDS = ("但", "可是", "不过", "其实", "实际", "然而", "数", "算", "统计", "核对", "查", "看", "又", "显示", "写")


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
# A statement taken back (客户说接受了又说要取消, 一会说同意一会又说不同意) states no fact.
_RETRACTED = re.compile(r"[^。!?;]{0,12}?(?:又说|又改口|改口|又反悔|反悔|又变卦|变卦)")


_TIME_LABELS = ("时间", "下单", "揽件", "揽收", "上传", "发送", "运单号", "单号")


def _space(text: str, match: re.Match) -> str:
    before, after = text[:match.start()], text[match.end():]
    if _DAY_BEFORE.search(before) and _CLOCK_AFTER.match(after):
        return " "
    if before.rfind("(") > before.rfind(")") and ")" in after:
        return ""  # a remark in brackets is one clause (有30单客户同意延迟 报备免责了)
    if before.endswith(_TIME_LABELS) and when.TIME_RE.match(after):
        return ""  # 发送时间 前天 21:15, 下单 昨天 14:20: a time label and its time
    if before[-1:].isdigit() and _UNIT_AFTER.match(after) and not _HHMM_BEFORE.search(before) or _MULTIPLIED_AFTER.match(after) and _MULTIPLIED_BEFORE.search(before):
        return ""
    if _PARTICLE_BEFORE.search(before) and _COUNT_AFTER.match(after):
        return ""
    if before[-1:] == ":" or after[:1] == ":" or before[-1:] == ")" and _NUMBER_AFTER.match(after):
        return ""  # 订单数 : 90, 揽收(48小时内) 548: a label and its value
    if _LABEL_BEFORE.search(before) and not _COUNT_BEFORE.search(before) and _NUMBER_AFTER.match(after) \
            and not _COUNTED_CLAUSE.search(before) \
            and not (_DATE_AFTER.match(after) and _VERB_BEFORE.search(before) and _TIME_THEN_VERB.match(after)):
        return ""
    if _CLOCK_BEFORE.search(before) and _VERB_AFTER.match(after) and "时间" not in after[:4]:
        verb = _VERB_AFTER.match(after)
        if not (_DATE_AFTER.match(after, verb.end() + 1)
                or after.startswith(_TIME_LABELS) and after[verb.end():verb.end() + 1].isspace()
                and when.TIME_RE.match(after, verb.end() + 1)):
            return ""  # 18:00 上传; but 19:59 揽件 11/13 09:30, 14:20 单号 今天 14:30: a label of the next time
    return ","


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


def _correct(match: re.Match) -> str:
    """Return the corrected figure in the place of the first (a time keeps the first one's day and its verb)."""
    a_time, b_time = bool(when.TIME_RE.fullmatch(match["a"])), bool(when.TIME_RE.fullmatch(match["b"]))
    if a_time != b_time:
        return match.group()  # a time corrected by a count, or the other way round: no correction
    corrected = match["b"] + (match["after"] or match["unit"])
    if a_time and not when.day_text(match["b"]):
        corrected = when.day_text(match["a"]) + corrected  # 今天上午9点…看错了是上午10点: today's 10:00
    tail = match.groupdict().get("tail") or ""
    if tail and not match.string.startswith(tail, match.end()):
        corrected += tail  # 9点传的单号，…是10点: 10点传的单号
    return corrected


# Slips of a pinyin keyboard in the words cues read (定单 for 订单, 48消时, 延迟法货, 为款 for 尾款).
_SLIPS = {"后晌": "下午", "晌午": "中午", "前晌": "上午", "头午": "上午", "傍黑": "傍晚", "擦黑": "傍晚",
          "礼拜天": "周日", "礼拜日": "周日", "今儿个": "今天", "昨儿个": "昨天", "今儿": "今天", "昨儿": "昨天", "明儿": "明天", "前儿": "前天",
          "延迟发火": "延迟发货", "延迟发或": "延迟发货", "廷迟": "延迟", "余款": "尾款", "顶金": "定金",
          "遇售": "预售", "定单": "订单", "消时": "小时", "法货": "发货", "为款": "尾款", "伪款": "尾款", "揽见": "揽件", "蓝收": "揽收",
          "拦收": "揽收", "懒收": "揽收", "篮收": "揽收", "篮件": "揽件", "卡骗": "卡片", "可户": "客户", "据绝": "拒绝"}
_SLIP = re.compile("|".join(_SLIPS) + r"|延发货?")  # and the shop floor's short form: 延发30, 延发货3单
# English a merchant mixes in (orders 1000 pcs, 48h pickup 990, 客户 10am accept 了, sent at
# 2024-10-05 14:00), as the words the cues read. Not inside a field name (sent_at, delayed_orders):
# an underscore is part of the word; nor a form's label (sent: …, now=…), which kb.calculators.form reads.
_ENGLISH = {"orders": "订单", "order time": "下单时间", "order": "订单", "pcs": "单", "pickup": "揽件",
            "picked up": "揽件", "delayed": "延迟发货", "delay": "延迟发货", "deposit": "定金", "card": "卡片",
            "sent at": "发送时间", "sent": "发送时间", "accepted at": "接受时间", "accept at": "接受时间",
            "rejected at": "拒绝时间", "reject at": "拒绝时间", "accepted": "接受", "accept": "接受",
            "rejected": "拒绝", "reject": "拒绝", "waybill uploaded": "运单上传", "waybill": "运单", "now": "现在",
            "late shipments": "延迟发货", "late shipment": "延迟发货", "weekly orders": "本周订单"}
_ASCII_LETTER = re.compile(r"[a-z]")
_ENGLISH_WORD = re.compile(r"(?<![a-z_])(?:" + "|".join(sorted(_ENGLISH, key=len, reverse=True)) + r")(?![a-z_])(?!\s?[:=])")
# 8pm, 10am, 8:30pm: a 24-hour clock time.
_AM_PM = re.compile(r"(?<![\d:])(?P<h>1[0-2]|0?[1-9])(?::(?P<m>[0-5]\d))?\s?(?P<half>am|pm)(?![a-z])")


def _clock(match: re.Match) -> str:
    hour = int(match["h"]) % 12 + (12 if match["half"] == "pm" else 0)
    return f"{hour:02d}:{match['m'] or '00'}"


# A year in Chinese numerals (二〇二五年三月一日) is its digits.
_CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
# A long run of digits (订单号2398123456, a phone number) is an identifier, never a count, an amount or a time.
_IDENTIFIER = re.compile(r"(?<![\d.,a-z])[a-z]{0,4}\d{8,}(?![\d.,])")
# 订单量|2,345 (a pasted table): a label and its number.
_TABLE_CELL = re.compile(r"(?<=[\u4e00-\u9fffa-z])\|(?=\d)")
# 订单1200延迟发货6单: a count runs straight into the next clause's label (not a clock time into
# its verb, 08:30揽收, nor an amount into what it pays, 100定金).
_LABEL_AHEAD = re.compile(r"(?<=\d)(?<!:\d\d)(?=延迟|延时|48小时|48h|揽收|揽件)")
# Quotation marks round a button's or a person's words (点击了“接受”, 买家说“行”) are dropped; in the
# buyer's own words 我 is the buyer (买家原话：“我同意取消” is 买家同意取消).
_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』")
_BUYER_QUOTE = re.compile(r"(?P<who>买家|客户|顾客|消费者)(?:的)?(?:在[^,.;!?。“\"']{1,6}?)?(?:原话|原话是|说|回复|回|留言)[:]?\s?"
                          r"[“\"'‘「『](?P<words>[^”\"'’」』]{1,80})[”\"'’」』]")
_I = re.compile(r"我(?!们)")
_QUOTED = re.compile("[“\"'‘「『]")
# 2025-11-11 00:30:00, 22:00:00+08:00: the seconds and the China time zone a back office shows are dropped.
_SECONDS = re.compile(r"(?<![\d:])(\d{1,2}:\d{2})(?::\d{2})?(?:\+08:?00)?(?![\d:])")
# 一单延迟都没有 is 没有延迟 (no 一 to read as a count).
_NOT_ONE = re.compile(r"一(?:单|个)(?P<what>延迟发货|延迟|延误|超时)(?:的)?(?:都|也)(?=没有|没)")
# 2025-12-31T16:30:00Z: a time in UTC is read in China time (2026-01-01 00:30).
_UTC = re.compile(r"(?P<day>\d{4}-\d{1,2}-\d{1,2})[t ](?P<clock>\d{1,2}:\d{2})(?::\d{2})?(?:z|\+00:?00)(?![a-z\d])")
# 凌晨两点十分，昨天的: the day said after a time with none.
_DAY_AFTER = re.compile(rf"(?P<clock>(?:{when._PERIOD})?{when._CLOCK}),(?:是)?(?P<day>大前天|前天|昨天|今天)的(?=$|[,.;!?。])")
# 2025年5月31日 星期六 21:10: the weekday beside a date says nothing more.
_DATE_WEEKDAY = re.compile(r"(?<=[日号])\s?(?:星期|周|礼拜)[一二三四五六日天]\s?(?=\d)")
# 订单下单30小时了, 卡片发出去半个小时了, 发了卡片过去47个小时了: how long ago it happened, said after it
# (not 快/差不多…小时了: roughly; nor 发出去48小时了吗: asked).
_SINCE = re.compile(r"(?P<verb>下单|下的单|发了卡片|发出去|发了|发出)(?:已经|都|过去|过了|有)?(?:整整|足足)?"
                    r"(?P<n>\d{1,3}|[零一二两三四五六七八九十]{1,3}|半)(?P<unit>个?半?(?:小时|钟头|分钟))了(?![吗么嘛没])")
# 下单时间我看后台显示：2025-11-11 00:30: where the merchant looked stands between a label and its time.
_LOOKED = re.compile(r"(?<=时间)(?:我看|我查|查了下|看了下)?(?:(?:后台|系统)(?:上|里)?(?:显示|写的|写着)|显示)(?:的)?(?:是|为)?")
# The formal numerals of receipts and contracts (叁佰元, 贰拾单) are the everyday ones.
_FORMAL = str.maketrans("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬", "一二二三三四五六六七八九十百千万")
_FORMAL_CHARS = frozenset("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬")
# 2024-06-18t09:00 (ISO, lower-cased) is a date and its clock time.
_ISO_T = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})t(?=\d{1,2}:\d{2})")
# A form's yes/no question answered (能否调货:否, 是否支付尾款:是, 客户是否同意终止:同意) states the fact:
# 不能调货, 已支付尾款, 客户同意终止.
_ASKED_LABEL = re.compile(r"(?P<ask>是否|能否|可否|有没有|有无)(?P<what>[\u4e00-\u9fff]{1,8}?):"
                          r"(?P<answer>是的?|否|对|不是|不对|不|没有?|无|未|能|不能|可以|不可以|不行|行|同意|不同意"
                          r"|有|yes|no|y|n|true|false|ok)(?=$|[,;|/。!?])")
# …and a label answered by what was done (尾款:已付, 调货:不能): 已付尾款, 不能调货.
_DONE_LABEL = re.compile(r"(?P<what>[\u4e00-\u9fff]{2,4}):(?P<answer>已付|已支付|已结清|未付|未支付|没付|能|不能|可以|不可以|无法)"
                         r"(?=$|[,;|/。!?])")
_AGREE_WORDS = ("同意", "愿意", "接受", "答应", "认可")
_YES_ANSWERS = ("是", "是的", "对", "能", "可以", "行", "同意", "有", "yes", "y", "true", "ok")


def _china_time(match: re.Match) -> str:
    try:
        moment = datetime.fromisoformat(f"{match['day']}T{match['clock']}+00:00")
    except ValueError:
        return match.group()
    return when.text(moment).replace("T", " ")


def _answered(match: re.Match) -> str:
    ask, what = match["ask"], match["what"]
    agree = what.startswith(_AGREE_WORDS)
    if match["answer"] in _YES_ANSWERS:
        prefix = {"是否": "" if agree else "已", "能否": "能", "可否": "可以"}.get(ask, "有")
    else:
        prefix = {"是否": "不" if agree else "未", "能否": "不能", "可否": "不可以"}.get(ask, "没有")
    return prefix + what


def normalise(question: str) -> str:
    """Return the question as cues read it: NFKC (full-width to half-width), lower case, spaces as clause breaks."""
    text = unicodedata.normalize("NFKC", question).lower().strip()
    if not _FORMAL_CHARS.isdisjoint(text):
        text = text.translate(_FORMAL)
    text = _SLIP.sub(lambda match: _SLIPS.get(match.group(), "延迟发货"), text)
    if _QUOTED.search(text):
        text = _BUYER_QUOTE.sub(lambda match: match["who"] + ":" + _I.sub(match["who"], match["words"]), text)
    text = text.translate(_QUOTES)
    if _ASCII_LETTER.search(text):
        text = _AM_PM.sub(_clock, text)
        text = _ENGLISH_WORD.sub(lambda match: _ENGLISH[match.group()], text)
    if "年" in text:
        text = _CN_YEAR.sub(lambda match: match.group().translate(_CN_DIGITS), text)
    text = _IDENTIFIER.sub("#", text)
    if "z" in text or "+00" in text:
        text = _UTC.sub(_china_time, text)
    if ":" in text:
        text = _SECONDS.sub(r"\1", text)
        text = _DATE_WEEKDAY.sub(" ", text)
    if "了" in text:
        text = _SINCE.sub(r"\g<n>\g<unit>前\g<verb>", text)
    if "时间" in text:
        text = _LOOKED.sub("", text)
    if "|" in text:
        text = _TABLE_CELL.sub(":", text)
    text = _LABEL_AHEAD.sub(",", text)
    if "=" in text or "欵" in text:
        text = text.replace("=", ":").replace("欵", "款")  # 订单量=420 is a label and its number; 欵 is 款
    if "t" in text:
        text = _ISO_T.sub(r"\1 ", text)
    if " " in text or "\t" in text or "\u3000" in question:
        text = _SPACES.sub(lambda match: _space(text, match), text)
    if "一" in text and "没" in text:
        text = _NOT_ONE.sub(r"\g<what>", text)
    if "天的" in text:
        text = _DAY_AFTER.sub(r"\g<day>\g<clock>", text)
    if ":" in text and ("否" in text or "有" in text):
        text = _ASKED_LABEL.sub(_answered, text)
    if ":" in text:
        text = _DONE_LABEL.sub(r"\g<answer>\g<what>", text)
    if "错" in text or "不对" in text or "哦不" in text or "更正" in text:
        text = _CORRECTION.sub(_correct, text)
    if "不是" in text:
        text = _NOT_BUT.sub(_correct, text)
    return text


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
_LEADING = re.compile(r"^(?:\(\?<!(?:\[[^\]]*\]|[^()\[\]])*\))*\{(?P<kind>[NT])\}")


@lru_cache(maxsize=None)
def _plan(calculator_id: str) -> tuple:
    """Return the calculator's cues compiled once: (cue, regex, gates, `when` regex or None, field, leading,
    `unless_clause` regex or None).

    `leading` is "T" or "N" for a cue that opens with its time or number, else "".
    """
    calculator = REGISTRY[calculator_id]
    plan = []
    for cue in calculator.extraction.cues:
        regex = _COMPILED.get(cue.expanded) or cue.compile()
        plan.append((cue, regex, _gate_of(cue, regex), re.compile(cue.when) if cue.when else None,
                     calculator.field(cue.role), _leading_kind(cue.pattern),
                     re.compile(cue.unless_clause) if cue.unless_clause else None))
    return tuple(plan)


def _leading_kind(pattern: str) -> str:
    found = _LEADING.match(pattern)
    return found["kind"] if found else ""


_STARTS = {"T": when.TIME_RE, "N": numerals.NUMBER_RE}


def _starts(text: str, spans: list[tuple[int, int]], kind: str) -> list[int]:
    """Return where, inside the mentions, a time ("T") or a number ("N") can start.

    A cue that opens with its time or number can match only there: its value group is that
    regex, after zero-width lookbehinds only, so it matches at a position only if that regex does.
    """
    regex = _STARTS[kind]
    if kind == "T":
        # A time is read whole, from where its mention starts (1/11 20:00 or 20:00 inside
        # 11/11 20:00 are parts of it).
        return [start for start, end in spans if regex.match(text, start)]
    # (a number may start inside a time's mention: 一百二十 inside 周一百二十单)
    return [at for start, end in spans for at in range(start, end)
            if (at == start or not text[at - 1].isdigit()) and regex.match(text, at)]


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


def _anchor(text: str, spans: list[tuple[int, int]], start: int, now: datetime):
    """Return the day named by the nearest time before `start` (客户当天中午12点 after 11月11号零点), or None."""
    for left, right in reversed(spans):
        if right <= start:
            day = when.day_of(text[left:right], now)
            if day is not None:
                return day
    return None


def _value(cue: Cue, match: re.Match, field: Field | None, now: datetime,
           spans: list[tuple[int, int]] = ()) -> Any:
    """Return the value a cue's match states, or None when its text states none."""
    if cue.kind == "fixed":
        return cue.value
    groups = match.groupdict()
    text = groups.get("v") or groups.get("w") or groups.get("x") or groups.get("j")
    if cue.kind == "time":
        anchor = None
        if when.refers_back(text):
            anchor = _anchor(match.string, spans, match.start("v"), now)
            if anchor is None:
                return None  # a bare 那天 names no day
        if anchor is None and not cue.near and not when.names_clock(text):
            day = when.day_of(text, now, past=cue.past)
            return None if day is None else Day(day.isoformat())  # 前天晚上: the day only
        found = when.readings(text, now, past=cue.past, near=cue.near, anchor=anchor)
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


def mentions(text: str) -> list[tuple[int, int]]:
    """Return the spans of the numbers and times in a normalised question."""
    return [m.span() for m in _MENTIONS.finditer(text)]


def _flags(text: str, spans: list[tuple[int, int]]) -> tuple:
    """Return what a question's words say of all its readings, once for all calculators.

    (mentions that are no reading, conditional, hedged, retracted, intended, contrasted)
    """
    doubtful = _alternatives(text, spans) if "还是" in text else set()
    doubtful |= {("mention", start, end) for start, end in spans
                 if start and text[start - 1] in "0123456789." and when.TIME_RE.fullmatch(text, start, end)}
    doubtful |= _unexplained(text, spans)
    if "和" in text or "或" in text or "跟" in text or "与" in text:
        doubtful |= _pairs(text, spans)
    if any(word in text for word in _APPROX_WORDS):
        doubtful |= _approximate(text, spans)
    return (doubtful,
            "如果" in text or "要是" in text or "万一" in text or "假" in text or "若" in text,
            any(word in text for word in _HEDGES),
            "又" in text or "改口" in text or "反悔" in text or "变卦" in text,
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
    for cue, regex, gates, condition, field, leading, unless in _plan(calculator.id):
        if gates and not _open(gates, text):
            continue
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
                if conditional and _IF.search(text, 0, match.start()):
                    continue  # 如果买家同意: a condition, not a fact
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
            value = None if key in doubtful else _value(cue, match, field, now, spans)
            if cue.kind == "fixed" and ":" in text and _ANSWERED_NO.match(text, match.end()):
                value = (not value) if value is True else None  # 同意:否 is no; 不同意:否 is no statement
            if hedged and (_HEDGE.search(text, 0, match.end()) or _UNSURE_AFTER.match(text, match.end())):
                value = None
            elif intended and _INTENT.search(text, max(0, match.start() - 8), match.start()):
                value = None
            elif retracted and cue.kind == "fixed" and _RETRACTED.match(text, match.end()):
                value = None
            claims.setdefault(key, []).append((cue.rank, cue.role, value, cue.fallback))
    for key in asked:
        claims.pop(key, None)
    for item in form.stated(calculator, text, now):  # orders=2045, 订单阶段:支付尾款后
        keys = [("mention", left, right) for left, right in spans if left < item.end and item.start < right]
        for key in keys or [("form", item.name)]:
            claims.setdefault(key, []).append((_FORM_RANK, item.name, item.value, False))
    if contrasted:
        _contrast(text, spans, claims, calculator.extraction.elsewhere)
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


def _contrast(text: str, spans: list[tuple[int, int]], claims: dict, elsewhere: tuple = ()) -> None:
    """Give a role a conflicting claim where a figure with no role of its own is set against its value."""
    for left, right in zip(spans, spans[1:]):
        before = claims.get(("mention", *left))
        if not before or not _CONTRAST.fullmatch(text, left[1], right[0]):
            continue
        best = min(rank for rank, _, _, _ in before)
        roles = {role for rank, role, value, fallback in before if rank == best and not fallback and value is not None}
        if len(roles) != 1 or text[left[0]:left[1]] == text[right[0]:right[1]] \
                or not _same_kind(_figure(text, left), _figure(text, right)):
            continue  # the same figure again, or another kind of figure (10号 after 5单)
        role = roles.pop()
        after = claims.get(("mention", *right), [])
        if any(not fallback and other != role and other not in elsewhere for _, other, _, fallback in after):
            continue  # 订单300 但是有5单延迟: the second figure has a role of its own
        claims[("mention", *right)] = [(best, role, _Conflict(), False)]


_UNIT = re.compile(r"(?:个?订单|个?单子?|笔|个(?![\u4e00-\u9fff])|件)|(?:块钱|块|元)|(.)?")


def _figure(text: str, span: tuple[int, int]) -> str:
    """Return what kind of figure a mention is: a time, a count (单/笔/个), money (元/块), or another number."""
    if when.TIME_RE.fullmatch(text, *span):
        return "time"
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
    `headline`, `note`, `now` (the time the question was asked, China time) and
    `form` (the inputs as a calculator form takes them in its URL).
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
        if _valid(field, value):
            inputs[name] = value
            notes[name] = note
        else:
            unclear.add(name)
    note = extraction.note(read) if extraction.note else None
    if not inputs and not note and not any(calculator.field(name) for name in unclear):
        return None
    outcome, conflicts, wanted = _run(calculator, inputs, now)
    unclear.update(conflicts)
    return _shape(calculator, inputs, notes, unclear, outcome, conflicts, wanted, note, now)


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
           conflicts: dict, wanted: list, note: str | None, now: datetime) -> dict:
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
        headline = "按您的数字：" + (make(outcome["result"]) if make else outcome["result"].get("summary", ""))
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
    text = normalise(question)
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
        form.labels(REGISTRY[calculator_id])


# At import: kb.search imports this module at its own import, so the first question
# a process answers finds every cue compiled.
warm()
