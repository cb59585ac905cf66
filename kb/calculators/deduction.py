"""延迟发货扣分: weekly penalty points from the 48-hour pickup rate (seed question 5)."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from kb.calculators.cues import BUYER, GAP, ORDER_UNIT, Cue, Extraction, Scope
from kb.calculators.spec import Calculator, CalculatorInputError, Field, Outcome, Output

THRESHOLD = Fraction(95, 100)
PER_ORDER_POINTS = 1
WEEKLY_CAP = 7
FLAT_POINTS = 7
THRESHOLD_TEXT = f"{float(THRESHOLD * 100):g}%"

DEFINITION = (
    "什么算延迟发货订单（原文第5条）："
    "（1）消费者下单成功后24小时内，商家未将消费者订购商品的快递运单号上传至京东系统的"
    "（以京东系统内记录的时间为准）；"
    "（2）消费者下单成功后48小时内，消费者查询不到订单的快递公司揽件跟踪信息的"
    "（以快递公司系统内记录的时间为准）。"
)
PER_ORDER_RULE = "原文第5条（3）：“店铺每周48小时揽件及时率≧95%的，延迟发货订单每单扣1分，每周不超过7分”。"
FLAT_RULE = "原文第5条（4）：“店铺每周48小时揽件及时率<95%的，扣7分”。"
FLAT_AMBIGUITY = (
    "原文有歧义：第（4）条只写“扣7分”，没有按延迟订单数计算，也没有说明延迟订单为0单"
    "（例如都已报备免责）时是否仍扣分。本计算器按字面理解：及时率<95%时一律扣7分，与延迟订单数无关。"
)
EXEMPTION = (
    "报备免责：原文第9条说，因天气、国家大型活动、仓库维护等不可抗因素可预期地不能按期发货时，"
    "使用“预报备”功能报备，审批通过后相关时段内产生的订单，延迟免责。"
    "原文没有逐条写明紧急报备或咚咚延迟发货卡片报备通过后对扣分的影响；"
    "请只把未获免责的延迟订单计入“延迟发货订单数”，有疑问以平台后台为准。"
)


def percent(rate: Fraction) -> str:
    """Return a rate as a percentage with 2 decimals, truncated so 94.999% never shows as 95.00%."""
    value = Decimal(rate.numerator * 100) / Decimal(rate.denominator)
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_DOWN)}%"


def compute(orders: int, picked_up_within_48h: int, delayed_orders: int) -> Outcome:
    """Return the week's penalty points under the seed's 95% pickup-rate rule."""
    errors = {}
    if picked_up_within_48h > orders:
        errors["picked_up_within_48h"] = f"不能多于本周订单数（{orders}）"
    if delayed_orders > orders:
        errors["delayed_orders"] = f"不能多于本周订单数（{orders}）"
    if errors:
        raise CalculatorInputError(errors)

    steps = [DEFINITION]
    result = {
        "points": 0,
        "rule": None,
        "pickup_rate": None,
        "pickup_rate_percent": None,
        "orders": orders,
        "picked_up_within_48h": picked_up_within_48h,
        "delayed_orders": delayed_orders,
        "weekly_cap": WEEKLY_CAP,
    }
    if orders == 0:
        steps.append("本周没有订单，48小时揽件及时率无从计算（记为空），也没有延迟发货订单，扣 0 分。")
        steps.append("原文没有单独说明一周无订单的情况；没有订单就没有可扣分的延迟订单，这里按不扣分处理。")
        steps.append(EXEMPTION)
        result["summary"] = "本周没有订单，不扣分。"
        return Outcome(result, steps)

    rate = Fraction(picked_up_within_48h, orders)
    shown = percent(rate)
    result["pickup_rate"] = float(rate)
    result["pickup_rate_percent"] = shown
    steps.append(
        f"48小时揽件及时率 = 48小时内揽件订单数 ÷ 订单数 = {picked_up_within_48h} ÷ {orders} = {shown}"
        "（按分数精确比较，不四舍五入）。"
    )
    if rate >= THRESHOLD:
        points = min(delayed_orders * PER_ORDER_POINTS, WEEKLY_CAP)
        result.update(points=points, rule="per_order")
        steps.append(f"及时率 ≥ {THRESHOLD_TEXT}，适用{PER_ORDER_RULE}")
        if delayed_orders * PER_ORDER_POINTS > WEEKLY_CAP:
            steps.append(
                f"延迟发货订单 {delayed_orders} 单 × {PER_ORDER_POINTS} 分 = {delayed_orders * PER_ORDER_POINTS} 分，"
                f"超过每周上限 {WEEKLY_CAP} 分，按 {WEEKLY_CAP} 分计。"
            )
        else:
            steps.append(f"延迟发货订单 {delayed_orders} 单 × {PER_ORDER_POINTS} 分 = {points} 分（每周上限 {WEEKLY_CAP} 分）。")
    else:
        points = FLAT_POINTS
        result.update(points=points, rule="flat")
        steps.append(f"及时率 < {THRESHOLD_TEXT}，适用{FLAT_RULE}本周扣 {FLAT_POINTS} 分。")
        steps.append(FLAT_AMBIGUITY)
    not_picked = orders - picked_up_within_48h
    if delayed_orders < not_picked:
        steps.append(
            f"请核对：本周有 {not_picked} 单未在48小时内揽件，按上面第（2）条这些订单一般都算延迟发货订单，"
            f"而填写的延迟发货订单只有 {delayed_orders} 单；差额如果不是已报备免责的订单，请核对数字。"
        )
    steps.append(EXEMPTION)
    result["summary"] = f"本周扣 {points} 分。"
    return Outcome(result, steps)


# What a question says about the week, by the definitions above: an order not picked up
# within 48 hours is a delayed order (第5条(2)), so 30单没揽收 gives both the pickups
# (orders − 30) and the delayed orders (30), unless the question states them.
# (懒件 is how 揽件 is often mistyped)
_PICK = r"(?:揽收|揽件|懒件|揽上|揽走|揽着|揽|取件|收件|取走|收走|拿走|来收|来揽|来取|来拿)"
_NOT = r"(?:没|未|没有|没被|未被|还没|还没有|都没|都没有|没能|未能)"
_H48 = r"(?:48小时|48h|48个小时|四十八小时|四十八个小时|两天|2天)"
# 除了3单以外都在48小时内揽收了: all but some (none of the all-picked cues reads it)
_EXCEPT = r"除了|除去|除开"
_WITHIN = r"(?:内|之内|以内|里头|里面|里)"
# 48小时内能查到揽件轨迹, 48小时内有揽件记录: a pickup seen in the tracking is a pickup (第5条(2) counts
# those the buyer can look up); 没查到揽件信息, 查不到揽件轨迹: none seen.
_SEEN = r"(?:(?:能|可以|可)?(?:查到|查得到|查询到|看到|看得到)(?:了)?|有)"
_UNSEEN = r"(?:(?:还|仍|仍然|一直|都)?(?:查|查询|看|找)不到|(?:没|未|没有|没能|未能)(?:查到|查询到|看到|查出|找到))"
_TRACE = r"(?:跟踪信息|物流信息|信息|轨迹|记录)"
# 超过48小时才揽收, 过了48小时才揽件, 48小时后才揽收: picked up, but late (not 没超过48小时)
_PAST48 = r"(?:(?<![没未不])(?:超(?:过|出)?|过了){_H48}(?:才|后)?|{_H48}(?:以后|之后|后|过后)才)".replace("{_H48}", _H48)
_LATE = r"(?:延迟发货|延时发货|延误发货|延迟|延时|延误|超时发货|逾期发货|晚发|迟发)"
_RATE = r"(?:48小时)?(?:揽收|揽件)?(?:及时率|揽收率|揽件率)"
# (延迟发货记了20单, 算下来160单, 统计出来87单, 共计96单, 延迟发货呢是三十单: how the count was come by)
_OF = (r"(?:的也就|的就|也就|的|了|是|有|共|一共|总共|合计|总计|共计|为|就|只有|才|也是|也|:|(?:又|也)?显示(?:的)?(?:是)?"
       r"|(?:记录|记|计|算|算下来|算了|算出来|统计出来|统计|统计的)(?:了|的)?(?:也|都)?(?:是|为|有)?|呢是|呢有|啊是|就是"
       r"|(?:一周|这周|本周)(?:有|是)?"
       r"|(?:目前|现在|暂时)(?:有|是)?)?")
# A short remark in brackets between a label and its count (揽收及时的(48h内)有320单).
_REMARK = r"(?:\([^()]{1,10}\))?"
_NOT_ORDINAL = r"(?<!第)"
# 15个延迟, 1035个48小时内揽收: 个 counts orders right before the verb
_PIECES = r"个(?!小时|钟头|月|星期|礼拜|工作日)"
_NOT_AFTER_VERB = (r"(?<![揽收件时迟误期])(?<!揽收了)(?<!揽件了)(?<!揽了)(?<!延迟了)(?<!超时了)"
                   r"(?<!揽收的)(?<!揽件的)(?<!延迟的)")
# Not the rest (其他都按时揽收了) and not a question (是不是都揽收了).
_ALL = r"(?<!其他)(?<!其余)(?<!剩下)(?<!剩下的)(?<!别的)(?:(?:所有|全部)(?:订单|的订单)?(?:都|均|全部|全都)|都|均|全部|全都|全)"
# 都揽收了吗 asks; it states nothing.
_NOT_ASKED = r"(?!收|件)(?!(?:了|到|完)?(?:吗|么|没|不|嘛|呢|\?))"
_REPORTED = r"(?:报备|报了备|报备了)"
# (免则 is how 免责 is often mistyped; 报备过的 is a report made and standing)
_EXEMPT = r"(?:免责|免则|通过|审核通过|审批通过|成功|批了|过了|过(?=的|[,.;!?。]|$))"
# A report not (yet) approved: 还在审核 leaves the delayed count open, 没通过 leaves it as it is.
# (不知道审核过没过, 不清楚通没通过: an outcome the merchant does not know is no approval; only 不知道/不清楚
# is the cue's text, so the A-not-A after it does not make the cue a question)
_PENDING = (r"(?:还在审核|正在审核|在审核|审核中|待审核|等审核|等待审核|还没审|还没出结果|没出结果|还在审批|审批中"
            r"|(?:不知道|不清楚|不确定)(?=[^,.;!?。]{0,4}(?:过没过|通没通过|通过没|过了没|有没有通过|批没批|结果)))")
_REFUSED = r"(?:没通过|没有通过|未通过|没过|被驳回|驳回了|被拒|没批|没批准|不通过)"
_WAYBILL = r"(?:运单号|快递单号|物流单号|单号|运单)"
# The words before 订单/单子 that make them the delayed or the picked-up orders, not the week's.
_NOT_LATE_ORDERS = "".join(f"(?<!{word})" for word in (
    "发货", "延迟", "延时", "延误", "迟发", "晚发", "揽收的", "揽件的", "发货的", "延迟的", "延误的", "延时的",
    "免责", "报备", "揽收", "揽件"))
# 延迟发货订单显示是41单, 延迟发货那里显示27单: the count shown against the label (where it is shown
# may stand between; 后台显示 alone, with no label, is other_count's)
_SHOWN = r"(?:(?:那里|那边|那儿|那栏|这栏|一栏|栏|里面|里|上面|上)?(?:显示|写着|写的|标着|标的)(?:的)?)"
# 延迟发货订单后台是35单, 后台统计是860单: the back office named after the label (so the count is the
# label's, not other_count's)
_BACK_OFFICE = r"(?:(?:我|俺)?看)?(?:商家后台|后台|系统|京麦|风向标)(?:那里|那边|上|里)?(?:显示|统计|统计的|写的|写着|算的|算)?(?:的)?"
# 延迟发货一共18单, 延迟的订单总共5单: a total of the delayed orders, not of the week's
# (nor is the 共 of 一共 a total of its own)
_NOT_LATE_TOTAL = "(?=[一总共合])(?<![一总])" + "".join(
    f"(?<!{word}{tail})" for word in ("延迟发货", "延时发货", "延误发货", "超时发货", "逾期发货",
                                      "延迟", "延时", "延误", "迟发", "晚发", "揽收", "揽件")
    for tail in ("", "的", "了", "单", "订单", "的订单", "单子", "的单子"))
# 这周目标是冲到2000单, 争取做到500单: a target, not the week's orders (计划, 预计: extract reads no intention)
_TARGET = r"(?:目标|指标|任务|kpi|争取|力争)"
# A remark in brackets tells of the count before it (延迟发货3单(都是没及时传单号的)): not a count of its own.
_GAP_OUTSIDE = r"[^(),.;!?。、\d零一二两三四五六七八九十百千万]"
_BRACKETED = r"(?:\((?=[\d零一二两三四五六七八九十百千万,]+(?:单|笔)?\)))"
# (…，其中通过了3单, …，只批了2单: how many of those reported were approved)
_APPROVED_OF = r",(?:其中|但|但是)?(?:只|就)?(?:审核)?(?:通过了|通过|批了|过了)(?:的)?(?:有)?"
# 36单因为快递爆仓，超过48小时才揽收: the reason between the count and what happened to it
_BECAUSE = r"(?:(?:因为|由于)[^,.;!?。\d]{1,8},?)"
# Counts of other things than the week's shipping: returns, refunds, complaints, stock, cash on delivery.
_NOT_SHIPPING = r"(?:退货|退款|售后|投诉|库存|货到付款|取消|差评|好评)"
# (only when this week has figures of its own: 上周的扣分出来了吗？上周订单700单… asks about last week)
_THIS_WEEKS_FIGURE = r"(?:这周|本周|这个星期|这星期|本星期|这礼拜)[^。!?;\d零一二两三四五六七八九十百千万]{0,12}[\d零一二两三四五六七八九十百千万]"
_OTHER_WEEK = r"(?:上周|上个星期|上星期|上个礼拜|上礼拜|上上周)"
EXTRACTION = Extraction(
    cues=(
        # 30单48小时没揽收, 有30单没揽件, 48小时内未揽收30单, 没揽收的有30单, 超过48小时才揽收的30单
        # (23单48小时内没查到揽件信息, 48小时内查不到揽件轨迹的有23单)
        # (9单48小时了还查不到揽件信息: 了 after the window)
        Cue("not_picked", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}?(?:订单)?{GAP}{{0,6}}?{_H48}?(?:{_WITHIN}|后|以后|之后)?(?:了)?(?:{_UNSEEN}|{_NOT})(?:按时|及时)?(?:被)?{_PICK}"),
        Cue("not_picked", rf"{_H48}?{_WITHIN}?(?:了)?(?:{_UNSEEN}|{_NOT})(?:被)?(?:完成)?{_PICK}(?:到)?{_TRACE}?(?:的)?(?:订单)?{_OF}{{N}}"),
        Cue("not_picked", rf"{_PAST48}(?:被)?{_PICK}(?:的)?(?:订单)?{_OF}{{N}}"),
        Cue("not_picked", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}?{_BECAUSE}?{GAP}{{0,4}}?{_PAST48}(?:被)?(?:快递|快递员)?(?:才)?(?:有)?{_PICK}"),
        Cue("not_picked", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}?(?:订单)?超时{_PICK}"),
        # 揽件超过48小时的有20单, 20单揽收超了48小时: the pickup took longer than 48 hours
        Cue("not_picked", rf"(?<![没未]){_PICK}(?:时间)?(?:超过|超出|超)(?:了)?{_H48}(?:的)?(?:订单)?{_OF}{{N}}"),
        Cue("not_picked", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}?(?:订单)?(?:的)?{_PICK}(?:时间)?(?:超过|超出|超)(?:了)?{_H48}"),
        # 超时揽收15单: picked up late, so not within 48 hours
        Cue("not_picked", rf"超时(?:才)?(?:被)?{_PICK}(?:了)?(?:\((?:超|超过)?{_H48}\))?(?:的)?(?:订单)?{_OF}{{N}}"),
        # 有2单没在48小时内揽收
        Cue("not_picked", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}?(?:订单)?{GAP}{{0,4}}?{_NOT}(?:在){_H48}{_WITHIN}?(?:被)?(?:快递|快递员)?{_PICK}"),
        # 有4单过了48小时才来揽，还有1单到现在都没揽收: more orders not picked up in time
        Cue("not_picked_more", rf"(?:还有|另外|另有|另外还有)(?:有)?{{N}}{ORDER_UNIT}[^,.;!?。\d]{{0,12}}?(?:{_NOT}|超时|超过|超出|过了)"
                               rf"[^,.;!?。]{{0,12}}?{_PICK}", rank=-1),
        # 48h揽收不及时的有300单
        Cue("not_picked", rf"{_H48}?{_PICK}(?:不及时|不按时|超时|没及时|没按时|未及时|未按时)(?:的)?(?:订单)?{_OF}{{N}}"),
        # 没揽收及时的有300单
        Cue("not_picked", rf"{_H48}?{_NOT}(?:被)?{_PICK}(?:及时|按时)(?:的)?(?:订单)?{_OF}{{N}}"),
        # 48小时外揽收合计60单: picked up outside the window
        Cue("not_picked", rf"{_H48}(?:外|以外|之外)(?:才)?(?:被)?{_PICK}(?:的)?(?:订单)?{_OF}{{N}}"),
        # 没在48小时内揽收的18单
        Cue("not_picked", rf"{_NOT}(?:按时|及时)?在?{_H48}{_WITHIN}?(?:被)?{_PICK}(?:到)?(?:的)?(?:订单)?{_OF}{{N}}"),
        # 420单48小时内揽收, 48小时内揽收了420单, 48小时揽件1150单, 揽件48h内940, 及时揽收420单
        Cue("picked_up_within_48h", rf"{_NOT_ORDINAL}{{N}}(?:{ORDER_UNIT}|{_PIECES})?(?:订单)?(?:在)?{_H48}{_WITHIN}?(?:都|已|已经|按时|及时)?{_SEEN}?(?:被)?{_PICK}(?![收件上])"
                                     rf"(?!(?:了|到)?(?:的)?(?:订单)?{_OF}[\d零一二两三四五六七八九十百千万])"),
        Cue("picked_up_within_48h", rf"(?<![没未超过出])(?<!没在)(?<!未在)(?<!不在)(?<!没按时在)(?<!没及时在)(?<!未按时在){_H48}{_WITHIN}?(?:已|已经|按时|及时|正常)?{_SEEN}?(?:被)?(?:完成)?{_PICK}{_TRACE}?(?:了|到)?(?:的)?"
                                     rf"(?:订单)?(?:数|量)?{_OF}{{N}}"),
        # 48小时里有297单揽了: the window, then the count, then the verb
        Cue("picked_up_within_48h", rf"(?<![没未超过出]){_H48}{_WITHIN}(?:有|共)?{{N}}{ORDER_UNIT}(?:都|已|已经)?(?:被)?{_PICK}(?!的?(?:订单)?{_OF}\d)"),
        # (揽件(48h)140, 揽件数(48小时内)2380: the window in brackets)
        Cue("picked_up_within_48h", rf"(?<![没未]){_PICK}(?:数|量)?(?:{_H48}{_WITHIN}?|\({_H48}{_WITHIN}?\))(?:的)?{_OF}{{N}}"),
        Cue("picked_up_within_48h", rf"(?<![没未不])(?<!没有)(?:及时|按时){_PICK}(?:了|到)?(?:的)?(?:订单)?{_REMARK}{_OF}{{N}}"),
        # 没按时揽收的9单
        Cue("not_picked", rf"{_NOT}(?:按时|及时)(?:被)?{_PICK}(?:的)?(?:订单)?{_OF}{{N}}"),
        Cue("picked_up_within_48h", rf"(?<![没未]){_PICK}(?:及时|按时)(?:的)?(?:订单)?(?:数|量)?{_REMARK}{_OF}{{N}}"),
        Cue("picked_up_within_48h", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}?(?:订单)?(?:都|已|已经)?(?:及时|按时){_PICK}"),
        # 3单都是48小时内揽收的 (not 这周400单都在48小时内揽收了: the week's orders, all picked up)
        Cue("picked_up_within_48h", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}(?:都是|全是|是)(?:在)?{_H48}{_WITHIN}(?:被)?{_PICK}"),
        # In a question about the week's pickups, 揽收了285单 is the count the rate is made of.
        # Ranked below the cues that say how late (超48小时揽件的有一百单 is the late ones).
        Cue("picked_up_within_48h", rf"(?<![没未超])(?<!没有)(?<!没被|未被|超过|超出|超时)(?<!未完成|没完成){_PICK}(?:了)?(?:的)?(?:数|量)?(?:有|:)?{{N}}",
            rank=1),
        # 48小时内都揽收了, 全部48小时内揽件: every order (not 其他都揽收了, which is the rest)
        Cue("all_picked", rf"{_ALL}(?:是)?(?:在)?{_H48}{_WITHIN}(?:都|全部)?(?:已|已经)?(?:被)?(?:完成)?{_PICK}{_NOT_ASKED}", value=True, unless_clause=_EXCEPT),
        # 全都当天就揽收了
        Cue("all_picked", rf"{_ALL}(?:是)?当天(?:就)?(?:被)?{_PICK}{_NOT_ASKED}", value=True, unless_clause=_EXCEPT),
        Cue("all_picked", rf"{_H48}{_WITHIN}?{_ALL}(?:已|已经)?(?:被)?{_PICK}{_NOT_ASKED}", value=True, unless_clause=_EXCEPT),
        # 揽收都在48小时内, 都按时揽收了 (按时 is within 48 hours: 及时率 counts those)
        Cue("all_picked", rf"(?<![没未]){_PICK}(?:也)?{_ALL}(?:是)?(?:在)?{_H48}{_WITHIN}(?![^,.;!?。]*(?:吗|么|嘛|\?))", value=True, unless_clause=_EXCEPT),
        # 48小时揽收都正常
        Cue("all_picked", rf"(?<!其他)(?<!其余)(?<!剩下)(?<!别的){_H48}?{_WITHIN}?{_PICK}(?:也)?(?:都|全部|全都)(?:很)?(?:正常|及时|按时)"
                          rf"(?!(?:吗|么|嘛|\?))", value=True, unless_clause=_EXCEPT),
        # 揽件没有超时的
        Cue("all_picked", rf"(?<![没未]){_PICK}(?:这块|方面)?(?:都|也)?(?:没有|没)(?:超时|(?:超过|超出|超){_H48})(?:的)?(?=$|[,.;!?。])",
            value=True, unless_clause=_EXCEPT),
        Cue("all_picked", rf"{_ALL}(?:已|已经)?(?:按时|及时)(?:被)?{_PICK}{_NOT_ASKED}", value=True, unless_clause=_EXCEPT),
        # 揽件都及时, 揽收全部按时: the same, label first (not 揽件都及时吗, 揽件都及时的话, 其他揽件都及时)
        Cue("all_picked", rf"(?<![没未])(?<!其他)(?<!其余)(?<!其他的)(?<!其余的)(?<!剩下)(?<!剩下的)(?<!别的){_PICK}(?:也)?{_ALL}"
                          rf"(?:是)?(?:很)?(?:按时|及时)(?:的)?(?!(?:了|的)?(?:吗|么|没|不|嘛|呢|话|\?))",
            value=True, unless_clause=_EXCEPT),
        # 延迟发货订单3单, 延迟了30单, 30单延迟, 延迟:0, 延迟发货也就这两单; 没有延迟的 = 0
        # (延迟发货订单数(15): the count alone in brackets)
        Cue("delayed_orders", rf"{_LATE}(?:发货)?(?:的|了)?(?:订单|单子|单)?(?:数|量)?{_SHOWN}?(?:也|都)?{_REMARK}{_OF}(?:这)?"
                              rf"{_BRACKETED}?{{N}}", rank=1),
        # (not when another source gives its own figure: 后台显示10单 报表是15单 对不上)
        Cue("delayed_orders", rf"{_LATE}(?:发货)?(?:的)?(?:订单|单子|单)?(?:数|量)?{_BACK_OFFICE}{_OF}{{N}}"
                              rf"(?={ORDER_UNIT}|$|[,.;!?。、])(?![^。!?;]*(?:报表|表格|对不上|我自己|我数|我算))"),
        # (一百单延迟六单: 延迟 takes the count after it, not the one before)
        Cue("delayed_orders", rf"{_NOT_ORDINAL}{{N}}(?:{ORDER_UNIT}|{_PIECES})(?:订单)?(?:都|全|已|已经|是|算|也是|也都是|也算|也)?{_LATE}"
                              rf"(?!(?:发货)?(?:的|了)?{_OF}[\d零一二两三四五六七八九十百千万])", rank=1),
        Cue("delayed_orders", rf"(?<!有)(?:没有|没|无)(?:任何)?{_LATE}(?:的)?(?:订单)?(?![^,.;!?。]*{_REPORTED})", value=0, rank=1),
        # 0延迟 100单
        Cue("delayed_orders", rf"(?<![\d.])(?:0|零)(?:单|个)?{_LATE}(?!(?:发货)?(?:的|了)?(?:订单)?{_OF}[\d零一二两三四五六七八九十百千万])", value=0, rank=1),
        # 延迟发货没有, 延迟的一单都没有: none (not 延迟发货没有报备, 延迟发货没有超过5单)
        Cue("delayed_orders", rf"{_LATE}(?:发货)?(?:的)?(?:订单|单子)?(?:也|都|一单都|一单也|一个都|一个也)?(?:没有|没)(?=$|[,.;!?。])",
            value=0, rank=1),
        # Delayed orders whose report was approved (报备通过了10单, 有4单走了紧急报备审核通过了) are exempt;
        # those not reported (没报备的3单) are not.
        Cue("exempt", rf"{_REPORTED}(?:、|,)?{GAP}{{0,4}}?{_EXEMPT}(?:了)?(?:的)?(?:订单)?(?:数|量)?{_OF}{{N}}"),
        # 报备 said anywhere: if no count of exempt orders is read, the delayed count is not known
        Cue("reported_any", rf"(?<![没未])(?<!没有){_REPORTED}|(?<![没未不])免责", value=True, supposed=False),
        # 无报备, 没做报备: no report, the delayed count stands
        Cue("no_report", rf"(?:无|没有|没|未)(?:做|做过|做了)?(?:任何)?{_REPORTED}", value=True),
        # …unless what the report came to is said (其中2单报备了，但是没通过: the count stands as stated)
        Cue("refused_any", rf"{_REPORTED}[^。!?;]{{0,10}}?{_REFUSED}", value=True),
        # (not 延迟发货100单报备免责100单: the count after 免责 is the exempt one)
        # (其中2单是客户要求晚点发的 已报备免责: a clause break before 已报备)
        Cue("exempt", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}(?:订单)?(?:(?![没未]){GAP}|、){{0,12}}?(?:,(?=已|报备))?(?:(?![没未]){GAP}){{0,4}}?{_REPORTED}(?:{GAP}|、){{0,6}}?"
                      rf"(?:,[^,.;!?。、\d没未不]{{0,6}}?)?{_EXEMPT}"
                      rf"(?!(?:了)?(?:的)?(?:订单)?{_OF}[\d零一二两三四五六七八九十百千万])"),
        # 其中3单报备了, 有2单是报备过的: a report with no outcome said is taken as approved,
        # unless the sentence says it is under review or refused (3单报备了,还在审核)
        # (not 一单都没报备过: none)
        Cue("exempt", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}(?:订单)?(?:(?![没未]){GAP}){{0,8}}?(?:报备了|报备过|报过备|报了备)(?:的)?"
                      rf"(?=$|[,.;!?。])(?![^。!?;]*(?:{_PENDING}|{_REFUSED}))"),
        # 免责报备:3, 免责报备的有3单: the label the other way round
        Cue("exempt", rf"(?:免责|免则){_REPORTED}(?:的)?(?:订单)?(?:数|单数)?{_OF}{{N}}"),
        # 俺报备了两单啊: a report with no outcome said is taken as approved (as 其中3单报备了 below)
        Cue("exempt", rf"(?<![没未不])(?<!没有)(?:报备了|报备过|报备)(?:的)?(?:有)?{{N}}{ORDER_UNIT}?(?:啊|呢|了|吧|ok|啦)?(?=$|[,.;!?。])"
                      rf"(?![^。!?;]*(?:{_PENDING}|{_REFUSED}))"),
        # 有5单是客户同意延迟并在咚咚卡片上点了接受的: the card accepted is a report approved (seed question on the card)
        # (其中2单我给客户发了延迟发货的小卡片，客户都点了接受)
        Cue("exempt", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}(?:是)?[^,.;!?。\d]{{0,16}}?卡片上?,?{BUYER}?(?:都|也)?(?:点了|点击了|点)(?:接受|同意)",
            when=_LATE),
        # 3单紧急报备审核未通过，2单审核通过: approved, said without 报备 again
        Cue("exempt", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}(?:的)?(?:紧急|预)?(?:报备)?(?:审核|审批)(?:已)?通过(?!了?(?:吗|么|没))", when=_REPORTED),
        # 咚咚卡片顾客点了同意的有3单: the count after the card accepted
        Cue("exempt", rf"卡片上?{BUYER}?(?:点了|点击了|点)(?:接受|同意)(?:的)?(?:订单)?{_OF}{{N}}", when=_LATE),
        # 延迟发货订单 14，免责 2: a back office's pair of counts
        Cue("exempt", rf"(?<![没未不])免责(?:的)?(?:订单)?(?:数|单数|量)?{_OF}{{N}}(?!{ORDER_UNIT}?{GAP}{{0,4}}?(?:吗|么))", when=_LATE),
        # 有20单免责: exempt, the report taken as said
        Cue("exempt", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}(?:是|已|已经)?(?:报备)?(?<![没未不])免责(?!吗|么|\?)"
                      rf"(?!(?:了)?(?:的)?(?:订单)?{_OF}[\d零一二两三四五六七八九十百千万])"),
        # 报备了5单，通过了3单: the approved ones are exempt, not all those reported
        Cue("reported", rf"{_REPORTED}(?:了)?(?:的)?(?:有)?{{N}}{ORDER_UNIT}(?={_APPROVED_OF})", rank=-1),
        Cue("exempt", rf"{_REPORTED}(?:了)?(?:的)?(?:有)?[\d零一二两三四五六七八九十百千万]+{ORDER_UNIT}{_APPROVED_OF}{{N}}"),
        # 报备了两单免责的: the count between the report and its outcome
        Cue("exempt", rf"{_REPORTED}(?:了)?{{N}}{ORDER_UNIT}(?:是|都|也|已|已经|都已经)?{_EXEMPT}"),
        # 延迟发货的12单都已经报备免责了: all the delayed orders are exempt (and none counts)
        Cue("all_exempt", rf"{_LATE}(?:发货)?(?:的)?(?:订单|单子)?{_OF}{{N}}{ORDER_UNIT}?(?:订单)?,?(?:不过|但是|但)?(?:都|全部|全都|全)"
                          rf"(?:已|已经)?{_REPORTED}(?:{GAP}{{0,4}}?{_EXEMPT}|了?(?=$|[,.;!?。])(?![^。!?;]*(?:{_PENDING}|{_REFUSED})))",
            rank=-1),
        # 其中5单报备了还在审核 (the count is open), 3单报备了没通过 (not exempt)
        Cue("pending", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}(?:订单)?{GAP}{{0,8}}?{_REPORTED}(?:了)?(?:但|但是)?{GAP}{{0,4}}?{_PENDING}",
            rank=-1),
        Cue("pending", rf"{_REPORTED}(?:了)?(?:但|但是)?{GAP}{{0,4}}?{_PENDING}(?:的)?(?:订单)?{_OF}{{N}}", rank=-1),
        Cue("pending", rf"{_REPORTED}(?:了)?{{N}}{ORDER_UNIT}(?:但|但是|,)?{GAP}{{0,2}}?{_PENDING}", rank=-1),
        Cue("refused", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}(?:订单)?{GAP}{{0,8}}?{_REPORTED}(?:了)?(?:但|但是)?{GAP}{{0,4}}?{_REFUSED}",
            rank=-1),
        Cue("refused", rf"{_REPORTED}(?:了)?(?:但|但是)?{GAP}{{0,4}}?{_REFUSED}(?:的)?(?:订单)?{_OF}{{N}}", rank=-1),
        # 另外还有2单是报备过免责的，没算在这11单里: exemptions already left out of the delayed count
        Cue("exempt_outside", r"(?:没|没有|不)算在|不在(?:这|那)?[\d一二两三四五六七八九十百]*单里|已剔除|已排除|不包含|不含"
                              r"|扣除(?:了)?(?:报备)?免责(?:的)?(?:订单)?(?:后|以后|之后)|已扣除|(?:已经|已)?去掉(?:了)?(?:报备)?免责",
            value=True, when=_REPORTED),
        # 报备了 还在审核 anywhere in the question: how many delayed orders count is not known yet
        Cue("pending", _PENDING, value=True, when=_REPORTED),
        Cue("unexempt", rf"(?:没|未|没有){_REPORTED}(?:的)?(?:订单)?{_OF}{{N}}", when=_LATE),
        # 有3单超过24小时才传运单号算延迟发货: a count the merchant says counts as delayed
        Cue("delayed_orders", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}(?:[^,.;!?。\d]|24小时|48小时|24h|48h){{0,16}}?,?(?:后台)?(?:算|算作|算成|被算|被算作|记为|计为)(?:了)?(?:是)?{_LATE}"
                              rf"(?![^,.;!?。]{{0,4}}(?:吗|么|嘛|\?))", rank=-1),
        # Orders whose waybill was late (有20单没在24小时内上传单号): neither the week's orders nor pickups.
        Cue("late_waybill", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}(?:订单)?{_GAP_OUTSIDE}{{0,8}}?(?:超(?:过)?(?:24小时|24h)|(?:24小时|24h){_WITHIN}?)?"
                            rf"(?:没|未|没有)(?:在)?(?:24小时|24h)?{_WITHIN}?"
                            rf"(?:及时)?(?:上传|传|填|回传)(?:了)?{_WAYBILL}?"),
        # 超24小时没传单号的2单, 24小时未上传运单号12单: the label first
        Cue("late_waybill", rf"(?:超(?:过)?(?:24小时|24h)|(?:24小时|24h){_WITHIN}?)(?:没|未|没有)(?:及时)?(?:上传|传|填|回传)(?:了)?{_WAYBILL}"
                            rf"(?:的)?(?:订单)?{_OF}{{N}}"),
        # 退货80单, 客户投诉了三单, 库存有8000件, 有6单是货到付款的: counts of something else
        Cue("other_count", rf"{_NOT_SHIPPING}(?:了)?(?:的)?(?:订单)?(?:有|是)?{{N}}", rank=-1),
        Cue("other_count", rf"{_NOT_ORDINAL}{{N}}(?:{ORDER_UNIT}|件|个)(?:订单)?(?:是|都是|为)?{_NOT_SHIPPING}", rank=-1),
        # 有2单是单号传晚了
        Cue("late_waybill", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}(?:是)?{_WAYBILL}(?:上传|传|回传|填)(?:得)?(?:晚|迟|慢)(?:了)?"),
        # 另有3单超过24小时未上传运单号, 有2单运单号超过24小时才上传
        Cue("late_waybill", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}(?:订单)?(?:的)?{_WAYBILL}?(?:超过|超)(?:了)?(?:24小时|24h)(?:才|都|还)?(?:没|未|没有)?(?:上传|传|回传|填)"),
        # A count from another week (上周400单: _LAST_WEEK below) or another source (后台显示10单,
        # 报表是15单) is not this week's.
        # 比上周少了300单: a difference, not a count
        Cue("other_count", rf"(?:比|较|跟)[^,.;!?。\d]{{0,6}}?(?:多|少|增加|减少|涨|降|跌|增长|下降)(?:了)?{{N}}", rank=-1),
        # 上周加这周一共1100单: two weeks together, not this week's
        Cue("other_count", r"(?:上周|上个?星期|上礼拜)(?:加上|加|和|跟|\+)(?:这周|本周)(?:一共|总共|共|合计)?(?:是|有)?{N}", rank=-1),
        # (not 后台显示一共236单: a total shown is the week's)
        Cue("other_count", rf"(?:后台|系统|报表|表格|数据)(?:上|里|里面)?(?:显示|写的|写着|是|有)(?!的?(?:一共|总共|合计|共计|共)){_OF}{{N}}",
            rank=1),
        # 本周订单数450, 一共450单, 450单
        # (not 延迟发货订单8单 nor 延迟发货的单子有40个: those are the delayed ones)
        Cue("orders", rf"{_NOT_LATE_ORDERS}(?<!订)(?:订单|单量|订单量|总单量|总单数|总订单|总单|单子)(?:数|总数|总量)?{_OF}{{N}}", rank=1),
        Cue("orders", rf"{_NOT_LATE_TOTAL}(?:一共|总共|共|总计|合计){_OF}{{N}}{ORDER_UNIT}", rank=1),
        # 总共下单208, 一共出单300, 总共卖出去1100单: the week's orders placed (a 件 count is of items)
        Cue("orders", rf"{_NOT_LATE_TOTAL}(?:一共|总共|共计|总计|合计|共)(?:下单|出单|成交)(?:了)?{_OF}{{N}}(?![件个次人])", rank=1),
        Cue("orders", rf"{_NOT_LATE_TOTAL}(?:一共|总共|共计|总计|合计|共)(?:下了|出了|卖了|卖出去了|卖出去|卖出了|卖出|成交了)"
                      rf"{_OF}{{N}}{ORDER_UNIT}", rank=1),
        # 结果只卖了640单, 一共接了1万2千单: the orders the week had
        Cue("orders", rf"(?:结果|最后|实际)?(?:只|才|就)?(?:卖了|卖出了|卖出去了|接了|出了)(?:大概)?{{N}}{ORDER_UNIT}", rank=1),
        # 订单暴增到3.6w, 单量涨到了900: what the week's orders came to
        Cue("orders", rf"{_NOT_LATE_ORDERS}(?:订单|单量|订单量|订单数)(?:暴增|猛增|增加|增长|涨|翻倍|降|掉|跌)(?:了)?到(?:了)?{{N}}", rank=1,
            unless_clause=_TARGET),
        # 上周才400，这周800: this week's bare figure, the clause ending with it
        Cue("orders", rf"(?<!上)(?:这周|本周|这礼拜|这个礼拜|这星期|这个星期)(?:才|就|一共|总共|共)?(?:是|有)?{{N}}(?:{ORDER_UNIT})?(?=$|[.;!?。]|,(?!\d{{3}}(?!\d)))",
            rank=1),
        # 目标是冲到2000单: ranked above the fallback, so the target is no count of the week's
        Cue("target", rf"{_TARGET}(?:是|为|:)?(?:一周|每周|这周|本周)?{GAP}{{0,5}}?{{N}}", rank=1),
        # 我们三个店这周合计5000单，其中这个店1800单: the shop asked about has its own count
        Cue("orders", rf"(?:这个|我这个|这家|本)店(?:铺)?(?:的)?(?:这周|本周)?(?:订单)?(?:是|有|共)?{{N}}{ORDER_UNIT}", rank=1),
        # Any other count of orders, unless a pickup or delay verb stands right before it
        # (48小时揽件1150单 is not the week's orders, whatever else it is).
        # (not 其中3单, 里面有3单: a part of a count; not 3单报备了: delayed ones)
        # (not 那2单, 这3单: a count already named; not 有2单运单号隔天才传: late waybills)
        Cue("orders", rf"{_NOT_ORDINAL}{_NOT_AFTER_VERB}(?<!其中)(?<!其中有)(?<!里有)(?<!里面有)(?<!里面)(?<![那这])"
                      rf"{{N}}{ORDER_UNIT}(?!{GAP}{{0,8}}?(?:{_REPORTED}|{_WAYBILL}))", rank=2, fallback=True,
            unless_clause=rf"{_LATE}|{_PICK}|{_REPORTED}|{_WAYBILL}"),
        # 48h揽件1420/1500: the pickups over the orders
        Cue("orders", rf"{_PICK}(?:了)?(?:\d+)/{{N}}(?:{ORDER_UNIT})?(?![\d/])"),
        # 48小时内揽收比例96.5%，也就是2,895单: the count the rate stands for
        Cue("picked_up_within_48h", rf"(?:揽收|揽件)(?:及时率|率|比例)[^,.;!?。\d]{{0,4}}[\d.]+%,?(?:也就是|即|就是)(?:有)?{{N}}"),
        # 揽收率94%: the rule without counts
        Cue("rate", rf"{_RATE}{_OF}(?:达到|只|仅|到了|掉到)?{{P}}"),
        Cue("rate", rf"{{P}}(?:的)?{_RATE}"),
    ),
    labels={"not_picked": "48小时内未揽件订单数", "rate": "48小时揽件及时率", "all_picked": "都在48小时内揽件",
            "exempt": "报备免责的延迟订单数", "reported": "已报备的延迟订单数", "reported_any": "提到报备",
            "not_picked_more": "另外未在48小时内揽件的订单数", "refused_any": "报备未通过", "no_report": "没有报备",
            "unexempt": "未报备的延迟订单数",
            "late_waybill": "未按时上传单号的订单数", "all_exempt": "都已报备免责的延迟订单数",
            "pending": "报备还在审核的延迟订单数", "refused": "报备未通过的延迟订单数", "other_count": "别的周或别处的数字",
            "target": "目标单量", "exempt_outside": "报备免责的订单不在延迟发货数内"},
)


# The roles that say what reports did to the delayed count.
_REPORT_ROLES = ("exempt", "unexempt", "all_exempt", "exempt_outside", "refused", "refused_any", "reported", "no_report")


def _derive(read: dict, unclear: set) -> dict:
    """Return the inputs from what was read: stated counts, or those the definitions imply."""
    orders, picked = read.get("orders"), read.get("picked_up_within_48h")
    delayed, not_picked = read.get("delayed_orders"), read.get("not_picked")
    if not_picked is not None and read.get("not_picked_more") is not None:
        not_picked += read["not_picked_more"]  # 4单过了48小时才来揽，还有1单到现在都没揽收: 5
    elif "not_picked_more" in read or "not_picked_more" in unclear:
        not_picked = None
    out = {}
    if orders is not None:
        out["orders"] = (orders, "")
    if picked is not None:
        out["picked_up_within_48h"] = (picked, "")
    if not_picked is not None and orders is not None and picked is None and "picked_up_within_48h" not in unclear:
        if not_picked <= orders:
            out["picked_up_within_48h"] = (orders - not_picked, f"按 {orders} − {not_picked} 算")
    if read.get("all_picked") and orders is not None and picked is None and not_picked is None \
            and "picked_up_within_48h" not in unclear:
        out["picked_up_within_48h"] = (orders, "都在48小时内揽件")
    # Not derived: the delayed orders from the pickups or the other way round. Delayed orders
    # include those whose waybill was late (第5条(1)), so neither count fixes the other.
    if not_picked is not None and orders is not None and picked is not None and picked + not_picked != orders:
        out.pop("picked_up_within_48h", None)  # the counts disagree: read none of them
        out.pop("orders", None)
    # Delayed orders whose report was approved are exempt (原文第9条): only the rest count.
    exempt, unexempt = read.get("exempt"), read.get("unexempt")
    if read.get("exempt_outside"):
        exempt = unexempt = None  # the stated delayed count already leaves them out
    if "exempt" in unclear or "unexempt" in unclear or "pending" in read or "pending" in unclear:
        return out  # a report still under review: how many delayed orders count is not known yet
    # (报备 said, even hedged: 有一半好像报备了)
    if (read.get("reported_any") or "reported_any" in unclear) and not any(read.get(role) is not None for role in _REPORT_ROLES):
        return out  # a report is spoken of, but how many orders it spared was not understood
    if read.get("all_exempt") is not None and delayed is None and exempt is None and "delayed_orders" not in unclear:
        out["delayed_orders"] = (0, f"{read['all_exempt']} 单都已报备免责")
        return out
    if delayed is not None and exempt is not None:
        if exempt <= delayed and (unexempt is None or unexempt == delayed - exempt):
            out["delayed_orders"] = (delayed - exempt, f"按 {delayed} − {exempt}（已报备免责）算")
    elif delayed is not None and unexempt is not None:
        if unexempt == delayed:
            out["delayed_orders"] = (delayed, "")
    elif delayed is not None:
        out["delayed_orders"] = (delayed, "")
    elif unexempt is not None and exempt is not None:
        out["delayed_orders"] = (unexempt, "未报备免责的延迟订单")
    return out


def _note(read: dict) -> str | None:
    """Return what the rule decides without all three counts (揽收率94%, or 450单有30单没揽收 → 扣7分)."""
    orders, picked, not_picked = read.get("orders"), read.get("picked_up_within_48h"), read.get("not_picked")
    if picked is None and orders is not None and not_picked is not None and not_picked <= orders:
        picked = orders - not_picked
    if "delayed_orders" not in read and orders and picked is not None and picked <= orders:
        if Fraction(picked, orders) < THRESHOLD:
            return (f"按您的数字：48小时揽件及时率 {percent(Fraction(picked, orders))} < {THRESHOLD_TEXT}，"
                    f"适用{FLAT_RULE}本周扣 {FLAT_POINTS} 分，与延迟发货订单数无关。")
        return None
    rate = read.get("rate")
    if rate is None or not 0 <= rate <= 100:
        return None
    if any(name in read for name in ("picked_up_within_48h", "not_picked")) and "orders" in read:
        return None
    if Fraction(rate) / 100 < THRESHOLD:
        return (f"您说的48小时揽件及时率 {rate}% < {THRESHOLD_TEXT}，适用{FLAT_RULE}"
                f"本周扣 {FLAT_POINTS} 分，与订单数无关。")
    text = f"您说的48小时揽件及时率 {rate}% ≥ {THRESHOLD_TEXT}，适用{PER_ORDER_RULE}"
    delayed = read.get("delayed_orders")
    if delayed is None:
        return text + "填上本周延迟发货订单数即可算出扣分。"
    points = min(delayed * PER_ORDER_POINTS, WEEKLY_CAP)
    return text + f"延迟发货订单 {delayed} 单，本周扣 {points} 分。"


def _headline(result: dict) -> str:
    if result["rule"] is None:
        return result["summary"]
    sign = "<" if result["rule"] == "flat" else "≥"
    return f"本周扣 {result['points']} 分（48小时揽件及时率 {result['pickup_rate_percent']} {sign} {THRESHOLD_TEXT}）"


# Last week's figures, every one of them, until this week is named (or the sentence ends);
# only when this week has figures of its own (上周的扣分出来了吗？上周订单700单… asks about last week).
# (订单从上周的300涨到了540单: what it rose to is this week's)
_LAST_WEEK = Scope("other_count", start=rf"(?<!比)(?<!跟)(?<!和){_OTHER_WEEK}", end=r"这周|本周|这礼拜|这个?星期|到|涨|降|变成|增加|减少|比",
                   when=_THIS_WEEKS_FIGURE)
EXTRACTION = Extraction(EXTRACTION.cues, derive=_derive, note=_note, headline=_headline, labels=EXTRACTION.labels,
                        elsewhere=("other_count",), scopes=(_LAST_WEEK,))


CALCULATOR = Calculator(
    id="deduction",
    title="延迟发货扣分",
    description="按一周的订单数、48小时内揽件数和延迟发货订单数，算出本周延迟发货扣几分。",
    fields=(
        Field("orders", "integer", "本周订单数",
              help="一周内店铺的订单总数。", placeholder="例如 60"),
        Field("picked_up_within_48h", "integer", "48小时内揽件订单数",
              help="下单后48小时内能查到快递公司揽件跟踪信息的订单数，不能多于订单数。",
              placeholder="例如 57"),
        Field("delayed_orders", "integer", "延迟发货订单数",
              help="本周的延迟发货订单数（24小时内未上传运单号，或48小时内查不到揽件信息），"
                   "不含已报备免责的订单，不能多于订单数。",
              placeholder="例如 3"),
    ),
    outputs=(
        Output("points", "本周扣分"),
        Output("rule", "适用规则", {
            "per_order": f"及时率≥{THRESHOLD_TEXT}：每单扣{PER_ORDER_POINTS}分，每周最多{WEEKLY_CAP}分",
            "flat": f"及时率<{THRESHOLD_TEXT}：扣{FLAT_POINTS}分", None: "无订单，不适用"}),
        Output("pickup_rate_percent", "48小时揽件及时率"),
    ),
    articles=("shipping-warning",),
    compute=compute,
    extraction=EXTRACTION,
)
