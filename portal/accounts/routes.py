"""Sign-in, sign-out, invitations and passwords."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.accounts import services
from portal.accounts.forms import (
    AcceptInvitationForm,
    ChangePasswordForm,
    ForgotPasswordForm,
    InviteStaffForm,
    SetPasswordForm,
    SignInForm,
)
from portal.accounts.models import Role, User
from portal.accounts.sessions import end_session, start_session
from portal.accounts.sign_in_limits import link_limits, mail_link_limits, remember_browser, sign_in_limits
from portal.errors import FieldError
from portal.web.authorization import roles_required, signed_in_user
from portal.web.forms import show_field_error
from portal.web.rate_limits import limited_by
from portal.web.rendering import render
from portal.web.safe_urls import local_path_or

bp = Blueprint("accounts", __name__)

SwitchedOffPage = Callable[[User], Response | None]

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


def _signed_in(user: User, message: str):
    start_session(user)
    flash(message, "success")
    return redirect(url_for("site.dashboard"), 303)


@bp.route("/sign-in", methods=["GET", "POST"])
@limited_by(sign_in_limits)
def sign_in():
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("site.dashboard"))
    form = SignInForm(data={"next": request.args.get("next", "")})
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            start_session(user)
            return remember_browser(redirect(local_path_or(form.next.data, url_for("site.dashboard")), 303), user)
        switched_off = _page_for_switched_off(services.switched_off_account(form.email.data, form.password.data))
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
            return _signed_in(signed_in_user(), _("Your password has been changed. Every other session has been signed out."))
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
    return render("accounts/staff.html", form=form, staff=staff, invitations=invitations, status=422 if form.errors else 200)
