"""Web addresses of articles and calculators, made with url_for so the site works under any prefix.

kb returns ids; every view passes what it sends through these functions,
which add a `url` to each article and calculator in it.
"""

from __future__ import annotations

from flask import current_app, request, url_for

# url_for costs some 25 µs and a search response holds a dozen links, so the
# address of each (endpoint, id) is remembered per script root (the prefix
# the site is mounted under). Ids come from the index, so the memo stays small;
# it is cleared past MEMO_SIZE all the same.
MEMO_SIZE = 10_000
_memo: dict[tuple[str, str, str], str] = {}


def _url(endpoint: str, name: str, value: str) -> str:
    key = (request.script_root, endpoint, value)
    url = _memo.get(key)
    if url is None:
        if len(_memo) >= MEMO_SIZE:
            _memo.clear()
        url = _memo[key] = url_for(endpoint, **{name: value})
    return url


def article_url(article_id: str) -> str:
    return _url("pages.article", "article_id", article_id)


def calculator_url(calculator_id: str) -> str:
    return _url("calculators.form", "calculator_id", calculator_id)


def article(item: dict) -> dict:
    """Add `url` to an article-shaped dict (answer, result, link, article), its calculators and related links."""
    item["url"] = article_url(item["id"])
    if "category" in item:
        item["category_url"] = category_url(item["category"])
    for calc in item.get("calculators", ()):
        calc["url"] = calculator_url(calc["id"])
    for related in item.get("related", ()):
        if isinstance(related, dict):
            article(related)
    return item


def articles(items: list[dict]) -> list[dict]:
    for item in items:
        article(item)
    return items


def calculation(item: dict) -> dict:
    """Add `url`, the calculator's form filled in with the inputs read from the question."""
    item["url"] = url_for("calculators.form", calculator_id=item["id"], **item["form"])
    return item


def search_response(response: dict) -> dict:
    """Add the URLs to a search response: its answer and its calculations, results, suggestions and `also` items.

    Without an answer, `support_url` is where a merchant reaches a person
    (the SUPPORT_URL setting), or null when none is configured.
    """
    if response["answer"] is not None:
        article(response["answer"])
        for item in response["answer"].get("calculations", ()):
            calculation(item)
    articles(response["results"])
    articles(response["suggestions"])
    articles(response["also"]["items"])
    response["support_url"] = (current_app.config["SUPPORT_URL"] or None) if response["answer"] is None else None
    return response


def category_url(name: str) -> str:
    """A category's page: its address is its name as the articles' front matter writes it, percent-encoded."""
    return _url("pages.category", "name", name)


def categories(groups: list[dict]) -> list[dict]:
    for group in groups:
        group["url"] = category_url(group["name"])
        articles(group["articles"])
    return groups


def calculator(described: dict) -> dict:
    """Add the page and API addresses to a calculator's description."""
    described["url"] = calculator_url(described["id"])
    described["api_url"] = url_for("calculators.api_compute", calculator_id=described["id"])
    return described
