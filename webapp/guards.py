"""Checks every request passes before a view runs: a bounded body, decodable parameters.

Werkzeug limits a body while it is read (chunked ones too, as gunicorn marks
them terminated) once MAX_CONTENT_LENGTH is set, so a 100 MB upload is cut
off at the limit instead of being read whole and then refused. Parameters
that are not UTF-8 would make `request.args` raise, or turn into U+FFFD
silently; both are refused as a 400 naming the parameter.
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from flask import Flask, Response, request

from webapp.errors import ApiError

# The largest body any endpoint takes: calculator inputs are a handful of short fields.
MAX_BODY = 16 * 1024


def undecodable_parameters(query_string: bytes) -> list[str]:
    """Return the names of the query parameters whose name or value is not UTF-8 text."""
    try:  # the usual case, at once: the separators are ASCII, so if the whole is UTF-8 each part is
        unquote_to_bytes(query_string).decode("utf-8")
        return []
    except UnicodeDecodeError:
        pass
    bad = []
    for pair in query_string.split(b"&"):
        name, _, value = pair.partition(b"=")
        try:
            for part in (name, value):
                unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            bad.append(unquote_to_bytes(name).decode("utf-8", "replace") or "?")
    return bad


def _refuse_undecodable_input() -> None:
    bad = undecodable_parameters(request.query_string)
    if bad:
        raise ApiError(400, "invalid_encoding", "请求参数不是有效的 UTF-8 文本，请检查链接或输入",
                       {name: "不是有效的 UTF-8 文本" for name in bad})


def read_body() -> bytes:
    """Return the request body; raises a 413 ApiError for one of MAX_CONTENT_LENGTH bytes or more.

    Werkzeug stops reading at the limit but returns what it read without an
    error when the body ends exactly there or goes on: a body that fills the
    limit is therefore refused, never parsed truncated.
    """
    raw = request.get_data(cache=False)
    if len(raw) >= request.max_content_length:
        raise ApiError(413, "payload_too_large", f"请求内容过大，请不要超过 {request.max_content_length - 1} 字节")
    return raw


def _path_only_redirect(response: Response) -> Response:
    # Werkzeug's slash redirects (/calculators -> /calculators/) build an
    # absolute URL from the Host header, which the client controls.
    location = response.headers.get("Location")
    if location and location.startswith(request.host_url):
        response.headers["Location"] = "/" + location[len(request.host_url):]
    return response


def init_app(app: Flask) -> None:
    """Bound request bodies and refuse undecodable parameters for every view."""
    if app.config.get("MAX_CONTENT_LENGTH") is None:  # Flask's default: no limit
        app.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    # `/api//health` is not `/api/health`: an odd path is a 404, not a redirect.
    app.url_map.merge_slashes = False
    app.before_request(_refuse_undecodable_input)
    app.after_request(_path_only_redirect)
