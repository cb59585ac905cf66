"""预售定金: what a merchant owes when a presale item is out of stock (seed question 3)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from kb.calculators.clock import human, iso
from kb.calculators.cues import BUYER, GAP, Cue, Extraction
from kb.calculators.spec import Calculator, CalculatorInputError, Choice, Field, Outcome, Output

BEFORE, AFTER = "before_final_payment", "after_final_payment"
CONTACT_WINDOW = timedelta(hours=24)

RULE_BEFORE = (
    "原文第3条第1款（支付尾款前）：“在客户支付尾款前，您可主动与消费者协商终止订单的，"
    "如果消费者同意，您应双倍返还消费者已支付的定金。如客户不同意，您应按订单时效履约”。"
)
RULE_AFTER = (
    "原文第3条第2款（支付尾款后）：“需在约定发货时间的24小时内电话联系消费者，需调货的，"
    "告知客户商品的到货时间，无法调货的，需明确征得消费者同意，并于24小时内提交删单申请，"
    "您应双倍返还消费者已支付的定金；若客户不同意取消订单或商家提供的到货时间，平台将按延迟发货处理”。"
)
TIP = "原文温馨提示：商品无货可正常设置预售活动，但不能违反平台规则。"


def _double(deposit: Decimal) -> str:
    return str((deposit * 2).quantize(Decimal("0.01")))


def compute(deposit: Decimal, stage: str, buyer_agrees: bool, can_restock: bool | None = None,
            agreed_ship_time: datetime | None = None) -> Outcome:
    """Return the outcome and refund for an out-of-stock presale order."""
    if stage == AFTER and can_restock is None:
        raise CalculatorInputError({"can_restock": "支付尾款后必须选择能否调货"})
    result = {
        "outcome": None,
        "refund": None,
        "deposit": str(deposit),
        "stage": stage,
        "contact_buyer_by": None,
        "submit_deletion_by": None,
    }
    if stage == BEFORE:
        steps = [RULE_BEFORE]
        if can_restock is not None or agreed_ship_time is not None:
            steps.append("支付尾款前的规则不涉及调货和约定发货时间，填写的这两项未使用。")
        if buyer_agrees:
            refund = _double(deposit)
            result.update(outcome="cancel_double_refund", refund=refund)
            steps.append(f"消费者同意终止订单：应双倍返还已支付的定金，{deposit} 元 × 2 = {refund} 元。")
            steps.append("原文没有写明终止订单和退还定金的期限。")
            result["summary"] = f"终止订单，双倍返还定金 {refund} 元。"
        else:
            result["outcome"] = "fulfil_on_time"
            steps.append("消费者不同意终止订单：应按订单时效履约（按时发货），原文没有规定此时返还定金。")
            steps.append("原文没有说明此后仍无法按时发货会如何处理。")
            result["summary"] = "消费者不同意终止，须按订单时效履约。"
        steps.append(TIP)
        return Outcome(result, steps)

    steps = [RULE_AFTER]
    if agreed_ship_time is not None:
        deadline = agreed_ship_time + CONTACT_WINDOW
        result["contact_buyer_by"] = iso(deadline)
        steps.append(
            f"第一步：约定发货时间为 {human(agreed_ship_time)}，最晚在 {human(deadline)} 前电话联系消费者。"
            "原文“在约定发货时间的24小时内”没有写明是约定时间之前还是之后的24小时；"
            "这里按约定发货时间起24小时内计算，稳妥起见请尽早联系。"
        )
    else:
        steps.append("第一步：在约定发货时间的24小时内电话联系消费者（填写约定发货时间可算出具体期限）。")
    if can_restock:
        if buyer_agrees:
            result["outcome"] = "ship_by_new_date"
            steps.append("需调货：告知消费者商品的到货时间；消费者接受该到货时间，按新的到货时间发货。")
            steps.append("原文没有规定此时返还定金，也没有说明到货后的发货时限。")
            result["summary"] = "消费者接受到货时间，按新的到货时间发货。"
        else:
            result["outcome"] = "delayed_shipment"
            steps.append("消费者不同意商家提供的到货时间：平台将按延迟发货处理。")
            result["summary"] = "消费者不同意到货时间，平台按延迟发货处理。"
    elif buyer_agrees:
        refund = _double(deposit)
        result.update(outcome="cancel_double_refund", refund=refund)
        steps.append(
            "无法调货：已明确征得消费者同意取消订单，须于24小时内提交删单申请，"
            f"并双倍返还已支付的定金，{deposit} 元 × 2 = {refund} 元。"
        )
        if agreed_ship_time is not None:
            result["submit_deletion_by"] = result["contact_buyer_by"]
            steps.append(
                "原文“并于24小时内提交删单申请”没有写明从何时起算；若从约定发货时间起算，"
                f"最晚为 {human(agreed_ship_time + CONTACT_WINDOW)}。稳妥起见，征得同意后请立即提交。"
            )
        else:
            steps.append("原文“并于24小时内提交删单申请”没有写明从何时起算；稳妥起见，征得同意后请立即提交。")
        steps.append("原文只规定双倍返还定金；已支付的尾款如何退回，原文没有说明，这里的退款金额只含双倍定金。")
        result["summary"] = f"提交删单申请，双倍返还定金 {refund} 元。"
    else:
        result["outcome"] = "delayed_shipment"
        steps.append("无法调货，消费者不同意取消订单：平台将按延迟发货处理。")
        result["summary"] = "消费者不同意取消，平台按延迟发货处理。"
    steps.append(TIP)
    return Outcome(result, steps)


_DEPOSIT = r"(?:定金|订金)"
# (收了尾款, 尾款也收了: the merchant's side of the payment)
_PAY = r"(?:付|支付|交|缴|结|补|付款|给|收)"
# 还么付 is how a phone keyboard often types 还没付.
_NEG = r"(?:没|未|没有|还没|还未|还没有|尚未|都没|都没有|还么)"
# 同以 is how a pinyin keyboard often types 同意.
_AGREE = r"(?:同意|同以|答应|愿意|接受|认可|肯|ok)"
_CANCEL = r"(?:取消|终止|退|退款|删单|不要|解除|撤销)"
_OF = r"(?:是|为|付了|交了|有|共|一共|收了|收的是|收的|付的是|交的是|都是|也是|已付|已交|已收|我记得是|记得是|:)?"
# 定金那个是50, 尾款那笔是450
_THAT = r"(?:那个|这个|那笔|这笔|那部分|这部分)?"
_RESTOCK = r"(?:调货|调到货|调到|调来货|调来|补到货|补到|补货|进到货)"
# Not the rule's own wording (需征得消费者同意, 如果消费者同意) read back as a fact.
_NOT_RULE = r"(?<!征得)(?<!需要)(?<!必须)(?<!征求)"

EXTRACTION = Extraction(
    cues=(
        # 定金100块, 付了100元定金, 定金¥100, 一百元定金, 交了50定金
        Cue("deposit", rf"{_DEPOSIT}{_THAT}{_OF}{{M}}"),
        Cue("deposit", rf"{{M}}(?:的)?{_DEPOSIT}"),
        # 定金（50元）
        Cue("deposit", rf"{_DEPOSIT}\({{M}}\)"),
        Cue("deposit", rf"{_DEPOSIT}{_THAT}{_OF}{{N}}(?![单笔个件])", rank=1),
        Cue("deposit", rf"{{N}}(?:的)?{_DEPOSIT}", rank=1),
        # 定金膨胀: 付了50抵100 is a deposit of 50 that counts as 100 against the price.
        Cue("deposit", r"(?:付|交)(?:了)?{N}(?:元|块)?抵(?:扣|用)?", rank=1, when=rf"{_DEPOSIT}|膨胀"),
        Cue("expanded", r"抵(?:扣|用)?(?:了)?{N}", when=rf"{_DEPOSIT}|膨胀"),
        # 后台显示是120 beside 定金付了100: two figures for one deposit, so neither is read.
        Cue("deposit", r"(?:后台|系统|订单)(?:上|里)?(?:显示|写的|写着)(?:的)?(?:是|为)?{N}", rank=1, when=_DEPOSIT),
        # Other sums a presale question names, so they are never taken for the deposit.
        Cue("final_payment", rf"尾款{_THAT}(?:是|为|付了|交了|有|共|一共|:)?\(?{{M}}"),
        Cue("final_payment", r"(?<!定金)(?<!订金)(?<!定金是)(?<!定金:){M}(?:的)?尾款"),  # (not 定金20元尾款180元)
        Cue("final_payment", rf"尾款{_THAT}(?:是|为|付了|交了|有|共|:)?{{N}}(?![单笔个件])", rank=1),
        Cue("price", r"(?:售价|价格|总价|全款|标价|商品价|货款|订单金额|实付|订单价|订单|商品)(?:是|为|:)?{M}"),
        # 是不是退10块, 要赔客户100吗: an amount refunded or paid back, asked or proposed, is no deposit
        Cue("refund", rf"(?:退|返|赔)(?:给|还)?(?:{BUYER})?(?:了)?{{M}}", rank=-1),
        # 两件预售各付了定金30元, 每件定金30, 每箱定金20: a deposit per item, not the order's
        Cue("deposit_each", rf"各(?:付|交|支付)了?{_DEPOSIT}{{M}}", rank=-1),
        # 定金 30 元/件
        Cue("deposit_each", rf"{_DEPOSIT}{{M}}/(?:件|个|台|箱|套|份)", rank=-1),
        Cue("deposit_each", rf"(?:每件|每箱|每个|每台|每盒|每套|单件)(?:的)?{_DEPOSIT}(?:是|为)?{{M}}", rank=-1),
        Cue("deposit_each", rf"(?:每件|每箱|每个|每台|每盒|每套|单件)(?:的)?{_DEPOSIT}(?:是|为)?{{N}}", rank=-1),
        Cue("price", r"{M}(?:的)?(?:商品|东西|货|全款|总价)"),
        # A presale question with one sum of money and 定金 in it: that sum is the deposit.
        # (not what a deposit is worth at the final payment: 定金50元膨胀抵200元, 9毛9抵10块)
        Cue("deposit", r"(?<!抵)(?<!膨胀)(?<!膨胀到)(?<!抵扣){M}", rank=3, when=_DEPOSIT),
        # 尾款没付 / 付了尾款
        Cue("stage", rf"尾款,?(?:也|都)?{_NEG}{_PAY}", value=BEFORE),
        # 客户说付了尾款，后台显示还没付 / 同事说还没付: another word on the final payment
        Cue("stage", rf"(?:(?:后台|系统|订单)(?:上|里)?(?:显示|写的|写着|是)|(?:同事|客服|仓库|运营|财务|店长|老板)(?:说|讲))(?:的)?(?:是)?"
                     rf"(?:还|仍|仍然)?{_NEG}{_PAY}", value=BEFORE, when="尾款"),
        Cue("stage", rf"{_NEG}{_PAY}(?:清|完)?尾款", value=BEFORE),
        Cue("stage", rf"{_PAY}尾款(?:之)?前(?!后)", value=BEFORE),
        Cue("stage", rf"只(?:付|交|支付|缴)了{_DEPOSIT}", value=BEFORE),
        Cue("stage", r"尾款(?:阶段|支付阶段|支付时间|支付期|期|支付)?(?:还)?没(?:到|开始)", value=BEFORE),
        # 尾款支付后发现没货
        Cue("stage", r"尾款(?:支付|付款|付清|付)(?:之|以)?后(?!天)(?![^,.;!?。]{0,4}(?:还是|或|才))", value=AFTER),
        # 离付尾款还有三天
        Cue("stage", r"离(?:付|支付|交)尾款(?:还有|还差)", value=BEFORE),
        # 尾款昨晚付清的, 尾款今晚刚付
        Cue("stage", r"尾款[^,.;!?。没未不要会将等想还]{0,6}?(?:付|支付|交|结)(?:清|完)(?:的|了)", value=AFTER),
        Cue("stage", r"尾款(?:今天|今晚|今早|昨天|昨晚|前天|刚刚|刚)(?:刚|才)?(?:付|支付|交)(?:了|完|清)?(?=$|[,.;!?。])", value=AFTER),
        # 尚未进入尾款支付阶段, 尾款要11月1号晚上8点才开始付, 尾款支付前 (not 支付尾款前后: both)
        Cue("stage", r"(?:尚未|还没|还未|没有|未)(?:进入|到)尾款(?:支付|付款)?(?:阶段|时间)", value=BEFORE),
        Cue("stage", r"尾款(?:支付|付款)?(?:要|得)?[^,.;!?。]{0,14}?才(?:开始|能|开放)(?:付|支付)?", value=BEFORE),
        # 尾款明天再付, 尾款是明天晚上8点开始付: not yet paid
        Cue("stage", r"尾款[^,.;!?。付交]{0,12}?(?:再|开始)(?:付|支付|交)", value=BEFORE),
        # 尾款2000元已付, 尾款¥400已支付: the amount between
        Cue("stage", r"尾款(?:[¥$]?[\d.,]+|[零一二两三四五六七八九十百千万]+)(?:元|块)?(?:也|都)?(?:已|已经)(?:付|支付|结清|付清|交)", value=AFTER),
        Cue("stage", r"尾款(?:[¥$]?[\d.,]+|[零一二两三四五六七八九十百千万]+)(?:元|块)?(?:还|也|都)?(?:没|未)(?:付|支付|交)", value=BEFORE),
        # 尾款顾客还没付
        Cue("stage", rf"尾款{BUYER}(?:还|也|都)?(?:没|未|没有)(?:付|支付|交)", value=BEFORE),
        # 顾客两笔钱都付完了
        Cue("stage", r"两笔(?:钱|款)?(?:都|全)(?:付|交|支付)(?:完|清)(?:了)?", value=AFTER),
        # 客户已经把钱全付了（定金+尾款）
        Cue("stage", r"(?:把)?(?:钱|款)(?:全|都|全都|全部)(?:付|交|支付)(?:了|完|清)", value=AFTER, when="尾款"),
        # 未付尾 (cut short)
        Cue("stage", r"(?:未|没)付尾(?!款)", value=BEFORE),
        # 客户已经把剩下的钱都付清了
        Cue("stage", r"(?:剩下的|剩余的|余下的)(?:钱|款|款项)(?:也|都)?(?:已|已经)?(?:付|交|支付|结)(?:清|完)", value=AFTER),
        # 客户还在尾款支付期，还没付
        Cue("stage", r"尾款(?:支付)?(?:期|阶段)(?:内)?,(?:还|但|但是)?(?:没|未)(?:付|支付)", value=BEFORE),
        # 尾款11月11日0点付了
        Cue("stage", r"尾款(?=[^,.;!?。]{0,12}?[\d号日点天周])[^,.;!?。要会将没未不想等应说吧]{1,12}?(?:付|支付|交|结)(?:了|完|清)(?!吗|么|没)",
            value=AFTER),
        # 尾款上周已付
        Cue("stage", r"尾款[^,.;!?。没未不要会将等想应说吧否]{1,6}?(?:已|已经)(?:付|支付|交|结清|付清)(?=$|[,.;!?。])", value=AFTER),
        # 在尾款支付时间内已经支付成功
        Cue("stage", r"尾款[^,.;!?。没未不]{0,10}?(?:已|已经)?(?:支付|付款)成功", value=AFTER),
        # 客户刚刚把尾款付了
        Cue("stage", r"把尾款(?:也|都)?(?:付|交|支付|结|补)(?:了|完|清|上了)", value=AFTER),
        Cue("stage", r"尾款(?:支付|付款|付)(?:之)?前(?!后)", value=BEFORE),
        Cue("stage", rf"(?:还)?(?:没|未)到{_PAY}尾款(?:的)?(?:时间|时候)", value=BEFORE),
        Cue("stage", rf"(?<![没未])(?<!没有)(?<!还未)(?:已|已经|都)?{_PAY}(?:了|完|清|完了|过)尾款", value=AFTER),
        Cue("stage", rf"尾款(?:已|已经|也|都)?(?:已)?(?<![没未]){_PAY}(?:了|完|清|过)", value=AFTER),
        Cue("stage", r"尾款(?:状态)?(?:显示)?(?:也|都)?(?:已|已经)(?:付|支付|交|缴|结)", value=AFTER),
        # 尾款昨天付了, 尾款早就付了
        Cue("stage", r"尾款(?:昨天|前天|今天|上周|刚刚|刚|早就|早)(?:就|也)?(?:付|支付|交|结)(?:了|完|清|过)", value=AFTER),
        # 尾款是昨天付的, 尾款付好了, 尾款昨天也付了, 6月1号付的尾款, 状态:待付尾款
        Cue("stage", r"尾款[^,.;!?。没未不要会将等想]{1,8}?(?:也|都|已|已经)(?:付|支付|交|结)(?:了|完|清|过)", value=AFTER),
        Cue("stage", r"(?<![没未么要会将])(?<!没有)(?:付|支付|交|结)的尾款", value=AFTER),
        Cue("stage", rf"(?:待|等待|等|还在等){BUYER}?(?:付|支付)尾款", value=BEFORE),
        Cue("stage", r"尾款(?:状态)?(?:后台|系统)?(?:显示)?(?:待|等待)(?:支付|付款|付)", value=BEFORE),
        # 尾款 ¥400.00(已支付): the status in brackets, as a back office shows it
        Cue("stage", r"尾款(?:[^,;!?。()]|(?<=\d),(?=\d)){0,16}?\((?:已|已经)(?:支付|付|付款|结清|付清)(?:了)?\)", value=AFTER),
        Cue("stage", r"尾款(?:[^,;!?。()]|(?<=\d),(?=\d)){0,16}?\((?:未|没|没有|待)(?:支付|付|付款)\)", value=BEFORE),
        Cue("stage", r"尾款(?:是|在)?[^,.;!?。要会将没未]{0,10}?(?:付|支付|交|结)的", value=AFTER),
        Cue("stage", rf"尾款(?:也|都)?(?:已|已经)?(?<![没未]){_PAY}好(?:了)?", value=AFTER),
        # 尾款前, 尾款后: the form's stage in a word
        Cue("stage", r"(?<![付交缴结])(?<!还是)(?<!或)尾款(?:之)?前(?!天)(?![^,.;!?。]{0,4}(?:还是|或))", value=BEFORE),
        Cue("stage", r"(?<![付交缴结])(?<!还是)(?<!或)尾款(?:之)?后(?!天)(?![^,.;!?。]{0,4}(?:还是|或))", value=AFTER),
        # 尾款付了一半, 尾款付了200 还差200: part paid, neither stage (the value is no choice: unread)
        Cue("stage", r"(?:付|交|支付)了?(?:一半|部分|一部分)|(?:一半|部分)尾款|还差(?!尾款)|还欠(?!尾款)|没付完|没交完", value="part",
            when="尾款"),
        # 尾款客户付了, 尾款买家已经交了
        Cue("stage", rf"尾款{BUYER}(?:昨天|前天|今天|刚刚|刚|上周|早就|早)?(?:也|都)?(?:已|已经|刚|才)?(?<![没未]){_PAY}(?:了|完|清|过|(?=$|[,.;!?。]))",
            value=AFTER),
        # 还在定金阶段: the final payment not yet due
        Cue("stage", r"(?:还在|还是|仍在|处于)定金(?:支付)?阶段", value=BEFORE),
        Cue("stage", r"(?:已|已经)(?:付|支付|交|缴|结|补)(?:了)?尾款", value=AFTER),
        Cue("stage", rf"{_PAY}尾款(?:之)?后", value=AFTER),
        Cue("stage", rf"(?<![没未么])(?<!没有){_PAY}尾款了", value=AFTER),
        # 付了定金100和尾款400: both paid
        Cue("stage", rf"(?<![没未么])(?<!没有){_PAY}(?:了)?{_DEPOSIT}[^,.;!?。]{{0,8}}?(?:和|跟|与|及|以及|还有|\+|、)尾款", value=AFTER),
        Cue("stage", r"(?<![没未])(?:付|交|支付)(?:了|完|清)?全款", value=AFTER),
        Cue("stage", r"全款(?:已|已经|都)?(?:付清|付完|结清|付了|交了)", value=AFTER),
        # 已经付清了, 都结清了 in a presale question naming 尾款: everything is paid (not 定金已经付清了)
        Cue("stage", r"(?<!金)(?<!金也)(?<!金都)(?:已|已经|都|全都|全部)(?:付|交|支付|结)清(?:了)?", value=AFTER, when="尾款"),
        # 买家同意 / 不同意
        # (客户同意取消 is wants_cancel's: what agreeing means depends on the stage, see _derive)
        Cue("buyer_agrees", rf"{_NOT_RULE}{BUYER}(?:说|表示|也|都|已经|已|那边)?(?:也)?(?:书面|口头|电话|明确)?(?:确认)?(?:可以|能)?{_AGREE}"
                            rf"(?!吗|不|了?{_CANCEL})",
            value=True),
        Cue("wants_cancel", rf"{_NOT_RULE}(?<![不没]){_AGREE}(?:了)?{_CANCEL}", value=True),
        Cue("buyer_agrees", rf"{_NOT_RULE}(?<![不没])(?:同意|答应)(?:了)?(?:换|等)", value=True),
        # 客户说那就取消吧: the buyer settles for cancelling
        Cue("wants_cancel", rf"{BUYER}(?:说|表示|:),?(?:ok|好|行|好的)?(?:吧)?,?(?:那就|那|就|那就直接)?(?:取消|退款|退掉|退)(?:了)?(?:吧|了|算了)",
            value=True),
        # 客户说那就不要了: the buyer gives the order up
        Cue("wants_cancel", rf"{BUYER}(?:在电话里|电话里|在咚咚上|在咚咚里)?(?:说|表示)?:?{BUYER}?(?:那就|那|就)?(?:不要了|不买了|不想要了|算了)", value=True),
        # 客户回复“那我等吧”, “行，那就等到下周”, “那你们尽快调过来吧，我等” (the quote's 我 read as the buyer)
        Cue("buyer_agrees", rf"{BUYER}:[^.;!?。]{{0,14}}?(?<![不别])(?:等吧|等着|等到|(?:我|{BUYER})等(?![不了]))", value=True),
        # “太久了，不等了，退款吧”
        Cue("refuses_wait", rf"{BUYER}:[^.;!?。]{{0,12}}?(?:不等了|等不了|不想等)", value=True),
        # 客户说晚点也行, 人家说等等也中, 人家也乐意等: the wait accepted
        Cue("buyer_agrees", rf"{BUYER}(?:说|表示)?(?:晚点|晚几天|晚一点|等等|等几天|慢点|等一等)(?:也|都|的话也)(?:行|可以|中|没事|没问题|成|ok|好)", value=True),
        Cue("buyer_agrees", rf"{BUYER}(?:也|都)?(?:乐意|愿意|肯)等", value=True),
        # 人家说取消就取消吧
        Cue("wants_cancel", rf"{BUYER}(?:说|表示)(?:取消|退)就(?:取消|退)(?:吧|呗)", value=True),
        # 我说没货了能不能终止，客户直接拒了
        Cue("wants_cancel", rf"{BUYER}(?:直接|当场|一口)?(?:拒了|拒绝了)(?!{GAP}{{0,4}}(?:卡片|延迟))", value=False),
        # 客户说那就等吧
        Cue("buyer_agrees", rf"{BUYER}(?:说|表示)(?:那就|那|就|那我)?等(?:着)?(?:吧|呗)", value=True),
        # 客户说太晚了不要了: with the reason first
        Cue("wants_cancel", rf"{BUYER}(?:说|表示|:)[^,.;!?。不没]{{1,6}}?(?:那就|那|就)?(?:不要了|不买了|不想要了)", value=True),
        # 到货时间他同意: the buyer accepts the new arrival time
        Cue("buyer_agrees", rf"(?:到货时间|到货日期){GAP}{{0,3}}?(?<![不没]){_AGREE}(?!吗|不)", value=True),
        # 客户说可以等, 客户愿意等: the buyer accepts the wait
        Cue("buyer_agrees", rf"{_NOT_RULE}{BUYER}(?:说|表示|也|都|那边|的意思是)?(?:没问题|没事|行)?,?(?:可以|能|愿意|肯)等(?!吗|不)", value=True),
        Cue("buyer_agrees", rf"{BUYER}(?:说|表示|也|都|那边)?(?:明确|直接|坚决)?(?:(?:不|没|没有)(?:同意|同以|答应|愿意|接受)|(?:不能|无法)接受|不肯|不愿意|不愿|拒绝"
                            rf"|不想(?:取消|退|终止|删单))",
            value=False),
        Cue("wants_cancel", r"(?:不同意|不同以|不答应|不愿意|不接受|拒绝)(?:取消|终止|退|删单)", value=False),
        Cue("buyer_agrees", r"(?:不同意|不同以|不答应|不愿意|不接受|拒绝)(?:换|等)", value=False),
        # 客户说行, 客户说没问题: agrees to what was just put to them
        Cue("buyer_agrees", rf"{BUYER}(?:说|表示|回复|回)(?:行|可以|好的|好|没问题|ok)(?=$|[,.;!?。])", value=True),
        # 客户：接受 (a form's line)
        Cue("buyer_agrees", rf"{BUYER}:(?:接受|同意|可以|愿意)(?=$|[,.;!?。])", value=True),
        Cue("buyer_agrees", rf"{BUYER}:(?:不接受|不同意|拒绝|不愿意)(?=$|[,.;!?。])", value=False),
        # 客户说太久了不等: refuses the wait
        Cue("refuses_wait", rf"{BUYER}(?:说|表示)?[^,.;!?。]{{0,6}}?(?:不等|不想等|不愿意等|等不了|不肯等)", value=True),
        # 买家坚持要货, 买家说要等我们补货不退
        Cue("buyer_agrees", rf"{BUYER}(?:坚持|一定|非要|就要)要?(?:货|发货|这个|这台|这款)", value=False),
        Cue("buyer_agrees", rf"{BUYER}(?:说)?[^,.;!?。]{{0,8}}?不退(?:款|钱)?(?=$|[,.;!?。])", value=False),
        # 后来明确说可以等: the buyer named just before
        Cue("buyer_agrees", r"(?:后来|最后|最终)(?:明确)?(?:说|表示)(?:可以|能|愿意)等(?!吗|不)", value=True),
        # …一开始不同意，后来又同意了: what the buyer said last, named just before
        Cue("buyer_agrees", r"(?:后来|最后|最终)(?:又|就|还是)?(?:同意|答应)(?:了)?(?=$|[,.;!?。])", value=True),
        Cue("buyer_agrees", r"(?:后来|最后|最终)(?:又|就|还是)?(?:不同意|拒绝)(?:了)?(?=$|[,.;!?。])", value=False),
        # 协商取消被拒了
        Cue("wants_cancel", r"(?:协商|商量|沟通|申请)(?:取消|终止|退款|删单)?(?:被|给)(?:拒|拒绝)", value=False),
        # 买家原话：“我不取消” (read as 买家:买家不取消)
        Cue("wants_cancel", rf"{BUYER}(?:说|表示|:)?(?:坚决|坚持|死活|就是)?(?:不取消|不退|不删单|不终止|不肯取消|不愿意取消|不愿取消)", value=False),
        # 买家说可以退; 买家原话：“没货就算了，退我钱吧” (read as 买家:没货就算了)
        Cue("wants_cancel", rf"{BUYER}(?:说|表示)(?:可以|能|同意)(?:退|取消|退款|删单)", value=True),
        Cue("wants_cancel", rf"{BUYER}:[^,.;!?。]{{0,6}}?(?:就|那就)?(?<![不没])(?:算了|不要了|取消吧|赶紧退|可以取消|同意取消)", value=True),
        # 客户自己在后台申请了取消订单: the buyer asked to cancel
        Cue("wants_cancel", rf"{BUYER}(?:自己)?(?:在后台)?(?:申请了?|提交了?|主动)(?:要求)?(?:取消|退款|退订)", value=True),
        # 客户说行那就退了吧
        Cue("wants_cancel", rf"{BUYER}(?:说|表示)(?:行|好|可以),?(?:那就|那)(?:退|取消|删单)", value=True),
        # 人家说中 (as 行 in northern speech), 人家不乐意/不干, 那就拉倒取消吧
        Cue("buyer_agrees", rf"{BUYER}(?:说|表示)(?:中|中啊|行啊|好啊)(?=$|[,.;!?。])", value=True),
        Cue("buyer_agrees", rf"{BUYER}(?:说)?(?:不乐意|不干|不依)", value=False),
        Cue("wants_cancel", rf"{BUYER}(?:说)?(?:那就|就)?拉倒", value=True),
        # 定金每件88，共付176: the deposit paid in all
        Cue("deposit", r"(?:共|一共|总共|合计)(?:付|交|支付)(?:了)?(?:定金)?{N}", rank=-1, when=r"每件|每个|每箱|每份|每台"),
        # 买家原话：“行吧 那你退我钱吧” (read as 买家:行吧,那你退我钱吧)
        # (the quote's 我 is read as the buyer: 那你退客户钱吧)
        Cue("wants_cancel", rf"{BUYER}:[^.;!?。]{{0,8}}?(?:退(?:我|{BUYER})(?:的)?钱|(?:把)?钱退给?(?:我|{BUYER})|退钱给(?:我|{BUYER}))", value=True),
        # 问他能不能取消 他说不行
        Cue("buyer_agrees", rf"{BUYER}(?:说|表示)(?:不行|不可以|不能取消|不取消|不要取消|不退)", value=False),
        Cue("buyer_agrees", rf"{_NOT_RULE}(?:不同意|不同以|不答应|不愿意|不接受)(?!吗)", value=False),
        # 能调到货 / 调不到货
        # (not 无货可调, 没货可调: nothing to restock from)
        Cue("can_restock", rf"(?<![不没])(?:能|可以|(?<!无货)(?<!没货)可|能够|还能)(?:从{GAP}{{1,6}}?)?(?:等)?(?:调到|调来|调)(?:到)?(?:货)?", value=True),
        Cue("can_restock", r"(?<![不没])(?:能|可以|能够|还能)(?:补到货|补到|补货|补上货|补上|进到货|进货)", value=True),
        Cue("can_restock", r"(?<![不没])调(?:得到|得来|到了|到货了|来了)", value=True),
        Cue("can_restock", r"货(?:能|可以)调(?:到|来)", value=True),
        # 调货的话要10号才到, 补货下周到: restocking is possible, with its arrival date
        Cue("can_restock", rf"(?<![不没]){_RESTOCK}(?:的话)?(?:要|得|需要)?(?:等)?[^,.;!?。不没]{{0,8}}?(?:才能到|才到|能到|到货|(?<=[号日天周])到)(?!吗|么|不)",
            value=True),
        Cue("can_restock", r"(?:调不到|调不来|调不了|调不出|调不过来|调不回来)(?:货)?", value=False),
        # 商品无货可调, 没货可调
        Cue("can_restock", r"(?:无|没|没有)货可调", value=False),
        # 没法调, 也没办法从别的地方调
        Cue("can_restock", rf"(?:无法|不能|没法|没办法|没有办法)(?:从{GAP}{{1,8}}?)?调(?:货|到货|来)?(?=$|[,.;!?。了])", value=False),
        Cue("can_restock", r"调货(?:没问题|没有问题|可以|没事|ok)", value=True),
        # 需要从外地调, 要从别地儿调, 需从华东仓调货: restocking from elsewhere (possible, with a delay)
        Cue("can_restock", rf"(?<![不没])(?:要|需要|得|需)从[^,.;!?。\d不没]{{1,8}}?调(?:货|过来|来)?(?!不)", value=True),
        # 厂子说要晚一周才到货, 大概晚3天到: arriving late, but arriving
        Cue("can_restock", r"(?<![不没])(?<!大概|大约|估计|可能|也许)晚(?:\d+|[一二两三四五六七八九十半几])个?(?:天|周|星期|礼拜|月)(?:才)?(?:能)?到(?:货)?(?!吗|么|不)", value=True),
        # 需要调货, 要调货: the goods will be restocked
        Cue("can_restock", r"(?<![不没])(?:需要|要|得)调货(?![^,.;!?。]{0,6}(?:不|没|吗))", value=True),
        # 调货需要到11-22, 补货要等到下周三: possible, by a date
        Cue("can_restock", rf"(?<![不没]){_RESTOCK}(?:的话)?(?:要|得|需要)(?:等)?到(?=\d|[一二三四五六七八九十]|下周|下个|月底|月初)", value=True),
        Cue("can_restock", r"调货(?:不行|不了|不可以|没戏|没办法|没法)", value=False),
        # 其它仓也没货: nowhere to restock from
        Cue("can_restock", r"(?:其它|其他|别的|其余)(?:仓|仓库|地方|渠道|门店|店)(?:也|都)?(?:没货|没有货|无货|断货)", value=False),
        # 仓库调货过来要一周: restocking is possible, with how long it takes
        Cue("can_restock", rf"(?<![不没]){_RESTOCK}(?:过来|回来)?(?:的话)?(?:要|得|需要)(?:等)?(?:\d+|[一二两三四五六七八九十半])个?(?:天|周|星期|礼拜|月)", value=True),
        Cue("can_restock", rf"(?:无法|不能|没法|没办法|不可以|没有办法|没有地方|没地方){_RESTOCK}", value=False),
        Cue("can_restock", rf"(?:没|没有){GAP}{{0,2}}(?:调到|调来|补到|进到)货?", value=False),
        Cue("can_restock", r"调货(?:也)?(?:调)?不到", value=False),
        # 约定(的)发货时间是11月11日10点
        Cue("agreed_ship_time", r"(?:约定|约好|说好|商量好)(?:的)?(?:发货)?(?:时间|日期)?(?:是|为|在|于|:)?{T}", past=False),
        # 5月20日下午2点是约定发货时间
        Cue("agreed_ship_time", r"{T}(?:是)?(?:约定|约好|说好)(?:的)?发货(?:时间|日期)", past=False),
        # 预计发货时间:2025-09-05 18:00 (the order page's label)
        Cue("agreed_ship_time", r"(?:预计|承诺)发货(?:时间|日期):{T}", past=False),
        # 约的是后天下午3点发货, 约的发货时间是今晚11点
        Cue("agreed_ship_time", r"约的(?:发货)?(?:时间|日期)?(?:是|为|在)?{T}(?=发货|$|[,.;!?。])", past=False),
        Cue("agreed_ship_time", r"(?:约定|约好|承诺|答应)(?:了)?(?:在)?{T}(?:前|之前)?发货", past=False),
        # 双十一零点发货是约定好的
        Cue("agreed_ship_time", r"{T}(?:前|之前)?发货(?:是|是我们|是跟客户)?(?:约定|约好|说好|商量好)(?:好)?的", past=False),
    ),
    labels={"final_payment": "尾款", "price": "商品金额", "expanded": "膨胀后抵扣金额", "deposit_each": "每件的定金",
            "wants_cancel": "消费者要取消订单", "refuses_wait": "消费者不愿等", "refund": "退还或赔付的金额"},
)


def _derive(read: dict, unclear: set) -> dict:
    """Return the inputs read, with whether the buyer agrees from what they said of cancelling.

    Before the final payment, or when the goods cannot be restocked, agreeing to cancel is agreeing
    (the calculator's question is whether the buyer agrees to end the order). When the goods can be
    restocked, the question is whether the buyer accepts the new arrival time: a buyer who wants to
    cancel does not, and one who refuses to cancel has said nothing of the wait but has not accepted it either.
    """
    out = {name: (value, "") for name, value in read.items()}  # (helper roles are left out by the caller)
    if read.get("stage") == BEFORE:
        out.pop("can_restock", None)  # both apply after the final payment only (the calculator's inputs say so)
        out.pop("agreed_ship_time", None)
    if "wants_cancel" in unclear or "buyer_agrees" in unclear:
        out.pop("buyer_agrees", None)
        return out
    restocked = read.get("stage") == AFTER and read.get("can_restock") is True
    said = []  # (agrees, how it was read) from what the buyer said of cancelling and of waiting
    if read.get("wants_cancel") is not None:
        said.append((False, "要取消，即不接受到货时间") if restocked else (read["wants_cancel"], ""))
    if restocked and read.get("refuses_wait"):
        said.append((False, "不愿等，即不接受到货时间"))
    if not said:
        return out
    value, note = said[0]
    if any(other != value for other, _ in said) or ("buyer_agrees" in out and out["buyer_agrees"][0] != value):
        out.pop("buyer_agrees", None)  # said both ways
    else:
        out["buyer_agrees"] = (value, note)
    return out


def _headline(result: dict) -> str:
    return result["summary"].rstrip("。")


EXTRACTION = Extraction(EXTRACTION.cues, derive=_derive, headline=_headline, labels=EXTRACTION.labels)


CALCULATOR = Calculator(
    id="deposit-refund",
    title="预售定金",
    description="预售商品无货、发不了货时：按是否已付尾款、消费者是否同意、能否调货，算出处理方式和应返还的定金。",
    fields=(
        Field("deposit", "money", "已支付的定金（元）", help="消费者已支付的定金。",
              placeholder="例如 50.00"),
        Field("stage", "choice", "订单阶段", help="消费者是否已经支付尾款。",
              choices=(Choice(BEFORE, "支付尾款前"), Choice(AFTER, "支付尾款后"))),
        Field("buyer_agrees", "boolean", "消费者是否同意",
              help="支付尾款前：是否同意终止订单；支付尾款后：能调货时是否接受到货时间，"
                   "无法调货时是否同意取消订单。"),
        Field("can_restock", "boolean", "能否调货", required=False, empty_label="不适用（支付尾款前）",
              help="仅支付尾款后需要填写：能调货（告知到货时间）还是无法调货。"),
        Field("agreed_ship_time", "datetime", "约定发货时间", required=False,
              help="可选，仅支付尾款后使用：填写后算出电话联系消费者的最晚时间。"),
    ),
    outputs=(
        Output("outcome", "处理方式", {
            "cancel_double_refund": "终止订单，双倍返还定金",
            "fulfil_on_time": "按订单时效履约",
            "ship_by_new_date": "按新的到货时间发货",
            "delayed_shipment": "平台按延迟发货处理",
        }),
        Output("refund", "应返还定金（元）"),
        Output("contact_buyer_by", "最晚电话联系消费者", kind="time"),
        Output("submit_deletion_by", "最晚提交删单申请", kind="time"),
    ),
    articles=("presale-out-of-stock",),
    compute=compute,
    extraction=EXTRACTION,
)
