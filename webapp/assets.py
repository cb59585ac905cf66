"""Static files under content-hashed names, cached for a year and gzipped once at start-up.

`static_url("site.css")` in a template gives `/static/site.<hash>.css`: the name
changes whenever the content does, so browsers may keep it for a year without
asking again (`immutable`). The plain name still answers, revalidated each time
(`no-cache`), for pages cached before a deploy. The widget keeps its stable
address `/widget.js` (pages.py) with a short max-age, since host pages embed that
address; it is served from here too, gzipped. Brotli would need another
dependency; gzip is what every browser accepts.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, abort, current_app, request, url_for

STATIC_DIR = Path(__file__).resolve().parent / "static"
HASHED_MAX_AGE = 365 * 24 * 3600
WIDGET_MAX_AGE = 300
# Below this, gzip's header costs more than it saves.
MIN_GZIP_BYTES = 256
_TEXT_TYPES = ("text/", "application/javascript", "image/svg+xml", "application/json")


@dataclass(frozen=True)
class Asset:
    """One static file: its bytes, gzipped bytes (or None), type and content hash."""

    body: bytes
    gzipped: bytes | None
    mimetype: str
    digest: str


def _load(path: Path) -> Asset:
    body = path.read_bytes()
    mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if mimetype == "application/javascript":
        mimetype = "text/javascript"
    gzipped = None
    if mimetype.startswith(_TEXT_TYPES) and len(body) >= MIN_GZIP_BYTES:
        # mtime=0: the same bytes on every server and every start.
        packed = gzip.compress(body, compresslevel=9, mtime=0)
        gzipped = packed if len(packed) < len(body) else None
    return Asset(body, gzipped, mimetype, hashlib.sha256(body).hexdigest()[:12])


def hashed_name(name: str, digest: str) -> str:
    """`site.css` with digest `abc` → `site.abc.css`."""
    stem, dot, ext = name.rpartition(".")
    return f"{stem}.{digest}.{ext}" if dot else f"{name}.{digest}"


class Assets:
    """The static folder read once: by plain name, and which hashed name is which file."""

    def __init__(self, folder: Path = STATIC_DIR):
        self.files = {p.name: _load(p) for p in sorted(folder.iterdir()) if p.is_file()}
        self.hashed = {hashed_name(name, a.digest): name for name, a in self.files.items()}

    def url_name(self, name: str) -> str:
        """Return the hashed file name for `name`; raises KeyError for an unknown file."""
        return hashed_name(name, self.files[name].digest)


def response(asset: Asset, cache_control: str) -> Response:
    """Serve an asset, gzipped when the request accepts it, with conditional GET on its hash."""
    accepts_gzip = asset.gzipped is not None and request.accept_encodings["gzip"] > 0
    out = Response(asset.gzipped if accepts_gzip else asset.body, mimetype=asset.mimetype)
    if accepts_gzip:
        out.headers["Content-Encoding"] = "gzip"
    if asset.gzipped is not None:
        out.vary.add("Accept-Encoding")
    out.headers["Cache-Control"] = cache_control
    # One ETag per encoding, so a cache never swaps one body for the other.
    out.set_etag(asset.digest + ("-gz" if accepts_gzip else ""))
    return out.make_conditional(request)


def serve_static(filename: str) -> Response:
    assets: Assets = current_app.extensions["assets"]
    if filename in assets.hashed:
        return response(assets.files[assets.hashed[filename]],
                        f"public, max-age={HASHED_MAX_AGE}, immutable")
    if filename in assets.files:
        return response(assets.files[filename], "no-cache")
    abort(404)


def serve_widget() -> Response:
    """The widget under its stable name: five minutes of cache; timing readable by host pages."""
    out = response(current_app.extensions["assets"].files["widget.js"], f"public, max-age={WIDGET_MAX_AGE}")
    # Host pages that isolate themselves (COEP) may still load the widget from here.
    out.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    # Host pages may measure how long the widget took to load (Resource Timing).
    out.headers["Timing-Allow-Origin"] = "*"
    return out


def init_app(app: Flask) -> None:
    """Read and compress the static files once, serve them at /static/, and add `static_url` to templates."""
    assets = Assets()
    app.extensions["assets"] = assets
    app.add_url_rule("/static/<path:filename>", "static", serve_static)

    def static_url(name: str) -> str:
        return url_for("static", filename=assets.url_name(name))

    app.jinja_env.globals["static_url"] = static_url
