"""The editors' pages: /admin (what merchants ask, what went unanswered, what did not help) and its export.

They exist only when KB_ADMIN_TOKEN is set; otherwise every /admin URL is a
404. The token is the password of HTTP Basic authentication (any user name)
or an `Authorization: Bearer` header. The pages are never indexed and carry
the site's strict CSP; every question and comment is escaped by Jinja.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, Flask, Response, abort, current_app, render_template, request

from kb.events import insights
from webapp import chart
from webapp.library import get_engine
from webapp.recording import get_recorder

bp = Blueprint("admin", __name__, url_prefix="/admin")

DEFAULT_DAYS = 30
MAX_DAYS = 365


def _authorised() -> bool:
    token = current_app.config["ADMIN_TOKEN"].encode("utf-8")
    auth = request.authorization
    given = None
    if auth is not None and auth.type == "basic":
        given = auth.password
    elif auth is not None and auth.type == "bearer":
        given = auth.token
    return given is not None and hmac.compare_digest(given.encode("utf-8"), token)


@bp.before_request
def _require_token():
    if not _authorised():
        return Response("需要编辑后台口令", 401, {"WWW-Authenticate": 'Basic realm="kb-admin", charset="UTF-8"'},
                        mimetype="text/plain")
    return None


@bp.after_request
def _private(response: Response) -> Response:
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Cache-Control"] = "no-store"
    return response


def _days() -> int:
    raw = request.args.get("days", "")
    if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= MAX_DAYS:
        return int(raw)
    return DEFAULT_DAYS


def _report(days: int) -> tuple[dict | None, str | None]:
    """Return the figures, or None and why not."""
    recorder = get_recorder()
    if recorder is None:
        return None, "没有记录搜索（KB_DATABASE_URL=off）"
    recorder.flush(timeout=1.0)  # what was asked a moment ago shows up
    try:
        return insights.report(recorder.store, days), None
    except Exception as err:  # the database is down: say so rather than fail the page
        current_app.logger.warning("admin: events database unavailable: %s", err)
        return None, f"无法读取记录数据库：{type(err).__name__}"


@bp.get("")
def index():
    days = _days()
    figures, problem = _report(days)
    titles = {a["id"]: a["question"] for a in get_engine().articles()}
    return render_template("admin/index.html", figures=figures, problem=problem, days=days, titles=titles,
                           chart=chart.daily_chart(figures["daily"]) if figures else None)


@bp.get("/export.tsv")
def export():
    figures, problem = _report(_days())
    if figures is None:
        abort(503, problem)
    return Response(insights.export_cases(figures), mimetype="text/tab-separated-values",
                    headers={"Content-Disposition": 'attachment; filename="questions-to-label.tsv"'})


def init_app(app: Flask) -> None:
    """Register the admin pages only when a token is configured."""
    if app.config.get("ADMIN_TOKEN"):
        app.register_blueprint(bp)
