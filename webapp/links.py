"""Web addresses of articles and calculators, made with url_for so the site works under any prefix.

kb returns ids; every view passes what it sends through these functions,
which return it with a `url` on each article and calculator in it.
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
    """Return an article-shaped dict (answer, result, link, article) with `url`, its calculators' and related links'.

    Every function here returns new dicts and never changes what it is given:
    the engine's responses share their articles with its cache.
    """
    linked = {**item, "url": article_url(item["id"])}
    if "category" in item:
        linked["category_url"] = category_url(item["category"])
    if "calculators" in item:
        linked["calculators"] = [{**calc, "url": calculator_url(calc["id"])} for calc in item["calculators"]]
    if "related" in item:
        linked["related"] = [article(r) if isinstance(r, dict) else r for r in item["related"]]
    return linked


def articles(items: list[dict]) -> list[dict]:
    return [article(item) for item in items]


def calculation(item: dict) -> dict:
    """Return a calculation with `url`, the calculator's form filled in with the inputs read from the question."""
    return {**item, "url": url_for("calculators.form", calculator_id=item["id"], **item["form"])}


def search_response(response: dict) -> dict:
    """Return a search response with URLs in its answer and its calculations, results, suggestions and `also` items.

    Without an answer, `support_url` is where a merchant reaches a person
    (the SUPPORT_URL setting), or null when none is configured.
    """
    answer = response["answer"]
    if answer is not None:
        answer = article(answer)
        if "calculations" in answer:
            answer["calculations"] = [calculation(item) for item in answer["calculations"]]
    return {**response, "answer": answer, "results": articles(response["results"]),
            "suggestions": articles(response["suggestions"]),
            "also": {**response["also"], "items": articles(response["also"]["items"])},
            "support_url": (current_app.config["SUPPORT_URL"] or None) if answer is None else None}


def category_url(name: str) -> str:
    """A category's page: its address is its name as the articles' front matter writes it, percent-encoded."""
    return _url("pages.category", "name", name)


def categories(groups: list[dict]) -> list[dict]:
    return [{**group, "url": category_url(group["name"]), "articles": articles(group["articles"])} for group in groups]


def calculator(described: dict) -> dict:
    """Return a calculator's description with its page and API addresses."""
    return {**described, "url": calculator_url(described["id"]),
            "api_url": url_for("calculators.api_compute", calculator_id=described["id"])}
