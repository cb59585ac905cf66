"""发货时效: the 24-hour waybill and 48-hour pickup deadlines of one order (seed question 5)."""

from __future__ import annotations

from datetime import datetime, timedelta

from kb.calculators.clock import duration, human, iso
from kb.calculators.cues import BUYER, NOW, NOW_TODAY, Cue, Extraction, later
from kb.calculators.spec import NOW_FIELD, Calculator, CalculatorInputError, Field, Outcome, Output

WAYBILL_WINDOW = timedelta(hours=24)
PICKUP_WINDOW = timedelta(hours=48)

INTRO = "原文第5条：“如果在规定时间内出库就不会有什么影响”。"
WAYBILL_RULE = (
    "第（1）条：消费者下单成功后24小时内，商家未将消费者订购商品的快递运单号上传至京东系统的"
    "（以京东系统内记录的时间为准）。"
)
PICKUP_RULE = (
    "第（2）条：消费者下单成功后48小时内，消费者查询不到订单的快递公司揽件跟踪信息的"
    "（以快递公司系统内记录的时间为准）。"
)
READING = (
    "原文第5条把（1）（2）两种情形与（3）（4）扣分规则列在一起，没有直接写出“延迟发货订单”的定义；"
    "本计算器按出现（1）或（2）任一情形即算延迟发货订单理解，计入每周延迟发货订单数（见“延迟发货扣分”计算器）。"
)
BOUNDARY = "原文“24小时内/48小时内”没有说明恰好整点那一刻；本计算器按不晚于期限（含期限那一刻）算达标。"
EXEMPTION = "如该订单属于预报备审批通过的时段内产生的订单，延迟免责（原文第9条）。"
STATUS_LABELS = {"met": "已达标", "missed": "已超时", "open": "未到期限"}


def _rule(name: str, happened: datetime | None, deadline: datetime, now: datetime) -> tuple[str, str]:
    """Return (status, Chinese step) for one deadline."""
    if happened is not None:
        if happened <= deadline:
            return "met", f"{name}于 {human(happened)}，不晚于期限 {human(deadline)}：达标。"
        late = duration(happened - deadline)
        return "missed", f"{name}于 {human(happened)}，比期限 {human(deadline)} 晚了 {late}：超时。"
    if now <= deadline:
        left = duration(deadline - now)
        return "open", f"尚无{name}记录，期限 {human(deadline)}，现在是 {human(now)}，还剩 {left}。"
    return "missed", f"尚无{name}记录，期限 {human(deadline)} 已过（现在是 {human(now)}）：超时。"



def _advice(waybill_status: str, waybill_deadline: datetime, pickup_status: str,
            pickup_deadline: datetime) -> str:
    """Return what is already met and what is still to do before which deadline, in Chinese."""
    done = [text for status, text in ((waybill_status, "运单号已按时上传"), (pickup_status, "已按时揽件"))
            if status == "met"]
    todo = [f"{human(deadline)}前{task}" for status, deadline, task in (
        (waybill_status, waybill_deadline, "上传运单号"), (pickup_status, pickup_deadline, "揽件"))
            if status == "open"]
    met = "、".join(done) + "（已达标）；" if done else ""
    return f"{met}请在 {'、'.join(todo)}。"

def _check(order_time, now, waybill_uploaded_at, picked_up_at) -> None:
    errors = {}
    if order_time > now:
        errors["order_time"] = f"下单时间不能晚于当前时间（{human(now)}）"
    for name, moment, label in (("waybill_uploaded_at", waybill_uploaded_at, "运单号上传时间"),
                                ("picked_up_at", picked_up_at, "揽件时间")):
        if moment is None:
            continue
        if moment < order_time:
            errors[name] = f"{label}不能早于下单时间"
        elif moment > now:
            errors[name] = f"{label}不能晚于当前时间（{human(now)}）"
    if errors:
        raise CalculatorInputError(errors)


def compute(order_time: datetime, now: datetime, waybill_uploaded_at: datetime | None = None,
            picked_up_at: datetime | None = None) -> Outcome:
    """Return both deadlines, whether each is met, missed or open, and if the order is delayed."""
    _check(order_time, now, waybill_uploaded_at, picked_up_at)
    waybill_deadline = order_time + WAYBILL_WINDOW
    pickup_deadline = order_time + PICKUP_WINDOW
    waybill_status, waybill_step = _rule("运单号上传", waybill_uploaded_at, waybill_deadline, now)
    pickup_status, pickup_step = _rule("揽件跟踪信息", picked_up_at, pickup_deadline, now)
    steps = [
        INTRO,
        f"下单时间 {human(order_time)}：运单号上传期限 {human(waybill_deadline)}（+24小时），"
        f"揽件期限 {human(pickup_deadline)}（+48小时）。",
        WAYBILL_RULE + waybill_step,
        PICKUP_RULE + pickup_step,
    ]
    statuses = (waybill_status, pickup_status)
    if "missed" in statuses:
        delayed = True
        steps.append("出现了上面的超时情形，这笔订单算延迟发货订单。" + EXEMPTION)
        summary = "已超时，算延迟发货订单。"
    elif "open" in statuses:
        delayed = None
        advice = _advice(waybill_status, waybill_deadline, pickup_status, pickup_deadline)
        steps.append("还有期限未到，暂时不能确定是否算延迟发货订单：" + advice)
        summary = advice
    else:
        delayed = False
        steps.append("两项都在期限内完成，不算延迟发货订单。")
        summary = "两项都在期限内完成，不算延迟发货订单。"
    steps.extend([READING, BOUNDARY])
    result = {
        "order_time": iso(order_time),
        "now": iso(now),
        "waybill_deadline": iso(waybill_deadline),
        "pickup_deadline": iso(pickup_deadline),
        "waybill_status": waybill_status,
        "pickup_status": pickup_status,
        "waybill_uploaded_at": iso(waybill_uploaded_at),
        "picked_up_at": iso(picked_up_at),
        "counts_as_delayed": delayed,
        "summary": summary,
    }
    return Outcome(result, steps)


# (not 付款时间 beside 下单时间: the back office's payment time is not the order's)
_ORDERED = r"(?:下单|下的单|下了单|下的(?!雨|班|课)|拍下|拍的|拍了|付款(?!时间)|付的款|买的|成交|支付(?!时间))"
_UPLOAD = r"(?:上传|传|填|填写|录入|回传|提交|打)"
_WAYBILL = r"(?:运单号|快递单号|物流单号|运单|单号)"
_PICKED = r"(?:揽收|揽件|懒件|揽|取件|取走|收走|拿走|上门取|来取|来拿|来收|收件)"
# 下单后过了整整30个小时才…: how long after the order something happened
_AFTER_ORDER = r"(?:下单|下的单|付款)(?:后|之后|以后)(?:过了|隔了)?(?:整整|足足|第)?"
_HOURS_THEN = r"个?(?:小时|钟头)(?:后|之后|以后)?(?:才|就)?"

EXTRACTION = Extraction(
    cues=(
        # 昨天晚上8点下的单, 下单时间是11月11日10:30
        Cue("order_time", rf"{{T}}(?:的时候|时|左右)?(?:有个|有一个|有位)?{BUYER}?(?:就)?(?:抢购|秒杀|抢)?{_ORDERED}"),
        Cue("order_time", rf"{_ORDERED}(?:的)?(?:时间)?(?:是|在|于|为)(?:在)?{{T}}"),
        Cue("order_time", rf"{_ORDERED}(?:成功)?(?:的)?时间:?{{T}}"),
        Cue("order_time", r"(?:订单|单子|这单|那单)(?:啊|呢)?(?:是|在|于)?{T}(?:下的|来的|进来的|的|生成|创建)"),
        # 订单昨天晚上7点 运单今天上午8点上传的, 订单1月30号晚上10点下: 订单 as the time's label
        Cue("order_time", r"(?<![\u4e00-\u9fff])(?:订单|这单|单子)(?:是)?{T}(?:下(?:的)?(?:单)?)?(?=$|[,.;!?。]|\d{1,2}[月/.-])"),
        # 订单时间5/13 14:00 (a label)
        Cue("order_time", r"订单(?:的)?(?:时间|日期)(?:是|为|:)?{T}"),
        # 前天晚上11点的订单, 大前天下午两点的单子
        Cue("order_time", r"{T}(?:的)(?:订单|单子|单)"),
        # 昨晚九点下 运单今早七点传: 下 for 下单 at the end of its clause
        Cue("order_time", r"{T}(?:的时候|时)?下(?=$|[,.;!?。])"),
        # 下单 11/11 20:00 上传运单 …: a label with its time and no verb after it
        Cue("order_time", rf"{_ORDERED}:?(?>{{T}})(?!(?:的时候|时|左右)?(?:才|就|已|已经)?(?:被)?[\u4e00-\u9fff])"),
        # 今天上午10点上传的运单号, 运单号今天10点才传, 今天早上9点已经上传运单号了
        Cue("waybill_uploaded_at", rf"{{T}}(?:的时候|时|左右)?(?:我|我们|仓库)?(?:才|就|已经|已)?(?:给)?(?:又|重新|再次|又重新)?(?:打单|打完单|打印面单)?{_UPLOAD}(?:了|的)?(?:一个)?{_WAYBILL}"),
        # (运单号仓库说30号上午10点传: who says it)
        Cue("waybill_uploaded_at", rf"{_WAYBILL}(?:仓库|同事|客服|运营)?(?:说)?(?:也|都)?(?:是|已|已经)?(?:在|于)?{{T}}(?:才|就)?{_UPLOAD}"),
        # 9/3 20:00上传 beside an order and a pickup: the upload is the waybill's
        Cue("waybill_uploaded_at", rf"{{T}}(?:的时候|时)?(?:才|就)?{_UPLOAD}(?:了|的)?(?=$|[,.;!?。])", when=r"下单|下的单|揽"),
        # 仓库11号下午两点才打单上传
        Cue("waybill_uploaded_at", rf"{{T}}(?:的时候|时|左右)?(?:我|我们|仓库)?(?:才|就)?(?:打单|打完单|打印面单){_UPLOAD}(?:了|的)?"),
        # 今天上午11点才把运单号传上去, 早上9点就把运单号填上了
        Cue("waybill_uploaded_at", rf"{{T}}(?:的时候|时|左右)?(?:我|我们|仓库)?(?:才|就)?把{_WAYBILL}(?:给)?(?:{_UPLOAD}|整|弄)(?:上去|上|了)"),
        # 上传运单号的时间是…, 上传运单号:11月12日 00:10, 运单号上传时间11月12日 10:00
        Cue("waybill_uploaded_at", rf"{_UPLOAD}(?:了)?{_WAYBILL}(?:的)?(?:时间(?:是|在|于|为|:)?|是|在|于|为|:)(?:在)?{{T}}"),
        Cue("waybill_uploaded_at", rf"{_WAYBILL}{_UPLOAD}(?:的)?时间(?:是|在|于|为|:)?(?:在)?{{T}}"),
        Cue("waybill_uploaded_at", rf"{_WAYBILL}{_UPLOAD}(?:是|在|于)(?:在)?{{T}}"),
        # 1月31日晚上10点发货: shipped (the waybill is uploaded), unless a verb of its own says otherwise
        # (a clock time: 下单后第二天发货 names no time of day)
        Cue("waybill_uploaded_at", r"{T}(?<=[点分半整]|\d)(?:的时候|时)?(?:我|我们|仓库)?(?:才|就)?发(?:的)?货(?:了)?", rank=1),
        Cue("waybill_uploaded_at", rf"{_UPLOAD}(?:了)?{_WAYBILL}(?>{{T}})(?!(?:的时候|时|左右)?(?:才|就|已|已经)?(?:被)?[\u4e00-\u9fff])"),
        # 运单 1/30 9:00: a label with its time (not the verb after it: 揽收 还没)
        Cue("waybill_uploaded_at", rf"(?<![\u4e00-\u9fff]){_WAYBILL}(?>{{T}})"),
        # 下单 7/8 14:00 上传 7/9 15:00 揽收 …: 上传 alone labels the waybill's time
        Cue("waybill_uploaded_at", rf"(?<![\u4e00-\u9fff])上传:?(?>{{T}})(?!(?:的时候|时|左右)?(?:才|就|已|已经)?(?:被)?[\u4e00-\u9fff])"),
        # 运单号 SF… 上传时间 2026-04-06 09:12: an upload here is the waybill's
        Cue("waybill_uploaded_at", r"(?<![\u4e00-\u9fff])上传(?:的)?时间(?:是|为|:)?{T}"),
        # 运单号:昨天 10:00 (a form's label)
        Cue("waybill_uploaded_at", rf"(?<![\u4e00-\u9fff]){_WAYBILL}(?:上传)?(?:时间)?:{{T}}"),
        # 运单上传2024-06-02 11:00, 运单号上传:12月1日 23:50
        Cue("waybill_uploaded_at", rf"{_WAYBILL}{_UPLOAD}:?(?>{{T}})(?!(?:的时候|时|左右)?(?:才|就|已|已经)?(?:被)?[\u4e00-\u9fff])"),
        # 快递今天下午2点才揽收, 快递下午5点已经揽收了, 揽件3号上午8点
        # (not 快递说晚上7点来揽件: a pickup promised)
        Cue("picked_up_at", rf"(?<!说)(?<!说是){{T}}(?:的时候|时|左右)?(?:才|就|已|已经)?(?:被|让|叫)?(?:快递|快递员)?(?:才|就|已|已经)?(?:来)?{_PICKED}"),
        Cue("picked_up_at", rf"(?:快递|快递员)(?:是)?(?:在)?{{T}}(?:才|就|已|已经)?(?:来)?{_PICKED}"),
        # 昨天下午5点快递小哥上门拿走了, 15号早上8点快递才有揽收记录
        Cue("picked_up_at", rf"{{T}}(?:快递|快递员|快递小哥)(?:才|就|已|已经)?(?:有|上门)?{_PICKED}"),
        # 昨天上午10点单号传了, 13号晚上8点单号就上传了
        Cue("waybill_uploaded_at", rf"{{T}}{_WAYBILL}(?:就|才|也|已经|已)?{_UPLOAD}(?:了)?"),
        # 昨天凌晨2点有个单
        Cue("order_time", r"{T}(?:有个|有一个|来了个|来了一个|进了个)(?:单|订单|单子)"),
        Cue("picked_up_at", rf"{_PICKED}(?:的)?(?:记录)?(?:时间)?(?:显示)?(?:是|在|于|为)(?:在)?{{T}}"),
        Cue("picked_up_at", rf"{_PICKED}记录(?:时间)?显示(?:的)?(?:是)?{{T}}"),
        # (not 揽收 1月2日上午10点上传运单: a time before another verb is that verb's)
        Cue("picked_up_at", rf"{_PICKED}:?{{T}}(?!(?:的时候|时|左右)?(?:才|就|已|已经)?(?:被)?[\u4e00-\u9fff])"),
        Cue("picked_up_at", rf"{_PICKED}(?:的)?时间:?{{T}}"),
        # 下单后过了整整30个小时才上传运单号, 下单后47小时揽收的, 下单后第30小时上传运单号，第46小时完成揽件
        Cue("waybill_hours", rf"{_AFTER_ORDER}{{H}}{_HOURS_THEN}{_UPLOAD}(?:了)?{_WAYBILL}?"),
        Cue("picked_hours", rf"{_AFTER_ORDER}{{H}}{_HOURS_THEN}(?:被)?(?:快递|快递员)?(?:来)?(?:完成)?{_PICKED}"),
        Cue("picked_hours", rf"(?<=,)第{{H}}个?(?:小时|钟头)(?:才|就)?(?:完成)?{_PICKED}", when="下单后"),
        Cue("now", NOW, near=True),
        Cue("now", NOW_TODAY, near=True),
    ),
    labels={"waybill_hours": "下单后多少小时上传运单号", "picked_hours": "下单后多少小时揽件"},
    # The waybill and the pickup come after the order.
    order=(("order_time", "waybill_uploaded_at"), ("order_time", "picked_up_at")),
)


def _derive(read: dict, unclear: set) -> dict:
    """Return the inputs read, with a time said as hours after the order (下单后30个小时才上传) as that time."""
    out = {name: (value, "") for name, value in read.items()}  # (helper roles are left out by the caller)
    later("waybill_uploaded_at", "order_time", "waybill_hours", read, unclear, out, "下单后")
    later("picked_up_at", "order_time", "picked_hours", read, unclear, out, "下单后")
    return out


EXTRACTION = Extraction(EXTRACTION.cues, derive=_derive, labels=EXTRACTION.labels, order=EXTRACTION.order)


CALCULATOR = Calculator(
    id="ship-deadline",
    title="发货时效",
    description="按下单时间算出24小时上传运单号和48小时揽件的期限，看这笔订单是否达标、是否算延迟发货订单。",
    fields=(
        Field("order_time", "datetime", "下单时间", help="消费者下单成功的时间。"),
        Field("waybill_uploaded_at", "datetime", "运单号上传时间", required=False,
              help="可选：快递运单号上传至京东系统的时间（以京东系统记录为准）；还没上传就留空。"),
        Field("picked_up_at", "datetime", "揽件时间", required=False,
              help="可选：能查到快递公司揽件跟踪信息的时间（以快递公司系统记录为准）；还没揽件就留空。"),
        NOW_FIELD,
    ),
    outputs=(
        Output("waybill_deadline", "运单号上传期限", kind="time"),
        Output("waybill_status", "运单号上传", STATUS_LABELS),
        Output("pickup_deadline", "揽件期限", kind="time"),
        Output("pickup_status", "揽件", STATUS_LABELS),
        Output("counts_as_delayed", "算延迟发货订单", {True: "是", False: "否", None: "尚未确定"}),
    ),
    articles=("shipping-warning",),
    compute=compute,    extraction=EXTRACTION,
)
