"""延迟发货卡片状态: what state a 咚咚 delayed-shipment card is in (seed questions 2, 9, 10, 12)."""

from __future__ import annotations

from datetime import datetime, timedelta

from kb.calculators.clock import duration, human, iso
from kb.calculators.cues import BUYER, NOW, NOW_TODAY, Cue, Extraction, later
from kb.calculators.spec import NOW_FIELD, Calculator, CalculatorInputError, Choice, Field, Outcome, Output

WINDOW = timedelta(hours=48)

STATE_RULE = (
    "原文第10条：该条报备信息会同步到“商家后台-延迟发货报备-紧急报备”模块，"
    "消费者点击“接受”则“审核通过”，消费者点击“拒绝”则“审核未通过”，"
    "消费者48H内未点击，则该报备单自动“取消”。"
)
ONE_CARD = (
    "原文第2条：每个订单目前只支持发送1次卡片，如果消费者同意/拒绝/超时未点击，"
    "卡片不支持再次发送。所以这张卡片不能再次发送。"
)
WAY_OUT = (
    "原文第2条：后期商家又与消费者达成一致，可以通过商家后台-延迟发货报备模块，"
    "提供达成一致的证据，通过线下进行紧急报备。原文第9条给出的紧急报备路径为"
    "“商家后台>订单管理>延迟发货管理>紧急报备”，需提供订单号，与客户的咚咚聊天记录截图、"
    "短信、电话沟通记录，涉及具体的发货时间；审核时效24H。两处菜单叫法不同，以后台实际菜单为准。"
)
BOUNDARY = (
    "原文只说“48H内未点击”即取消，没有说明恰好满48小时那一刻；"
    "本计算器把满48小时那一刻仍算在48小时内，超过之后才算自动取消。"
)
STATE_LABELS = {
    "pending": "等待消费者处理",
    "approved": "审核通过",
    "rejected": "审核未通过",
    "cancelled": "已自动取消",
}


def _check(sent_at, now, buyer_action, action_at, expires_at) -> None:
    errors = {}
    if now < sent_at:
        errors["sent_at"] = f"卡片发送时间不能晚于当前时间（{human(now)}）"
    if buyer_action is not None and action_at is None:
        errors["action_at"] = "选择了消费者的操作时，请填写操作时间"
    if buyer_action is None and action_at is not None:
        errors["buyer_action"] = "填写了操作时间时，请选择消费者的操作（接受或拒绝）"
    if action_at is not None and not errors:
        if action_at < sent_at:
            errors["action_at"] = "操作时间早于卡片发送时间：卡片发送前消费者无法操作"
        elif action_at > expires_at:
            errors["action_at"] = f"操作时间已超过48小时期限（{human(expires_at)}），此时卡片已自动取消，消费者无法再操作"
        elif action_at > now:
            errors["action_at"] = f"操作时间不能晚于当前时间（{human(now)}）"
    if errors:
        raise CalculatorInputError(errors)


def compute(sent_at: datetime, now: datetime, buyer_action: str | None = None,
            action_at: datetime | None = None) -> Outcome:
    """Return the card's state, its 48-hour expiry and whether it can be resent (never)."""
    expires_at = sent_at + WINDOW
    _check(sent_at, now, buyer_action, action_at, expires_at)
    steps = [STATE_RULE, f"卡片发送于 {human(sent_at)}，48小时期限到 {human(expires_at)}（发送时间 + 48小时）。"]
    time_left = None
    if buyer_action == "accept":
        state = "approved"
        steps.append(
            f"消费者于 {human(action_at)} 点击“接受”：审核通过，延迟发货报备成功（原文第12条："
            "顾客点击确认后，无需再去商家后台报备）。"
        )
    elif buyer_action == "reject":
        state = "rejected"
        steps.append(f"消费者于 {human(action_at)} 点击“拒绝”：审核未通过，延迟发货报备不成功。")
    elif now <= expires_at:
        state = "pending"
        time_left = expires_at - now
        steps.append(
            f"消费者还没有点击，现在是 {human(now)}，距自动取消还剩 {duration(time_left)}。"
            "期限内消费者点击“接受”则审核通过，点击“拒绝”则审核未通过。"
        )
    else:
        state = "cancelled"
        steps.append(f"消费者48小时内没有点击，现在是 {human(now)}，已超过期限：该报备单已自动取消。")
    steps.append(ONE_CARD)
    if state != "pending":
        steps.append(WAY_OUT)
    if state in ("pending", "cancelled"):
        steps.append(BOUNDARY)
    result = {
        "state": state,
        "state_label": STATE_LABELS[state],
        "sent_at": iso(sent_at),
        "expires_at": iso(expires_at),
        "now": iso(now),
        "buyer_action": buyer_action,
        "action_at": iso(action_at),
        "time_left_seconds": None if time_left is None else int(time_left.total_seconds()),
        "time_left": None if time_left is None else duration(time_left),
        "can_resend": False,
        "summary": _summary(state, time_left),
    }
    return Outcome(result, steps)


def _summary(state: str, time_left: timedelta | None) -> str:
    if state == "pending":
        return f"等待消费者处理，还剩 {duration(time_left)}；卡片不能再次发送。"
    if state == "approved":
        return "审核通过，延迟发货报备成功。"
    if state == "rejected":
        return "审核未通过；卡片不能再次发送，达成一致后可线下紧急报备。"
    return "已自动取消；卡片不能再次发送，达成一致后可线下紧急报备。"


_CARD = r"(?:延迟发货卡片|延迟发货小卡片|延迟卡片|小卡片|卡片|卡)"
_SENDER = r"(?:我|我们|我这边|同事|(?:值班)?客服(?:小妹|小哥|同事)?)"
_SEND = r"(?:发送|发出去|发出|发过去|发给|发了|发的|发|推送|推了)"
_CLICK = r"(?:点了个|点了一下|点了下|点了|点击了|点的|点击|点|选了|选择了|选择|选的|选)"
# Not after a negation: 还没点接受 is no click at all.
_CLICKED = r"(?<![没未不别])(?<!没点|未点|没选|不点|没有)(?<!没有点|没点击|未点击|还没有)"
_ACCEPT = r"(?:接受|同意|确认|接收)"
# (拒了, 秒拒了, 拒的: rejected, as said on the shop floor)
_REJECT = r"(?:拒绝|不同意|不接受|拒(?=了|的|掉))"

EXTRACTION = Extraction(
    cues=(
        # 卡片昨天下午3点发的, 前天晚上10点给买家发了卡片, 发卡片是在11月11日10:30
        # (在咚咚给客户发了, 通过咚咚向买家发送了)
        # (值班客服发了, 我在咚咚客服助手里给一个顾客发了: who sent it, where, to whom;
        # 给三十多个客户批量发了: many at once)
        Cue("sent_at", rf"{{T}}(?:的时候|时|左右)?{_SENDER}?(?:刚|才|就)?(?:(?:在|通过|用)[^,.;!?。\d]{{1,10}}?)?"
                       rf"(?:(?:给|向)(?:那个|这个|那位|这位|一个|一位|[\d零一二两三四五六七八九十百千]+多?个)?{BUYER})?"
                       rf"(?:刚|才|就)?(?:批量|一起|统一|集中|一次性)?{_SEND}"),
        Cue("sent_at", rf"{_SEND}{_CARD}?(?:的)?(?:时间(?:是|在|于|为|:)?|是|在|于|为)(?:在)?{{T}}"),
        # 我就在咚咚里发了卡片，时间是今天上午11点05分
        Cue("sent_at", rf"{_SEND}(?:了)?(?:延迟)?{_CARD},(?:发送|发的)?时间(?:是|为|:)?{{T}}"),
        Cue("sent_at", rf"{_CARD}(?:是|在|于)(?:在)?{{T}}"),
        # 卡片发送:今天09:15, 发送:6/1 9:00 (a form's label)
        Cue("sent_at", rf"{_CARD}{_SEND}?(?:时间)?:{{T}}"),
        Cue("sent_at", r"(?<![\u4e00-\u9fff])(?:发送|发出)(?:时间)?:?{T}"),
        # 【客服助手】延迟发货卡片已发送 2025-09-15 19:42 【消费者】已拒绝 2025-09-15 21:10 (a chat log)
        Cue("sent_at", r"已(?:发送|发出){T}"),
        Cue("sent_at", rf"{_CARD}:?(?:发送|发出)(?:时间)?:?{{T}}"),
        # 客户两小时后点了拒绝, 过了整整2小时客户点了接受: how long after the card was sent
        Cue("action_hours", rf"(?:整整|足足)?{{H}}个?(?:小时|钟头)(?:后|之后|以后),?{BUYER}?(?:就|才)?{_CLICK}?(?:了)?(?:{_ACCEPT}|{_REJECT})"),
        Cue("action_hours", rf"(?:过了|隔了)(?:整整|足足)?{{H}}个?(?:小时|钟头),?{BUYER}?(?:就|才)?{_CLICK}?(?:了)?(?:{_ACCEPT}|{_REJECT})"),
        # 买家今天上午9点点了接受
        Cue("action_at", rf"{{T}}(?:的时候|时|左右)?{BUYER}?(?:就|才)?(?:在(?:延迟)?(?:发货)?(?:的)?卡片上)?{_CLICK}?(?:了)?(?:{_ACCEPT}|{_REJECT})"),
        # 拒绝的时间是…, 拒绝是10点15
        Cue("action_at", rf"(?:{_ACCEPT}|{_REJECT})(?:的)?,?(?:时间(?:是|为|在|:)?|是|为|在|:)(?:在)?{{T}}"),
        Cue("action_at", rf"已(?:{_ACCEPT}|{_REJECT}){{T}}"),
        # 客户点了接受，4号晚上9点: the time alone as the next clause
        Cue("action_at", rf"{_CLICK}(?:了)?(?:{_ACCEPT}|{_REJECT})(?:了)?,{{T}}(?=$|[,.;!?。])"),
        # 客户操作：拒绝（08:30）
        Cue("action_at", rf"(?:{_ACCEPT}|{_REJECT})\({{T}}\)"),
        # 点的时候是12/12 10:05
        Cue("action_at", r"(?:点的|点击的|操作的|选的)(?:时候|时间)(?:是|为|:)?{T}", when=rf"{_ACCEPT}|{_REJECT}|审核|审批"),
        # 拒绝时间5号早上6点, 客户接受时间:11.11 08:45 (a label: its time follows with no verb)
        Cue("action_at", rf"(?:{_ACCEPT}|{_REJECT}|点击|操作)(?:的)?时间:?{{T}}"),
        # 是昨天下午5点点的, 客户10分钟前点的: when the click stated elsewhere was made
        Cue("action_at", r"{T}(?:的时候|时|左右)?(?:才|就)?(?:点的|点击的|操作的|选的|拒的|拒了|接的)", when=rf"{_ACCEPT}|{_REJECT}|审核|审批"),
        Cue("now", NOW, near=True),
        Cue("now", NOW_TODAY, near=True),
        # (not 请确认状态, 帮我确认一下: the merchant asking us; nor 后来电话沟通他又同意了: agreed again in words, after the card)
        Cue("buyer_action", rf"{_CLICKED}{_CLICK}?(?:了)?(?<!不)(?<!请)(?<!帮我)(?<!帮忙)(?<!又)(?<!说){_ACCEPT}(?!一下|下|状态)", value="accept"),
        Cue("buyer_action", rf"{_CLICKED}{_CLICK}?(?:了)?{_REJECT}", value="reject"),
        # 卡片被顾客拒了
        Cue("buyer_action", rf"{_CARD}(?:被|让){BUYER}?(?:拒|拒绝)(?:了)?", value="reject"),
        # 买家还没点: no action, the calculator's default; it only rules out the two above.
        Cue("no_action", r"(?:还|都|一直)?(?:没|未|没有)(?:点|点击|处理|操作|选|回应|反应|理|回复|确认|接受)", value=True),
        # 状态:待消费者确认: still waiting for the buyer
        Cue("no_action", rf"待{BUYER}?(?:确认|处理|点击|操作|审核)|(?:还在|仍在)审核|审核中", value=True),
        # 后台显示审核未通过 beside 客户说他点了接受: the two disagree
        Cue("not_approved", r"审核(?:未|没|没有)通过|未通过审核", value=True),
        # 后台显示审核通过 (a card accepted is a report approved), 审核未通过 (rejected)
        Cue("buyer_action", r"(?<![未没不])(?<!没有)(?:审核|审批)通过(?!吗|么|没)", value="accept", when="卡片|报备"),
        Cue("buyer_action", r"(?:审核|审批)(?:未|没|没有)通过", value="reject", when="卡片|报备"),
        # 后台显示"已取消": the card was cancelled (not accepted in time)
        Cue("not_approved", r"(?:后台|系统|卡片)(?:上)?(?:显示|状态)(?:是|为|:)?(?:已|被)?(?:取消|失效|过期|自动取消)", value=True),
        # 客户说他点了接受，但是后台状态一直没变
        Cue("not_approved", r"(?:后台|系统)(?:的)?(?:状态|显示)(?:一直|还是|都)?(?:没变|没有变|没更新|没有更新|没变化|没反应)", value=True),
        # 并没有在卡片上点击拒绝: said in words, not clicked
        Cue("no_action", rf"(?:并)?(?:没|未|没有)(?:在)?{_CARD}上(?:点|点击|选)", value=True),
    ),
    labels={"no_action": "消费者未点击", "not_approved": "审核未通过", "action_hours": "发出后多少小时操作"},
)


def _derive(read: dict, unclear: set) -> dict:
    """Return the inputs: a click stated together with 没点 is a contradiction, so neither is read."""
    out = {name: (value, "") for name, value in read.items() if name in ("sent_at", "buyer_action", "action_at", "now")}
    if read.get("no_action") and "buyer_action" in out:
        out.pop("buyer_action")
        out.pop("action_at", None)
    if read.get("not_approved") and read.get("buyer_action") == "accept":
        out.pop("buyer_action", None)  # accepted, yet not approved: one of the two is wrong
        out.pop("action_at", None)
    if "buyer_action" in out:
        later("action_at", "sent_at", "action_hours", read, unclear, out, "卡片发出后")
    return out


# A card is answered after it was sent: 客户9点点了拒绝 after a card sent at 08:30 today is 09:00.
EXTRACTION = Extraction(EXTRACTION.cues, derive=_derive, labels=EXTRACTION.labels, order=(("sent_at", "action_at"),))


CALCULATOR = Calculator(
    id="delay-card",
    title="延迟发货卡片状态",
    description="咚咚“延迟发货”卡片发出后处于什么状态、何时自动取消、能否再次发送，以及之后该怎么办。",
    fields=(
        Field("sent_at", "datetime", "卡片发送时间", help="通过咚咚客服助手发送卡片的时间。"),
        NOW_FIELD,
        Field("buyer_action", "choice", "消费者的操作", required=False,
              help="消费者在卡片上点了什么；还没点就留空（未点击）。", empty_label="未点击",
              choices=(Choice("accept", "接受"), Choice("reject", "拒绝"))),
        Field("action_at", "datetime", "消费者操作时间", required=False,
              help="消费者点击“接受”或“拒绝”的时间；未点击时留空。"),
    ),
    outputs=(
        Output("state_label", "卡片状态"),
        Output("expires_at", "48小时期限", kind="time"),
        Output("time_left", "剩余时间"),
        Output("can_resend", "能否再次发送"),
    ),
    articles=("delay-card", "delay-card-send-limit", "send-delay-card-in-chat", "emergency-delay-report"),
    compute=compute,    extraction=EXTRACTION,
)
