"""The offers blueprint and what every screen of the offer wizard shares: keeping typed answers
through an expired session, saving half-done answers, and reading stored answers into forms.

routes.py (the offer pages) and task_routes.py (the task screens) both register on `bp` here.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    request,
    url_for,
)
from flask_babel import format_time, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.datastructures import MultiDict

from portal.accounts.models import Role
from portal.clock import now
from portal.extensions import csrf, limiter, login_manager
from portal.offers import fields as F
from portal.offers import policies, queries, visibility
from portal.offers.forms import TaskForm
from portal.resume import services as resume
from portal.web.authorization import signed_in_user
from portal.web.errors import render_error
from portal.web.forms import NotTooLong
from portal.web.rate_limits import setting
from portal.web.rendering import render
from portal.web.unit_of_work import keep_changes_of_refused_page

bp = Blueprint("offers", __name__, url_prefix="/offers", cli_group="offers")

EDITING_COOKIE = "brygga_editing"
"""The most a stash of what was typed may hold; every screen's fields together fit well inside it."""
EDITING_MARKS = 20  # the offers a browser was last editing that it may stash for


@bp.app_context_processor
def offer_templates_context() -> dict[str, Any]:
    # offer_title(offer): the title the signed-in user may read (portal/offers/visibility.py).
    return {"offer_fields": F, "offer_title": lambda offer: visibility.title_for(current_user, offer)}


# Opening an offer for the wizard, and where a screen leads


def editable_offer(offer_id: int):
    user = signed_in_user()
    offer = queries.get_offer_for(user, offer_id)
    if not policies.can_edit_offer(user, offer):
        abort(403)
    return offer


def step_url(offer, step: str, **values) -> str:
    if step == "tasks":
        return url_for("offers.tasks", offer_id=offer.id, **values)
    return url_for("offers.step", offer_id=offer.id, step=step, **values)


def tasks_url(offer, return_to: str | None = None) -> str:
    return url_for("offers.tasks", offer_id=offer.id, return_to=return_to or None)


def wizard_context(offer, step: str) -> dict[str, Any]:
    # The coordinator's standing comments come from the template global offer_comments(offer) (review registers it).
    return {"offer": offer, "step": step, "steps": F.STEPS, "step_url": step_url, "status_labels": F.STATUS_LABELS}


# A session that ended before Continue


def employer_form(view):
    """An employer's form screen that keeps what was typed if the session ended before Continue.

    An anonymous POST (the session expired) is stashed server-side and the person is sent to
    sign in with `next` pointing back to this screen and the stash's key; the screen then shows
    what they typed (a GET only reads the stash). The next signed-in POST of the screen uses
    the stash up. CSRFProtect cannot check such a POST (the token lived in the lost session),
    so it is exempt here and the form's own CSRF field is checked before anything is saved.
    """

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            if request.method != "POST":
                return login_manager.unauthorized()
            return stash_and_sign_in(kwargs["offer_id"])
        if current_user.role != Role.EMPLOYER:
            abort(403)
        if request.method == "POST":
            resume.discard_stashed_forms(request.cookies.get(resume.RESUME_COOKIE), request.path)
            return view(*args, **kwargs)
        return mark_editing(make_response(view(*args, **kwargs)), kwargs["offer_id"])

    csrf.exempt(wrapper)
    return wrapper


# Which offers this browser was editing: a signed cookie set when a signed-in employer opened one
# of its screens, so that a post after the session ended may be kept for that offer and no other.


def _editing_signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="brygga-offer-editing")


def _offers_being_edited() -> list[int]:
    value = request.cookies.get(EDITING_COOKIE)
    if not value:
        return []
    try:
        offer_ids = _editing_signer().loads(value, max_age=resume.RESUME_HOURS * 3600)
    except BadSignature:
        return []
    return [i for i in offer_ids if isinstance(i, int)] if isinstance(offer_ids, list) else []


def mark_editing(response, offer_id: int):
    if response.status_code == 200:
        offer_ids = [i for i in _offers_being_edited() if i != offer_id][-(EDITING_MARKS - 1) :] + [offer_id]
        response.set_cookie(
            EDITING_COOKIE,
            _editing_signer().dumps(offer_ids),
            max_age=resume.RESUME_HOURS * 3600,
            path="/offers",
            httponly=True,
            samesite="Lax",
            secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        )
    return response


# Anonymous posts write a stash row each: a few per client address, shared by every screen.
@limiter.shared_limit(setting("FORM_STASH_RATE_LIMIT"), scope="form-stash")
def stash_and_sign_in(offer_id: int):
    """Keep what was typed for an offer this browser was editing, up to resume.STASH_MAX_BYTES; then sign in."""
    sign_in = redirect(url_for("accounts.sign_in", next=request.path), 303)
    if offer_id not in _offers_being_edited() or not queries.offer_exists(offer_id):
        flash(_("You had been signed out, so nothing was saved. Sign in again and fill in the page."), "info")
        return sign_in
    if (request.content_length or 0) > resume.STASH_MAX_BYTES:
        return stash_too_large()
    data = {key: values for key, values in request.form.lists() if key != "csrf_token"}
    if resume.stash_size(data) > resume.STASH_MAX_BYTES:
        return stash_too_large()
    key, cookie = resume.stash_form(request.path, data)
    flash(_("You had been signed out, so nothing was saved yet. Sign in again and what you typed will be back on the page."), "info")
    response = redirect(url_for("accounts.sign_in", next=f"{request.path}?resume={key}"), 303)
    return resume.keep_resume_cookie(response, cookie)


def stash_too_large():
    return render_error(
        413,
        _("What you typed is too long to keep"),
        _("You had been signed out, and the page held more text than the portal keeps for you. Sign in again and write a shorter text."),
    )


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


def too_long(form) -> list:
    """The fields whose text is over their maximum (checked before anything else reads it)."""
    return [
        field
        for field in form
        if any(isinstance(v, NotTooLong) and len(field.data or "") > v.maximum for v in field.validators)
    ]


def autosave_screen(form, save):
    """Save what can be saved of an autosave; one text over its maximum refuses the whole autosave (422)."""
    refused = too_long(form)
    if refused:
        return render("offers/_autosaved.html", refused=refused, saved_at=None, signed_out=False, flags={}, status=422)
    save(savable(form, answer_names(form)))
    return autosaved(form)


def autosaved(form):
    names = F.TASK_WORDING_FIELDS if isinstance(form, TaskForm) else F.WORDING_FIELDS
    flags = {name: F.field_issues(form[name]) for name in names if name in form}
    return render(
        "offers/_autosaved.html",
        saved_at=format_time(now(), "HH:mm"),
        signed_out=False,
        flags=flags,
        locale=get_locale(),
    )


# Forms of a screen


def resumed_formdata() -> MultiDict | None:
    key = request.args.get("resume")
    if not key:
        return None
    data = resume.stashed_form(key, request.cookies.get(resume.RESUME_COOKIE), request.path)
    if data is None:
        return None
    return MultiDict([(name, value) for name, values in data.items() for value in values])


def open_screen_form(form_class, record=None):
    """The form for a GET: what was typed before the session expired, else the stored answers; and whether it was resumed."""
    formdata = resumed_formdata()
    if formdata is not None:
        return form_class(formdata=formdata), True
    form = form_class(data=form_values(record, answer_names(form_class())) if record is not None else None)
    form.return_to.data = request.args.get("return_to", "")
    return form, False


def posted_form(form_class):
    form = form_class()
    form.validate()
    return form


def save_screen(form, save) -> bool:
    """Store what can be stored of a posted screen with `save(values)`; True when the screen was complete.

    A screen sent back with errors (422) still keeps what it stored: a draft is never lost. The
    unit of work rolls a refused answer back unless told to keep it, so this tells it.
    """
    if csrf_failed(form):
        return False
    save(savable(form, answer_names(form)))
    if form.errors:
        keep_changes_of_refused_page()  # a draft never loses what was typed
        return False
    return True


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


def has_answers(values: dict[str, Any]) -> bool:
    return any(value not in (None, "", []) for value in values.values())


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
