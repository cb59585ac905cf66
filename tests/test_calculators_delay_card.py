"""The 咚咚 delayed-shipment card of seed questions 2, 9, 10 and 12, as tables."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kb.calculators import CalculatorInputError, delay_card, run

CHINA = timezone(timedelta(hours=8))
SENT = datetime(2024, 11, 11, 10, 0, tzinfo=CHINA)
H, S = timedelta(hours=1), timedelta(seconds=1)

# (action, action offset, now offset) -> state, from seed 10:
# "点击“接受”则“审核通过”……点击“拒绝”则“审核未通过”……48H内未点击,则该报备单自动“取消”"
STATE_TABLE = [
    (None, None, timedelta(0), "pending"),
    (None, None, 24 * H, "pending"),
    (None, None, 48 * H - S, "pending"),
    (None, None, 48 * H, "pending"),
    (None, None, 48 * H + S, "cancelled"),
    (None, None, 30 * 24 * H, "cancelled"),
    ("accept", H, 2 * H, "approved"),
    ("accept", 48 * H, 50 * H, "approved"),
    ("accept", timedelta(0), timedelta(0), "approved"),
    ("reject", H, H, "rejected"),
    ("reject", 48 * H - S, 72 * H, "rejected"),
]


@pytest.mark.parametrize("action, action_offset, now_offset, state", STATE_TABLE)
def test_state_follows_the_seed_rule_table(action, action_offset, now_offset, state):
    action_at = None if action_offset is None else SENT + action_offset
    result = delay_card.compute(SENT, SENT + now_offset, action, action_at).result
    assert result["state"] == state
    assert result["can_resend"] is False


@pytest.mark.parametrize("now_offset, seconds_left", [
    (timedelta(0), 48 * 3600),
    (48 * H - S, 1),
    (48 * H, 0),
])
def test_pending_card_shows_the_time_left_until_48_hours(now_offset, seconds_left):
    result = delay_card.compute(SENT, SENT + now_offset).result
    assert result["time_left_seconds"] == seconds_left
    assert result["time_left"]


def test_one_second_after_48_hours_without_a_click_the_card_is_cancelled():
    result = delay_card.compute(SENT, SENT + 48 * H + S).result
    assert (result["state"], result["state_label"], result["time_left"]) == ("cancelled", "已自动取消", None)


@pytest.mark.parametrize("state, action, label", [
    ("approved", "accept", "审核通过"),
    ("rejected", "reject", "审核未通过"),
])
def test_state_labels_are_the_seed_words(state, action, label):
    result = delay_card.compute(SENT, SENT + 2 * H, action, SENT + H).result
    assert (result["state"], result["state_label"]) == (state, label)


def test_expiry_is_sent_time_plus_48_hours_in_china_time():
    out = run("delay-card", {"sent_at": "2024-11-11T02:00:00Z", "now": "2024-11-11T12:00:00+08:00"})
    assert out["result"]["sent_at"] == "2024-11-11T10:00:00+08:00"
    assert out["result"]["expires_at"] == "2024-11-13T10:00:00+08:00"
    assert out["result"]["now"] == "2024-11-11T12:00:00+08:00"


def test_a_time_without_offset_is_read_as_china_time():
    out = run("delay-card", {"sent_at": "2024-11-11T10:00", "now": "2024-11-11T10:00"})
    assert out["result"]["expires_at"] == "2024-11-13T10:00:00+08:00"


def test_missing_now_defaults_to_the_current_time():
    clock = datetime(2024, 11, 12, 10, 0, tzinfo=CHINA)
    out = run("delay-card", {"sent_at": "2024-11-11T10:00"}, now=clock)
    assert out["result"]["now"] == "2024-11-12T10:00:00+08:00"
    assert out["result"]["time_left_seconds"] == 24 * 3600


@pytest.mark.parametrize("action, action_offset, now_offset, field", [
    # An action before the card was sent.
    ("accept", -S, H, "action_at"),
    # An action after the 48 hours, when the card is already cancelled.
    ("reject", 48 * H + S, 49 * H, "action_at"),
    ("accept", 72 * H, 80 * H, "action_at"),
    # An action after "now".
    ("accept", 2 * H, H, "action_at"),
    # An action without its time, or a time without an action.
    ("accept", None, H, "action_at"),
    (None, H, 2 * H, "buyer_action"),
    # "Now" before the card was sent.
    (None, None, -S, "sent_at"),
])
def test_impossible_timelines_are_input_errors(action, action_offset, now_offset, field):
    action_at = None if action_offset is None else SENT + action_offset
    with pytest.raises(CalculatorInputError) as caught:
        delay_card.compute(SENT, SENT + now_offset, action, action_at)
    assert field in caught.value.fields


def test_every_state_says_the_card_cannot_be_sent_again():
    for action, at, now in [(None, None, H), (None, None, 49 * H), ("accept", H, H), ("reject", H, H)]:
        steps = delay_card.compute(SENT, SENT + now, action, None if at is None else SENT + at).explanation
        assert any("只支持发送1次卡片" in step for step in steps)


@pytest.mark.parametrize("action, now_offset", [("reject", 2 * H), (None, 49 * H), ("accept", 2 * H)])
def test_after_any_outcome_the_way_out_is_an_offline_emergency_report_with_evidence(action, now_offset):
    at = SENT + H if action else None
    text = " ".join(delay_card.compute(SENT, SENT + now_offset, action, at).explanation)
    assert "商家后台-延迟发货报备模块" in text
    assert "提供达成一致的证据，通过线下进行紧急报备" in text
    assert "商家后台>订单管理>延迟发货管理>紧急报备" in text


def test_explanation_says_the_report_syncs_to_the_emergency_report_module():
    text = " ".join(delay_card.compute(SENT, SENT + H).explanation)
    assert "商家后台-延迟发货报备-紧急报备" in text


def test_approved_card_needs_no_further_report_in_the_back_office():
    text = " ".join(delay_card.compute(SENT, SENT + 2 * H, "accept", SENT + H).explanation)
    assert "无需再去商家后台报备" in text


def test_explanation_states_the_reading_of_the_exact_48_hour_moment():
    text = " ".join(delay_card.compute(SENT, SENT + 48 * H).explanation)
    assert "恰好满48小时" in text


def test_run_links_the_four_card_articles():
    out = run("delay-card", {"sent_at": "2024-11-11T10:00", "now": "2024-11-11T11:00"})
    assert out["articles"] == ["delay-card", "delay-card-send-limit", "send-delay-card-in-chat",
                               "emergency-delay-report"]


offsets = st.integers(0, 10 * 24 * 3600).map(lambda s: timedelta(seconds=s))


@settings(deadline=None)
@given(offsets, st.one_of(st.none(), st.tuples(st.sampled_from(["accept", "reject"]), offsets)))
def test_card_is_never_resendable_and_pending_only_within_48_hours(now_offset, action):
    assume(action is None or action[1] <= min(now_offset, 48 * H))
    name, at = (None, None) if action is None else (action[0], SENT + action[1])
    result = delay_card.compute(SENT, SENT + now_offset, name, at).result
    assert result["can_resend"] is False
    assert (result["state"] == "pending") == (action is None and now_offset <= 48 * H)
