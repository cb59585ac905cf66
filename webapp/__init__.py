"""Flask application factory for the shipping-rules help center."""

from __future__ import annotations

from flask import Flask

from kb import settings


def create_app(test_config: dict | None = None) -> Flask:
    """Create the app; the index is built now if it is missing or stale."""
    # Static files are served by webapp.assets, under content-hashed names.
    app = Flask(__name__, static_folder=None)
    app.config.from_mapping(settings.from_env())
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    if test_config:
        app.config.from_mapping(test_config)

    from webapp import admin, api, assets, calculators, errors, feedback, guards, library, pages, recording, security

    errors.init_app(app)
    guards.init_app(app)
    security.init_app(app)
    library.init_app(app)
    assets.init_app(app)
    recording.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(calculators.bp)
    app.register_blueprint(__import__("webapp.openapi", fromlist=["bp"]).bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(feedback.bp)
    admin.init_app(app)
    return app
