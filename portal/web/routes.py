"""Pages every visitor shares: the start page, the language switch and the health check."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, session, url_for
from flask_login import current_user
from sqlalchemy import text

from portal.accounts.services import set_preferred_language
from portal.extensions import db
from portal.web.forms import LanguageForm
from portal.web.rendering import render
from portal.web.safe_urls import local_path_or

bp = Blueprint("web", __name__)


@bp.get("/")
def home():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.dashboard"))
    return render("pages/home.html")


@bp.post("/language")
def change_language():
    form = LanguageForm()
    fallback = url_for("web.home")
    if not form.validate_on_submit():
        return redirect(local_path_or(form.next.data, fallback), 303)
    session["language"] = form.language.data
    if current_user.is_authenticated:
        set_preferred_language(current_user, form.language.data)
        db.session.commit()
    return redirect(local_path_or(form.next.data, fallback), 303)


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy"
        db.session.rollback()
        current_app.logger.exception("Health check failed")
        return {"status": "unavailable"}, 503
    return {"status": "ok"}, 200
