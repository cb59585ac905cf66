"""Security headers for every response and CORS for the read-only JSON API only."""

from __future__ import annotations

import re

from flask import Flask, Response, request

# No inline scripts or styles anywhere: templates use classes and external files only.
# The widget styles its shadow root with a constructed stylesheet, which CSP does not block.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'self'",
    "base-uri 'none'",
    "form-action 'self'",
])

REFERRER_POLICY = "strict-origin-when-cross-origin"
# No page here needs a device or a payment API; embedded content gets none either.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# The read-only endpoints other origins (the embedded widget) may call.
# POST /api/calculators/<id>, /api/health and the HTML pages get no CORS headers.
CORS_PATHS = re.compile(r"^/api/(?:openapi\.json|limits|search|suggest|calculators(?:/[^/]+)?|articles(?:/[^/]+)?)/?$")
CORS_METHODS = frozenset({"GET", "HEAD"})
# The widget's votes and clicks (webapp/feedback.py): POST from any origin, never
# with credentials (no Allow-Credentials header, so a browser sends no cookies).
CORS_POST_PATHS = re.compile(r"^/api/feedback(?:/click)?$")


def allows_cors(method: str, path: str) -> bool:
    """True when a request to `path` with `method` may be read from another origin."""
    if method == "POST":
        return CORS_POST_PATHS.match(path) is not None
    return method in CORS_METHODS and CORS_PATHS.match(path) is not None


def _add_headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", REFERRER_POLICY)
    response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    if request.method == "OPTIONS" and response.status_code == 200 and not response.get_data():
        # Flask's automatic answer: nothing but the Allow header, so say "no content".
        response.status_code = 204
        response.mimetype = "text/plain"
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    # A preflight asks for the method the real request will use.
    method = request.headers.get("Access-Control-Request-Method", "GET") if request.method == "OPTIONS" else request.method
    if allows_cors(method, request.path):
        response.headers["Access-Control-Allow-Origin"] = "*"
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "POST, OPTIONS" if method == "POST" else "GET, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Content-Type"
            response.headers["Access-Control-Max-Age"] = "86400"
    return response


def init_app(app: Flask) -> None:
    """Add the security headers to every response the app sends."""
    app.after_request(_add_headers)
