"""The merchant-facing HTML pages: home, search, article, and the widget script and demo."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, request, send_from_directory

from kb import calculators
from webapp.api import parse_search_args
from webapp.errors import ApiError
from webapp.library import get_engine

bp = Blueprint("pages", __name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"

# How many articles the home page offers as common questions.
COMMON_QUESTIONS = 6
# How many ranked results a search without an answer and without suggestions lists.
NO_ANSWER_RESULTS = 5


def calculator_links() -> list[dict]:
    """Return every calculator as {id, title, description, url}, in listing order."""
    return [
        {"id": c["id"], "title": c["title"], "description": c["description"], "url": c["url"]}
        for c in calculators.describe()
    ]


@bp.get("/")
def index():
    engine = get_engine()
    articles = engine.articles()
    return render_template(
        "index.html",
        query="",
        categories=engine.categories(),
        calculators=calculator_links(),
        common=articles[:COMMON_QUESTIONS],
    )


@bp.get("/search")
def search():
    query = request.args.get("q", "")
    engine = get_engine()
    if not query.strip():
        return render_template("search.html", query=query, result=None, others=[], error=None,
                               categories=engine.categories())
    try:
        query, _ = parse_search_args({"q": query})
    except ApiError as err:
        return render_template("search.html", query=query, result=None, others=[],
                               error=err.message, categories=[]), err.status
    result = engine.search(query, current_app.config["DEFAULT_LIMIT"])
    answer = result["answer"]
    if answer is not None:
        # The answer card already shows the top article; the list shows the rest.
        others = [item for item in result["results"] if item["id"] != answer["id"]]
    else:
        # Without an answer the engine's suggestions lead; weak hits only fill in for them.
        others = [] if result["suggestions"] else result["results"][:NO_ANSWER_RESULTS]
    categories = engine.categories() if answer is None else []
    return render_template("search.html", query=query, result=result, others=others, error=None,
                           categories=categories)


@bp.get("/articles/<article_id>")
def article(article_id: str):
    found = get_engine().article(article_id)
    if found is None:
        abort(404)
    return render_template("article.html", article=found, query="")


@bp.get("/widget.js")
def widget_js():
    response = send_from_directory(STATIC_DIR, "widget.js", mimetype="text/javascript", max_age=300)
    # Host pages that isolate themselves (COEP) may still load the widget from here.
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@bp.get("/widget/demo")
def widget_demo():
    return render_template("widget_demo.html")
