"""One error shape for the JSON API and one error page for HTML."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

# Chinese messages for the HTTP errors Flask raises on its own.
HTTP_MESSAGES = {
    400: "请求格式不正确",
    404: "没有找到您要的内容",
    405: "不支持该请求方法",
    413: "请求内容过大",
    415: "请求内容类型不受支持",
    500: "服务器内部错误，请稍后再试",
}
# Error codes for those statuses (otherwise `http_<status>`).
HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}


class ApiError(Exception):
    """Raised when a request cannot be served; carries the status and a Chinese message."""

    def __init__(self, status: int, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields

    def to_dict(self) -> dict:
        error = {"code": self.code, "message": self.message}
        if self.fields:
            error["fields"] = self.fields
        return {"ok": False, "error": error}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _json_error(err: ApiError):
    return jsonify(err.to_dict()), err.status


def _html_error(status: int, message: str):
    return render_template("error.html", status=status, message=message), status


def init_app(app: Flask) -> None:
    """Register handlers so every error is the JSON shape under /api/ and a page elsewhere.

    When the app is testing, an unexpected exception is not turned into a 500: it propagates
    to the test client, so a broken view fails its tests.
    """

    @app.errorhandler(ApiError)
    def handle_api_error(err: ApiError):
        if _wants_json():
            return _json_error(err)
        return _html_error(err.status, err.message)

    @app.errorhandler(HTTPException)
    def handle_http_error(err: HTTPException):
        status = err.code or 500
        message = HTTP_MESSAGES.get(status, "请求无法处理")
        if _wants_json():
            code = HTTP_CODES.get(status, f"http_{status}")
            body, status = _json_error(ApiError(status, code, message))
        else:
            body, status = _html_error(status, message)
        # A 405 must say what is allowed (RFC 9110); Werkzeug's own response would.
        allowed = getattr(err, "valid_methods", None)
        return body, status, {"Allow": ", ".join(allowed)} if allowed else {}

    @app.errorhandler(Exception)
    def handle_unexpected(err: Exception):
        if app.testing:
            # Under test a crash must fail the test, as Flask does by default, not turn
            # into a tidy 500 that header and markup checks would still accept.
            raise err
        app.logger.exception("unhandled error on %s", request.path)
        if _wants_json():
            return _json_error(ApiError(500, "internal_error", HTTP_MESSAGES[500]))
        return _html_error(500, HTTP_MESSAGES[500])
