"""Brygga: a placement portal for a municipal labour-market unit."""

from __future__ import annotations

import hmac
from pathlib import Path
from typing import Any

from flask import Flask

from portal.config import load_config
from portal.extensions import babel, csrf, db, htmx, limiter, login_manager, migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: settings, extensions, blueprints, error pages, CLI."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder="../templates",
        static_folder="../static",
    )
    app.config.update(load_config(Path(app.instance_path)))
    if config:
        app.config.update(config)
    _trust_proxies(app)

    from portal.web.query import IdConverter

    app.url_map.converters["int"] = IdConverter  # before the blueprints add their routes
    _init_extensions(app)
    _register_blueprints(app)

    from portal.accounts.sessions import init_sessions
    from portal.web.errors import init_error_pages
    from portal.web.security import init_security_headers
    from portal.web.templating import init_templating
    from portal.web.unit_of_work import init_unit_of_work

    init_unit_of_work(app)
    init_sessions(app)
    init_error_pages(app)
    init_security_headers(app)
    init_templating(app)

    from portal.cli import register_cli

    register_cli(app)
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind PROXY_HOPS proxies, the client's address and scheme are those they forwarded; with none, headers are ignored."""
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]


def _init_extensions(app: Flask) -> None:
    from portal import models  # noqa: F401  (every model registered before migrations look)
    from portal.accounts.sessions import sign_in_first
    from portal.web.i18n import select_locale, select_timezone

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    htmx.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.sign_in"
    login_manager.unauthorized_handler(sign_in_first)
    login_manager.session_protection = None  # the server-side session token does this job
    login_manager.user_loader(_load_user)


def _load_user(session_id: str):
    from portal.accounts import second_factor
    from portal.accounts.models import User
    from portal.accounts.sessions import second_factor_passed, session_in_force

    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    # A cookie whose token was rotated (sign-out, password change, switched off) no longer signs
    # anyone in, nor one whose session has ended (idle or past its lifetime), nor a remember cookie.
    if user is None or not user.is_active or not hmac.compare_digest(user.session_token, token):
        return None
    # Staff are signed in only once this session passed their second factor.
    if second_factor.required_for(user) and not second_factor_passed(user):
        return None
    return user if session_in_force(user) else None


def _register_blueprints(app: Flask) -> None:
    from portal.accounts.routes import bp as accounts_bp
    from portal.admin.routes import bp as admin_bp
    from portal.accounts.second_factor_routes import bp as second_factor_bp
    from portal.accounts.second_factor_routes import init_second_factor
    from portal.availability.routes import bp as availability_bp
    from portal.employers.routes import bp as employers_bp
    from portal.followups.routes import bp as followups_bp
    from portal.interest.routes import bp as interest_bp
    from portal.interest.routes import candidates_bp
    from portal.meetings.routes import bp as meetings_bp
    from portal.offers.routes import bp as offers_bp
    from portal.participants.routes import bp as participants_bp
    from portal.placements.routes import bp as placements_bp
    from portal.privacy.record_routes import bp as processing_record_bp
    from portal.privacy.routes import bp as privacy_bp
    from portal.privacy.cookies import bp as cookies_bp
    from portal.privacy.export_routes import bp as export_bp
    from portal.privacy.removal_routes import bp as removal_bp
    from portal.reports.routes import bp as reports_bp
    from portal.review.routes import bp as review_bp
    from portal.site.accessibility_routes import bp as accessibility_bp
    from portal.site.audit_routes import bp as audit_bp
    from portal.site.routes import bp as site_bp

    app.register_blueprint(site_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(second_factor_bp)
    init_second_factor(app)
    app.register_blueprint(admin_bp)
    app.register_blueprint(employers_bp)
    app.register_blueprint(offers_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(availability_bp)
    app.register_blueprint(meetings_bp)
    app.register_blueprint(followups_bp)
    app.register_blueprint(participants_bp)
    app.register_blueprint(privacy_bp)
    app.register_blueprint(candidates_bp)
    app.register_blueprint(interest_bp)
    app.register_blueprint(placements_bp)
    app.register_blueprint(audit_bp)
    app.register_blueprint(processing_record_bp)
    app.register_blueprint(cookies_bp)
    app.register_blueprint(accessibility_bp)
    app.register_blueprint(export_bp)
    app.register_blueprint(removal_bp)
    app.register_blueprint(reports_bp)
