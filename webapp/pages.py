"""The merchant-facing HTML pages: home, search, category, article, and the widget script and demo."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from kb import calculators
from webapp import assets, links, recording
from webapp.api import parse_search_args
from webapp.errors import ApiError
from webapp.library import get_engine

bp = Blueprint("pages", __name__)

# How many articles the home page offers as common questions.
COMMON_QUESTIONS = 6


def calculator_links() -> list[dict]:
    """Return every calculator as {id, title, description, url}, in listing order."""
    return [
        {"id": c["id"], "title": c["title"], "description": c["description"], "url": links.calculator_url(c["id"])}
        for c in calculators.describe()
    ]


@bp.get("/")
def index():
    engine = get_engine()
    articles = links.articles(engine.articles())
    return render_template(
        "index.html",
        query="",
        categories=links.categories(engine.categories()),
        calculators=calculator_links(),
        common=articles[:COMMON_QUESTIONS],
    )


@bp.get("/search")
def search():
    query = request.args.get("q", "")
    engine = get_engine()
    if not query.strip():
        return render_template("search.html", query=query, result=None, error=None,
                               categories=links.categories(engine.categories()))
    try:
        query, _ = parse_search_args({"q": query})
    except ApiError as err:
        return render_template("search.html", query=query, result=None,
                               error=err.message, categories=[]), err.status
    result = links.search_response(engine.search(query, current_app.config["DEFAULT_LIMIT"]))
    result["search_id"] = recording.search("page", query, result, engine.generation_name)
    categories = links.categories(engine.categories()) if result["answer"] is None else []
    return render_template("search.html", query=query, result=result, error=None, categories=categories)


@bp.get("/articles/<article_id>")
def article(article_id: str):
    found = get_engine().article(article_id)
    if found is None:
        abort(404)
    return render_template("article.html", article=links.article(found), query="")


@bp.get("/categories/<name>")
def category(name: str):
    # The slug is the category's own name (url_for percent-encodes it): it is
    # what editors write in the front matter, so it changes only with a rename.
    engine = get_engine()
    found = [a for a in links.articles(engine.articles()) if a["category"] == name]
    if not found:
        abort(404)
    return render_template("category.html", name=name, articles=found, query="")


@bp.get("/widget.js")
def widget_js():
    return assets.serve_widget()


@bp.get("/widget/demo")
def widget_demo():
    return render_template("widget_demo.html")
