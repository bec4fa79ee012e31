"""Pages every visitor shares: the start page, the overview, the language switch and the health check."""

from __future__ import annotations

from datetime import timedelta

from flask import (
    Blueprint,
    Response,
    current_app,
    has_request_context,
    redirect,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal.accounts.models import Role
from portal.accounts.services import set_preferred_language
from portal.clock import now
from portal.extensions import db
from portal.outbox.delivery import dead_messages
from portal.site.dashboard import dashboard_for
from portal.site.home import home_for, record_home_view
from portal.site.menu import main_menu
from portal.web.authorization import roles_required, signed_in_user
from portal.web.forms import LanguageForm
from portal.web.rendering import render
from portal.web.safe_urls import local_path_or

bp = Blueprint("site", __name__)


@bp.app_context_processor
def layout_for_the_user():
    """The main menu, and whether the footer names the coordinator to call (employers)."""
    if not has_request_context() or not current_user.is_authenticated:
        return {"main_menu": None, "shows_coordinator_contact": False}
    return {
        "main_menu": main_menu(current_user, request.endpoint),
        "shows_coordinator_contact": current_user.role == Role.EMPLOYER,
    }


@bp.get("/")
def home():
    if current_user.is_authenticated:
        return redirect(url_for("site.dashboard"))
    return render("pages/home.html")


@bp.get("/dashboard")
@login_required
def dashboard():
    user = signed_in_user()
    home = home_for(user)
    record_home_view(home, actor=user)
    return render("pages/dashboard.html", dashboard=dashboard_for(user), home=home)


@bp.get("/mail/undelivered")
@roles_required(Role.COORDINATOR)
def undelivered_mail():
    """E-mail the outbox set aside after failing again and again: to whom, what, why and when."""
    return render("pages/undelivered_mail.html", messages=dead_messages())


@bp.post("/language")
def change_language():
    form = LanguageForm()
    back = local_path_or(form.next.data, url_for("site.home"))
    if form.validate_on_submit():
        session["language"] = form.language.data
        if current_user.is_authenticated:
            set_preferred_language(signed_in_user(), form.language.data)
    return redirect(back, 303)


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:  # any database failure means "not healthy"; the 503 is rolled back
        current_app.logger.exception("Health check failed")
        return {"status": "unavailable"}, 503
    return {"status": "ok"}, 200


# How long a security.txt stays valid from the moment it is served (RFC 9116 asks for under a year).
SECURITY_TXT_DAYS = 180


def security_contact() -> str:
    """The Contact of security.txt: BRYGGA_SECURITY_CONTACT, else the coordinator's e-mail, as a URI."""
    contact = current_app.config.get("SECURITY_CONTACT") or current_app.config["COORDINATOR_EMAIL"]
    return contact if contact.startswith(("mailto:", "https://")) else f"mailto:{contact}"


@bp.get("/.well-known/security.txt")
def security_txt():
    """How to report a vulnerability (RFC 9116)."""
    expires = (now() + timedelta(days=SECURITY_TXT_DAYS)).replace(microsecond=0)
    lines = [
        f"Contact: {security_contact()}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: sv, en",
        f"Canonical: {current_app.config['BASE_URL']}/.well-known/security.txt",
    ]
    response = Response("\n".join(lines) + "\n", mimetype="text/plain")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
