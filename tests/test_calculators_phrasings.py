"""Phrasings the cues read since the fifth labelled set (each family with new examples and what stays unread).

Written from the calculators' definitions, not copied from tests/data.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from kb.calculators import extract, when
from kb.calculators.clock import CHINA

NOW = datetime(2025, 6, 20, 15, 0, tzinfo=CHINA)


def inputs(calculator_id: str, question: str, now: datetime = NOW) -> dict:
    found = extract.calculation(calculator_id, question, now)
    return {} if found is None else found["inputs"]


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deduction", "本周定单数 300，48消时内揽件 290，延迟法货 4 单",
     {"orders": 300, "picked_up_within_48h": 290, "delayed_orders": 4}),
    ("deposit-refund", "定金80 为款还没付 客户同意取消",
     {"deposit": "80.00", "stage": "before_final_payment", "buyer_agrees": True}),
])
def test_pinyin_keyboard_slips_in_the_rules_words_are_read_as_meant(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("question, expected", [
    ("定金66 尾款没付 跟客户商量了 他同意了", {"deposit": "66.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("定金66 尾款没付 问她能不能取消 她说不行", {"deposit": "66.00", "stage": "before_final_payment", "buyer_agrees": False}),
    ("定金66 尾款没付 客户同意不要了", {"deposit": "66.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("定金66 尾款付了 调不到货 客户说那就退款吧",
     {"deposit": "66.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("定金66 尾款没付 如果客户说那就取消吧", {"deposit": "66.00", "stage": "before_final_payment"}),
])
def test_deposit_refund_the_buyers_answer_in_their_own_words(question, expected):
    assert inputs("deposit-refund", question) == expected


@pytest.mark.parametrize("question, expected", [
    ("定金40 尾款已付 厂家那边货调不过来 客户同意取消", False),
    ("定金40 尾款已付 工厂停产了 也没办法从其他仓调 客户同意取消", False),
    ("定金40 尾款已付 没法调 客户同意取消", False),
    ("定金40 尾款已付 调货没问题 客户同意等", True),
])
def test_deposit_refund_whether_stock_can_be_moved_in_everyday_words(question, expected):
    assert inputs("deposit-refund", question)["can_restock"] is expected


def test_no_way_to_adjust_something_else_is_no_restock_fact():
    assert "can_restock" not in inputs("deposit-refund", "定金40 尾款已付 没法调整发货时间 客户同意取消")


@pytest.mark.parametrize("question, stage", [
    ("定金30 尾款是前天付的 调不到货 客户同意取消", "after_final_payment"),
    ("定金30 尾款付好了 调不到货 客户同意取消", "after_final_payment"),
    ("定金30 尾款前 客户同意取消", "before_final_payment"),
    ("定金30 尾款后 调不到货 客户同意取消", "after_final_payment"),
])
def test_deposit_refund_stage_said_briefly(question, stage):
    assert inputs("deposit-refund", question)["stage"] == stage


@pytest.mark.parametrize("question", ["定金30 尾款是下周要付的 客户同意取消", "定金30 尾款前还是尾款后不清楚 客户同意取消"])
def test_deposit_refund_a_payment_still_to_come_or_unsure_is_no_stage(question):
    assert "stage" not in inputs("deposit-refund", question)


def test_money_with_its_small_change_before_deposit_is_one_amount():
    assert inputs("deposit-refund", "2块5的定金 尾款前 客户同意取消")["deposit"] == "2.50"
    assert inputs("deposit-refund", "定金RMB 19.9 尾款前 客户同意取消")["deposit"] == "19.90"


@pytest.mark.parametrize("question, expected", [
    ("6月18号凌晨2点10在咚咚给客户发了卡片，客户6月19号晚上8点才点了拒绝",
     {"sent_at": "2025-06-18T02:10", "buyer_action": "reject", "action_at": "2025-06-19T20:00"}),
    ("卡片发送：今天10:05 客户接受：今天11:30",
     {"sent_at": "2025-06-20T10:05", "buyer_action": "accept", "action_at": "2025-06-20T11:30"}),
    ("六月十九号上午九点零五分发的卡片 客户六月十九号下午三点点了接收",
     {"sent_at": "2025-06-19T09:05", "buyer_action": "accept", "action_at": "2025-06-19T15:00"}),
])
def test_delay_card_times_said_around_the_send_and_the_click(question, expected):
    assert inputs("delay-card", question) == expected


def test_minutes_with_a_leading_zero_in_chinese():
    assert when.resolve("今天上午十点零五分", NOW, past=True) == datetime(2025, 6, 20, 10, 5, tzinfo=CHINA)
    assert when.resolve("今天上午十点零分", NOW, past=True) == datetime(2025, 6, 20, 10, 0, tzinfo=CHINA)


@pytest.mark.parametrize("question, expected", [
    ("订单时间6/17 09:00 上传运单6/17 20:00 揽件6/18 10:30",
     {"order_time": "2025-06-17T09:00", "waybill_uploaded_at": "2025-06-17T20:00", "picked_up_at": "2025-06-18T10:30"}),
    ("订单下单时间：6月17日 23:40；运单号上传：6月18日 22:00",
     {"order_time": "2025-06-17T23:40", "waybill_uploaded_at": "2025-06-18T22:00"}),
    ("客户17号晚上8点下单，我们18号上午9点打单上传运单号",
     {"order_time": "2025-06-17T20:00", "waybill_uploaded_at": "2025-06-18T09:00"}),
])
def test_ship_deadline_labels_and_the_print_before_the_upload(question, expected):
    assert inputs("ship-deadline", question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deduction", "this week orders 800 pcs, 48h pickup 790, delay 4单",
     {"orders": 800, "picked_up_within_48h": 790, "delayed_orders": 4}),
    ("delay-card", "card 昨晚 9pm 发的, 客户 今天 8:30am reject 了",
     {"sent_at": "2025-06-19T21:00", "buyer_action": "reject", "action_at": "2025-06-20T08:30"}),
    ("ship-deadline", "order time 2025-06-18 10:00, waybill uploaded 06-19 09:00, pickup 06-19 18:00",
     {"order_time": "2025-06-18T10:00", "waybill_uploaded_at": "2025-06-19T09:00", "picked_up_at": "2025-06-19T18:00"}),
    ("deposit-refund", "RMB 45 deposit, 尾款没付, 客户同意取消",
     {"deposit": "45.00", "stage": "before_final_payment", "buyer_agrees": True}),
])
def test_english_a_merchant_mixes_in(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


def test_english_field_names_stay_labels():
    assert inputs("delay-card", "sent=2025-06-19 10:00 now=2025-06-20 12:00") == {
        "sent_at": "2025-06-19T10:00", "now": "2025-06-20T12:00"}


def test_a_year_in_chinese_numerals():
    assert inputs("ship-deadline", "下单时间：二〇二五年六月十八日 十四点，快递六月十九日上午十点揽收") == {
        "order_time": "2025-06-18T14:00", "picked_up_at": "2025-06-19T10:00"}


def test_an_order_number_or_phone_number_is_no_count():
    assert inputs("deduction", "订单号3344556677延迟了 本周订单600单 48小时揽件590 延迟发货2单 电话13800001111") == {
        "orders": 600, "picked_up_within_48h": 590, "delayed_orders": 2}


def test_a_pasted_table_gives_each_label_its_number():
    assert inputs("deduction", "项目|数量 订单量|1,500 48h揽件量|1,480 延迟发货|7") == {
        "orders": 1500, "picked_up_within_48h": 1480, "delayed_orders": 7}


def test_a_count_running_into_the_next_label():
    assert inputs("deduction", "订单900延迟发货3单 48小时揽件880") == {
        "orders": 900, "picked_up_within_48h": 880, "delayed_orders": 3}


def test_the_present_stated_as_today_is_today():
    evening = datetime(2025, 6, 20, 20, 5, tzinfo=CHINA)
    found = inputs("ship-deadline", "客户昨天早上7点下单 现在是今天晚上8点 运单号还没传", evening)
    assert found == {"order_time": "2025-06-19T07:00", "now": "2025-06-20T20:00"}
    assert inputs("delay-card", "今早9点发的卡，到现在（下午3点）客户还没点") == {
        "sent_at": "2025-06-20T09:00", "now": "2025-06-20T15:00"}


def test_a_clock_time_straight_after_a_number_is_not_read_alone():
    # 订单3零点: no date this reader knows; 零点 alone must not become last midnight
    assert "order_time" not in inputs("ship-deadline", "第3零点下的单 还没揽件")


def test_a_forms_label_answered_no_after_the_rest_of_the_label():
    found = inputs("deposit-refund", "定金=50 阶段=已付尾款 能调货=是 客户接受到货时间=否")
    assert found == {"deposit": "50.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": False}


@pytest.mark.parametrize("question, stage", [
    ("定金30 尾款昨天也付了 调不到货 客户同意取消", "after_final_payment"),
    ("定金30 客户6月1号付的尾款 调不到货 客户同意取消", "after_final_payment"),
    ("定金：30；状态：待付尾款；客户同意终止", "before_final_payment"),
])
def test_deposit_refund_more_ways_to_say_the_stage(question, stage):
    assert inputs("deposit-refund", question)["stage"] == stage


@pytest.mark.parametrize("question", ["定金30 尾款好像已经付了 客户同意取消", "定金30 尾款等客户下周也付了再说"])
def test_deposit_refund_a_hedged_or_awaited_payment_is_no_stage(question):
    assert "stage" not in inputs("deposit-refund", question)


@pytest.mark.parametrize("question, agrees", [
    ("尾款付了 定金200 能调货 跟客户说了到货时间 客户说行", True),
    ("尾款付了 定金200 能调货 但要等20天 客户说太久了不等", False),
])
def test_deposit_refund_the_buyers_short_answers(question, agrees):
    assert inputs("deposit-refund", question)["buyer_agrees"] is agrees


def test_deposit_refund_a_ship_time_agreed_in_other_words():
    assert inputs("deposit-refund", "尾款付了 能调货 约好的发货时间是6月25日下午两点 定金90")["agreed_ship_time"] == \
        "2025-06-25T14:00"


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("delay-card", "延迟发货卡片 发送:6/19 9:00 客户:接受 接受时间:6/19 9:30",
     {"sent_at": "2025-06-19T09:00", "buyer_action": "accept", "action_at": "2025-06-19T09:30"}),
    ("ship-deadline", "下单：2025/6/18 20:15｜上传运单：2025/6/19 21:00｜揽件：还没揽",
     {"order_time": "2025-06-18T20:15", "waybill_uploaded_at": "2025-06-19T21:00"}),
    ("ship-deadline", "订单下单时间2025年6月18日19时30分 上传运单时间2025年6月19日19时31分",
     {"order_time": "2025-06-18T19:30", "waybill_uploaded_at": "2025-06-19T19:31"}),
])
def test_labels_with_a_colon_or_without_one(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


def test_a_time_asked_about_then_stated_is_the_stated_one():
    assert inputs("delay-card", "卡片是两天前发的吗？不是，是昨天下午两点发的，客户没点") == {"sent_at": "2025-06-19T14:00"}
    assert inputs("delay-card", "卡片是不是昨天下午两点发的 客户没点") == {}


def test_a_dotted_date_before_a_clock_time_in_chinese():
    assert inputs("ship-deadline", "6.18零点下的单，6.19 下午 3 点揽收的") == {
        "order_time": "2025-06-18T00:00", "picked_up_at": "2025-06-19T15:00"}


@pytest.mark.parametrize("question", ["本周单量1万2 48h揽收1万1千8 延发30", "本周单量1万2 48h揽收1万1千8 延发货30单"])
def test_the_shop_floors_short_form_of_delayed_shipment(question):
    assert inputs("deduction", question) == {"orders": 12000, "picked_up_within_48h": 11800, "delayed_orders": 30}


def test_a_card_sent_through_a_channel_to_the_buyer():
    assert inputs("delay-card", "我于6月18日晚上8点通过咚咚向买家发送了延迟发货卡片，买家于6月19日上午9点30分点击了拒绝") == {
        "sent_at": "2025-06-18T20:00", "buyer_action": "reject", "action_at": "2025-06-19T09:30"}


@pytest.mark.parametrize("question, expected", [
    ("订单数 : 90 ; 48小时揽件 : 88 ; 延迟 : 1", {"orders": 90, "picked_up_within_48h": 88, "delayed_orders": 1}),
    ("揽收(48小时内) 548 订单 560 延迟 12", {"orders": 560, "picked_up_within_48h": 548, "delayed_orders": 12}),
    ("订单 300，48小时揽收 296，延迟发货 6，其中报备通过的 2", {"orders": 300, "picked_up_within_48h": 296, "delayed_orders": 4}),
    ("这周订单是 3 千单，48 小时内揽收了 2 千 9 百单，延迟发货 20 单",
     {"orders": 3000, "picked_up_within_48h": 2900, "delayed_orders": 20}),
    ("订单 400 48小时揽收 398 延迟发火 3 单", {"orders": 400, "picked_up_within_48h": 398, "delayed_orders": 3}),
])
def test_spaces_beside_colons_brackets_and_bare_counts(question, expected):
    assert inputs("deduction", question) == expected


def test_an_angry_buyer_is_no_shipment():
    assert inputs("deposit-refund", "定金50 尾款没付 客户发火了 不同意取消") == {
        "deposit": "50.00", "stage": "before_final_payment", "buyer_agrees": False}


@pytest.mark.parametrize("question, expected", [
    ("本周订单700，没在48小时内揽收的14单，延迟发货9单", {"orders": 700, "picked_up_within_48h": 686, "delayed_orders": 9}),
    ("订单500 48小时揽件495 延迟发货的有5单报备了2单免责的", {"orders": 500, "picked_up_within_48h": 495, "delayed_orders": 3}),
    ("订单800 48h揽件790 延迟发货订单6 其中2单跟客户用卡片谈好了报备免责",
     {"orders": 800, "picked_up_within_48h": 790, "delayed_orders": 4}),
    ("这周400单都在48小时内揽收了，但有4单超过24小时才传运单号算延迟发货",
     {"orders": 400, "picked_up_within_48h": 400, "delayed_orders": 4}),
    ("48h揽件1180/1200，延迟发货6单", {"orders": 1200, "picked_up_within_48h": 1180, "delayed_orders": 6}),
])
def test_deduction_more_ways_to_give_the_counts(question, expected):
    assert inputs("deduction", question) == expected


def test_deduction_a_count_asked_whether_it_counts_as_delayed_is_not_the_delayed_count():
    assert "delayed_orders" not in inputs("deduction", "订单400 48小时揽收400 有4单超过24小时才传运单号 算延迟发货吗")


@pytest.mark.parametrize("question, expected", [
    ("定金收了八十 尾款也收了 调货调不到 客户不想取消订单",
     {"deposit": "80.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": False}),
    ("客户交了九十的定金 还在等他付尾款 协商取消被拒了",
     {"deposit": "90.00", "stage": "before_final_payment", "buyer_agrees": False}),
    ("尾款已结清，定金200，仓库调货过来要十天，客户说可以等",
     {"deposit": "200.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    ("定金=300 尾款=已付 调货=不能 客户同意=是 约定发货=2025-06-25 20:00",
     {"deposit": "300.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True,
      "agreed_ship_time": "2025-06-25T20:00"}),
])
def test_deposit_refund_more_ways_to_give_the_facts(question, expected):
    assert inputs("deposit-refund", question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("delay-card", "卡片发送 2025/6/18 8:00 客户未点击", {"sent_at": "2025-06-18T08:00"}),
    ("delay-card", "卡片被顾客拒了 后面又谈妥了 能重新报备吗", {"buyer_action": "reject"}),
    ("delay-card", "卡片是18号晚上11点59分发的 没人点 现在20号14:30",
     {"sent_at": "2025-06-18T23:59", "now": "2025-06-20T14:30"}),
    ("ship-deadline", "下单：昨天 09:00；揽件：今天 08:30；运单号：昨天 10:00",
     {"order_time": "2025-06-19T09:00", "picked_up_at": "2025-06-20T08:30", "waybill_uploaded_at": "2025-06-19T10:00"}),
])
def test_card_and_order_times_with_short_labels(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("question, expected", [
    ("后台显示：定金 ¥88.00，尾款 ¥400.00（已支付）。仓库说这批货调不到了，客户电话里同意取消。",
     {"deposit": "88.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("定金 ¥30.00，尾款 ¥200.00（待支付），客户同意取消",
     {"deposit": "30.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("客人付了50块订金，还差尾款没付，缺货了，客人同意取消",
     {"deposit": "50.00", "stage": "before_final_payment", "buyer_agrees": True}),
])
def test_deposit_refund_a_back_office_status_and_a_payment_still_owed(question, expected):
    assert inputs("deposit-refund", question) == expected


@pytest.mark.parametrize("question, expected", [
    ("本周订单520 没48h揽收的有20单 延迟发货20单", {"orders": 520, "picked_up_within_48h": 500, "delayed_orders": 20}),
    ("这周一共卖了90单，仓库说有3单超过48小时才被快递揽收，延迟发货3单",
     {"orders": 90, "picked_up_within_48h": 87, "delayed_orders": 3}),
    ("本周订单三百单，延迟发货订单两单，所有订单均在48小时内完成揽件",
     {"orders": 300, "picked_up_within_48h": 300, "delayed_orders": 2}),
    ("订单600 48h揽件590 延迟发货订单50单，其中10单我们做了紧急报备，已经审核通过免责了",
     {"orders": 600, "picked_up_within_48h": 590, "delayed_orders": 40}),
    ("这周单量 1万零五十 48h揽收 一万 延发 30", {"orders": 10050, "picked_up_within_48h": 10000, "delayed_orders": 30}),
])
def test_deduction_counts_in_a_story(question, expected):
    assert inputs("deduction", question) == expected


def test_deduction_a_count_already_named_is_not_the_weeks_orders():
    assert inputs("deduction", "订单好像是三十几单，延迟发货有2单，48小时揽件除了那2单都揽了") == {"delayed_orders": 2}


def test_deduction_a_report_refused_after_a_comma_is_not_an_exemption():
    assert inputs("deduction", "延迟发货12单，其中2单报备了，但是没通过")["delayed_orders"] == 12
    assert inputs("deduction", "延迟发货12单，其中2单报备了，审核通过了")["delayed_orders"] == 10


@pytest.mark.parametrize("question, expected", [
    ("预售定金¥88，尚未进入尾款支付阶段，我们想协商取消，但消费者不同意",
     {"deposit": "88.00", "stage": "before_final_payment", "buyer_agrees": False}),
    ("定金100块，尾款要下周一晚上8点才开始付，问买家能不能取消，他说不行",
     {"deposit": "100.00", "stage": "before_final_payment", "buyer_agrees": False}),
    ("消费者已支付定金0.5万元，并已支付尾款，可以从其他仓库调货，但消费者表示不能接受",
     {"deposit": "5000.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": False}),
    ("定金200 尾款已付清 能调货 消费者已经书面确认接受该到货时间",
     {"deposit": "200.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    ("后台显示：预售定金 ¥ 300，尾款 未支付。买家说那算了吧，退我钱就行",
     {"deposit": "300.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("预售单 尾款没付 买家坚持要货 定金1.5k", {"deposit": "1500.00", "stage": "before_final_payment", "buyer_agrees": False}),
    ("定金三百 没付尾款 买家说要等我们补货不退",
     {"deposit": "300.00", "stage": "before_final_payment", "buyer_agrees": False}),
    ("尾款支付前，消费者明确拒绝终止订单，定金一百二十元",
     {"deposit": "120.00", "stage": "before_final_payment", "buyer_agrees": False}),
    ("定金50 尾款也已支付 调不到货 客户在电话里说：不要了，你们退吧",
     {"deposit": "50.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
])
def test_deposit_refund_facts_in_formal_and_spoken_words(question, expected):
    assert inputs("deposit-refund", question) == expected


def test_deposit_refund_before_and_after_the_final_payment_is_no_stage():
    assert "stage" not in inputs("deposit-refund", "定金200元，如果无货，在支付尾款前后处理有何不同")


def test_a_day_of_this_or_next_month():
    assert inputs("deposit-refund", "尾款已付 约定发货时间为本月25日下午3点 定金60 无法调货")["agreed_ship_time"] == \
        "2025-06-25T15:00"
    assert inputs("deposit-refund", "尾款已付 约定下个月5号上午10点发货 定金60 无法调货")["agreed_ship_time"] == \
        "2025-07-05T10:00"


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("delay-card", "半小时前发的卡片 买家秒拒了", {"sent_at": "2025-06-20T14:30", "buyer_action": "reject"}),
    ("delay-card", "48h前发卡 刚刚客户点拒绝了", {"sent_at": "2025-06-18T15:00", "buyer_action": "reject"}),
    ("delay-card", "前天中午12点我发了延迟发货卡片给买家，昨天下午4点买家点了“接受”",
     {"sent_at": "2025-06-18T12:00", "buyer_action": "accept", "action_at": "2025-06-19T16:00"}),
    ("delay-card", "消费者表示“不同意延迟发货”，但并没有在卡片上点击拒绝。卡片是昨天下午5点发送的。",
     {"sent_at": "2025-06-19T17:00"}),
    ("delay-card", "后台显示：发送时间 前天 21:15；消费者操作 接受；操作时间 昨天 08:05",
     {"sent_at": "2025-06-18T21:15", "buyer_action": "accept", "action_at": "2025-06-19T08:05"}),
    ("ship-deadline", "昨天中午12点有个买家下了单，仓库今天上午11点才把运单号传上去",
     {"order_time": "2025-06-19T12:00", "waybill_uploaded_at": "2025-06-20T11:00"}),
    ("ship-deadline", "订单于上周六下午3点下单，运单号于周日上午10点上传，快递于周一下午5点揽件",
     {"order_time": "2025-06-14T15:00", "waybill_uploaded_at": "2025-06-15T10:00", "picked_up_at": "2025-06-16T17:00"}),
    ("ship-deadline", "单号JD0098765432 昨晚九点下 运单今早七点传 揽收中午十二点",
     {"order_time": "2025-06-19T21:00", "waybill_uploaded_at": "2025-06-20T07:00", "picked_up_at": "2025-06-20T12:00"}),
    ("ship-deadline", "今天有个单子是早上6点下的，运单号9点上传的", {"order_time": "2025-06-20T06:00",
                                                        "waybill_uploaded_at": "2025-06-20T09:00"}),
])
def test_card_and_order_times_in_a_story(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


def test_a_waybill_label_keeps_its_time_from_the_verb_after_it():
    assert "picked_up_at" not in inputs("ship-deadline", "下单 2025-06-18 23:10 运单 6/19 9:00 揽收 还没")


def test_a_click_bounded_by_the_send_and_the_present():
    early = datetime(2025, 6, 20, 5, 10, tzinfo=CHINA)
    assert inputs("delay-card", "卡片今天凌晨1点发 客户3点拒了 现在5点", early) == {
        "sent_at": "2025-06-20T01:00", "buyer_action": "reject", "action_at": "2025-06-20T03:00", "now": "2025-06-20T05:00"}


@pytest.mark.parametrize("question, expected", [
    ("前天晚上我在咚咚给买家发了卡片，后台显示：发送时间 前天 21:15；消费者操作 接受；操作时间 昨天 08:05",
     {"sent_at": "2025-06-18T21:15", "buyer_action": "accept", "action_at": "2025-06-19T08:05"}),
    ("买家在卡片上点了接受，点的时候是6/19 10:05。我是6/18晚上9点发的卡片。",
     {"sent_at": "2025-06-18T21:00", "buyer_action": "accept", "action_at": "2025-06-19T10:05"}),
])
def test_a_day_said_without_its_time_beside_the_full_time(question, expected):
    assert inputs("delay-card", question) == expected


@pytest.mark.parametrize("question", ["昨天晚上发的卡片，发送时间 前天 21:15，客户没点", "昨天晚上发的卡片，客户没点"])
def test_a_day_said_without_its_time_is_no_reading_and_contradicts_another_day(question):
    found = extract.calculation("delay-card", question, NOW)
    assert "sent_at" not in found["inputs"]
    assert "sent_at" in {item["name"] for item in found["unclear"]}


def test_deduction_a_weekly_target_and_the_orders_sold():
    assert inputs("deduction", "本来目标是一周卖1000单，结果只卖了640单。其中有35单因为快递罢工48小时内没揽收，延迟发货订单后台是35单") == {
        "orders": 640, "picked_up_within_48h": 605, "delayed_orders": 35}


def test_deduction_the_delayed_count_the_back_office_totals():
    assert inputs("deduction", "一共接了2千单，48小时揽件1980，延迟发货订单后台统计是25单") == {
        "orders": 2000, "picked_up_within_48h": 1980, "delayed_orders": 25}


def test_a_back_office_time_with_seconds_after_where_it_was_seen():
    assert inputs("ship-deadline", "下单时间我看后台显示：2025-06-18 00:30:00，6月19日凌晨2点传的运单号") == {
        "order_time": "2025-06-18T00:30", "waybill_uploaded_at": "2025-06-19T02:00"}


def test_deposit_refund_no_stock_elsewhere_either():
    assert inputs("deposit-refund", "定金80 尾款付清了 供应商停产了 其它仓也没货 客户不同意取消")["can_restock"] is False


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deduction", "本周订单720，哦不对，是702。48小时内揽件的690，延迟发货12",
     {"orders": 702, "picked_up_within_48h": 690, "delayed_orders": 12}),
    ("deduction", "订单300 48h揽件295 延迟发货订单有6单，不对，刚刷新了是5单",
     {"orders": 300, "picked_up_within_48h": 295, "delayed_orders": 5}),
    ("deposit-refund", "定金交了3万，哦不是，是3千，尾款没付，买家同意取消",
     {"deposit": "3000.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "定金400，不对，定金是440，尾款已付，可以调货，买家接受到货时间",
     {"deposit": "440.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    ("delay-card", "卡片发送时间是今天上午10点，不对，是昨天上午10点，我看错了。买家未点击。",
     {"sent_at": "2025-06-19T10:00"}),
    ("ship-deadline", "下单时间6月18号20:00，单号是6月19号21:00传的，不对不对，是6月19号19:00传的",
     {"order_time": "2025-06-18T20:00", "waybill_uploaded_at": "2025-06-19T19:00"}),
])
def test_a_number_or_time_corrected_later_in_the_message(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


def test_a_correction_of_another_kind_corrects_nothing():
    assert inputs("deduction", "延迟发货5单，不对，是昨天上午10点的事，订单300 48h揽件300")["delayed_orders"] == 5


@pytest.mark.parametrize("question, expected", [
    ("买家原话：“我同意取消，定金记得双倍退”。系统显示定金300元，尾款未付。",
     {"deposit": "300.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("买家原话：'我不取消，我就等你们发货'。系统显示尾款尚未支付，定金35元。",
     {"deposit": "35.00", "stage": "before_final_payment", "buyer_agrees": False}),
])
def test_the_buyers_own_words_speak_for_the_buyer(question, expected):
    assert inputs("deposit-refund", question) == expected


@pytest.mark.parametrize("question, expected", [
    ("预售：定金 ¥1,000；尾款昨天付了；调货不行；买家同意取消",
     {"deposit": "1000.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("系统显示定金100元，尾款状态显示已支付，调货不行，买家同意取消",
     {"deposit": "100.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
])
def test_deposit_refund_status_words(question, expected):
    assert inputs("deposit-refund", question) == expected


def test_an_amount_asked_about_is_not_stated():
    assert inputs("deposit-refund", "定金0.5元，尾款已付，调不到货，买家同意删单，要退1块吗")["deposit"] == "0.50"


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("delay-card", "延迟卡片：发送 2024.12.31 22:30；买家拒绝，时间 2025.1.1 00:10", {
        "sent_at": "2024-12-31T22:30", "buyer_action": "reject", "action_at": "2025-01-01T00:10"}),
    ("delay-card", "买家一直不回，我10分钟前刚发了卡片", {"sent_at": "2025-06-20T14:50"}),
    ("delay-card", "卡片 6月19号 上午十点零五分 发，买家 6月19号 晚上十点 接受",
     {"sent_at": "2025-06-19T10:05", "buyer_action": "accept", "action_at": "2025-06-19T22:00"}),
    ("ship-deadline", "前天晚上11点的单，今儿早上8点传的单号", {"order_time": "2025-06-18T23:00",
                                                 "waybill_uploaded_at": "2025-06-20T08:00"}),
    ("ship-deadline", "下单时间今天上午8点，运单号一个半小时前上传，还没揽件", {"order_time": "2025-06-20T08:00",
                                                         "waybill_uploaded_at": "2025-06-20T13:30"}),
])
def test_card_and_order_times_said_on_the_shop_floor(calculator_id, question, expected):
    now = datetime(2025, 6, 20, 15, 0, tzinfo=CHINA) if calculator_id == "ship-deadline" else NOW
    assert inputs(calculator_id, question, now) == expected


@pytest.mark.parametrize("question, expected", [
    ("周报：订单1万2，超时揽收（超48小时）的300单，延迟发货订单三百二十单，其中报备免责20单",
     {"orders": 12000, "picked_up_within_48h": 11700, "delayed_orders": 300}),
    ("订单600单，有45单48小时内没揽上，延迟发货订单50单，有20单免责",
     {"orders": 600, "picked_up_within_48h": 555, "delayed_orders": 30}),
])
def test_deduction_late_pickups_in_brackets_and_exemptions_said_briefly(question, expected):
    assert inputs("deduction", question) == expected


def test_deduction_a_rough_order_count_leaves_the_orders_empty():
    assert inputs("deduction", "这周订单大概300多单吧，延迟发货5单，48小时没揽上的也就5单") == {"delayed_orders": 5}


@pytest.mark.parametrize("question, expected", [
    ("系统显示本单定金一千二百元整，尾款已付。仓库说调不到货，买家原话：'不取消，你们必须发'。",
     {"deposit": "1200.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": False}),
    ("系统显示定金支付¥58.00，尾款未支付。买家原话：'没货就算了，退我钱吧'。",
     {"deposit": "58.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("买家原话：'没货就赶紧退吧，定金两百块，我还没付尾款'。系统显示一致。",
     {"deposit": "200.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("定金一百，尾款下周一才开始付，现在提前说没货，买家说可以退",
     {"deposit": "100.00", "stage": "before_final_payment", "buyer_agrees": True}),
])
def test_deposit_refund_the_buyers_words_quoted_or_reported(question, expected):
    assert inputs("deposit-refund", question) == expected


@pytest.mark.parametrize("word", ["一致", "一直", "一样", "一下", "一共"])
def test_the_one_of_a_word_is_no_number(word):
    assert not extract.mentions(extract.normalise(f"系统显示{word}"))


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("delay-card", "俺那个卡片啊是上礼拜五后晌5点发的，人家礼拜六晌午12点才点的拒绝",
     {"sent_at": "2025-06-13T17:00", "buyer_action": "reject", "action_at": "2025-06-14T12:00"}),
    ("ship-deadline", "单子是昨天晌午12点下的，今天前晌10点传的单号",
     {"order_time": "2025-06-19T12:00", "waybill_uploaded_at": "2025-06-20T10:00"}),
])
def test_dialect_words_for_parts_of_the_day(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


def test_a_second_source_that_says_another_time_leaves_the_time_empty():
    found = inputs("ship-deadline", "客户说是6月18号上午10点下的单，订单详情里又写的6月18号上午11点，我6月19号上午10点半传的单号")
    assert "order_time" not in found and found["waybill_uploaded_at"] == "2025-06-19T10:30"


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deduction", "俺这礼拜卖了两千单，嗯不对不对，俺孙子说是两千一百单，延迟发货三十单，48小时揽件两千零五十单",
     {"orders": 2100, "picked_up_within_48h": 2050, "delayed_orders": 30}),
    ("ship-deadline", "1. 下单时间：昨日20:00；2. 运单号上传时间：今日19:00（更正：经系统核实为今日14:30）",
     {"order_time": "2025-06-19T20:00", "waybill_uploaded_at": "2025-06-20T14:30"}),
    ("ship-deadline", "单子是昨天晚上11点下的，今天上午9点传的单号，等等我看错了是上午10点",
     {"order_time": "2025-06-19T23:00", "waybill_uploaded_at": "2025-06-20T10:00"}),
])
def test_corrections_with_fillers_and_in_brackets(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("question, expected", [
    ("1. 订单总量946单；2. 48小时内未完成揽件37单；3. 延迟发货订单41单",
     {"orders": 946, "picked_up_within_48h": 909, "delayed_orders": 41}),
    ("俺这礼拜订单是六百单，48小时揽件五百九十单，延迟发货是五单，俺报备了两单啊",
     {"orders": 600, "picked_up_within_48h": 590, "delayed_orders": 3}),
])
def test_deduction_report_style_and_spoken_style(question, expected):
    assert inputs("deduction", question) == expected


def test_deduction_a_bare_count_in_a_clause_about_delays_is_no_order_count():
    assert "orders" not in inputs("deduction", "这周延迟发货直接干到20单了，48h揽件率也拉胯")


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deduction", "俺这个小店啊这礼拜一共卖了三百二十单呢，快递那边说有十二单两天里头没来收的，延迟发货的后台写着是八单",
     {"orders": 320, "picked_up_within_48h": 308, "delayed_orders": 8}),
    ("deduction", "这周300单，48小时里有297单揽了，延迟发货0单", {"orders": 300, "picked_up_within_48h": 297, "delayed_orders": 0}),
    ("deposit-refund", "人家交了五十块钱定金呢，尾款还没交，俺这货整不来了，跟人家说不卖了，人家不乐意啊",
     {"deposit": "50.00", "stage": "before_final_payment", "buyer_agrees": False}),
    ("deposit-refund", "人家就交了定金八块八，尾款还没交，俺跟他说俺这没货了退给他，他说中",
     {"deposit": "8.80", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "人家尾款付了，定金四十，俺这调不来货了，人家说那就拉倒取消吧",
     {"deposit": "40.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("delay-card", "俺昨儿个后晌3点给那个买家发了个延迟发货的卡片啊，到现在人家也没点呢", {"sent_at": "2025-06-19T15:00"}),
    ("ship-deadline", "俺这单啊是前天后晌4点来的，俺昨天夜里10点才把单号整上去呢",
     {"order_time": "2025-06-18T16:00", "waybill_uploaded_at": "2025-06-19T22:00"}),
])
def test_older_merchants_ways_of_saying_it(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


def test_formal_hours_with_shi_are_24_hour_times():
    assert when.resolve("2025年六月十九日九时", NOW, past=True) == datetime(2025, 6, 19, 9, 0, tzinfo=CHINA)
    assert when.resolve("2025年六月十九日二十一时", NOW, past=True) == datetime(2025, 6, 19, 21, 0, tzinfo=CHINA)
    assert when.resolve("6月19日9点", NOW, past=True) is None  # 09:00 or 21:00


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("delay-card", "卡片是今天早上八点半发出去的啊，人家中午十二点点了个接受",
     {"sent_at": "2025-06-20T08:30", "buyer_action": "accept", "action_at": "2025-06-20T12:00"}),
    ("ship-deadline", "订单6月18号晚上11点下的，第二天早上8点我就上传了单号",
     {"order_time": "2025-06-18T23:00", "waybill_uploaded_at": "2025-06-19T08:00"}),
])
def test_the_merchant_or_the_buyer_named_before_the_verb(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("ship-deadline", "订单下单30小时了还没上传单号", {"order_time": "2025-06-19T09:00"}),
    ("ship-deadline", "订单下单整整48小时了快递还没来揽收", {"order_time": "2025-06-18T15:00"}),
    ("delay-card", "卡片发出去半个小时了，客户还没点", {"sent_at": "2025-06-20T14:30"}),
    ("delay-card", "发了卡片过去47个小时了客户还没点", {"sent_at": "2025-06-18T16:00"}),
])
def test_how_long_ago_it_happened_said_after_it(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


def test_roughly_how_long_ago_is_no_time():
    assert inputs("ship-deadline", "订单下单快30小时了还没上传单号") == {}


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("ship-deadline", "下单时间：2025年6月14日 星期六 21:10，6月15日还没上传运单号", {"order_time": "2025-06-14T21:10"}),
    ("ship-deadline", "下单时间是 2025-06-18T22:00:00+08:00，运单2025-06-19T21:59上传",
     {"order_time": "2025-06-18T22:00", "waybill_uploaded_at": "2025-06-19T21:59"}),
    ("ship-deadline", "下单 昨天 14:20 单号今天 14:30 上传", {"order_time": "2025-06-19T14:20",
                                                  "waybill_uploaded_at": "2025-06-20T14:30"}),
    ("delay-card", "卡片发送时间：今天 08:00。客户操作：拒绝（08:30）。", {"sent_at": "2025-06-20T08:00", "buyer_action": "reject",
                                                         "action_at": "2025-06-20T08:30"}),
    ("delay-card", "今天零点整发的卡片，客户还没点", {"sent_at": "2025-06-20T00:00"}),
])
def test_times_as_back_offices_and_merchants_write_them(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deduction", "weekly orders 1200, 48h pickup 1176, late shipment 14",
     {"orders": 1200, "picked_up_within_48h": 1176, "delayed_orders": 14}),
    ("deduction", "这周订单数1680，48小时揽件数1600，廷迟发货订单数35", {"orders": 1680, "picked_up_within_48h": 1600,
                                                          "delayed_orders": 35}),
    ("deduction", "这周延迟发货一共25单，有5单是客户同意延迟并在咚咚卡片上点了接受的，订单760，48小时内揽收的748单",
     {"orders": 760, "picked_up_within_48h": 748, "delayed_orders": 20}),
    ("deposit-refund", "尾款已付，能调货，定金66.6元，客户嫌到货时间太晚不接受",
     {"deposit": "66.60", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": False}),
    ("deposit-refund", "客户余款已经结清了，我们这边调不到货，客户同意取消，定金40",
     {"deposit": "40.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("deposit-refund", "尾款支付时间还没到，客户同意终止订单，定金25元",
     {"deposit": "25.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "客户在咚咚里说“那我不要了，你们把定金退我吧”，还没付尾款，定金45元",
     {"deposit": "45.00", "stage": "before_final_payment", "buyer_agrees": True}),
])
def test_more_wordings_of_counts_and_facts(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


def test_asking_whether_so_long_has_passed_is_no_time():
    assert "sent_at" not in inputs("delay-card", "卡片发出去48小时了吗 客户没点")


def test_a_figure_the_merchant_looked_up_against_anothers():
    found = inputs("deduction", "客服说我们这周延迟发货有11单，我自己看后台是14单，订单量是2400，48小时内都揽了")
    assert found == {"orders": 2400, "picked_up_within_48h": 2400}


def test_picked_up_outside_the_window_is_no_order_count():
    assert inputs("deduction", "这周一共2000单；48小时外揽收合计60单；延迟发货合计45单") == {
        "orders": 2000, "picked_up_within_48h": 1940, "delayed_orders": 45}


@pytest.mark.parametrize("question, expected", [
    ("定金是订单金额的20%，订单500块，尾款还没付，客户同意取消", {"stage": "before_final_payment", "buyer_agrees": True}),
    ("客户一个订单里两件预售各付了定金30元，尾款没付，同意取消", {"stage": "before_final_payment", "buyer_agrees": True}),
])
def test_deposit_refund_sums_that_are_not_the_deposit(question, expected):
    assert inputs("deposit-refund", question) == expected


def test_a_utc_time_is_read_in_china_time():
    assert inputs("ship-deadline", "下单：2025-06-19T16:30:00Z") == {"order_time": "2025-06-20T00:30"}


def test_the_day_said_after_a_time_with_none():
    assert inputs("ship-deadline", "顾客下单时间是凌晨两点十分，昨天的，快递昨天傍晚六点揽的") == {
        "order_time": "2025-06-19T02:10", "picked_up_at": "2025-06-19T18:00"}


@pytest.mark.parametrize("question, expected", [
    ("周订单 4500，48h揽收不及时的有300单，延迟发货单 260", {"orders": 4500, "picked_up_within_48h": 4200, "delayed_orders": 260}),
    ("新店本周只有3单，3单都是48小时内揽收的，一单延迟都没有", {"orders": 3, "picked_up_within_48h": 3, "delayed_orders": 0}),
    ("本周订单600单，48小时内揽件订单数为590单，另外上周遗留的延迟发货订单3单，本周延迟发货订单5单",
     {"orders": 600, "picked_up_within_48h": 590, "delayed_orders": 5}),
])
def test_deduction_late_pickups_all_on_time_and_last_weeks_leftovers(question, expected):
    assert inputs("deduction", question) == expected


@pytest.mark.parametrize("question, expected", [
    ("买家付了定金（50元）+尾款（250元），货到不了，能从别的仓调，客户OK",
     {"deposit": "50.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    ("交定金的客户还没交尾款，定金五百，电话里客户说行那就退了吧",
     {"deposit": "500.00", "stage": "before_final_payment", "buyer_agrees": True}),
])
def test_deposit_refund_amounts_in_brackets_and_a_short_yes(question, expected):
    assert inputs("deposit-refund", question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("ship-deadline", "订单下单时间是周二晚上九点，周四早上九点快递才来揽件", {"order_time": "2025-06-17T21:00",
                                                           "picked_up_at": "2025-06-19T09:00"}),
    ("ship-deadline", "订单号 3021458876，下单时间 2025-06-18 14:30，运单号 SF1409823745 上传时间 2025-06-19 09:12",
     {"order_time": "2025-06-18T14:30", "waybill_uploaded_at": "2025-06-19T09:12"}),
    ("delay-card", "卡片 sent 2025-06-19T02:00:00Z，买家还没点", {"sent_at": "2025-06-19T10:00"}),
])
def test_couriers_coming_courier_numbers_and_utc(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("question, expected", [
    ("单量666 ，48h揽收650，延迟16单（其中2单发了延迟发货卡片客户点了接受，报备审核通过了）",
     {"orders": 666, "picked_up_within_48h": 650, "delayed_orders": 14}),
    ("本周88单 48小时揽件80 延迟发货8单 其中2单是客户要求晚点发的 已报备免责",
     {"orders": 88, "picked_up_within_48h": 80, "delayed_orders": 6}),
    ("订单450，不是，我说错了，是540单，48小时内没揽收的20单，延迟发货20单",
     {"orders": 540, "picked_up_within_48h": 520, "delayed_orders": 20}),
])
def test_deduction_exemptions_and_corrections_said_at_length(question, expected):
    assert inputs("deduction", question) == expected


@pytest.mark.parametrize("question, expected", [
    ("发送时间：2025-06-19 23:58:47 状态：待消费者确认", {"sent_at": "2025-06-19T23:58"}),
    ("卡片发送时间后台显示10:12，聊天记录里显示10:21，今天发的，客户还没点", {}),
    ("客户说他点了接受，但后台显示审核未通过，卡片是昨天下午5点发的", {"sent_at": "2025-06-19T17:00"}),
])
def test_delay_card_statuses_and_sources_that_disagree(question, expected):
    assert inputs("delay-card", question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("delay-card", "延迟卡片 发送 06-18 10:00 未点击", {"sent_at": "2025-06-18T10:00"}),
    ("delay-card", "【客服助手】延迟发货卡片已发送 2025-06-19 19:42 【消费者】已拒绝 2025-06-19 21:10",
     {"sent_at": "2025-06-19T19:42", "buyer_action": "reject", "action_at": "2025-06-19T21:10"}),
    ("ship-deadline", "下单 6/18 14:00 上传 6/19 15:00 揽收 6/20 13:00",
     {"order_time": "2025-06-18T14:00", "waybill_uploaded_at": "2025-06-19T15:00", "picked_up_at": "2025-06-20T13:00"}),
    ("ship-deadline", "618零点抢购下的单，6月19号晚上10点才传运单", {"order_time": "2025-06-18T00:00",
                                                     "waybill_uploaded_at": "2025-06-19T22:00"}),
    ("deposit-refund", "客户已经全款付清（定金+尾款），现在仓库没货，能从别的仓调，客户同意等新的到货时间，定金10元",
     {"deposit": "10.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    ("deposit-refund", "尾款支付要等到7月1号晚上8点才开始，现在商品缺货了，客户同意取消，定金20元",
     {"deposit": "20.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "客户自己在后台申请了取消订单（还没付尾款），我们确实没货，定金35",
     {"deposit": "35.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "遇售商品没货，顶金45元，客户没付尾款，客户不同意取消订单",
     {"deposit": "45.00", "stage": "before_final_payment", "buyer_agrees": False}),
])
def test_chat_logs_bare_labels_and_more_slips(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


def test_618_is_a_date_only_before_a_time_of_day():
    assert inputs("deduction", "这周订单618单 48小时揽收600 延迟发货18单") == {
        "orders": 618, "picked_up_within_48h": 600, "delayed_orders": 18}


@pytest.mark.parametrize("calculator_id, question", [
    ("delay-card", "卡片是6.18 0点发的"),
    ("ship-deadline", "订单是国庆节第一天早上7点下的"),
])
def test_a_time_whose_day_was_not_understood_is_no_reading(calculator_id, question):
    found = inputs(calculator_id, question)
    assert "sent_at" not in found and "order_time" not in found


@pytest.mark.parametrize("question, sent_at", [
    ("卡片是昨天晚上差五分八点发的，客户没点", "2025-06-19T19:55"),
    ("卡片是今天9点差5分发的，客户没点", "2025-06-20T08:55"),
])
def test_minutes_to_the_hour(question, sent_at):
    assert inputs("delay-card", question)["sent_at"] == sent_at


def test_two_colleagues_two_times():
    assert "sent_at" not in inputs("delay-card", "同事说卡片是下午1点05发的，另一个同事说是下午2点05，客户没点")


def test_a_waybill_uploaded_again_has_no_one_upload_time():
    found = inputs("ship-deadline", "第一次上传运单号是昨天20:10，后来换了快递，今天09:30又重新上传了一个单号，下单时间是前天22:00")
    assert found == {"order_time": "2025-06-18T22:00"}


def test_exemptions_already_left_out_of_the_delayed_count():
    question = "上周一共1888单，其中48小时内揽收的有1800单，延迟发货11单（另外还有2单是报备过免责的，没算在这11单里）"
    assert inputs("deduction", question) == {"orders": 1888, "picked_up_within_48h": 1800, "delayed_orders": 11}


@pytest.mark.parametrize("question, expected", [
    ("上周加这周一共1100单，光这周的话延迟发货6单", {"delayed_orders": 6}),
    ("延迟发货订单后台写的9单，客服说是7单，本周订单360，48小时内揽收355", {"orders": 360, "picked_up_within_48h": 355}),
])
def test_deduction_counts_that_belong_elsewhere_or_disagree(question, expected):
    assert inputs("deduction", question) == expected


@pytest.mark.parametrize("question, expected", [
    ("买了3件预售，每件定金30，尾款没付，客户同意退定金取消", {"stage": "before_final_payment", "buyer_agrees": True}),
    ("客户说他付了定金80，我后台看到的是60，尾款没付，客户同意取消", {"stage": "before_final_payment", "buyer_agrees": True}),
    ("客户说尾款付了，但我后台显示尾款待支付，定金50，客户同意取消", {"deposit": "50.00", "buyer_agrees": True}),
])
def test_deposit_refund_per_item_deposits_and_disagreeing_sources(question, expected):
    assert inputs("deposit-refund", question) == expected


def test_a_report_and_an_order_page_that_disagree_on_the_order_time():
    found = inputs("ship-deadline", "订单详情页写下单时间6月18日08:12，导出报表里是6月18日08:21，不知道哪个对，单号6月19日09:00上传的")
    assert found == {"waybill_uploaded_at": "2025-06-19T09:00"}


@pytest.mark.parametrize("question, expected", [
    ("卡片昨天下午5点发的，不对是6点，客户今天上午点了拒绝", {"sent_at": "2025-06-19T18:00", "buyer_action": "reject"}),
    ("卡片是昨天下午4点发的，哦不对，好像是5点，记不太清", {}),
])
def test_a_corrected_time_keeps_the_day_and_part_of_the_day_unless_unsure(question, expected):
    assert inputs("delay-card", question) == expected


@pytest.mark.parametrize("question, expected", [
    ("付定金20元尾款180元，尾款已付，没货也调不到，客户同意删单",
     {"deposit": "20.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("尾款付之前我们就跟客户说了没货，他同意取消，定金是88",
     {"deposit": "88.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("现在还是预售付定金阶段，尾款要下个月才开放支付，定金100元，客户不同意取消",
     {"deposit": "100.00", "stage": "before_final_payment", "buyer_agrees": False}),
    ("客户已付尾款，定金50，货能调到，跟客户说了到货时间，客户说没问题可以等",
     {"deposit": "50.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    ("客户在咚咚里回复“可以取消，退我双倍定金就行”，定金是45元，尾款还没付",
     {"deposit": "45.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("预收商品没货，定金30圆，为付尾款，客户同意中止订单",
     {"deposit": "30.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit 25元，final payment done，no stock无法调货，buyer agree取消",
     {"deposit": "25.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("系统显示：定金 ¥ 66.60；尾款：未付。买家原话：'我不同意取消，别想让我退'",
     {"deposit": "66.60", "stage": "before_final_payment", "buyer_agrees": False}),
])
def test_deposit_refund_more_of_a_months_traffic(question, expected):
    assert inputs("deposit-refund", question) == expected


def test_a_times_readings_are_kept_for_the_same_moment_and_forgotten_on_request():
    first = when.readings("昨天下午3点", NOW, past=True)
    first.append("not kept")  # a caller's list is its own
    assert when.readings("昨天下午3点", NOW, past=True) == [datetime(2025, 6, 19, 15, 0, tzinfo=CHINA)]
    when.clear_cache()
    assert when.readings("昨天下午3点", datetime(2025, 6, 21, 15, 0, tzinfo=CHINA), past=True) == [
        datetime(2025, 6, 20, 15, 0, tzinfo=CHINA)]


@pytest.mark.parametrize("question, expected", [
    # a day and its time with 的 between are one time
    ("三天前的晚上9点下的单，今天上午10点揽收", {"order_time": "2025-06-17T21:00", "picked_up_at": "2025-06-20T10:00"}),
    ("订单是昨天的上午8点下的，运单号今天的下午1点才传",
     {"order_time": "2025-06-19T08:00", "waybill_uploaded_at": "2025-06-20T13:00"}),
    ("18号的晚上10点下单", {"order_time": "2025-06-18T22:00"}),
])
def test_a_day_and_its_time_joined_by_de_are_one_time(question, expected):
    assert inputs("ship-deadline", question) == expected


@pytest.mark.parametrize("question, expected", [
    # the first time has no label before it, so each label follows its time
    ("订单 前天 08:10 下单 昨天 09:00 上传运单 昨天 15:30 快递揽收",
     {"order_time": "2025-06-18T08:10", "waybill_uploaded_at": "2025-06-19T09:00", "picked_up_at": "2025-06-19T15:30"}),
    # a label before the first time: each label comes before its time, as before
    ("下单 前天 08:10 上传运单 昨天 09:00 揽收 昨天 15:30",
     {"order_time": "2025-06-18T08:10", "waybill_uploaded_at": "2025-06-19T09:00", "picked_up_at": "2025-06-19T15:30"}),
])
def test_labels_typed_after_their_times_across_spaces(question, expected):
    assert inputs("ship-deadline", question) == expected


@pytest.mark.parametrize("question, expected", [
    ("订单640，48小时内揽件630，延迟发货记了10单", {"orders": 640, "picked_up_within_48h": 630, "delayed_orders": 10}),
    ("订单640，48小时内揽件630，延迟发货统计出来是10单", {"orders": 640, "picked_up_within_48h": 630, "delayed_orders": 10}),
    ("订单640，48小时内揽件630，延迟发货算下来10单", {"orders": 640, "picked_up_within_48h": 630, "delayed_orders": 10}),
    # reported 6, approved 4: the 4 are exempt
    ("订单640，48小时内揽件630，延迟发货10单，报备了6单，通过了4单",
     {"orders": 640, "picked_up_within_48h": 630, "delayed_orders": 6}),
    ("订单640，48小时内揽件630，延迟发货10单，报备了6单，其中只批了2单",
     {"orders": 640, "picked_up_within_48h": 630, "delayed_orders": 8}),
])
def test_how_the_delayed_count_was_come_by_and_reports_approved_in_part(question, expected):
    assert inputs("deduction", question) == expected


@pytest.mark.parametrize("question, expected", [
    # counts of something other than the week's shipping are not its orders
    ("退货45单，订单720单，48小时内揽件700单，延迟发货20单", {"orders": 720, "picked_up_within_48h": 700, "delayed_orders": 20}),
    ("订单720单，有9单是货到付款的，48小时内揽件700单，延迟发货20单",
     {"orders": 720, "picked_up_within_48h": 700, "delayed_orders": 20}),
    # a reason between a count and its late pickup; the courier who came late
    ("订单500单，有12单因为暴雨停运，超过48小时才揽收", {"orders": 500, "picked_up_within_48h": 488}),
    ("订单500单，有12单快递过了48小时才来揽", {"orders": 500, "picked_up_within_48h": 488}),
    ("订单500单，48h揽件没及时的有12单", {"orders": 500, "picked_up_within_48h": 488}),
    ("本周订单总数500单；48小时内完成揽件的订单488单", {"orders": 500, "picked_up_within_48h": 488}),
    # waybills uploaded late are neither the pickups nor the delayed count
    ("订单500单，超24小时没传单号的3单，48小时内揽件490单", {"orders": 500, "picked_up_within_48h": 490}),
    ("订单500单，另有3单超过24小时未上传运单号，48小时内揽件490单", {"orders": 500, "picked_up_within_48h": 490}),
    # reported and still under review: the delayed count is open
    ("延迟发货15单，其中报备了4单还在审核，订单500，48小时揽件490", {"orders": 500, "picked_up_within_48h": 490}),
    # last week's second figure is last week's too
    ("上周600单延迟9单，这周700单，48小时内揽收690单，延迟发货10单",
     {"orders": 700, "picked_up_within_48h": 690, "delayed_orders": 10}),
    ("订单从上周的600涨到了700单，48小时内揽收690单", {"orders": 700, "picked_up_within_48h": 690}),
])
def test_deduction_counts_of_other_things_reasons_and_late_waybills(question, expected):
    assert inputs("deduction", question) == expected


@pytest.mark.parametrize("question, expected", [
    # before the final payment, wanting to cancel is agreeing to end the order
    ("定金60 尾款没付 没货了 客户说那就取消吧", {"deposit": "60.00", "stage": "before_final_payment", "buyer_agrees": True}),
    # paid, cannot restock: agreeing to cancel is agreeing
    ("定金60 尾款付了 调不到货 客户同意取消",
     {"deposit": "60.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    # paid, can restock: the question is the new arrival time; a buyer who wants to cancel does not accept it
    ("定金60 尾款付了 能调货 客户说太晚了不要了",
     {"deposit": "60.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": False}),
    ("定金60 尾款付了 能调货 客户同意取消",
     {"deposit": "60.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": False}),
    # …and one who accepts the wait does
    ("定金60 尾款付了 能调货 客户同意等",
     {"deposit": "60.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    # said both ways: not read
    ("定金60 尾款没付 客户同意取消 客户不同意", {"deposit": "60.00", "stage": "before_final_payment"}),
    # the buyer's own words, money back
    ("定金60 尾款没付 没货了 客户原话：“算了你把钱退给我吧”",
     {"deposit": "60.00", "stage": "before_final_payment", "buyer_agrees": True}),
])
def test_what_agreeing_to_cancel_means_depends_on_the_stage_and_the_stock(question, expected):
    assert inputs("deposit-refund", question) == expected


@pytest.mark.parametrize("question, expected", [
    ("定金60，尾款付了没付我不清楚，客户同意取消", {"deposit": "60.00", "buyer_agrees": True}),
    ("定金60，尾款后天再付，没货了，客户同意取消", {"deposit": "60.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("定金60，客户昨天把尾款付了，调不到货，客户同意取消",
     {"deposit": "60.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("定金 ¥ 60.00，尾款已付，补货要等到下周三，客户说可以等",
     {"deposit": "60.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    ("顶金60 定经也是60 尾款没付 客户同意取消", {"deposit": "60.00", "stage": "before_final_payment", "buyer_agrees": True}),
])
def test_deposit_refund_stages_restock_dates_and_a_question_of_paid_or_not(question, expected):
    assert inputs("deposit-refund", question) == expected


@pytest.mark.parametrize("question, expected", [
    ("订单数 260 揽件数 255 延迟 5", {"orders": 260, "picked_up_within_48h": 255, "delayed_orders": 5}),
    ("本周单量260 没揽收及时的有5单", {"orders": 260, "picked_up_within_48h": 255}),
    ("本周260单，览收超48小时的有5单", {"orders": 260, "picked_up_within_48h": 255}),
    # late waybills: neither the week's orders nor the pickups
    ("这周260单，其中5单48小时内没揽收，另外3单是24小时内没上传运单号",
     {"orders": 260, "picked_up_within_48h": 255}),
    ("这周260单 48小时揽件255 延迟发货8单 有3单是单号传晚了",
     {"orders": 260, "picked_up_within_48h": 255, "delayed_orders": 8}),
])
def test_deduction_counters_as_the_back_office_names_them(question, expected):
    assert inputs("deduction", question) == expected


@pytest.mark.parametrize("question, expected", [
    ("订单 2025-06-18 09:00 下单，揽件 2025-06-19 09:00 整",
     {"order_time": "2025-06-18T09:00", "picked_up_at": "2025-06-19T09:00"}),
    # a step not done yet is no label of the time before it
    ("单号已经传了 上传时间昨天下午5点 揽件还没 下单是前天下午6点",
     {"order_time": "2025-06-18T18:00", "waybill_uploaded_at": "2025-06-19T17:00"}),
])
def test_ship_deadline_times_on_the_minute_and_steps_not_done(question, expected):
    assert inputs("ship-deadline", question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # hours after the order
    ("ship-deadline", "下单后过了整整26个小时才上传运单号，下单时间是6月18日09:10",
     {"order_time": "2025-06-18T09:10", "waybill_uploaded_at": "2025-06-19T11:10"}),
    ("ship-deadline", "前天上午9点下的单，下单后50小时才揽收的",
     {"order_time": "2025-06-18T09:00", "picked_up_at": "2025-06-20T11:00"}),
    ("ship-deadline", "订单6月18日08:00下单，下单后第20小时上传运单号，第40小时完成揽件",
     {"order_time": "2025-06-18T08:00", "waybill_uploaded_at": "2025-06-19T04:00", "picked_up_at": "2025-06-20T00:00"}),
    # roughly so many hours: no time
    ("ship-deadline", "下单时间6月18日08:00，下单后大概20个小时才上传运单号", {"order_time": "2025-06-18T08:00"}),
    # said both ways and disagreeing: neither
    ("ship-deadline", "下单时间6月18日08:00，下单后20个小时上传运单号，上传时间是6月19日09:00",
     {"order_time": "2025-06-18T08:00"}),
    # hours after the card
    ("delay-card", "卡片今天上午10点发的，客户三小时后点了拒绝",
     {"sent_at": "2025-06-20T10:00", "buyer_action": "reject", "action_at": "2025-06-20T13:00"}),
    ("delay-card", "今天早上7:30发的卡片，过了整整4小时客户点了接受",
     {"sent_at": "2025-06-20T07:30", "buyer_action": "accept", "action_at": "2025-06-20T11:30"}),
])
def test_a_time_said_as_hours_after_another(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # 24点 of a named day is the next day's 00:00
    ("deposit-refund", "约定今晚24点前发货，尾款付了，定金40元，调不到货，客户同意取消",
     {"deposit": "40.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True,
      "agreed_ship_time": "2025-06-21T00:00"}),
    ("deposit-refund", "6月25日20点发货是约定好的，尾款付了，定金40元，调不到货，客户同意取消",
     {"deposit": "40.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True,
      "agreed_ship_time": "2025-06-25T20:00"}),
    # a choice corrected
    ("delay-card", "客户点的是拒绝，不好意思看错了，是接受，时间今天9:40，卡片是昨天18:00发的",
     {"sent_at": "2025-06-19T18:00", "buyer_action": "accept", "action_at": "2025-06-20T09:40"}),
    ("ship-deadline", "揽收时间以快递为准：2025/06/19 16:42:09，下单是6/18 17:00",
     {"order_time": "2025-06-18T17:00", "picked_up_at": "2025-06-19T16:42"}),
    ("ship-deadline", "客户是周二晚上9点下的单，我们周四上午10点才让快递揽收",
     {"order_time": "2025-06-17T21:00", "picked_up_at": "2025-06-19T10:00"}),
])
def test_midnight_as_24_choices_corrected_and_where_a_time_comes_from(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("question, expected", [
    ("订单：2k，揽件：1980，延迟：6", {"orders": 2000, "picked_up_within_48h": 1980, "delayed_orders": 6}),
    ("订单量：2,000 48小时揽收量：1,980 延迟发货订单量：12 报备免责订单量：5",
     {"orders": 2000, "picked_up_within_48h": 1980, "delayed_orders": 7}),
    ("成交订单 2,000；48h揽收 1,980；延迟发货（扣除报备免责后）6", {"orders": 2000, "picked_up_within_48h": 1980, "delayed_orders": 6}),
    ("订单2000，也就是1980单48h揽收了，延迟6单", {"orders": 2000, "picked_up_within_48h": 1980, "delayed_orders": 6}),
    ("双十一那周订单暴增到2k，48h揽收1980，延迟发货6单", {"orders": 2000, "picked_up_within_48h": 1980, "delayed_orders": 6}),
    ("上周才1500，这周2000，48小时揽件1980，延迟6单", {"orders": 2000, "picked_up_within_48h": 1980, "delayed_orders": 6}),
    # a target is not the week's orders
    ("目标是订单涨到3000单，这周2000单，48小时揽件1980", {"orders": 2000, "picked_up_within_48h": 1980}),
    ("这周订单2000单，延迟发货9单，抱歉刚才打错了，延迟是6单", {"orders": 2000, "delayed_orders": 6}),
])
def test_deduction_report_lines_and_this_weeks_bare_figure(question, expected):
    assert inputs("deduction", question) == expected


@pytest.mark.parametrize("question, expected", [
    ("定金人民币贰佰元整，客户未付尾款，同意解除订单", {"deposit": "200.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("定金80，客户在尾款支付时间内已经支付成功，无法调货，客户同意取消",
     {"deposit": "80.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("定金80，尾款已付，我们5天内能调到，客户说那就等吧",
     {"deposit": "80.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
])
def test_deposit_refund_ending_the_order_paid_in_time_and_waiting(question, expected):
    assert inputs("deposit-refund", question) == expected


@pytest.mark.parametrize("question, expected", [
    # restocking said by where it comes from or how late it arrives
    ("定金90 尾款付了 需要从外地仓调货 客户说可以等",
     {"deposit": "90.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    ("定金90 尾款付了 厂家说要晚5天才到货 客户不接受这个到货时间",
     {"deposit": "90.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": False}),
    # …said roughly: the delay is rough, not whether it comes (能调货 stands)
    ("定金90 尾款付了 能调货 大概晚一周到 客户说可以等",
     {"deposit": "90.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    ("定金90 尾款付了 能调到就是晚点 客户说晚点也行",
     {"deposit": "90.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    ("定金90 尾款付了 能调到货 人家也乐意等",
     {"deposit": "90.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    ("定金90，尾款没付，没货了，人家说取消就取消吧", {"deposit": "90.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("尾款还没付，我说没货了能不能终止，客户直接拒了，定金90",
     {"deposit": "90.00", "stage": "before_final_payment", "buyer_agrees": False}),
    ("定金九十元，尾款1000元已付，无法调货，消费者同意取消",
     {"deposit": "90.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    # the buyer changed their mind (改口): what they said after stands; said both ways: neither
    ("定金90，没付尾款，客户一开始说同意取消，后来又改口说不同意了", {"deposit": "90.00", "stage": "before_final_payment", "buyer_agrees": False}),
    ("定金90，没付尾款，客户先说同意取消后来又说不同意", {"deposit": "90.00", "stage": "before_final_payment"}),
    ("尾款付了，约的是后天下午3点发货，调不到货，客户同意取消，定金90",
     {"deposit": "90.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True,
      "agreed_ship_time": "2025-06-22T15:00"}),
])
def test_deposit_refund_restocking_waiting_and_minds_changed(question, expected):
    assert inputs("deposit-refund", question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deduction", "这礼拜订单是60单，延迟发货就是这2单，48小时内都揽收了",
     {"orders": 60, "picked_up_within_48h": 60, "delayed_orders": 2}),
    ("deduction", "这周订单77单，延迟发货俺看后台写着3单，48小时内都揽了",
     {"orders": 77, "picked_up_within_48h": 77, "delayed_orders": 3}),
    ("deduction", "这周87个订单，全部48小时内揽收了，但是有2单运单号超过24小时才传上去，算延迟发货",
     {"orders": 87, "picked_up_within_48h": 87, "delayed_orders": 2}),
    ("deduction", "这周一共二百单，揽件都是按时的", {"orders": 200, "picked_up_within_48h": 200}),
    ("delay-card", "卡片周三晚8点发的，客户还没点，现在就是晚上8点整",
     {"sent_at": "2025-06-18T20:00", "now": "2025-06-20T20:00"}),
    ("delay-card", "1. 消费者于今日10:05点击接受；2. 卡片发送于昨日09:30；3. 请确认状态。",
     {"sent_at": "2025-06-19T09:30", "buyer_action": "accept", "action_at": "2025-06-20T10:05"}),
    ("ship-deadline", "单子是前天上午9点来的，俺当天中午12点就给传了单号", {"order_time": "2025-06-18T09:00",
                                                      "waybill_uploaded_at": "2025-06-18T12:00"}),
    ("ship-deadline", "前天上午9点下的单，俺昨天晚上10点才把单号整上去", {"order_time": "2025-06-18T09:00",
                                                    "waybill_uploaded_at": "2025-06-19T22:00"}),
])
def test_more_ways_merchants_tell_counts_clicks_and_uploads(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # a correction said twice over (不对，我看错了，是…)
    ("deduction", "本周订单520单，哦不对，我看错了，是502单。揽件及时的490单，延迟发货12单",
     {"orders": 502, "picked_up_within_48h": 490, "delayed_orders": 12}),
    ("delay-card", "客户点的是接受，不对，我刚看错了，是拒绝。卡片今天上午9点发的，他9点半点的",
     {"sent_at": "2025-06-20T09:00", "buyer_action": "reject", "action_at": "2025-06-20T09:30"}),
    # last week's figures, clause after clause, until this week's
    ("deduction", "上周我们820单，揽收及时的780单。这周只有610单，48小时内揽收的590单，延迟发货9单",
     {"orders": 610, "picked_up_within_48h": 590, "delayed_orders": 9}),
    # only last week has figures: the question is about last week
    ("deduction", "上周的扣分出来了吗？上周订单700单，揽收及时690单，延迟发货11单。这周才开始",
     {"orders": 700, "picked_up_within_48h": 690, "delayed_orders": 11}),
    # a report spoken of, its count not understood: the delayed count is not known
    ("deduction", "这周订单600单，48小时内揽收590单，延迟发货10单，有一部分报备通过了",
     {"orders": 600, "picked_up_within_48h": 590}),
    ("deduction", "这周订单600单，48小时内揽收590单，延迟发货（扣除报备免责后）8单",
     {"orders": 600, "picked_up_within_48h": 590, "delayed_orders": 8}),
    ("deduction", "订单600，揽收590，延迟发货10单，搬家前做了预报备、审核通过免责的有4单",
     {"orders": 600, "picked_up_within_48h": 590, "delayed_orders": 6}),
    # 一万一千 holds no 万一 (in case)
    ("deduction", "一周订单一万一千 48小时内揽件一万零八百 延迟发货六十单",
     {"orders": 11000, "picked_up_within_48h": 10800, "delayed_orders": 60}),
])
def test_corrections_said_twice_other_weeks_and_reports_not_understood(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deposit-refund", "定金一万二的预售钢琴，尾款还没付，客户同意取消",
     {"deposit": "12000.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "定金八十八块八，客户尾款已付。我们能从别的仓调货，客户回复“那我等吧”",
     {"deposit": "88.80", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    ("deposit-refund", "定金两百，尾款已经付了。调货要等到下个月，客户在咚咚里说“太久了，不等了，退款吧”",
     {"deposit": "200.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": False}),
    ("deposit-refund", "客户已经把剩下的钱都付清了，定金是300，现在调不到货，客户同意取消",
     {"deposit": "300.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("deposit-refund", "约定的发货时间是25号24点。尾款客户付了，定金66，没法调货，客户同意取消订单",
     {"deposit": "66.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True,
      "agreed_ship_time": "2025-06-26T00:00"}),
    ("delay-card", "卡片是6月18号下午4点发的，今天20号下午5点了，客户一直没点",
     {"sent_at": "2025-06-18T16:00", "now": "2025-06-20T17:00"}),
    ("delay-card", "卡片是昨天下午三点发的，哦不，是四点，我翻了下聊天记录是16:02", {}),
    ("ship-deadline", "订单是今天上午九点过一刻下的，快递员说下午来揽", {"order_time": "2025-06-20T09:15"}),
    ("ship-deadline", "客户18号晚上10点下的单，仓库19号下午两点才打单上传", {"order_time": "2025-06-18T22:00",
                                                    "waybill_uploaded_at": "2025-06-19T14:00"}),
    # noon said without its hour: labellers differ, so no time
    ("ship-deadline", "这单是前天中午下的 运单号今天早上8点才传上去", {"waybill_uploaded_at": "2025-06-20T08:00"}),
])
def test_money_before_its_noun_quoted_waits_and_days_hours_said_other_ways(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("ship-deadline", "下单是昨天早上六点 单号今天早上五点五十传的", {"order_time": "2025-06-19T06:00",
                                                  "waybill_uploaded_at": "2025-06-20T05:50"}),
    ("ship-deadline", "单子下了30个小时了 运单号还没传", {"order_time": "2025-06-19T09:00"}),
    ("ship-deadline", "顾客下单成功时间：2025/06/18 21:00 运单号上传：2025/06/19 20:59",
     {"order_time": "2025-06-18T21:00", "waybill_uploaded_at": "2025-06-19T20:59"}),
    ("ship-deadline", "上周三中午12点下的单，第二天中午12点05分才上传单号，第三天上午10点揽收",
     {"order_time": "2025-06-11T12:00", "waybill_uploaded_at": "2025-06-12T12:05", "picked_up_at": "2025-06-13T10:00"}),
    ("ship-deadline", "下单时间6月18日00:30，快递6月19日中午12点来收的",
     {"order_time": "2025-06-18T00:30", "picked_up_at": "2025-06-19T12:00"}),
    ("deduction", "本周订单数为315单，其中有9单在下单48小时后仍查不到揽件信息", {"orders": 315, "picked_up_within_48h": 306}),
    ("deduction", "这周总共88单，全部都是48小时内揽的，延迟发货2单", {"orders": 88, "picked_up_within_48h": 88, "delayed_orders": 2}),
    ("deduction", "这周就17单，全都当天就揽收了，延迟发货为零", {"orders": 17, "picked_up_within_48h": 17, "delayed_orders": 0}),
    # (0 before 延迟 with no unit: none delayed)
    ("deduction", "0延迟 100单 98单48h内揽收", {"orders": 100, "picked_up_within_48h": 98, "delayed_orders": 0}),
    ("deduction", "这周订单200单，延迟发货12单，不过有一单买家说不要了、我们已经报备免责",
     {"orders": 200, "delayed_orders": 11}),
    ("deposit-refund", "客户已经把钱全付了（定金+尾款），定金是200，找不到货了，客户不同意取消",
     {"deposit": "200.00", "stage": "after_final_payment", "buyer_agrees": False}),
    ("deposit-refund", "定金￥66.6 未付尾 买家拒绝取消", {"deposit": "66.60", "stage": "before_final_payment", "buyer_agrees": False}),
    ("deposit-refund", "预售 定金:¥58.00 尾款:¥230.00(已支付) 预计发货时间:2025-06-25 18:00:00 调不到货，客户同意取消",
     {"deposit": "58.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True,
      "agreed_ship_time": "2025-06-25T18:00"}),
])
def test_back_office_labels_relative_days_and_whole_weeks_said_other_ways(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # every figure of last week's, until this week's
    ("deduction", "上周订单880 揽收860 延迟5 这周订单900 揽收850 延迟十二 这周扣几分",
     {"orders": 900, "picked_up_within_48h": 850, "delayed_orders": 12}),
    # this week named first: last week's stretch is its own clause
    ("deduction", "这周订单900，上周是880，48小时内揽收850，延迟发货12单",
     {"orders": 900, "picked_up_within_48h": 850, "delayed_orders": 12}),
    # a difference is no count
    ("deduction", "这周订单比上周少了300单，48小时内全部揽收，延迟发货6单", {"delayed_orders": 6}),
    # 百分之三 is a rate, not three orders
    ("deduction", "一周一千单 有百分之三没在48小时内揽收 延迟发货二十单", {"orders": 1000, "delayed_orders": 20}),
    ("deposit-refund", "定金99没付尾款客户同意 退多少", {"deposit": "99.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "没付尾款 客户不同意终止 那我定金100要退吗",
     {"deposit": "100.00", "stage": "before_final_payment", "buyer_agrees": False}),
    ("ship-deadline", "订单昨天晚上7点 运单今天上午8点上传的",
     {"order_time": "2025-06-19T19:00", "waybill_uploaded_at": "2025-06-20T08:00"}),
    ("ship-deadline", "订单6月17号晚上10点下 6月19号晚上9点揽收 超了没",
     {"order_time": "2025-06-17T22:00", "picked_up_at": "2025-06-19T21:00"}),
])
def test_last_weeks_stretch_differences_and_labels_typed_bare(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # a verb that ends its clause with a comma labels no time after it
    ("ship-deadline", "6/17 21:10 下单，6/18 20:00 上传，6/19 15:30 揽收",
     {"order_time": "2025-06-17T21:10", "waybill_uploaded_at": "2025-06-18T20:00", "picked_up_at": "2025-06-19T15:30"}),
    ("ship-deadline", "订单6月17日 08:00 下单，6月17日 18:30 上传运单号，6月19日 08:30 快递揽件",
     {"order_time": "2025-06-17T08:00", "waybill_uploaded_at": "2025-06-17T18:30", "picked_up_at": "2025-06-19T08:30"}),
    # …and a step not done yet is no event of the time before it
    ("ship-deadline", "今天凌晨零点半下的单 下午1点上传了运单号 现在下午3点 揽件还没揽",
     {"order_time": "2025-06-20T00:30", "waybill_uploaded_at": "2025-06-20T13:00", "now": "2025-06-20T15:00"}),
    ("delay-card", "商家反馈：6月19日 20:30 通过咚咚发送延迟发货卡片，消费者于6月20日上午9:10点击“接受”",
     {"sent_at": "2025-06-19T20:30", "buyer_action": "accept", "action_at": "2025-06-20T09:10"}),
    # a click the back office still shows as under review: neither
    ("delay-card", "卡片是昨天下午3点发的，顾客跟我说他点了同意，但我后台看还是待审核", {"sent_at": "2025-06-19T15:00"}),
    # restocking and the agreed ship time apply after the final payment only
    ("deposit-refund", "尾款还没付，其实能调货但要晚一个月，消费者同意取消订单；定金150元",
     {"deposit": "150.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "顾客跟我说'我不要了，把定金退我就行'，他付了80定金，尾款还没付",
     {"deposit": "80.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "定金是，三百，哦不对，是三百五，尾款没付", {"deposit": "350.00", "stage": "before_final_payment"}),
    ("deduction", "这周订单1000整，48小时揽件950单，延迟发货算3单", {"orders": 1000, "picked_up_within_48h": 950, "delayed_orders": 3}),
    ("deduction", "这周订单是1.5w，延迟发货一百二十单，报备了20单都审核通过了", {"orders": 15000, "delayed_orders": 100}),
    ("deduction", "这周订单数还没出来，这周延迟发货的目前有4单", {"delayed_orders": 4}),
])
def test_hotline_notes_clauses_reviews_and_stages(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # two numbers typed with a space are two numbers, never one grouped in thousands
    ("deduction", "这周订单 420 420单里有 21单48小时没揽收 延迟发货 21单",
     {"orders": 420, "picked_up_within_48h": 399, "delayed_orders": 21}),
    ("deduction", "这礼拜 订单 一千零五十 单 四十八个小时里揽收的是 一千 单 延迟发货 五十 单 里面 十 单 报备免责",
     {"orders": 1050, "picked_up_within_48h": 1000, "delayed_orders": 40}),
    ("deduction", "订单数 60 48小时揽收 57 延迟 3 都报备了", {"orders": 60, "picked_up_within_48h": 57, "delayed_orders": 0}),
    ("deduction", "这周250单 有8单48小时内没揽收 延迟发货是8单 然后报备了2单ok",
     {"orders": 250, "picked_up_within_48h": 242, "delayed_orders": 6}),
    ("deduction", "订单数777 48小时内揽件的760 延迟发货17单 有5单走了紧急报背免责了",
     {"orders": 777, "picked_up_within_48h": 760, "delayed_orders": 12}),
    # a report still to be made is none
    ("deduction", "本周订单500单，揽收及时的490单，延迟发货10单。如果我把其中4单补做紧急报备，能少扣几分？",
     {"orders": 500, "picked_up_within_48h": 490, "delayed_orders": 10}),
    ("deposit-refund", "客户付了定金 200块 尾款也付了 货掉不来 客户同意删单",
     {"deposit": "200.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("deposit-refund", "商品售价599 定金100 尾款499还没付 客户同意终止订单",
     {"deposit": "100.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "尾款付了没 付了 定金45 调不了货 客户不同意删单",
     {"deposit": "45.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": False}),
    ("deposit-refund", "约定后天上午10点发货 尾款客户昨天付了 定金50 能调货 客户接受到货时间",
     {"deposit": "50.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True,
      "agreed_ship_time": "2025-06-22T10:00"}),
    ("deposit-refund", "客户付了定金五百 尾款三千还没付 客户说 ok 取消吧",
     {"deposit": "500.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "订金0.99的那种 尾款没付 客户同意不要了",
     {"deposit": "0.99", "stage": "before_final_payment", "buyer_agrees": True}),
    ("delay-card", "卡片发出去是 6月18号晚上10点 客户还没点", {"sent_at": "2025-06-18T22:00"}),
    ("ship-deadline", "订单 6月18号 晚上 11点 下的 6月19号 下午 6点 传了运单号",
     {"order_time": "2025-06-18T23:00", "waybill_uploaded_at": "2025-06-19T18:00"}),
    # said roughly, then exactly: the exact time stands
    ("ship-deadline", "订单两天前下的 准确点是前天上午10点 运单号昨天上午11点传",
     {"order_time": "2025-06-18T10:00", "waybill_uploaded_at": "2025-06-19T11:00"}),
])
def test_voice_typed_numbers_reports_slips_and_restatements(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # a newcomer's words
    ("deposit-refund", "做了个预售，顾客付了50块押金，余款还没付，现在断货了，顾客答应取消",
     {"deposit": "50.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "这单已经全款付清了（定金20加尾款180），没货，调也调不到，顾客同意取消",
     {"deposit": "20.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("deposit-refund", "顾客定金128付了，尾款也付了，我们调不到货，顾客同意取消了",
     {"deposit": "128.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("deposit-refund", "预售没货了，尾款顾客还没付，顾客同意取消", {"stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "顾客两笔钱都付完了，定金500，能从供应商那调货，厂里说下个月才能补上货，顾客说可以等",
     {"deposit": "500.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    # who sent the card, where, to whom; the click on the card
    ("delay-card", "前天晚上8点我在咚咚客服助手里给顾客发了那个延迟的小卡片，顾客昨天上午11点点了接受",
     {"sent_at": "2025-06-18T20:00", "buyer_action": "accept", "action_at": "2025-06-19T11:00"}),
    ("delay-card", "今天凌晨3点值班客服发了那个延迟的小卡片，顾客早上7点点了接受",
     {"sent_at": "2025-06-20T03:00", "buyer_action": "accept", "action_at": "2025-06-20T07:00"}),
    ("delay-card", "顾客今天早上8点在延迟卡片上点了接受，卡片什么时候发的我不知道",
     {"buyer_action": "accept", "action_at": "2025-06-20T08:00"}),
    # a time the merchant guessed
    ("delay-card", "卡片是前天上午十点发的吧——这个时间是我估的，顾客点了接受，是昨天下午1点20",
     {"buyer_action": "accept", "action_at": "2025-06-19T13:20"}),
    ("ship-deadline", "前天晚上8点的订单，昨天上午10点单号传了，昨天下午5点快递小哥上门拿走了",
     {"order_time": "2025-06-18T20:00", "waybill_uploaded_at": "2025-06-19T10:00", "picked_up_at": "2025-06-19T17:00"}),
    ("ship-deadline", "昨天凌晨2点有个单，今天早上8点半才上传单号",
     {"order_time": "2025-06-19T02:00", "waybill_uploaded_at": "2025-06-20T08:30"}),
    ("ship-deadline", "前天（周三）下午4点下的单，昨天上午9点传的单号",
     {"order_time": "2025-06-18T16:00", "waybill_uploaded_at": "2025-06-19T09:00"}),
    # counts
    ("deduction", "这周后台显示一共236单，其中有9单是过了48小时快递才来揽的，延迟发货订单系统算的也是9单，一单都没报备过",
     {"orders": 236, "picked_up_within_48h": 227, "delayed_orders": 9}),
    ("deduction", "这周260单，48小时内揽件的250单，延迟发货11单——不对，刚又看了一下后台写的是13单，我也不知道哪个准",
     {"orders": 260, "picked_up_within_48h": 250}),
    ("deduction", "本周订单800单，48小时内揽收768单，延迟发货35单，其中5单是之前因为暴雨做了预报备、审核通过免责的",
     {"orders": 800, "picked_up_within_48h": 768, "delayed_orders": 30}),
])
def test_newcomers_words_senders_guesses_and_counts_shown(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


def test_a_condition_said_with_de_hua_states_no_fact():
    # 调不到的话就同意取消: neither that it cannot be restocked nor that the buyer agrees
    assert inputs("deposit-refund", "定金200，尾款已付，还在问能不能调到货；顾客说调不到的话就同意取消") == {
        "deposit": "200.00", "stage": "after_final_payment"}


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deduction", "本周订单156个，有4单快递48小时内没揽件，延迟发货算下来也是4单",
     {"orders": 156, "picked_up_within_48h": 152, "delayed_orders": 4}),
    # a second figure and 我也搞不清了: neither
    ("deduction", "本周订单80单，48小时内揽收78单，延迟发货3单，哦不对客服又说是4单，我也搞不清了",
     {"orders": 80, "picked_up_within_48h": 78}),
    # reports said with a hedge still leave the delayed count open
    ("deduction", "订单数452，48h内揽件440，延迟发货12单，有一半好像报备了", {"orders": 452, "picked_up_within_48h": 440}),
    ("deposit-refund", "定金三十块零五毛，尾款没付，客户同意终止订单",
     {"deposit": "30.50", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "预售定金付了500，尾款客户昨天刚付，现在调不到货，客户同意取消",
     {"deposit": "500.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("deposit-refund", "还在定金阶段，客户付了88元定金，客户同意终止订单",
     {"deposit": "88.00", "stage": "before_final_payment", "buyer_agrees": True}),
])
def test_everyday_ways_with_counts_stages_and_small_change(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # no report made: the delayed count stands
    ("deduction", "本周订单1.2w，48小时内揽件11,520单，延迟发货订单量9单，没做报备", {"orders": 12000, "picked_up_within_48h": 11520,
                                                                   "delayed_orders": 9}),
    ("deduction", "订单一千零八单，四十八小时内揽件九百九十单，延迟发货十二单，无报备",
     {"orders": 1008, "picked_up_within_48h": 990, "delayed_orders": 12}),
    ("deduction", "本周延迟发货15单，其中3单紧急报备审核未通过，2单审核通过；订单1,800，48h未揽收12单",
     {"orders": 1800, "picked_up_within_48h": 1788, "delayed_orders": 13}),
    ("deduction", "本周订单3,000单，48小时内揽收比例96.5%，也就是2,895单，延迟发货7单",
     {"orders": 3000, "picked_up_within_48h": 2895, "delayed_orders": 7}),
    ("deduction", "食品店本周订单980，48h全部揽件，延迟发货1单", {"orders": 980, "picked_up_within_48h": 980, "delayed_orders": 1}),
    # a second system's figure
    ("deduction", "同事说本周订单3,200单，ERP导出是3,260单，延迟发货订单量9单", {"delayed_orders": 9}),
    ("deposit-refund", "订单页显示定金150，财务对账是100，尾款没付，客户同意终止",
     {"stage": "before_final_payment", "buyer_agrees": True}),
    ("ship-deadline", "仓库WMS记录单号上传6/19 13:00，ERP记录6/19 15:30，订单6/18 14:00下的", {"order_time": "2025-06-18T14:00"}),
    # corrections with a dash, or after a longer lead-in
    ("ship-deadline", "订单6/17 16:00下单，单号6/18 15:00——说错了，是17:00传的",
     {"order_time": "2025-06-17T16:00", "waybill_uploaded_at": "2025-06-18T17:00"}),
    ("delay-card", "卡片周三晚上十点发的——不对，同事查了记录是十点半——客户昨天下午三点点了接受",
     {"sent_at": "2025-06-18T22:30", "buyer_action": "accept", "action_at": "2025-06-19T15:00"}),
    # a buyer who would not wait: not accepting the arrival time only when it can be restocked
    ("deposit-refund", "年货预售，尾款还没付，厂家说能补货但要晚两周，客户不想等，同意终止订单。定金45",
     {"deposit": "45.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "尾款付完了，能调货但要晚一周，客户说太久了不想等，定金60",
     {"deposit": "60.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": False}),
    ("deposit-refund", "尾款昨天付完了，厂家断货调不到，客户坚持不取消。定金120",
     {"deposit": "120.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": False}),
    ("deposit-refund", "客服说客户同意取消了，但客户咚咚里回“我没同意啊”。尾款已付，调不到货，定金80",
     {"deposit": "80.00", "stage": "after_final_payment", "can_restock": False}),
    ("deposit-refund", "一单买了2件预售，定金每件88，共付176。尾款已付，调不到货，客户同意删单",
     {"deposit": "176.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("deposit-refund", "定金3k的中央空调预售，尾款昨晚付清的，无法调货，客户同意取消",
     {"deposit": "3000.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("deposit-refund", "预售家电，客户刚付定金600，离付尾款还有三天，缺货了，客户同意终止",
     {"deposit": "600.00", "stage": "before_final_payment", "buyer_agrees": True}),
])
def test_operators_jargon_second_systems_and_reports_not_made(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # the merchant says which of two figures stands
    ("deduction", "订单720，48h揽件701，延迟发货19单，等下刷新后台变成21单了，以21为准",
     {"orders": 720, "picked_up_within_48h": 701, "delayed_orders": 21}),
    ("deposit-refund", "同事说定金是80，后台订单详情里写的是定金¥85.00，以后台为准。尾款已付",
     {"deposit": "85.00", "stage": "after_final_payment"}),
    ("delay-card", "1. 卡片发送时间：昨日21:00（系统记录）；2. 客服称为昨日20:30发送，以系统记录为准",
     {"sent_at": "2025-06-19T21:00"}),
    ("delay-card", "卡片发送时间：昨日21:00，客服说是昨日20:30发送，以客服为准", {"sent_at": "2025-06-19T20:30"}),
    # …or asks which
    ("delay-card", "卡片发送时间：昨日21:00，客服说是昨日20:30发送，以哪个为准", {}),
])
def test_the_figure_the_merchant_says_stands(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # the clock time noted in brackets is that day's time
    ("ship-deadline", "6月17日晚上11点的单，18号下午传的单号（系统记录16:32），还没揽收",
     {"order_time": "2025-06-17T23:00", "waybill_uploaded_at": "2025-06-18T16:32"}),
    ("delay-card", "卡片6/18下午发的（咚咚记录是15:42），客户还没点", {"sent_at": "2025-06-18T15:42"}),
])
def test_a_clock_time_noted_in_brackets(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # an amount to refund is no deposit; a price is no deposit
    ("deposit-refund", "定金5块钱那种预售，客户没付尾款，客户同意取消，是不是退10块",
     {"deposit": "5.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "定金是商品价格的20%，商品500块，尾款还没付，客户同意取消",
     {"stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "客户付了定金150元、尾款850元，现在货调不过来，客户同意取消",
     {"deposit": "150.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("deposit-refund", "尾款支付后发现没货，也调不到，客户不同意取消订单，定金120",
     {"deposit": "120.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": False}),
    ("deposit-refund", "客户付了定金25，尾款期还没到，我想跟他协商取消，他同意了",
     {"deposit": "25.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "预售订单尾款已付，需要调货，客户接受我们说的到货时间，定金10元",
     {"deposit": "10.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    ("deduction", "本周订单数：560；48小时内揽件：532；延迟发货：7（已经去掉报备免责的了）",
     {"orders": 560, "picked_up_within_48h": 532, "delayed_orders": 7}),
    ("delay-card", "上午10点给买家推了延迟发货卡片，买家下午1点半点了拒绝",
     {"sent_at": "2025-06-20T10:00", "buyer_action": "reject", "action_at": "2025-06-20T13:30"}),
    # agreed on the phone after the card was refused: no click
    ("delay-card", "昨天下午4点发的卡片 客户拒绝了 拒绝时间是晚上7点 后面客户又打电话说同意延迟了",
     {"sent_at": "2025-06-19T16:00", "buyer_action": "reject", "action_at": "2025-06-19T19:00"}),
    ("delay-card", "卡片6月18号下午3点发的，今天上午11点半了客户还没点",
     {"sent_at": "2025-06-18T15:00", "now": "2025-06-20T11:30"}),
])
def test_refunds_prices_stages_and_clicks_said_plainly(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # a pasted work chat: another speaker who disagrees leaves the figure open
    ("deduction", "运营A：本周订单1500  运营B：不对吧，我看是1580  仓库：48小时内没揽收的有30单  客服：延迟发货有30单",
     {"delayed_orders": 30}),
    ("delay-card", "客服A：卡片是昨天上午10点发的  客服B：我记得是昨天下午2点  客服B：客户点了接受，今天上午9点",
     {"buyer_action": "accept", "action_at": "2025-06-20T09:00"}),
    ("deposit-refund", "客服A：客户同意取消了  客服B：不是，他跟我说还要再想想  客服B：定金66，尾款没付",
     {"deposit": "66.00", "stage": "before_final_payment"}),
    # …a correction replaces the figure where it was first said
    ("deduction", "店长：本周订单1.5w  运营：不是1.5w，是1.48w  仓库：48小时没揽收的有三百单  客服：延迟发货三百单",
     {"orders": 14800, "picked_up_within_48h": 14500, "delayed_orders": 300}),
    # …and the source they settle on stands, on the day of the time it corrects
    ("delay-card", "客服：卡片发送时间是前天下午三点  客服B：是三点半，后台写的15:30  客服：哦好的，以后台为准  客服：客户还没点",
     {"sent_at": "2025-06-18T15:30"}),
    # a guess (就是12单吧) is no statement
    ("deduction", "运营：这周订单800  仓库：48小时内没揽件的有12单  老板：那延迟发货就是12单吧，扣几分",
     {"orders": 800, "picked_up_within_48h": 788}),
    # the date in brackets after a weekday
    ("delay-card", "卡片上周五(6月13日)下午6点发的，客户周末没点", {"sent_at": "2025-06-13T18:00"}),
])
def test_a_pasted_work_chat(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deduction", "这周订单是 268。没按时揽收的 9 单，延迟发货 9 单", {"orders": 268, "picked_up_within_48h": 259, "delayed_orders": 9}),
    ("deduction", "本周订单数是一百零八，有六单没在四十八小时内被快递揽件，延迟发货订单六单",
     {"orders": 108, "picked_up_within_48h": 102, "delayed_orders": 6}),
    ("deduction", "延迟发货的订单有4单，订单总数120，有118单是48小时内揽到的", {"orders": 120, "picked_up_within_48h": 118,
                                                             "delayed_orders": 4}),
    ("deduction", "这周没有延迟发货的，订单总共410，揽收也都在48小时内", {"orders": 410, "picked_up_within_48h": 410,
                                                        "delayed_orders": 0}),
    ("deduction", "订单七百二十单，延迟发货九单，其中三单报备免责，揽件没有超时的", {"orders": 720, "picked_up_within_48h": 720,
                                                           "delayed_orders": 6}),
    # said at first, changed later: the later stands
    ("deposit-refund", "定金100元，客户没付尾款。我想取消订单，客户一开始不同意，后来又同意了",
     {"deposit": "100.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "一开始跟顾客说能调货，后来发现调不到了，尾款已付，顾客最后同意取消订单，定金 45 元",
     {"deposit": "45.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    # neither, not sure, or a bracketed alternative: no reading
    ("deposit-refund", "顾客付了200定金，尾款没付，我们联系他说没货想取消，他没同意也没拒绝，说考虑一下",
     {"deposit": "200.00", "stage": "before_final_payment"}),
    ("deposit-refund", "定金付了20块，尾款付了没有我不确定，顾客同意取消", {"deposit": "20.00", "buyer_agrees": True}),
    ("delay-card", "卡片发送时间6月18日15:00（也可能是16:00，系统显示有点乱），顾客还没点", {}),
    ("deposit-refund", "我们定金收的是60，顾客还没付尾款，我们想取消他已经答应了",
     {"deposit": "60.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "6月25日下午2点是约定发货时间，尾款已付，调不到货，顾客同意取消订单，定金66元",
     {"deposit": "66.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True,
      "agreed_ship_time": "2025-06-25T14:00"}),
    ("deposit-refund", "定金已付500，尾款也已付，能调货但顾客拒绝了新的到货时间",
     {"deposit": "500.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": False}),
    ("deposit-refund", "定金100元，尾款6月18日0点付了，调不到货，顾客不同意取消",
     {"deposit": "100.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": False}),
    ("delay-card", "我们6月18号上午发了卡片（10点整），顾客当天下午3点点了同意",
     {"sent_at": "2025-06-18T10:00", "buyer_action": "accept", "action_at": "2025-06-18T15:00"}),
    ("ship-deadline", "顾客6月17日晚上11点下单，我6月18日晚上10点发货", {"order_time": "2025-06-17T23:00",
                                                       "waybill_uploaded_at": "2025-06-18T22:00"}),
    ("ship-deadline", "单号上传是6月18号下午2点，揽收6月19号上午9点", {"waybill_uploaded_at": "2025-06-18T14:00",
                                                       "picked_up_at": "2025-06-19T09:00"}),
])
def test_more_varied_wording_and_minds_changed(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # two figures and 不知道信哪个: neither, whichever of them a cue reads
    ("deduction", "后台显示本周订单1820单，我们ERP统计出来是1795单，不知道信哪个。48小时内揽收的是1700单，延迟发货订单28单",
     {"picked_up_within_48h": 1700, "delayed_orders": 28}),
    ("deposit-refund", "客户说定金付的是200，订单页面显示定金180，不知道哪个对。尾款还没付。客户同意取消",
     {"stage": "before_final_payment", "buyer_agrees": True}),
    # the back office shows the card cancelled, or what the report came to
    ("delay-card", "客户说她点了接受，但后台显示“已取消”，卡片是6月18日下午2点发的", {"sent_at": "2025-06-18T14:00"}),
    ("delay-card", "后台显示报备“审核未通过”，客户是昨晚10点点的", {"buyer_action": "reject", "action_at": "2025-06-19T22:00"}),
    ("delay-card", "后台显示审核通过了。卡片是昨天上午9点发的，客户今天上午8点点的",
     {"sent_at": "2025-06-19T09:00", "buyer_action": "accept", "action_at": "2025-06-20T08:00"}),
    ("deposit-refund", "客户尾款还没付，定金付了100元。我打电话跟她商量终止订单，她说“行吧，那退了吧”",
     {"deposit": "100.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "客户交了定金五百元，尾款前天已经付了。我们能从南京仓调货，她说可以等",
     {"deposit": "500.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    ("deposit-refund", "预售订单客户还在尾款支付期，还没付。定金1000元。我们协商终止，客户拒绝了",
     {"deposit": "1000.00", "stage": "before_final_payment", "buyer_agrees": False}),
    ("deduction", "延迟发货订单目前88单，其中8单报备免责了", {"delayed_orders": 80}),
    ("deduction", "延迟发货订单12单，不过全部报备免责了。订单总数860，48小时揽收都正常",
     {"orders": 860, "picked_up_within_48h": 860, "delayed_orders": 0}),
    ("ship-deadline", "快递员说早就揽收了，但系统里揽件记录时间是今天下午2点。订单6月18日下午3点下的",
     {"order_time": "2025-06-18T15:00", "picked_up_at": "2025-06-20T14:00"}),
])
def test_upset_merchants_sources_and_card_states(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deduction", "订单1320，没按时在48小时内揽收的有40单，延迟发货订单25单",
     {"orders": 1320, "picked_up_within_48h": 1280, "delayed_orders": 25}),
    # one more not picked up: the two added
    ("deduction", "一共203单，其中有4单过了48小时快递才来揽，还有1单已经超过48小时到现在都没揽收。延迟发货订单后台显示5单",
     {"orders": 203, "picked_up_within_48h": 198, "delayed_orders": 5}),
    ("deduction", "本周订单数436。有22单没在48小时内揽上，周五还有4单也超时揽收", {"orders": 436, "picked_up_within_48h": 410}),
    # the rule's rate is no count
    ("deduction", "延迟发货一单扣几分？这周我们有5单延迟了", {"delayed_orders": 5}),
    ("deduction", "订单数 410，48小时内揽件 398，延迟发货订单 14，免责 2", {"orders": 410, "picked_up_within_48h": 398,
                                                            "delayed_orders": 12}),
    # the buyer's own figure against the order page's
    ("deposit-refund", "定金我看订单详情是30元，客户说他付了35，尾款已付，能调货，客户接受到货时间",
     {"stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    # …but a day the buyer names is no time set against one
    ("ship-deadline", "订单昨天上午十一点 客户说今天还查不到揽件信息 现在是下午两点",
     {"order_time": "2025-06-19T11:00", "now": "2025-06-20T14:00"}),
    ("deposit-refund", "九块九定金的小预售，尾款没付呢，我们没货了，顾客死活不肯取消",
     {"deposit": "9.90", "stage": "before_final_payment", "buyer_agrees": False}),
    ("deposit-refund", "尾款上周已付，约定发货时间是6月27日上午10点，能调货但要下周才到，客户不接受，定金58",
     {"deposit": "58.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": False,
      "agreed_ship_time": "2025-06-27T10:00"}),
    ("delay-card", "还在值班…前天下午3点发的卡片，客户没点", {"sent_at": "2025-06-18T15:00"}),
])
def test_a_month_of_mixed_traffic_more(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deduction", "小店一周才六十多单，这周有两单没按时揽，延迟发货就这两单", {"delayed_orders": 2}),
    # an alternative said after: neither
    ("delay-card", "昨晚十点发的卡，也可能是十一点，客户今天上午十点半拒绝了", {"buyer_action": "reject", "action_at": "2025-06-20T10:30"}),
    # …but 可能是 giving a reason is no alternative
    ("delay-card", "昨天下午4点半给顾客发了延迟发货卡片，结果顾客晚上9点点了拒绝，可能是手滑",
     {"sent_at": "2025-06-19T16:30", "buyer_action": "reject", "action_at": "2025-06-19T21:00"}),
    ("delay-card", "客户说卡片上点了接受 但我这后台显示是取消 卡是上礼拜六中午12点发的", {"sent_at": "2025-06-14T12:00"}),
    ("ship-deadline", "过年快递停了 客户端午节（5月31号）上午十点下的单 到现在都没揽", {"order_time": "2025-05-31T10:00"}),
    # asked about by what the case names (下午那单)
    ("ship-deadline", "我有两单 一单昨天上午9点下的 另一单昨天下午5点下的 下午那单单号今天上午10点传的 问下午那单",
     {"order_time": "2025-06-19T17:00", "waybill_uploaded_at": "2025-06-20T10:00"}),
    # a question whether it was paid is no payment
    ("deposit-refund", "预售订单，顾客付了定金128，我们现在没货了（坐席备注：商家未说明尾款是否已付）", {"deposit": "128.00"}),
])
def test_evening_phone_questions(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # a day between two figures parts nothing: 又说是 sets the second against the first
    ("deduction", "昨天仓库说这周48小时揽件的有560单，今天又说是548单，总订单580，延迟发货12单",
     {"orders": 580, "delayed_orders": 12}),
    ("deposit-refund", "定金我记得是60，但是后台显示66，尾款没付，客户同意取消", {"stage": "before_final_payment", "buyer_agrees": True}),
    ("delay-card", "客户说他点了接受，但是后台状态一直没变，卡片是今天上午10点发的", {"sent_at": "2025-06-20T10:00"}),
    # a pickup the courier promises is none yet
    ("ship-deadline", "订单昨天下午4点下的，今天下午1点上传了运单号，快递说晚上7点来揽件",
     {"order_time": "2025-06-19T16:00", "waybill_uploaded_at": "2025-06-20T13:00"}),
    ("deduction", "这周10,386单，48小时内揽收9,902单，延迟发货记录有120单", {"orders": 10386, "picked_up_within_48h": 9902,
                                                         "delayed_orders": 120}),
    ("deduction", "延迟发货订单一周有7单，揽件及时率我看了是97%", {"delayed_orders": 7}),
    ("deposit-refund", "双倍返还定金是怎么算的？定金200的话是退400吗", {"deposit": "200.00"}),
    ("deposit-refund", "定金：25.8元。状态：已付尾款。能否调货：可以。客户：接受。",
     {"deposit": "25.80", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    ("deposit-refund", "客户付完尾款了，能从别的店调货，客户的意思是可以等，定金是八十八",
     {"deposit": "88.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
    ("deposit-refund", "付尾款之前客户主动要求取消的，定金12.5", {"deposit": "12.50", "stage": "before_final_payment",
                                                "buyer_agrees": True}),
    ("deposit-refund", "尾款已付，调货的话要等一周，客户接受，定金一百二",
     {"deposit": "120.00", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
])
def test_a_month_of_ordinary_traffic_once_more(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("ship-deadline", "下单时间是6月18日零点过几分，运单号6月18日下午3点上传",
     {"waybill_uploaded_at": "2025-06-18T15:00"}),
    ("deposit-refund", "顾客付了定金45，尾款后台显示待支付，顾客却说已经付了，我们没货，顾客同意取消订单",
     {"deposit": "45.00", "buyer_agrees": True}),
])
def test_agents_notes_minutes_said_roughly_and_a_payment_disputed(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    ("deduction", "这周快500单了，48小时揽收的有470多，延迟发货3单", {"delayed_orders": 3}),
    ("ship-deadline", "订单时间 2025-06-18 14:22 运单上传 2025-06-19 14:25 揽收暂无",
     {"order_time": "2025-06-18T14:22", "waybill_uploaded_at": "2025-06-19T14:25"}),
    ("ship-deadline", "我这边记录下单是18号下午2点，同事表格里写的是18号下午4点，单号19号上午10点传的",
     {"waybill_uploaded_at": "2025-06-19T10:00"}),
    # the back office's payment time is not the order's
    ("ship-deadline", "付款时间 2025-06-19 08:02:17 出库时间 2025-06-19 17:40:00 这单最晚几点要揽收", {}),
    ("deposit-refund", "定金 30 元/件，客户买了 3 件，尾款还没付，厂家断货了，客户同意取消",
     {"stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "预售定金 ￥1,000.00（已支付） 尾款 ￥4,999.00（已支付） 商品无货可调 消费者已同意删单",
     {"deposit": "1000.00", "stage": "after_final_payment", "can_restock": False, "buyer_agrees": True}),
    ("deposit-refund", "预售定金RMB 75.5，尾款已支付，有货可调，客户接受到货时间",
     {"deposit": "75.50", "stage": "after_final_payment", "can_restock": True, "buyer_agrees": True}),
])
def test_back_office_pages_and_held_out_misreadings(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # 一单都没 is none, not a count of one (still: 还有一单也没揽收 is one more)
    ("deduction", "本周订单230单，揽收一单都没超48小时，延迟发货0单",
     {"orders": 230, "picked_up_within_48h": 230, "delayed_orders": 0}),
    ("deduction", "这周75单 都是48h内揽的 延迟发货一单都没有", {"orders": 75, "picked_up_within_48h": 75, "delayed_orders": 0}),
    ("deduction", "这周120单，有2单超过48小时才揽收，还有一单也没揽收，延迟发货3单",
     {"orders": 120, "picked_up_within_48h": 117, "delayed_orders": 3}),
    # the courier's word against the tracking: neither pickup time
    ("ship-deadline", "大前天下午2点下的单 系统显示昨天上午10点揽收 快递员说是昨天上午8点揽的", {"order_time": "2025-06-17T14:00"}),
    # a time, then an unsure other one for it
    ("ship-deadline", "订单是昨天上午10点下的 好像是10点半 运单号昨天下午3点上传的", {"waybill_uploaded_at": "2025-06-19T15:00"}),
    # the day said alone after the time
    ("delay-card", "卡片是晚上8点发的 昨天 客户一直没点", {"sent_at": "2025-06-19T20:00"}),
    # no one sets a time against the present
    ("delay-card", "现在下午4点，物流说今天上午11点揽的，卡片是昨天下午6点发的，客户没点",
     {"sent_at": "2025-06-19T18:00", "now": "2025-06-20T16:00"}),
    # a what-if states its case; a rule with its consequence, or someone's condition, states nothing
    ("deposit-refund", "假如客户付完尾款了，定金80，调不到货，客户也不同意取消，会怎么处理",
     {"deposit": "80.00", "stage": "after_final_payment", "buyer_agrees": False, "can_restock": False}),
    ("deposit-refund", "买家原话：要是没货我就不要了。定金40，尾款没付", {"deposit": "40.00", "stage": "before_final_payment"}),
    ("deduction", "本周订单300单，48小时揽收295单，延迟发货5单。如果其中2单补了报备，能少扣几分",
     {"orders": 300, "picked_up_within_48h": 295, "delayed_orders": 5}),
    # a what-if's times may be still to come
    ("ship-deadline", "假设是今天晚上的单，后天上午9点才传运单号，会不会算延迟", {"waybill_uploaded_at": "2025-06-22T09:00"}),
])
def test_phone_typing_agencies_and_what_ifs(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # more slips of a phone keyboard
    ("deposit-refund", "定金二十 尾宽还没付 客户同一取消", {"deposit": "20.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("delay-card", "卡骗前天上午十点发的 客户具绝了", {"sent_at": "2025-06-18T10:00", "buyer_action": "reject"}),
    ("deduction", "本周延迟发货9单 其中3单报被免责了 订单300 48小时揽收295",
     {"orders": 300, "picked_up_within_48h": 295, "delayed_orders": 6}),
    # roughly when, but surely what (not 好像点了拒绝: unsure whether)
    ("delay-card", "卡片昨天上午9点发的 客户差不多今天中午12点点了拒绝", {"sent_at": "2025-06-19T09:00", "buyer_action": "reject"}),
    ("delay-card", "卡片昨天上午9点发的 客户好像点了拒绝", {"sent_at": "2025-06-19T09:00"}),
    # cards sent to many buyers at once
    ("delay-card", "昨天晚上7点给二十多个客户统一发了延迟卡片，都还没点", {"sent_at": "2025-06-19T19:00"}),
    # a fact corrected right after it is said (not 不对吗: a question)
    ("deposit-refund", "定金80，客户尾款付了，哦不对，尾款还没付，客户同意取消",
     {"deposit": "80.00", "stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "定金80，尾款付了，不对吗？客户同意取消",
     {"deposit": "80.00", "stage": "after_final_payment", "buyer_agrees": True}),
])
def test_slips_rough_times_bulk_cards_and_facts_corrected(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # 0延迟 after the week is the delayed count, not the week's orders
    ("deduction", "这周0延迟，一共150单，都在48小时内揽收了", {"orders": 150, "picked_up_within_48h": 150, "delayed_orders": 0}),
    # a second source that agrees (也是3点) is no conflict; one that differs is
    ("ship-deadline", "买家说前天下午3点下的单，系统里也是3点，单号昨天下午2点传的",
     {"order_time": "2025-06-18T15:00", "waybill_uploaded_at": "2025-06-19T14:00"}),
    ("ship-deadline", "买家说前天下午3点下的单，系统里是4点，单号昨天下午2点传的", {"waybill_uploaded_at": "2025-06-19T14:00"}),
    ("ship-deadline", "昨天晚上7点的单 今天上午10点已经上传运单号了",
     {"order_time": "2025-06-19T19:00", "waybill_uploaded_at": "2025-06-20T10:00"}),
])
def test_search_box_month_zero_delays_agreeing_sources_and_uploads_done(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # a weekday's numeral is no count (but 这周三单 is three orders)
    ("deduction", "这周200单，有3单星期四快递没来收，拖到星期六才揽件，延迟发货3单", {"orders": 200, "delayed_orders": 3}),
    ("deduction", "这周三单延迟发货，订单一共90单，都在48小时内揽收了",
     {"orders": 90, "picked_up_within_48h": 90, "delayed_orders": 3}),
    # a correction after the merchant says what they misread
    ("deduction", "订单300单，延迟发货5单，48小时揽件290单，不对刚才看错行了，揽件是292单",
     {"orders": 300, "picked_up_within_48h": 292, "delayed_orders": 5}),
])
def test_owners_weekdays_and_misread_lines(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # what a deposit is worth at the final payment is no deposit
    ("deposit-refund", "定金30元膨胀抵100元，客户没付尾款，同意取消",
     {"deposit": "30.00", "stage": "before_final_payment", "buyer_agrees": True}),
    # cards the buyers accepted are reports approved
    ("deduction", "这周订单200单，48小时内揽收200单，延迟发货6单，其中3单我给客户发了延迟发货卡片，客户都点了接受",
     {"orders": 200, "picked_up_within_48h": 200, "delayed_orders": 3}),
    # two sources for one figure: a colleague after a clause break, a memory, the back office after the buyer
    ("deduction", "这周订单后台是500单，店长说是520单，48小时揽收490单，延迟发货6单",
     {"picked_up_within_48h": 490, "delayed_orders": 6}),
    ("deposit-refund", "客服说定金是80，我印象里是70，尾款没付，客户同意取消", {"stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "客户说定金付了90，后台显示80，尾款没付，客户同意取消", {"stage": "before_final_payment", "buyer_agrees": True}),
    ("deposit-refund", "客户说尾款付了，系统里显示还没付，定金45，客户同意取消", {"deposit": "45.00", "buyer_agrees": True}),
    # how the merchant counts is no count; late waybills are no orders
    ("deduction", "这周卖了120件，一件就是一单，延迟发货2单", {"delayed_orders": 2}),
    ("deduction", "这周有3单运单号隔天才传，延迟发货3单", {"delayed_orders": 3}),
    # 同一天 after 第二天 is that next day; 第二天 said twice is one day
    ("ship-deadline", "上周五下午4点的单，第二天上午9点上传运单，同一天下午6点快递揽件",
     {"order_time": "2025-06-13T16:00", "waybill_uploaded_at": "2025-06-14T09:00", "picked_up_at": "2025-06-14T18:00"}),
    ("ship-deadline", "6月17号下午3点下单，当天晚上8点传的单号，快递说第二天早上来，结果第二天晚上9点才揽",
     {"order_time": "2025-06-17T15:00", "waybill_uploaded_at": "2025-06-17T20:00", "picked_up_at": "2025-06-18T21:00"}),
    # a clock time on the day its clause named before it
    ("delay-card", "周二那张卡片是晚上9点发的，客户还没点", {"sent_at": "2025-06-17T21:00"}),
    ("ship-deadline", "6月18日上午10点下单，运单号仓库说6月19日上午9点传的",
     {"order_time": "2025-06-18T10:00", "waybill_uploaded_at": "2025-06-19T09:00"}),
])
def test_newcomers_team_chats_sources_and_days_named_before(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


def test_a_correction_said_as_what_was_meant():
    text = extract.normalise("要是客户后天上午10点才点接受——不对，我是说后天下午4点——卡片是今天下午3点发的")
    assert "后天下午4点才点接受" in text and "上午10点" not in text


@pytest.mark.parametrize("calculator_id, question, expected", [
    # a buyer's screenshot and the merchant's own spreadsheet are second sources
    ("ship-deadline", "下单时间后台显示6月18日 15:00，买家截图是6月18日 14:30，运单号6月19日 10:00上传",
     {"waybill_uploaded_at": "2025-06-19T10:00"}),
    ("deduction", "后台显示本周订单是420，我自己表格统计是426，48小时内揽件410单，延迟发货9单",
     {"picked_up_within_48h": 410, "delayed_orders": 9}),
    # 没有一单是 is none, not one
    ("deduction", "这周没有一单是超过48小时才揽收的，订单一共88单，延迟发货0单", {"orders": 88, "delayed_orders": 0}),
    ("deduction", "本周 总单75，48小时揽收72，延迟3", {"orders": 75, "picked_up_within_48h": 72, "delayed_orders": 3}),
    # the time of the card said after it, as its own clause
    ("delay-card", "客户电话一直不通，我就发了延迟卡片，时间是今天上午9点20分，客户还没点", {"sent_at": "2025-06-20T09:20"}),
])
def test_back_office_widget_screens_and_stories(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # what the figure was, said after it, then corrected (not across a sentence: 延迟10单。等下，订单数看错了)
    ("deposit-refund", "RMB 900 定金，哦不，是950，尾款未付，客户同意取消",
     {"deposit": "950.00", "stage": "before_final_payment", "buyer_agrees": True}),
])
def test_a_month_of_traffic_corrections_after_a_label(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # JD's own tools as sources: two of them disagreeing leave the count open
    ("deduction", "京麦上显示延迟发货12单，风向标上显示10单，这周订单900单，48小时揽收880", {"orders": 900, "picked_up_within_48h": 880}),
    ("deduction", "这周订单1.5w，48h未揽收三百，延迟发货订单量风向标显示320、商家后台显示330",
     {"orders": 15000, "picked_up_within_48h": 14700}),
    # the shop asked about against the shops' total: which is the week's orders is open
    ("deduction", "我们两个店这周合计3000单，其中这个店1200单，48小时没揽收的30单，延迟发货25单", {"delayed_orders": 25}),
])
def test_operators_of_several_stores(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


@pytest.mark.parametrize("calculator_id, question, expected", [
    # all but some is not all
    ("deduction", "这周订单90单，除了2单以外都在48小时内揽收了，延迟发货2单", {"orders": 90, "delayed_orders": 2}),
    # 不太确定 is unsure too
    ("deposit-refund", "定金八十元，客户应该付了尾款吧我不太确定，能调货，客户同意等",
     {"deposit": "80.00", "buyer_agrees": True, "can_restock": True}),
    # 哦不是6单是16单: the figure after 是 stands
    ("deduction", "这周订单400单，延迟发货6单，哦不是6单是16单，48小时揽件390单",
     {"orders": 400, "picked_up_within_48h": 390, "delayed_orders": 16}),
    # a colleague or a shop assistant against the buyer or the merchant
    ("deposit-refund", "定金五十元，客户说尾款付了，同事说还没付，客户同意取消", {"deposit": "50.00", "buyer_agrees": True}),
    ("ship-deadline", "我记得客户是6月18日晚上8点下的单，店员说是晚上9点，运单号6月19日上午10点上传的",
     {"waybill_uploaded_at": "2025-06-19T10:00"}),
])
def test_held_out_sets_read_afterwards(calculator_id, question, expected):
    assert inputs(calculator_id, question) == expected


def test_a_what_if_still_to_come_is_computed_as_of_its_moment_and_says_so():
    question = "如果客户今天下午5点下单，我明天下午4点上传运单号，后天下午3点揽收，能达标吗"
    found = extract.calculation("ship-deadline", question, NOW)
    assert found["inputs"] == {"order_time": "2025-06-20T17:00", "waybill_uploaded_at": "2025-06-21T16:00",
                               "picked_up_at": "2025-06-22T15:00"}
    assert found["complete"] and found["headline"].startswith("按您假设的情形，以 2025年6月22日 15:00（北京时间） 为当前时间：")
    assert found["form"]["now"] == "2025-06-22T15:00"  # the form computes the same case
    card = extract.calculation("delay-card", "假如我今天晚上8点发卡片，客户一直不点，什么时候自动取消", NOW)
    assert card["inputs"] == {"sent_at": "2025-06-20T20:00"} and card["complete"]


def test_a_time_still_to_come_stated_as_a_fact_is_still_refused():
    found = extract.calculation("ship-deadline", "客户今天下午5点下的单，明天下午4点上传的运单号", NOW)
    assert not found["complete"] and "order_time" not in found["inputs"]
    assert found["headline"] is None
