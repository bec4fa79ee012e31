"""The second step of a staff sign-in, enrolling an authenticator, and a coordinator's reset.

After the password a coordinator or consultant is not signed in: the session holds a pending
sign-in, and every page but these (and the sign-in page, the language switch, static files and
the health check) sends the person to the code step, or to enrolment if the account has no
second factor yet. Only a right code starts the session (`start_session(second_factor_passed=True)`);
the user loader refuses a staff session without that mark.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    flash,
    make_response,
    redirect,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts import second_factor, services, totp
from portal.accounts.forms import (
    EnrolSecondFactorForm,
    ResetSecondFactorForm,
    SecondFactorCodeForm,
)
from portal.accounts.models import Role, User
from portal.accounts.policies import can_reset_second_factor
from portal.accounts.sessions import (
    begin_pending_sign_in,
    end_pending_sign_in,
    pending_sign_in,
    pending_user_matches,
    signed_in_as,
    start_session,
)
from portal.errors import FieldError
from portal.extensions import db
from portal.web.authorization import roles_required, signed_in_user
from portal.web.forms import refused, show_field_error
from portal.web.rendering import render, wants_fragment
from portal.web.unit_of_work import keep_changes_of_refused_page

bp = Blueprint("second_factor", __name__)

# What a person between the password and the second factor may still open.
OPEN_WHILE_PENDING = frozenset(
    {
        "second_factor.code",
        "second_factor.enrol",
        "second_factor.cancel",
        "accounts.sign_in",
        "site.change_language",
        "site.healthz",
        "static",
    }
)


def hold_for_second_factor(user: User, next_path: str) -> Response | None:
    """After a right password: for staff whose session has not passed the second factor, hold the
    sign-in and send them to the code step (or to enrolment); None when no second step is needed."""
    if not second_factor.required_for(user) or signed_in_as(user):
        return None
    begin_pending_sign_in(user, next_path)
    return redirect(_step_for(user), 303)


def _step_for(user: User) -> str:
    return url_for("second_factor.code" if second_factor.is_enrolled(user) else "second_factor.enrol")


def _pending_user() -> tuple[User, str] | None:
    """The account whose password this browser gave, and where to go after, if still valid."""
    pending = pending_sign_in()
    if pending is None:
        return None
    user_id = str(pending.get("user", "")).partition(":")[0]
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    if user is None or not user.active or not pending_user_matches(pending, user) or not second_factor.required_for(user):
        end_pending_sign_in()
        return None
    return user, pending.get("next") or url_for("site.dashboard")


def _not_pending() -> Response:
    """Someone fully signed in goes home; someone who gave no password yet goes to sign in."""
    return redirect(url_for("site.dashboard" if current_user.is_authenticated else "accounts.sign_in"))


def init_second_factor(app: Flask) -> None:
    @app.before_request
    def hold_pending_sign_in_at_the_second_step():
        # Every route, htmx fragments and downloads included: one check for all of them.
        if request.endpoint in OPEN_WHILE_PENDING or pending_sign_in() is None:
            return None
        held = _pending_user()
        if held is None:
            return None
        target = _step_for(held[0])
        if wants_fragment():
            # A fragment request must not swap the step page into part of a page: htmx goes there.
            response = make_response("", 204)
            response.headers["HX-Redirect"] = target
            return response
        return redirect(target, 303)


def _record_sign_in(user: User) -> None:
    """A staff sign-in is complete only now, after the second step: this is when it is recorded."""
    services.record_sign_in(user, address=request.remote_addr or "", browser=request.user_agent.string)


@bp.route("/sign-in/code", methods=["GET", "POST"])
def code():
    held = _pending_user()
    if held is None:
        return _not_pending()
    user, next_path = held
    if not second_factor.is_enrolled(user):
        return redirect(url_for("second_factor.enrol"), 303)
    form = SecondFactorCodeForm()
    if form.validate_on_submit():
        if not refused(form, second_factor.check_code, user, form.code.data):
            start_session(user, second_factor_passed=True)
            _record_sign_in(user)
            return redirect(next_path, 303)
        keep_changes_of_refused_page()  # the wrong code is counted, and audited
        if second_factor.too_many_failures(user):
            end_pending_sign_in()
            flash(_("Too many wrong codes in a row. Sign in again with your password."), "error")
            return redirect(url_for("accounts.sign_in"), 303)
    return render("accounts/second_factor_code.html", form=form, status=422 if form.errors else 200)


@bp.route("/sign-in/second-factor", methods=["GET", "POST"])
def enrol():
    held = _pending_user()
    if held is None:
        return _not_pending()
    user, next_path = held
    if second_factor.is_enrolled(user):
        return redirect(url_for("second_factor.code"), 303)
    factor = second_factor.enrolment_in_progress(user)
    form = EnrolSecondFactorForm()
    if form.validate_on_submit():
        try:
            codes = second_factor.confirm_enrolment(user, form.code.data)
        except FieldError as error:
            show_field_error(form, error)
        else:
            start_session(user, second_factor_passed=True)
            _record_sign_in(user)
            response = render("accounts/recovery_codes.html", codes=codes, next_path=next_path)
            response.headers["Cache-Control"] = "no-store"
            return response
    response = render(
        "accounts/second_factor_enrol.html",
        form=form,
        qr_code=totp.qr_svg(totp.provisioning_uri(factor.secret, user.email), _("QR code for your authenticator app")),
        secret=totp.grouped(factor.secret),
        status=422 if form.errors else 200,
    )
    if form.errors:
        keep_changes_of_refused_page()  # the secret shown stays the one in the app
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/sign-in/cancel")
def cancel():
    end_pending_sign_in()
    return redirect(url_for("site.home"), 303)


@bp.route("/staff/<int:user_id>/second-factor", methods=["GET", "POST"])
@roles_required(Role.COORDINATOR)
def reset(user_id: int):
    colleague = second_factor.get_staff_member(user_id) or abort(404)
    if not can_reset_second_factor(signed_in_user(), colleague):
        abort(403)
    form = ResetSecondFactorForm()
    if form.validate_on_submit():
        second_factor.reset_second_factor(signed_in_user(), colleague)
        flash(_("%(name)s must set up a second factor again at the next sign-in.", name=colleague.name), "success")
        return redirect(url_for("accounts.staff"), 303)
    enrolled = second_factor.is_enrolled(colleague)
    return render("accounts/second_factor_reset.html", form=form, colleague=colleague, enrolled=enrolled)


@dataclass(frozen=True)
class SecondFactorOf:
    """What the staff list shows of a member's second factor."""

    enrolled: bool
    may_reset: bool


@bp.app_context_processor
def second_factor_for_the_staff_list() -> dict:
    def second_factor_of(member: User) -> SecondFactorOf:
        return SecondFactorOf(
            enrolled=second_factor.is_enrolled(member),
            may_reset=current_user.is_authenticated and can_reset_second_factor(signed_in_user(), member),
        )

    return {"second_factor_of": second_factor_of}
