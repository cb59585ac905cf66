"""The question as the cues read it: `normalise()`.

NFKC and lower case; spaces as clause breaks or not (本周订单800 48小时内揽收760 is two
clauses, 450 单 one count); slips of a pinyin keyboard (定单, 48消时), formal numerals,
English mixed in, a buyer's quoted words, corrections (订单650，哦不对，是605), form-like
labels answered (能否调货：否), back-office times (…T09:00:00Z, seconds, weekdays), and how
long ago something happened said after it (卡片发出去半个小时了). kb.calculators.extract
reads the result.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from kb.calculators import numerals, when

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
_NUMBER_AFTER = re.compile(r"[¥$]?\s?\d|[零一二两三四五六七八九十百千万]+(?=[单笔个件元块]|\s|$|[,.;:!?。，；：])")
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
_CN_NUMBER_BEFORE = re.compile(r"[零一二两三四五六七八九十百千万]{2,}$|(?<![\u4e00-\u9fff])[零一二两三四五六七八九十]$")
_COUNT_UNIT_AFTER = re.compile(r"(?:单|笔|件|元|块)(?![号])")
_THOUSANDS_AFTER = re.compile(r"\d{3}(?![\d.])")
_HHMM_BEFORE = re.compile(r"\d:\d\d$")  # (14:20 单号…: a clock time, not a count before its unit)
_CLOCK_BEFORE = re.compile(r"(?:\d:\d\d|[\d零一二两三四五六七八九十][点时](?:[零一二三四五六七八九十]{1,3}分|半|整)?)$")
# A clause that already has its count (15个延迟 1035个…): the number after the space opens the next one.
_COUNTED_CLAUSE = re.compile(r"[\d零一二两三四五六七八九十百千万](?:个|单|笔|件)[^\s,.;!?。\d]{1,6}$"
                             r"|(?:^|[\s,])[\d零一二两三四五六七八九十百千万]+(?:延迟|延误|晚发|迟发)$")  # (0延迟 100单)
# (not 揽件还没, 揽件 还没: a step not done yet, no verb of the time before)
_VERB_AFTER = re.compile(r"[\u4e00-\u9fff]{1,4}(?<![吗呢么吧嘛没未])(?<!没有)(?<!暂无)(?=\s|$|[,.;!?。])(?!\s?(?:还没|还未|没有|没|未|暂未|暂无))")
# …or a longer clause that says what happened then (20:30 通过咚咚发送延迟发货卡片, 18:30 上传运单号)
# (not 揽件还没揽, 揽收暂无: not done)
_EVENT_AFTER = re.compile(r"(?:(?![没未暂])[\u4e00-\u9fff]){0,6}?(?:发送|发出|发了|发的|上传|回传|传了|下单|下的单|揽收|揽件|点击|点了)"
                          r"(?:(?![没未暂])[\u4e00-\u9fff]){0,6}(?=$|[,.;!?。])")
# 延迟5单 不对 是7单, 订单650，哦不对，是605, 定金500，不对，定金是550, 今天上午10点，不对，是昨天上午10点,
# 6月2号21:00传的，不对不对，是6月2号19:00: the merchant corrects a number or a time; the later one stands.
# (等等我看错了是下午5点, 今日19:00(更正:经系统核实为今日20:30), 嗯不对不对，俺孙子说是两千一百单,
# 哦不对，我看错了，是302单; RMB 1200 定金，哦不，是1300: what the figure was, said after it)
_WRONG = r"(?:不对|(?:说|打|写|看|搞)错[行字数]?了|错了|哦不是(?![\d零一二两三四五六七八九十])|哦不(?!是[\d零一二两三四五六七八九十])|更正一下|更正|准确说|准确点|准确地说|确切地说|确切说)"
_WRONG_RUN = rf"{_WRONG}(?:不对)?(?:[,.;。…]*[\u4e00-\u9fff]{{0,4}}?{_WRONG})?"
_CORRECTION = re.compile(rf"(?P<a>{when.TIME}|{numerals.NUMBER})(?P<unit>块钱|[单笔个件元块毛角]?)(?P<tail>[\u4e00-\u9fff]{{0,4}}|[^,.;!?。\d]{{0,4}}?)"
                         rf"(?:,(?P<label>[\u4e00-\u9fff]{{1,4}})(?=,))?"
                         rf"[,.;。…(—]*(?:不是,)?(?:哦|噢|嗯|呃|啊)?[^,.;!?。\d]{{0,5}}?{_WRONG_RUN}"
                         rf"[,.;。…:—]*(?:应该|其实|实际)?(?:[\u4e00-\u9fff]{{0,8}}?(?:是说|是|为)|改成|改为)?"
                         rf"(?P<b>{when.TIME}|{numerals.NUMBER})(?P<after>块钱|[单笔个件元块毛角]?)")
# 客户点的是接受，哦不对看错了，是拒绝: a choice corrected; the later word stands.
_CHOICE_CORRECTION = re.compile(rf"(?P<a>接受|拒绝)(?P<mid>[,.;。…]*[^,.;!?。\d]{{0,5}}?{_WRONG_RUN}"
                                rf"[,.;。…]*(?:应该|其实|实际)?[\u4e00-\u9fff]{{0,4}}?是)(?P<b>接受|拒绝)")
# 一单扣几分, 1单扣1分: the rule's rate, no count of the merchant's (每单扣…).
_RATE = re.compile(r"(?<![\d一二两三四五六七八九十百千万])(?:一|1)(?:个)?单(?:就)?扣(?=[\d一二两三四五六七八九十几多])")
# 一件就是一单: how the merchant counts, no count (dropped with what parts it from the text).
_ONE_IS_ONE = re.compile(r",?(?:一|1)(?:件|个|台)(?:货)?(?:就是|就算|算|等于)(?:一|1)(?:单|笔)(?=$|[,.;!?。])")
# 没同意也没拒绝: neither said.
_NEITHER = re.compile(r"(?:没|没有)(?:说)?同意(?:也|又|,)?(?:没|没有)(?:说)?(?:拒绝|不同意)")
# 尾款付了没 付了, 尾款付了没有? 付了。: the merchant asks and answers.
_ANSWERED_PAID = re.compile(r"尾款(?:付|交)了没(?:有)?\??[,。]?(?:付了|付过了|交了|已付|是的|付啦)")
# 定金是，三百: a pause after 是 before the figure.
_HESITATION = re.compile(r"是,(?=\d|[零一二两三四五六七八九十](?:[百千万十]|[,.;!?。]))")
# 不知道哪个准: the merchant does not know which figure is right, so none corrects the other.
WHICH_UNKNOWN = re.compile(r"哪个(?:准|对|是对的|是准的)|不知道(?:该)?(?:信|用|按|听)?哪个|(?:搞|弄|说)不清")
# 订单不是300是320: the figure after 是 stands.
# (shares `_correct`: no day to carry, no tail)
_NOT_BUT = re.compile(rf"不是(?P<a>{numerals.NUMBER})(?P<unit>[单笔个件元块]?),?(?:而是|是)"
                      rf"(?P<b>{numerals.NUMBER})(?P<after>[单笔个件元块]?)")


# Labels a time follows across a space (下单 昨天 14:20, 发送时间 前天 21:15).
_TIME_LABELS = ("时间", "下单", "揽件", "揽收", "上传", "发送", "运单号", "单号", "运单")


# 19:45 下单 (a clock time, a space, then a short label word).
_LABEL_OF_TIME_BEFORE = re.compile(r"\d\s+[\u4e00-\u9fff]{1,4}$")
_ORDER_VERBS = ("下单", "下的", "拍下", "付款")


class _TimeEnds:
    """{end: start} of the times in the question whose spaces are being read, found when first asked for."""

    def __init__(self, text: str):
        self.text = text
        self.found: dict[int, int] | None = None

    def get(self, end: int) -> int | None:
        if self.found is None:
            self.found = {time.end(): time.start() for time in when.TIME_RE.finditer(self.text)}
        return self.found.get(end)


def _unlabelled_time(before: str, label_after: str, ends: _TimeEnds) -> bool:
    """Whether `before` ends with a time that no time label (下单, 发送时间:, 上传运单) stands in front of.

    In 昨日 19:45 下单 今日 19:44 上传运单 the first time has none, so each label ends the time before it.
    A bare 订单 in front labels the time (订单 今早9点半 单号 中午12点), unless the label after it is the
    order's own verb (订单 昨日 19:45 下单: the order, then when it was placed).
    """
    last = ends.get(len(before.rstrip()))  # (`before` is a start of the question `ends` was found in)
    if last is None:
        return False
    ahead = before[:last].rstrip()
    if ahead.endswith("订单") and not label_after.startswith(_ORDER_VERBS):
        return False
    if not (ahead.endswith(_TIME_LABELS) or ahead.endswith(":") or _VERB_BEFORE.search(ahead)):
        return True
    label = _LABEL_OF_TIME_BEFORE.search(ahead)  # …unless that label went to an unlabelled time before it
    return bool(label) and _unlabelled_time(ahead[:label.start() + 1], ahead[label.start() + 1:].strip(), ends)


def _space(text: str, match: re.Match, ends: _TimeEnds) -> str:
    """Return what a run of spaces in the question stands for: nothing, one space, or a clause break."""
    before, after = text[:match.start()], text[match.end():]
    if before[-1:].isdigit() and _THOUSANDS_AFTER.match(after):
        return ";"  # 订单 420 420单里有…: two numbers (420,420 would read as one, grouped in thousands)
    if _DAY_BEFORE.search(before) and _CLOCK_AFTER.match(after):
        return " "
    if before.rfind("(") > before.rfind(")") and ")" in after:
        return ""  # a remark in brackets is one clause (有30单客户同意延迟 报备免责了)
    if before.endswith(_TIME_LABELS) and when.TIME_RE.match(after) \
            and not (_VERB_BEFORE.search(before) and _TIME_THEN_VERB.match(after)):
        label = _LABEL_OF_TIME_BEFORE.search(before)
        if label and _unlabelled_time(before[:label.start() + 1], before[label.start() + 1:].strip(), ends):
            return ","  # 昨日 19:45 下单 今日 19:44 上传运单: the label ends the time before it
        return ""  # 发送时间 前天 21:15, 下单 昨天 14:20: a time label and its time
    if before[-1:].isdigit() and _UNIT_AFTER.match(after) and not _HHMM_BEFORE.search(before) or _MULTIPLIED_AFTER.match(after) and _MULTIPLIED_BEFORE.search(before):
        return ""
    if _CN_NUMBER_BEFORE.search(before) and _COUNT_UNIT_AFTER.match(after):
        return ""  # 一千零五十 单: a count and its unit
    if _PARTICLE_BEFORE.search(before) and _COUNT_AFTER.match(after):
        return ""
    if before[-1:] == ":" or after[:1] == ":" or before[-1:] == ")" and _NUMBER_AFTER.match(after):
        return ""  # 订单数 : 90, 揽收(48小时内) 548: a label and its value
    if _LABEL_BEFORE.search(before) and not _COUNT_BEFORE.search(before) and _NUMBER_AFTER.match(after) \
            and not _COUNTED_CLAUSE.search(before) \
            and not (_DATE_AFTER.match(after) and _VERB_BEFORE.search(before) and _TIME_THEN_VERB.match(after)):
        return ""
    verb = _CLOCK_BEFORE.search(before) and (_VERB_AFTER.match(after) or _EVENT_AFTER.match(after))
    if verb and "时间" not in after[:4]:
        # (a verb that ends its clause with a comma labels no time after it: 21:10 下单，9/3 20:00 上传)
        if not (_DATE_AFTER.match(after, verb.end() + 1) and after[verb.end():verb.end() + 1].isspace()
                and not _unlabelled_time(before, verb.group(), ends)
                or after.startswith(_TIME_LABELS) and after[verb.end():verb.end() + 1].isspace()
                and when.TIME_RE.match(after, verb.end() + 1) and not _unlabelled_time(before, verb.group(), ends)):
            return ""  # 18:00 上传; but 19:59 揽件 11/13 09:30, 14:20 单号 今天 14:30: a label of the next time
    return ","


# Slips of a pinyin keyboard in the words cues read (定单 for 订单, 48消时, 延迟法货, 为款 for 尾款).
_SLIPS = {"后晌": "下午", "晌午": "中午", "前晌": "上午", "头午": "上午", "傍黑": "傍晚", "擦黑": "傍晚",
          "礼拜天": "周日", "礼拜日": "周日", "今儿个": "今天", "昨儿个": "昨天", "今儿": "今天", "昨儿": "昨天", "明儿": "明天", "前儿": "前天",
          "延迟发火": "延迟发货", "延迟发或": "延迟发货", "为付尾款": "未付尾款", "上五": "上午", "中止订单": "终止订单", "廷迟": "延迟", "余款": "尾款", "顶金": "定金", "定经": "定金", "览收": "揽收", "览件": "揽件", "报背": "报备",
          "掉不来": "调不来", "掉不到": "调不到", "掉货": "调货",
          "遇售": "预售", "定单": "订单", "消时": "小时", "法货": "发货", "为款": "尾款", "伪款": "尾款", "揽见": "揽件", "蓝收": "揽收",
          "拦收": "揽收", "懒收": "揽收", "篮收": "揽收", "篮件": "揽件", "卡骗": "卡片", "可户": "客户", "据绝": "拒绝",
          "具绝": "拒绝", "尾宽": "尾款", "报被": "报备", "同以": "同意", "运单好": "运单号", "同一": "同意"}
# (上五 only where 上午 fits: not the 上五 of 早上五点; 同一 only where 同意 does: not 同一个店)
_SLIP = re.compile("|".join(word for word in _SLIPS if word not in ("上五", "同一"))
                   + r"|(?<![早晚])上五(?=\d|[一二三四五六七八九十])|同一(?=取消|终止|退|删单|了)"
                   + r"|延发货?")  # and the shop floor's short form: 延发30, 延发货3单
# English a merchant mixes in (orders 1000 pcs, 48h pickup 990, 客户 10am accept 了, sent at
# 2024-10-05 14:00), as the words the cues read. Not inside a field name (sent_at, delayed_orders):
# an underscore is part of the word; nor a form's label (sent: …, now=…), which kb.calculators.form reads.
_ENGLISH = {"orders": "订单", "order time": "下单时间", "order": "订单", "pcs": "单", "pickup": "揽件",
            "picked up": "揽件", "delayed": "延迟发货", "delay": "延迟发货", "deposit": "定金", "card": "卡片",
            "sent at": "发送时间", "sent": "发送时间", "accepted at": "接受时间", "accept at": "接受时间",
            "rejected at": "拒绝时间", "reject at": "拒绝时间", "accepted": "接受", "accept": "接受",
            "rejected": "拒绝", "reject": "拒绝", "waybill uploaded": "运单上传", "waybill": "运单", "now": "现在",
            "late shipments": "延迟发货", "late shipment": "延迟发货", "weekly orders": "本周订单",
            "final payment done": "尾款已付", "final payment paid": "尾款已付", "final payment": "尾款",
            "buyer agrees": "买家同意", "buyer agree": "买家同意", "no stock": "没货"}
_ASCII_LETTER = re.compile(r"[a-z]")
_ENGLISH_WORD = re.compile(r"(?<![a-z_])(?:" + "|".join(sorted(_ENGLISH, key=len, reverse=True)) + r")(?![a-z_])(?!\s?[:=])")
# 8pm, 10am, 8:30pm: a 24-hour clock time.
_AM_PM = re.compile(r"(?<![\d:])(?P<h>1[0-2]|0?[1-9])(?::(?P<m>[0-5]\d))?\s?(?P<half>am|pm)(?![a-z])")


def _clock(match: re.Match) -> str:
    hour = int(match["h"]) % 12 + (12 if match["half"] == "pm" else 0)
    return f"{hour:02d}:{match['m'] or '00'}"


# 30圆, 叁佰圆整: 圆 is 元 on receipts.
_YUAN = re.compile(r"(?<=[\d零一二两三四五六七八九十百千万])圆")
# A year in Chinese numerals (二〇二五年三月一日) is its digits.
_CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
# A long run of digits (订单号2398123456, a phone number) is an identifier, never a count, an amount or a time.
_IDENTIFIER = re.compile(r"(?<![\d.,a-z])[a-z]{0,4}\d{8,}(?![\d.,])")
# 订单量|2,345 (a pasted table): a label and its number.
_TABLE_CELL = re.compile(r"(?<=[\u4e00-\u9fffa-z])\|(?=\d)")
# 订单1200延迟发货6单: a count runs straight into the next clause's label (not a clock time into
# its verb, 08:30揽收, nor an amount into what it pays, 100定金).
# (and not 0延迟 at a clause's start or after the week, 本周0延迟: there the count is the label's own)
_LABEL_AHEAD = re.compile(r"(?<=[\u4e00-\u9fff:])(?<!\d:)(?!0(?!\d))(\d+)(?=延迟|延时|48小时|48h|揽收|揽件)")
# Quotation marks round a button's or a person's words (点击了“接受”, 买家说“行”) are dropped; in the
# buyer's own words 我 is the buyer (买家原话：“我同意取消” is 买家同意取消).
_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』")
_BUYER_QUOTE = re.compile(r"(?P<who>买家|客户|顾客|消费者|他|她)(?:的)?(?:在?[^,.;!?。“\"']{1,6}?)?(?:跟我|对我|和我)?(?:原话|原话是|说|回复|回|留言)[:]?\s?"
                          r"[“\"'‘「『](?P<words>[^”\"'’」』]{1,80})[”\"'’」』]")
_I = re.compile(r"我(?!们)")
_QUOTED = re.compile("[“\"'‘「『]")
# 09:00 整: on the minute.
_SHARP = re.compile(r"(?<=\d:\d\d)\s?整")
# 2025-11-11 00:30:00, 22:00:00+08:00: the seconds and the China time zone a back office shows are dropped.
_SECONDS = re.compile(r"(?<![\d:])(\d{1,2}:\d{2})(?::\d{2}(?:\+08:?00)?|\+08:?00)(?![\d:])")
# 一单延迟都没有 is 没有延迟, 揽件一单都没超48h is 揽件都没超48h: none (no 一 to read as a count).
# (not 还有一单也没揽收: one more; 没有一单是超过48小时才揽收的: none, 一单 dropped)
_NOT_ONE = re.compile(r"(?<![有还另])一(?:单|个|件|笔)(?:(?P<what>延迟发货|延迟|延误|超时)(?:的)?(?:都|也)|(?P<all>都))(?=没有|没)")
# 2025-12-31T16:30:00Z: a time in UTC is read in China time (2026-01-01 00:30).
_UTC = re.compile(r"(?P<day>\d{4}-\d{1,2}-\d{1,2})[t ](?P<clock>\d{1,2}:\d{2})(?::\d{2})?(?:z|\+00:?00)(?![a-z\d])")
# 凌晨两点十分，昨天的: the day said after a time with none.
# (晚上9点 前天: the day alone after a time that names none)
_DAY_AFTER = re.compile(rf"(?<![天日号])(?<!周[一二三四五六日天])(?P<clock>(?:{when._PERIOD})?{when._CLOCK})"
                        rf"(?:,(?:是)?(?P<day>大前天|前天|昨天|今天)的|(?P<alone>大前天|前天|昨天|今天))(?=$|[,.;!?。])")
# 今天的下午5点, 两天前的晚上8点, 11号的晚上8点, 周五的早上: a day and its time are one time.
_DAY_OF_TIME = re.compile(rf"(?P<day>[天日号前]|周[一二三四五六日天1-7])的(?=(?:{when._PERIOD})|{when._CLOCK})")
_PRESALE = re.compile(r"预售|尾款|余款")
# 28号下午传的单号（系统记录16:32）: the clock time noted in brackets is that day's time.
# (8月8号上午发了卡片（10点整）: the hour alone in brackets, with the part of the day before it)
_NOTED_CLOCK = re.compile(rf"(?P<day>{when._DATE}|{when._DAY_WORD})\s?(?P<period>{when._PERIOD})?(?P<mid>[^(,.;!?。\d]{{0,8}}?)"
                          r"\((?:[^()\d]{0,10}?(?:记录|显示)(?:的)?(?:是|为)?)?(?P<clock>\d{1,2}:\d{2}|\d{1,2}点(?:整|半)?)\)")
# 上周五(9月4日)下午6点: the date in brackets beside a weekday is the day.
# (大年初一（2月17号）: a holiday's date likewise)
_WEEKDAY_DATE = re.compile(rf"(?:(?:上上|上|这|本)?(?:周|星期|礼拜)[一二三四五六日天]|{when._VAGUE_DAYS}|元旦|国庆节?|平安夜|圣诞节?)"
                           r"\((?P<date>\d{1,2}月\d{1,2}[日号]|\d{1,2}[/.-]\d{1,2})\)")
# 前天（周日）下午4点: the weekday in brackets beside a day says nothing more.
_DAY_WEEKDAY = re.compile(r"(?<=[天日号])\((?:星期|周|礼拜)[一二三四五六日天]\)")
# 2025年5月31日 星期六 21:10: the weekday beside a date says nothing more.
_DATE_WEEKDAY = re.compile(r"(?<=[日号])\s?(?:星期|周|礼拜)[一二三四五六日天]\s?(?=\d)")
# 订单下单30小时了, 卡片发出去半个小时了, 发了卡片过去47个小时了: how long ago it happened, said after it
# (not 快/差不多…小时了: roughly; nor 发出去48小时了吗: asked).
_SINCE = re.compile(r"(?P<verb>下单|下的单|(?<=单)下了|(?<=单子)下了|发了卡片|发出去|发了|发出)(?:已经|都|过去|过了|有)?(?:整整|足足)?"
                    r"(?P<n>\d{1,3}|[零一二两三四五六七八九十]{1,3}|半)(?P<unit>个?半?(?:小时|钟头|分钟))了(?![吗么嘛没])")
# 下单时间我看后台显示：2025-11-11 00:30: where the merchant looked stands between a label and its time.
_LOOKED = re.compile(r"(?<=时间)(?:(?:我看|我查|查了下|看了下)?(?:(?:后台|系统)(?:上|里)?(?:显示|写的|写着)|显示)(?:的)?(?:是|为)?"
                     r"|以[\u4e00-\u9fff]{1,6}为准)")
# ① ② ③ ④ label cases in a list, as 甲 乙 丙 丁 do (kb.calculators.focus reads them).
_CIRCLED = frozenset("①②③④")
_CIRCLED_AS_TAGS = str.maketrans("①②③④", "甲乙丙丁")
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


# 差五分八点, 9点差5分: minutes to the hour (19:55, 08:55 as 7点55分, 8点55分).
_TO_HOUR = re.compile(rf"差(?P<m>\d{{1,2}}|[零一二两三四五六七八九十]{{1,3}})分(?P<h>{when._HOUR})点"
                      rf"|(?P<h2>{when._HOUR})点差(?P<m2>\d{{1,2}}|[零一二两三四五六七八九十]{{1,3}})分?")


def _to_hour(match: re.Match) -> str:
    hour = numerals.integer(match["h"] or match["h2"])
    minutes = numerals.integer(match["m"] or match["m2"])
    if hour is None or minutes is None or not 0 < minutes < 60 or not 0 < hour <= 24:
        return match.group()
    return f"{hour - 1}点{60 - minutes}分"


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
    if not _CIRCLED.isdisjoint(question):
        question = question.translate(_CIRCLED_AS_TAGS)  # ①…②… list their cases (NFKC would make them digits)
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
    if "圆" in text:
        text = _YUAN.sub("元", text)
    if "年" in text:
        text = _CN_YEAR.sub(lambda match: match.group().translate(_CN_DIGITS), text)
    text = _IDENTIFIER.sub("#", text)
    if "z" in text or "+00" in text:
        text = _UTC.sub(_china_time, text)
    if ":" in text:
        text = _SECONDS.sub(r"\1", text)
        if "整" in text:
            text = _SHARP.sub("", text)
        text = _DATE_WEEKDAY.sub(" ", text)
    if "了" in text:
        text = _SINCE.sub(lambda match: f"{match['n']}{match['unit']}前{'下的单' if match['verb'] == '下了' else match['verb']}", text)
    if "时间" in text:
        text = _LOOKED.sub("", text)
    if "(" in text:
        text = _DAY_WEEKDAY.sub("", text)
        text = _WEEKDAY_DATE.sub(r"\g<date>", text)
        text = _NOTED_CLOCK.sub(lambda match: f"{match['day']} {'' if ':' in match['clock'] else match['period'] or ''}"
                                              f"{match['clock']}{match['mid']}", text)
    if "押金" in text and _PRESALE.search(text):
        text = text.replace("押金", "定金")  # a newcomer's word for the presale deposit
    if "|" in text:
        text = _TABLE_CELL.sub(":", text)
    text = _LABEL_AHEAD.sub(r"\1,", text)
    if "=" in text or "欵" in text:
        text = text.replace("=", ":").replace("欵", "款")  # 订单量=420 is a label and its number; 欵 is 款
    if "t" in text:
        text = _ISO_T.sub(r"\1 ", text)
    if " " in text or "\t" in text or "\u3000" in question:
        ends = _TimeEnds(text)
        text = _SPACES.sub(lambda match: _space(text, match, ends), text)
    if "一" in text and "没" in text:
        text = _NOT_ONE.sub(lambda match: match["what"] or match["all"], text)
        text = text.replace("没有一单是", "没有").replace("没有一单", "没有")
    if "差" in text:
        text = _TO_HOUR.sub(_to_hour, text)
    if "天" in text:
        text = _DAY_AFTER.sub(lambda match: (match["day"] or match["alone"]) + match["clock"], text)
    if "的" in text:
        text = _DAY_OF_TIME.sub(r"\g<day>", text)
    if ":" in text and ("否" in text or "有" in text):
        text = _ASKED_LABEL.sub(_answered, text)
    if ":" in text:
        text = _DONE_LABEL.sub(r"\g<answer>\g<what>", text)
    if "扣" in text:
        text = _RATE.sub("每单扣", text)
    if "就是一" in text or "算一" in text or "等于一" in text:
        text = _ONE_IS_ONE.sub("", text)
    if "没" in text:
        text = _ANSWERED_PAID.sub("尾款付了", text)
        text = _NEITHER.sub("没表态", text)
    if r"是," in text:
        text = _HESITATION.sub("是", text)
    if ("错" in text or "不对" in text or "哦不" in text or "更正" in text or "准确" in text or "确切" in text) \
            and not WHICH_UNKNOWN.search(text):
        text = _CORRECTION.sub(_correct, text)
        text = _CHOICE_CORRECTION.sub(r"\g<b>", text)
    if "不是" in text:
        text = _NOT_BUT.sub(_correct, _corrected_earlier(text))
    return text



# The words that make a statement unsure (kb.calculators.extract reads no value hedged by them):
# those said before what they hedge (好像点了接受, 大概500单), and those said after it (…我不确定).
HEDGES_BEFORE = ("好像", "似乎", "貌似", "可能", "也许", "或许", "印象中", "印象里",
                 "大概", "大约", "大致", "差不多", "估计", "估摸", "约莫")
HEDGES = HEDGES_BEFORE + ("不确定", "不太确定", "记不清", "不记得")
_HEDGED = re.compile("|".join(HEDGES))


def _corrected_earlier(text: str) -> str:
    """Put the corrected figure also where the figure it corrects was said before (店长:本周订单1.5w,运营:不是1.5w,是1.48w)."""
    match = _NOT_BUT.search(text)
    if match is None:
        return text
    said = None
    for said in re.compile(rf"(?<![\d.]){re.escape(match['a'])}(?![\d.万千kw])").finditer(text, 0, match.start()):
        pass
    if said is None:
        return text
    return text[:said.start()] + match["b"] + text[said.end():]


def _correct(match: re.Match) -> str:
    """Return the corrected figure in the place of the first (a time keeps the first one's day and its verb)."""
    a_time, b_time = bool(when.TIME_RE.fullmatch(match["a"])), bool(when.TIME_RE.fullmatch(match["b"]))
    if a_time != b_time:
        return match.group()  # a time corrected by a count, or the other way round: no correction
    if _HEDGED.search(match.group()):
        return match.group()[len(match["a"]):]  # 4点…不对，好像是5点: the first is taken back, the second unsure
    corrected = match["b"] + (match["after"] or match["unit"])
    if a_time and not when.day_text(match["b"]):
        # 今天上午9点…看错了是上午10点: today's 10:00; 昨天下午5点…不对是6点: yesterday's 18:00
        if not (when.period_text(match["b"]) or ":" in match["b"]):
            corrected = when.period_text(match["a"]) + corrected
        day = when.day_text(match["a"])
        corrected = day + (" " if day[-1:].isdigit() and corrected[:1].isdigit() else "") + corrected  # 6/18 17:00
    tail = match.groupdict().get("tail") or ""
    if tail and not match.string.startswith(tail, match.end()):
        corrected += tail  # 9点传的单号，…是10点: 10点传的单号
    if match.groupdict().get("label"):
        corrected += "," + match["label"]  # 1200,定金,哦不,是1300: 1300,定金
    return corrected
