"""What every screen of the offer wizard shares: keeping typed answers through an expired
session, saving half-done answers, and reading stored answers into forms."""

from __future__ import annotations

from functools import wraps
from typing import Any

from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from portal.accounts.models import Role
from portal.extensions import csrf, db, login_manager
from portal.offers import services
from portal.web.rendering import render

RESUME_COOKIE = "brygga_resume"


def employer_form(view):
    """An employer's form screen that keeps what was typed if the session ended before Continue.

    An anonymous POST (the session expired) is stashed server-side and the person is sent to
    sign in with `next` pointing back to this screen and the stash's key; the screen then shows
    what they typed. CSRFProtect cannot check such a POST (the token lived in the lost session),
    so it is exempt here and the form's own CSRF field is checked before anything is saved.
    """

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            if request.method != "POST":
                return login_manager.unauthorized()
            data = {key: values for key, values in request.form.lists() if key != "csrf_token"}
            key, cookie = services.stash_form(request.path, data)
            db.session.commit()
            flash(_("You had been signed out, so nothing was saved yet. Sign in again and what you typed will be back on the page."), "info")
            response = redirect(url_for("accounts.sign_in", next=f"{request.path}?resume={key}"), 303)
            response.set_cookie(
                RESUME_COOKIE,
                cookie,
                max_age=services.RESUME_HOURS * 3600,
                path="/offers",
                httponly=True,
                samesite="Lax",
                secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
            )
            return response
        if current_user.role != Role.EMPLOYER:
            abort(403)
        return view(*args, **kwargs)

    csrf.exempt(wrapper)
    return wrapper


def employer_autosave(view):
    """Autosave answers with a short status instead of a redirect when the person is signed out."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            # 200, not 401: htmx swaps only 2xx and 422 here, and the person must read that nothing was saved.
            return render("offers/_autosaved.html", saved_at=None, signed_out=True, flags={})
        if current_user.role != Role.EMPLOYER:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def resumed_formdata() -> MultiDict | None:
    key = request.args.get("resume")
    if not key:
        return None
    data = services.take_stashed_form(key, request.cookies.get(RESUME_COOKIE), request.path)
    db.session.commit()
    if data is None:
        return None
    return MultiDict([(name, value) for name, values in data.items() for value in values])


def open_screen_form(form_class, record):
    """The form for a GET: what was typed before the session expired, else the stored answers; and whether it was resumed."""
    formdata = resumed_formdata()
    if formdata is not None:
        return form_class(formdata=formdata), True
    form = form_class(data=form_values(record, answer_names(form_class())))
    form.return_to.data = request.args.get("return_to", "")
    return form, False


def csrf_failed(form) -> bool:
    if "csrf_token" in form.errors:
        form.form_errors.append(_("This page had been open for a long time, so nothing was saved. Check what you typed and press the button again."))
        return True
    return False


def savable(form, names) -> dict[str, Any]:
    """The answers that can be stored as typed: valid ones, and ones left empty (a draft may be half done)."""
    values = {}
    for name in names:
        field = form[name]
        if field.process_errors:
            continue
        if field.errors and field.data not in (None, "", []):
            continue
        values[name] = field.data
    return values


def form_values(obj, names) -> dict[str, Any]:
    """Stored values as the form fields want them."""
    values = {}
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, bool):
            value = "yes" if value else "no"
        elif hasattr(value, "value"):
            value = value.value
        values[name] = value
    return values


def answer_names(form) -> list[str]:
    return [field.name for field in form if field.name not in ("csrf_token", "return_to")]
