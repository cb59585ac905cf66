"""The calculators over HTTP: the JSON API and the server-rendered GET forms."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from kb import calculators

GOOD = {
    "deduction": {"orders": 60, "picked_up_within_48h": 57, "delayed_orders": 3},
    "deposit-refund": {"deposit": "50.00", "stage": "before_final_payment", "buyer_agrees": True},
    "delay-card": {"sent_at": "2024-11-11T10:00", "now": "2024-11-12T10:00"},
    "ship-deadline": {"order_time": "2024-11-11T10:00", "now": "2024-11-11T12:00"},
}
REQUIRED_RESULT_FIELDS = {
    "deduction": {"points", "rule", "pickup_rate"},
    "deposit-refund": {"outcome", "refund"},
    "delay-card": {"state", "expires_at", "can_resend"},
    "ship-deadline": {"waybill_deadline", "pickup_deadline", "waybill_status", "pickup_status",
                      "counts_as_delayed"},
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def assert_error_shape(response, status, code=None):
    assert response.status_code == status
    assert response.is_json
    body = response.get_json()
    assert body["ok"] is False
    assert set(body["error"]) <= {"code", "message", "fields"}
    assert CJK.search(body["error"]["message"])
    if code:
        assert body["error"]["code"] == code
    return body["error"]


# --- the JSON API -------------------------------------------------------------------------


def test_listing_gives_every_calculator_with_its_inputs(client):
    body = client.get("/api/calculators").get_json()
    assert body["ok"] is True
    assert [c["id"] for c in body["calculators"]] == calculators.ids()
    for calc in body["calculators"]:
        assert calc["title"] and calc["url"] == f"/calculators/{calc['id']}"
        assert all(field["label"] and "type" in field for field in calc["inputs"])


def test_listing_gives_enum_choices_with_chinese_labels(client):
    body = client.get("/api/calculators").get_json()
    stage = next(f for c in body["calculators"] for f in c["inputs"] if f["name"] == "stage")
    assert stage["choices"] == [{"value": "before_final_payment", "label": "支付尾款前"},
                                {"value": "after_final_payment", "label": "支付尾款后"}]


@pytest.mark.parametrize("calculator_id", list(GOOD))
def test_posting_good_inputs_returns_result_explanation_and_articles(client, calculator_id):
    response = client.post(f"/api/calculators/{calculator_id}", json=GOOD[calculator_id])
    assert response.status_code == 200
    body = response.get_json()
    assert body["ok"] is True
    assert REQUIRED_RESULT_FIELDS[calculator_id] <= set(body["result"])
    assert body["explanation"] and all(CJK.search(step) for step in body["explanation"])
    assert body["articles"] == list(calculators.get(calculator_id).articles)


def test_57_of_60_over_the_api_is_the_per_order_rule(client):
    body = client.post("/api/calculators/deduction", json=GOOD["deduction"]).get_json()
    assert body["result"] == {**body["result"], "points": 3, "rule": "per_order", "pickup_rate": 0.95}


@pytest.mark.parametrize("deposit, refund", [(0.01, "0.02"), (0.1, "0.20"), (19.99, "39.98"), ("33.33", "66.66")])
def test_money_sent_as_json_numbers_stays_exact(client, deposit, refund):
    raw = dict(GOOD["deposit-refund"], deposit=deposit)
    body = client.post("/api/calculators/deposit-refund", json=raw).get_json()
    assert body["result"]["refund"] == refund


def test_times_come_back_in_china_time(client):
    raw = {"sent_at": "2024-11-11T02:00:00Z", "now": "2024-11-11T03:00:00Z"}
    result = client.post("/api/calculators/delay-card", json=raw).get_json()["result"]
    assert result["expires_at"] == "2024-11-13T10:00:00+08:00"


BAD_INPUTS = [
    ("deduction", {"picked_up_within_48h": 1, "delayed_orders": 1}, "orders"),
    ("deduction", dict(GOOD["deduction"], orders="60"), "orders"),
    ("deduction", dict(GOOD["deduction"], orders=True), "orders"),
    ("deduction", dict(GOOD["deduction"], orders=60.5), "orders"),
    ("deduction", dict(GOOD["deduction"], orders=-1), "orders"),
    ("deduction", dict(GOOD["deduction"], orders=10**15), "orders"),
    ("deduction", dict(GOOD["deduction"], picked_up_within_48h=61), "picked_up_within_48h"),
    ("deduction", dict(GOOD["deduction"], delayed_orders=61), "delayed_orders"),
    ("deduction", dict(GOOD["deduction"], extra=1), "extra"),
    ("deposit-refund", dict(GOOD["deposit-refund"], deposit="0.001"), "deposit"),
    ("deposit-refund", dict(GOOD["deposit-refund"], deposit=1.005), "deposit"),
    ("deposit-refund", dict(GOOD["deposit-refund"], deposit="NaN"), "deposit"),
    ("deposit-refund", dict(GOOD["deposit-refund"], deposit="Infinity"), "deposit"),
    ("deposit-refund", dict(GOOD["deposit-refund"], deposit=1e300), "deposit"),
    ("deposit-refund", dict(GOOD["deposit-refund"], stage="later"), "stage"),
    ("deposit-refund", dict(GOOD["deposit-refund"], buyer_agrees="yes"), "buyer_agrees"),
    ("deposit-refund", dict(GOOD["deposit-refund"], stage="after_final_payment"), "can_restock"),
    ("delay-card", dict(GOOD["delay-card"], sent_at="2024-11-11 25:00"), "sent_at"),
    ("delay-card", dict(GOOD["delay-card"], sent_at="11/11/2024"), "sent_at"),
    ("delay-card", dict(GOOD["delay-card"], buyer_action="maybe", action_at="2024-11-11T11:00"),
     "buyer_action"),
    ("delay-card", dict(GOOD["delay-card"], buyer_action="accept", action_at="2024-11-11T09:59:59"),
     "action_at"),
    ("delay-card", {"sent_at": "2024-11-11T10:00", "now": "2024-11-14T10:00", "buyer_action": "accept",
                    "action_at": "2024-11-13T10:00:01"}, "action_at"),
    ("ship-deadline", dict(GOOD["ship-deadline"], waybill_uploaded_at="2024-11-11T09:00"),
     "waybill_uploaded_at"),
]


@pytest.mark.parametrize("calculator_id, raw, field", BAD_INPUTS)
def test_bad_inputs_are_400_with_a_chinese_message_for_the_field(client, calculator_id, raw, field):
    error = assert_error_shape(client.post(f"/api/calculators/{calculator_id}", json=raw), 400, "invalid_input")
    assert CJK.search(error["fields"][field])


@pytest.mark.parametrize("body", ['{"deposit": NaN, "stage": "before_final_payment", "buyer_agrees": true}',
                                  '{"deposit": Infinity, "stage": "before_final_payment", "buyer_agrees": true}',
                                  '{"deposit": 1e999999, "stage": "before_final_payment", "buyer_agrees": true}'])
def test_nan_infinity_and_absurd_json_numbers_are_field_errors(client, body):
    response = client.post("/api/calculators/deposit-refund", data=body, content_type="application/json")
    assert "deposit" in assert_error_shape(response, 400, "invalid_input")["fields"]


def test_a_5000_digit_count_is_a_field_error_not_a_crash(client):
    body = '{"orders": ' + "9" * 5000 + ', "picked_up_within_48h": 1, "delayed_orders": 1}'
    response = client.post("/api/calculators/deduction", data=body, content_type="application/json")
    assert "orders" in assert_error_shape(response, 400, "invalid_input")["fields"]


@pytest.mark.parametrize("body", ["{", "", "{'orders': 1}", '{"orders": 1,}', b"\xff\xfe", "[" * 5000 + "]" * 5000])
def test_malformed_json_is_400(client, body):
    response = client.post("/api/calculators/deduction", data=body, content_type="application/json")
    assert_error_shape(response, 400, "malformed_json")


@pytest.mark.parametrize("body", ["[]", "[1, 2]", '"orders"', "60", "null", "true"])
def test_a_json_body_that_is_not_an_object_is_400(client, body):
    response = client.post("/api/calculators/deduction", data=body, content_type="application/json")
    assert_error_shape(response, 400, "invalid_body")


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_a_body_that_is_not_json_is_400(client, content_type):
    response = client.post("/api/calculators/deduction", data='{"orders": 1}', content_type=content_type)
    assert_error_shape(response, 400, "unsupported_content_type")


def test_an_oversized_body_is_rejected(client):
    body = '{"orders": 1, "x": "' + "a" * 20000 + '"}'
    response = client.post("/api/calculators/deduction", data=body, content_type="application/json")
    assert_error_shape(response, 413)


def test_an_unknown_calculator_is_404(client):
    assert_error_shape(client.post("/api/calculators/penalty", json={}), 404, "calculator_not_found")
    assert_error_shape(client.get("/api/calculators/penalty"), 404, "calculator_not_found")


def test_one_calculator_can_be_described_on_its_own(client):
    body = client.get("/api/calculators/delay-card").get_json()
    assert body["calculator"]["id"] == "delay-card"


def test_a_wrong_method_is_405_in_the_error_shape(client):
    assert_error_shape(client.put("/api/calculators/deduction", json={}), 405)


# --- the HTML forms -----------------------------------------------------------------------


class FormParser(HTMLParser):
    """Collects the calculator form's controls, labels and ids."""

    def __init__(self):
        super().__init__()
        self.controls, self.labels, self.ids, self.forms = [], set(), set(), []
        self.inline_style = self.inline_script = False
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if "style" in attrs or tag == "style":
            self.inline_style = True
        if tag == "script" and "src" not in attrs:
            self.inline_script = True
        if tag == "form":
            self.forms.append(attrs)
        if tag == "label" and "for" in attrs:
            self.labels.add(attrs["for"])
        if tag in ("input", "select") and attrs.get("type") != "submit":
            self.controls.append(attrs)


def parse_page(response) -> FormParser:
    parser = FormParser()
    parser.feed(response.get_data(as_text=True))
    return parser


def test_the_index_page_lists_every_calculator(client):
    response = client.get("/calculators/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for calc in calculators.REGISTRY.values():
        assert f'href="/calculators/{calc.id}"' in html and calc.title in html


@pytest.mark.parametrize("calculator_id", calculators.ids())
def test_each_form_is_generated_from_the_registry_and_accessible(client, calculator_id):
    response = client.get(f"/calculators/{calculator_id}")
    assert response.status_code == 200
    page = parse_page(response)
    assert page.forms[0]["method"] == "get" and page.forms[0]["action"] == f"/calculators/{calculator_id}"
    names = [c["name"] for c in page.controls]
    assert names == [f.name for f in calculators.get(calculator_id).fields]
    for control in page.controls:
        assert control["id"] in page.labels
        assert all(i in page.ids for i in control["aria-describedby"].split())
    assert not page.inline_style and not page.inline_script
    assert "计算结果" not in response.get_data(as_text=True)


@pytest.mark.parametrize("calculator_id", calculators.ids())
def test_a_filled_in_form_url_shows_the_same_result_as_the_api(client, calculator_id):
    raw = {k: ("yes" if v is True else str(v)) for k, v in GOOD[calculator_id].items()}
    page = client.get(f"/calculators/{calculator_id}", query_string=raw)
    api = client.post(f"/api/calculators/{calculator_id}", json=GOOD[calculator_id]).get_json()
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert api["result"]["summary"] in html
    for step in api["explanation"]:
        assert str(escape(step)) in html


def test_the_result_and_explanation_show_under_the_form(client):
    html = client.get("/calculators/deduction", query_string={
        "orders": "60", "picked_up_within_48h": "57", "delayed_orders": "3"}).get_data(as_text=True)
    assert html.index("</form>") < html.index('class="result"') < html.index('class="explanation"')
    assert "本周扣 3 分" in html and "95.00%" in html


def test_the_form_links_to_the_articles_it_rests_on(client):
    html = client.get("/calculators/delay-card").get_data(as_text=True)
    for article_id in calculators.get("delay-card").articles:
        assert f'href="/articles/{article_id}"' in html


def test_input_errors_show_next_to_their_field_in_chinese(client):
    response = client.get("/calculators/deduction", query_string={
        "orders": "2.5", "picked_up_within_48h": "1", "delayed_orders": ""})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert re.search(r'id="f-orders"[^>]*aria-describedby="f-orders-help f-orders-error"', html)
    assert re.search(r'id="f-orders-error">应为整数，不能有小数<', html)
    assert re.search(r'id="f-delayed_orders-error">必填<', html)
    assert "计算结果" not in html


def test_filled_in_values_stay_in_the_form_with_times_in_china_time(client):
    html = client.get("/calculators/delay-card", query_string={
        "sent_at": "2024-11-11T02:00:00Z", "now": "2024-11-11T12:00", "buyer_action": "accept",
        "action_at": "2024-11-11T11:00"}).get_data(as_text=True)
    assert 'value="2024-11-11T10:00:00"' in html
    assert '<option value="accept" selected>' in html
    assert "审核通过" in html


def test_a_bad_time_is_echoed_back_because_the_browser_drops_it(client):
    html = client.get("/calculators/ship-deadline", query_string={"order_time": "tomorrow"}).get_data(as_text=True)
    assert html.count("tomorrow") == 2  # the input's value and the error, plainly once
    assert re.search(r'id="f-order_time-error">您填写的「tomorrow」无法识别：时间格式不正确，', html)
    assert "（您填写的" not in html


def test_a_readable_time_with_an_error_is_not_echoed_a_second_time(client):
    html = client.get("/calculators/ship-deadline", query_string={
        "order_time": "2024-11-11T10:00", "picked_up_at": "2024-11-11T09:00",
        "now": "2024-11-12T10:00"}).get_data(as_text=True)
    assert re.search(r'id="f-picked_up_at-error">揽件时间不能早于下单时间<', html)


def test_an_unknown_calculator_page_is_a_404_page(client):
    response = client.get("/calculators/penalty")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_extra_query_parameters_on_a_shared_link_are_ignored(client):
    response = client.get("/calculators/deduction", query_string={
        "orders": "60", "picked_up_within_48h": "57", "delayed_orders": "3", "utm_source": "chat"})
    assert response.status_code == 200


def test_the_api_gives_each_calculator_its_page_and_endpoint_address(client):
    described = client.get("/api/calculators").get_json()["calculators"]
    assert {(c["url"], c["api_url"]) for c in described} == {
        (f"/calculators/{i}", f"/api/calculators/{i}") for i in calculators.ids()}
