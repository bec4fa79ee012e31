"""Sign-in, sign-out, invitations and passwords."""

from __future__ import annotations

from collections.abc import Callable

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.accounts import policies, services
from portal.accounts.browsers import browser_name
from portal.accounts.forms import (
    AcceptInvitationForm,
    ChangePasswordForm,
    ForgotPasswordForm,
    InviteStaffForm,
    SetPasswordForm,
    SignInForm,
)
from portal.accounts.models import Role, User
from portal.accounts.second_factor_routes import hold_for_second_factor
from portal.accounts.sessions import end_session, session_times, start_session
from portal.accounts.sign_in_limits import (
    link_limits,
    mail_link_limits,
    remember_browser,
    sign_in_limits,
)
from portal.errors import FieldError
from portal.web.authorization import roles_required, signed_in_user
from portal.web.forms import show_field_error
from portal.web.rate_limits import limited_by
from portal.web.rendering import render
from portal.web.safe_urls import local_path_or

bp = Blueprint("accounts", __name__)

SwitchedOffPage = Callable[[User], Response | None]

bp.add_app_template_filter(browser_name, "browser_name")

# Domains above accounts that keep an account switched off until its owner does something
# (employers: until the registrant confirms the e-mail address) register here the page that
# says what to do. Asked only when the password was right; the first page given wins.
_switched_off_pages: list[SwitchedOffPage] = []


def page_for_switched_off_account(page: SwitchedOffPage) -> SwitchedOffPage:
    """Register `page(user)`: what to show a person whose right password opened a switched-off account."""
    _switched_off_pages.append(page)
    return page


def _page_for_switched_off(user: User | None) -> Response | None:
    if user is None:
        return None
    for page in _switched_off_pages:
        answer = page(user)
        if answer is not None:
            return answer
    return None


def _start_session(user: User, *, new_sign_in: bool = True) -> None:
    start_session(user)
    if new_sign_in:
        services.record_sign_in(user, address=request.remote_addr or "", browser=request.user_agent.string)


def _signed_in(user: User, message: str, *, new_sign_in: bool = True):
    held = hold_for_second_factor(user, url_for("site.dashboard"))
    if held is None:
        _start_session(user, new_sign_in=new_sign_in)
    flash(message, "success")
    return held or redirect(url_for("site.dashboard"), 303)


@page_for_switched_off_account
def switched_off_by_the_coordinator(user: User):
    """A right password for an account a coordinator switched off: say so, and whom to ask."""
    if user.deactivated_at is None:
        return None
    return render("accounts/switched_off.html", status=403)


@bp.route("/sign-in", methods=["GET", "POST"])
@limited_by(sign_in_limits)
def sign_in():
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("site.dashboard"))
    form = SignInForm(data={"next": request.args.get("next", "")})
    if form.validate_on_submit():
        attempt = services.attempt_sign_in(form.email.data, form.password.data)
        if attempt.user is not None:
            next_path = local_path_or(form.next.data, url_for("site.dashboard"))
            # Staff are not signed in yet: a second step asks for the code (second_factor_routes).
            held = hold_for_second_factor(attempt.user, next_path)
            if held is None:
                _start_session(attempt.user)
            # The right password makes this browser known to the account's sign-in limit.
            return remember_browser(held or redirect(next_path, 303), attempt.user)
        switched_off = _page_for_switched_off(attempt.switched_off)
        if switched_off is not None:
            return switched_off
        form.form_errors.append(_("The e-mail address or the password is not right."))
        form.password.errors = [_("Check the e-mail address and the password.")]
    return render("accounts/sign_in.html", form=form, status=422 if form.errors else 200)


@bp.post("/sign-out")
@login_required
def sign_out():
    services.sign_out(signed_in_user())
    end_session()
    flash(_("You have signed out."), "success")
    return redirect(url_for("site.home"), 303)


@bp.route("/password/forgot", methods=["GET", "POST"])
@limited_by(mail_link_limits)
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        return render("accounts/forgot_password_sent.html", email=form.email.data)
    return render("accounts/forgot_password.html", form=form, status=422 if form.errors else 200)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limited_by(link_limits)
def reset_password(token: str):
    reset = services.usable_password_reset(token)
    if reset is None:
        return render("accounts/link_not_valid.html", status=404)
    form = SetPasswordForm()
    form.account_email = reset.user.email
    if form.validate_on_submit():
        user = services.complete_password_reset(reset, form.password.data)
        return _signed_in(user, _("Your password has been changed. Every other session has been signed out."))
    return render("accounts/reset_password.html", form=form, status=422 if form.errors else 200)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@limited_by(link_limits)
def accept_invitation(token: str):
    invitation = services.usable_invitation(token)
    if invitation is None:
        return render("accounts/link_not_valid.html", status=404)
    form = AcceptInvitationForm(data={"name": invitation.name})
    form.account_email = invitation.email
    if form.validate_on_submit():
        try:
            user = services.accept_invitation(invitation, name=form.name.data, password=form.password.data)
        except FieldError as error:
            show_field_error(form, error)
        else:
            return _signed_in(user, _("Welcome to Brygga! Your account is ready."))
    return render("accounts/accept_invitation.html", form=form, invitation=invitation, status=422 if form.errors else 200)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    form.account_email = current_user.email
    if form.validate_on_submit():
        try:
            services.change_password(signed_in_user(), form.current_password.data, form.password.data)
        except FieldError as error:
            show_field_error(form, error)
        else:
            return _signed_in(signed_in_user(), _("Your password has been changed. Every other session has been signed out."), new_sign_in=False)
    return render("accounts/change_password.html", form=form, status=422 if form.errors else 200)


@bp.route("/staff", methods=["GET", "POST"])
@roles_required(Role.COORDINATOR)
def staff():
    form = InviteStaffForm()
    if form.validate_on_submit():
        try:
            services.invite_user(inviter=signed_in_user(), **form.invitation_details())
        except FieldError as error:
            show_field_error(form, error)
        else:
            flash(_("The invitation has been sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for("accounts.staff"), 303)
    staff, invitations = services.staff_members(), services.pending_invitations()
    switchable = {member.id for member in staff if policies.can_switch_off_account(signed_in_user(), member)}
    return render("accounts/staff.html", form=form, staff=staff, invitations=invitations, switchable=switchable, status=422 if form.errors else 200)


@bp.post("/session/keep-alive")
@login_required
def keep_alive():
    """Stay signed in: the request itself is the activity. Script asks for JSON; a plain form goes back."""
    times = session_times(current_user)
    if request.accept_mimetypes.best == "application/json":
        return jsonify(seconds_left=times.seconds_left() if times else 0, final=bool(times and times.final))
    flash(_("You are still signed in."), "success")
    return redirect(local_path_or(request.form.get("next"), url_for("site.dashboard")), 303)


@bp.get("/session/status")
def session_status():
    """How long this session has left, without counting as activity (another tab may have kept it going)."""
    times = session_times(current_user) if current_user.is_authenticated else None
    return jsonify(seconds_left=times.seconds_left() if times else 0, final=bool(times is None or times.final))


@bp.get("/account/sign-ins")
@login_required
def sign_ins():
    return render("accounts/sign_ins.html", sign_ins=services.recent_sign_ins(signed_in_user()), kept=services.SIGN_INS_KEPT)


def _account_to_switch(user_id: int) -> User:
    user = services.staff_or_employer_user(user_id)
    if user is None:
        abort(404)
    if not policies.can_switch_off_account(signed_in_user(), user):
        abort(403)
    return user


@bp.post("/accounts/<int:user_id>/deactivate")
@roles_required(Role.COORDINATOR)
def deactivate(user_id: int):
    user = _account_to_switch(user_id)
    services.deactivate_user(user, coordinator=signed_in_user())
    flash(_("%(name)s's account is switched off; every session of it has ended.", name=user.name), "success")
    return redirect(local_path_or(request.form.get("next"), url_for("accounts.staff")), 303)


@bp.post("/accounts/<int:user_id>/reactivate")
@roles_required(Role.COORDINATOR)
def reactivate(user_id: int):
    user = _account_to_switch(user_id)
    services.reactivate_user(user, coordinator=signed_in_user())
    flash(_("%(name)s's account is switched on again.", name=user.name), "success")
    return redirect(local_path_or(request.form.get("next"), url_for("accounts.staff")), 303)
