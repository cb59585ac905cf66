"""Calculator times: one strict, documented form, read to the right instant (issue 14)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb import calculators
from kb.calculators import clock, docs, times
from kb.calculators.spec import INPUT_NOTE, MAX_TEXT
from kb.calculators.times import read_time

ROOT = Path(__file__).resolve().parent.parent
EIGHT = timedelta(hours=8)


def china(*args) -> datetime:
    return datetime(*args, tzinfo=clock.CHINA)


ACCEPTED = [
    ("2024-11-11T10:00", china(2024, 11, 11, 10, 0)),
    ("2024-11-11 10:00", china(2024, 11, 11, 10, 0)),
    ("2024-11-11T10:30:30", china(2024, 11, 11, 10, 30, 30)),
    ("2024-11-11T10:30:30.5", china(2024, 11, 11, 10, 30, 30, 500000)),
    ("2024-11-11T10:30:30.000001", china(2024, 11, 11, 10, 30, 30, 1)),
    ("2024-11-11T10:30:30.123456", china(2024, 11, 11, 10, 30, 30, 123456)),
    ("2024-11-11T02:00Z", china(2024, 11, 11, 10, 0)),
    ("2024-11-11 02:00:00.25Z", china(2024, 11, 11, 10, 0, 0, 250000)),
    ("2024-11-11T10:00+08:00", china(2024, 11, 11, 10, 0)),
    ("2024-11-11T03:00:00+01:00", china(2024, 11, 11, 10, 0)),
    ("2024-11-11T00:00-10:00", china(2024, 11, 11, 18, 0)),
    ("2024-11-11T10:00+23:59", china(2024, 11, 10, 18, 1)),
    ("2024-11-11T10:00-23:59", china(2024, 11, 12, 17, 59)),
    ("2024-11-11T10:00-00:00", china(2024, 11, 11, 18, 0)),
    ("2024-11-11T10:00+05:30", china(2024, 11, 11, 12, 30)),
    ("  2024-11-11T10:00  ", china(2024, 11, 11, 10, 0)),
    ("2024-02-29T23:59:59", china(2024, 2, 29, 23, 59, 59)),
    ("2000-01-01T00:00", china(2000, 1, 1, 0, 0)),
    ("2100-12-31T23:59:59.999999", china(2100, 12, 31, 23, 59, 59, 999999)),
]


@pytest.mark.parametrize("text, instant", ACCEPTED)
def test_each_accepted_form_is_read_to_the_right_instant_in_china_time(text, instant):
    moment = read_time(text)
    assert moment == instant
    assert moment.utcoffset() == EIGHT
    assert moment.isoformat() == instant.isoformat()


FORMAT = "时间格式不正确"
NO_SUCH = "没有这个日期或时间"
REFUSED = [
    # Misread by datetime.fromisoformat before issue 14.
    ("2024-11-11T10,5", FORMAT),
    ("2024-11-11T10.5", FORMAT),
    ("2024-11-11T10:30.5", FORMAT),
    ("2024-11-11T10:30,5", FORMAT),
    # Accepted by it, should be refused.
    ("2024-11-11T10:00+08:60", "时区"),
    ("2024-11-11T10:00+24:00", "时区"),
    ("2024-11-11T10:00+08:00:60", FORMAT),
    ("2024-11-11T10:00+08:00:00", FORMAT),
    ("2024-11-11-10:00", FORMAT),
    ("2024-11-11X10:00", FORMAT),
    ("2024-11-11中10:00", FORMAT),
    ("2024-11-11_10:00", FORMAT),
    ("2024-11-11t10:00", FORMAT),
    ("2024-11-11T10:00:00.", FORMAT),
    ("2024-11-11T10:00:00.+08:00", FORMAT),
    ("2024-11-11T10:00:00.Z", FORMAT),
    ("2024-W46-1T10", FORMAT),
    ("2024-11-11T10:00.", FORMAT),
    ("2024-W46-1", FORMAT),
    ("2024-W46", FORMAT),
    ("2024-W46-1T10:00", FORMAT),
    ("2024-316T10:00", FORMAT),
    ("20241111T1000", FORMAT),
    ("20241111", FORMAT),
    ("2024-11-11T10", FORMAT),
    ("2024-11-11T1000", FORMAT),
    ("2024-11-11T10:00:00,5", FORMAT),
    ("2024-11-11T10:00:00.1234567", FORMAT),
    ("2024-11-11T10:00z", FORMAT),
    ("2024-11-11T10:00+0800", FORMAT),
    ("2024-11-11T10:00+08", FORMAT),
    ("2024-11-11T10:00 +08:00", FORMAT),
    ("2024-11-11T10:00Z+08:00", FORMAT),
    ("2024-11-11  10:00", FORMAT),
    ("2024-11-11\t10:00", FORMAT),
    ("２０２４-１１-１１T10:00", FORMAT),
    ("٢٠٢٤-11-11T10:00", FORMAT),
    ("+2024-11-11T10:00", FORMAT),
    ("24-11-11T10:00", FORMAT),
    ("2024-1-1T10:00", FORMAT),
    ("2024-11-11T9:00", FORMAT),
    ("2024/11/11 10:00", FORMAT),
    ("yesterday", FORMAT),
    ("", FORMAT),
    # Well formed, but no such date or time.
    ("2024-13-01T10:00", NO_SUCH),
    ("2024-00-10T10:00", NO_SUCH),
    ("2024-11-31T10:00", NO_SUCH),
    ("2023-02-29T10:00", NO_SUCH),
    ("2024-11-11T24:00", NO_SUCH),
    ("2024-11-11T23:60", NO_SUCH),
    ("2024-11-11T23:59:60", NO_SUCH),
    # A date alone, and years outside the bounds.
    ("2024-11-11", "请同时填写日期和时间"),
    (" 2024-11-11 ", "请同时填写日期和时间"),
    ("1999-12-31T23:59:59", "年份应在 2000 到 2100 之间"),
    ("2101-01-01T00:00", "年份应在 2000 到 2100 之间"),
]


@pytest.mark.parametrize("text, message", REFUSED)
def test_everything_else_is_refused_with_a_chinese_message_showing_an_example(text, message):
    with pytest.raises(ValueError) as caught:
        read_time(text)
    assert message in str(caught.value)
    assert times.EXAMPLE in str(caught.value)


offsets = st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(lambda m: timezone(timedelta(minutes=m)))
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 12, 31, 23, 59, 59, 999999),
                       timezones=offsets)
TRUNCATE = {
    "minutes": lambda d: d.replace(second=0, microsecond=0),
    "seconds": lambda d: d.replace(microsecond=0),
    "milliseconds": lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000),
    "microseconds": lambda d: d,
}


@given(moments, st.sampled_from(["T", " "]), st.sampled_from(list(TRUNCATE)), st.booleans())
def test_an_aware_time_written_in_the_accepted_form_reads_back_as_the_same_instant(moment, sep, spec, zulu):
    moment = TRUNCATE[spec](moment)
    text = moment.isoformat(sep=sep, timespec=spec)
    if zulu and moment.utcoffset() == timedelta(0):
        text = text[:-6] + "Z"
    assert times.PATTERN.fullmatch(text)
    read = read_time(text)
    assert read == moment and read.utcoffset() == EIGHT


@given(moments, st.sampled_from(["T", " "]), st.sampled_from(list(TRUNCATE)))
def test_a_time_without_an_offset_is_china_time(moment, sep, spec):
    wall = TRUNCATE[spec](moment).replace(tzinfo=None)
    assert read_time(wall.isoformat(sep=sep, timespec=spec)) == wall.replace(tzinfo=clock.CHINA)


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 12, 31, 23, 59, 59, 999999)))
def test_the_calculators_own_time_output_can_be_fed_back_in(wall):
    moment = wall.replace(tzinfo=clock.CHINA)
    assert read_time(clock.iso(moment)) == moment


@pytest.mark.parametrize("example", times.EXAMPLES)
def test_every_published_example_is_accepted(example):
    assert read_time(example).utcoffset() == EIGHT


# --- one definition, shown everywhere ------------------------------------------------------


def datetime_inputs(described):
    return [f for c in described for f in c["inputs"] if f["type"] == "datetime"]


def test_the_api_constraints_give_the_format_example_and_length_limit(client):
    described = client.get("/api/calculators").get_json()["calculators"]
    fields = datetime_inputs(described)
    assert fields
    for field in fields:
        constraints = field["constraints"]
        assert constraints["format"] == times.SYNTAX
        assert constraints["description"] == times.DESCRIPTION
        assert constraints["example"] == times.EXAMPLE
        assert constraints["examples"] == list(times.EXAMPLES)
        assert constraints["max_length"] == MAX_TEXT
        assert (constraints["min_year"], constraints["max_year"]) == (2000, 2100)
    assert all(f["constraints"]["max_length"] == MAX_TEXT for c in described for f in c["inputs"])


def test_a_refused_time_over_the_api_is_a_400_naming_the_field_with_an_example(client):
    raw = {"order_time": "2024-11-11T10,5", "waybill_uploaded_at": "2024-11-12T10:15"}
    response = client.post("/api/calculators/ship-deadline", json=raw)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert list(error["fields"]) == ["order_time"]
    assert "下单时间" in error["message"] and times.EXAMPLE in error["message"]


@pytest.mark.parametrize("calculator_id", calculators.ids())
def test_the_form_help_shows_each_fields_accepted_form_and_the_length_limit(client, calculator_id):
    html = client.get(f"/calculators/{calculator_id}").get_data(as_text=True)
    for field in calculators.get(calculator_id).fields:
        help_span = re.search(rf'<span class="help" id="f-{field.name}-help">(.*?)</span>', html, re.S)
        assert help_span, field.name
        if field.type == "datetime":
            assert times.SYNTAX in help_span.group(1) and times.EXAMPLE in help_span.group(1)
    assert INPUT_NOTE in html


@pytest.mark.parametrize("calculator_id", calculators.ids())
def test_kb_calc_help_shows_each_fields_accepted_form_and_the_length_limit(capsys, calculator_id):
    from webapp.cli import main

    assert main(["calc", calculator_id, "--help"]) == 0
    out = capsys.readouterr().out
    for field in calculators.get(calculator_id).fields:
        assert field.accepts in out
    assert INPUT_NOTE in out


def test_the_markdown_reference_uses_the_same_wording():
    text = docs.markdown()
    for calc in calculators.REGISTRY.values():
        for field in calc.fields:
            assert docs.cell(field.accepts) in text
    assert docs.cell(times.SYNTAX) in text and INPUT_NOTE in text
    assert all(line.count("|") - line.count("\\|") == 6 for line in text.splitlines() if line.startswith("| `"))


def test_the_readme_states_the_format_and_the_length_limit():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = next(p for p in readme.split("\n\n") if times.SYNTAX in p)
    assert "China time (UTC+8)" in paragraph
    assert f"{MAX_TEXT} characters" in paragraph
    assert times.EXAMPLE in paragraph
