"""延迟发货扣分: weekly penalty points from the 48-hour pickup rate (seed question 5)."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from kb.calculators.cues import GAP, ORDER_UNIT, Cue, Extraction
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
_PICK = r"(?:揽收|揽件|揽|取件|收件|取走|收走|拿走)"
_NOT = r"(?:没|未|没有|没被|未被|还没|还没有|都没|都没有|没能|未能)"
_H48 = r"(?:48小时|48h|48个小时|两天|2天)"
_LATE = r"(?:延迟发货|延迟|延误|超时|逾期|晚发|迟发)"
_RATE = r"(?:48小时)?(?:揽收|揽件)?(?:及时率|揽收率|揽件率)"
_OF = r"(?:的|了|是|有|共|一共|为|就|只有|才)?"
_NOT_ORDINAL = r"(?<!第)"
_NOT_AFTER_VERB = (r"(?<![揽收件时迟误期])(?<!揽收了)(?<!揽件了)(?<!揽了)(?<!延迟了)(?<!超时了)"
                   r"(?<!揽收的)(?<!揽件的)(?<!延迟的)")

EXTRACTION = Extraction(
    cues=(
        # 30单48小时没揽收, 有30单没揽件, 48小时内未揽收30单, 没揽收的有30单, 超过48小时才揽收的30单
        Cue("not_picked", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}?(?:订单)?{GAP}{{0,6}}?{_H48}?(?:内|之内|以内)?{_NOT}(?:被)?{_PICK}"),
        Cue("not_picked", rf"{_H48}?(?:内|之内|以内)?{_NOT}(?:被)?{_PICK}(?:到)?(?:的)?(?:订单)?{_OF}{{N}}"),
        Cue("not_picked", rf"超(?:过|出)?{_H48}(?:才|后)?(?:被)?{_PICK}(?:的)?(?:订单)?{_OF}{{N}}"),
        Cue("not_picked", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}?{GAP}{{0,4}}?超(?:过|出)?{_H48}(?:才|后)?(?:被)?{_PICK}"),
        Cue("not_picked", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}?(?:订单)?超时{_PICK}"),
        # 420单48小时内揽收, 48小时内揽收了420单, 及时揽收420单
        Cue("picked_up_within_48h", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}?(?:订单)?(?:在)?{_H48}(?:内|之内|以内)(?:都|已|已经|按时|及时)?(?:被)?{_PICK}"),
        Cue("picked_up_within_48h", rf"{_H48}(?:内|之内|以内)(?:已|已经|按时|及时|正常)?(?:被)?{_PICK}(?:了|到)?(?:的)?(?:订单)?{_OF}{{N}}"),
        Cue("picked_up_within_48h", rf"(?:及时|按时){_PICK}(?:了|到)?(?:的)?(?:订单)?{_OF}{{N}}"),
        Cue("picked_up_within_48h", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}?(?:订单)?(?:都|已|已经)?(?:及时|按时){_PICK}"),
        # 延迟发货订单3单, 延迟了30单, 30单延迟, 超时30单
        Cue("delayed_orders", rf"{_LATE}(?:发货)?(?:的|了)?(?:订单|单)?(?:数|量)?{_OF}{{N}}", rank=1),
        Cue("delayed_orders", rf"{_NOT_ORDINAL}{{N}}{ORDER_UNIT}(?:订单)?(?:都|全|已|已经|是|算)?{_LATE}", rank=1),
        # 本周订单数450, 一共450单, 450单
        Cue("orders", rf"(?:订单|单量|订单量|总单量|总订单)(?:数|总数)?{_OF}{{N}}", rank=1),
        Cue("orders", rf"(?:一共|总共|共|总计|合计){_OF}{{N}}{ORDER_UNIT}", rank=1),
        # Any other count of orders, unless a pickup or delay verb stands right before it
        # (48小时揽件1150单 is not the week's orders, whatever else it is).
        Cue("orders", rf"{_NOT_ORDINAL}{_NOT_AFTER_VERB}{{N}}{ORDER_UNIT}", rank=2),
        # 揽收率94%: the rule without counts
        Cue("rate", rf"{_RATE}{_OF}(?:达到|只|仅|到了|掉到)?{{P}}"),
        Cue("rate", rf"{{P}}(?:的)?{_RATE}"),
    ),
    labels={"not_picked": "48小时内未揽件订单数", "rate": "48小时揽件及时率"},
)


def _derive(read: dict, unclear: set) -> dict:
    """Return the inputs from what was read: stated counts, or those the definitions imply."""
    orders, picked = read.get("orders"), read.get("picked_up_within_48h")
    delayed, not_picked = read.get("delayed_orders"), read.get("not_picked")
    out = {}
    if orders is not None:
        out["orders"] = (orders, "")
    if picked is not None:
        out["picked_up_within_48h"] = (picked, "")
    if delayed is not None:
        out["delayed_orders"] = (delayed, "")
    if not_picked is not None and orders is not None and picked is None and "picked_up_within_48h" not in unclear:
        if not_picked <= orders:
            out["picked_up_within_48h"] = (orders - not_picked, f"按 {orders} − {not_picked} 算")
    # Not derived: the delayed orders from the pickups or the other way round. Delayed orders
    # include those whose waybill was late (第5条(1)), so neither count fixes the other.
    if not_picked is not None and orders is not None and picked is not None and picked + not_picked != orders:
        out.pop("picked_up_within_48h", None)  # the counts disagree: read none of them
        out.pop("orders", None)
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


EXTRACTION = Extraction(EXTRACTION.cues, derive=_derive, note=_note, headline=_headline, labels=EXTRACTION.labels)


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
