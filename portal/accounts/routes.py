"""Sign-in, sign-out, invitations and passwords."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from portal.accounts import services
from portal.accounts.forms import (
    AcceptInvitationForm,
    ChangePasswordForm,
    ForgotPasswordForm,
    InviteStaffForm,
    SetPasswordForm,
    SignInForm,
)
from portal.accounts.models import Role
from portal.employers.forms import ResendConfirmationForm
from portal.employers.services import registrant_awaiting_confirmation
from portal.errors import FieldError
from portal.extensions import db, limiter
from portal.web.authorization import roles_required
from portal.web.forms import show_field_error
from portal.web.rendering import render
from portal.web.safe_urls import local_path_or

bp = Blueprint("accounts", __name__)


def _start_session(user) -> None:
    # A fresh session at sign-in: nothing from before (fixation) survives, except the language.
    language = session.get("language")
    session.clear()
    if language:
        session["language"] = language
    login_user(user)
    session.permanent = True


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def sign_in():
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("accounts.dashboard"))
    form = SignInForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            db.session.commit()
            _start_session(user)
            return redirect(local_path_or(form.next.data, url_for("accounts.dashboard")), 303)
        waiting = registrant_awaiting_confirmation(form.email.data, form.password.data)
        if waiting is not None:
            # The right password, but the address is not confirmed yet: say so, and offer a new link.
            resend = ResendConfirmationForm(formdata=None, data={"email": waiting.email})
            return render("employers/confirm_first.html", email=waiting.email, form=resend)
        form.form_errors.append(_("The e-mail address or the password is not right."))
        form.password.errors = [_("Check the e-mail address and the password.")]
    return render("accounts/sign_in.html", form=form, status=422 if form.errors else 200)


@bp.post("/sign-out")
@login_required
def sign_out():
    services.sign_out(current_user._get_current_object())
    db.session.commit()
    logout_user()
    language = session.get("language")
    session.clear()
    if language:
        session["language"] = language
    flash(_("You have signed out."), "success")
    return redirect(url_for("web.home"), 303)


@bp.get("/dashboard")
@login_required
def dashboard():
    return render("accounts/dashboard.html")


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        return render("accounts/forgot_password_sent.html", email=form.email.data)
    return render("accounts/forgot_password.html", form=form, status=422 if form.errors else 200)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    reset = services.usable_password_reset(token)
    if reset is None:
        return render("accounts/link_not_valid.html", status=404)
    form = SetPasswordForm()
    form.account_email = reset.user.email
    if form.validate_on_submit():
        user = services.complete_password_reset(reset, form.password.data)
        db.session.commit()
        _start_session(user)
        flash(_("Your password has been changed. Every other session has been signed out."), "success")
        return redirect(url_for("accounts.dashboard"), 303)
    return render("accounts/reset_password.html", form=form, status=422 if form.errors else 200)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    invitation = services.usable_invitation(token)
    if invitation is None:
        return render("accounts/link_not_valid.html", status=404)
    form = AcceptInvitationForm(data={"name": invitation.name} if request.method == "GET" else None)
    form.account_email = invitation.email
    if form.validate_on_submit():
        try:
            user = services.accept_invitation(invitation, name=form.name.data, password=form.password.data)
        except FieldError as error:
            show_field_error(form, error)
        else:
            db.session.commit()
            _start_session(user)
            flash(_("Welcome to Brygga! Your account is ready."), "success")
            return redirect(url_for("accounts.dashboard"), 303)
    return render(
        "accounts/accept_invitation.html", form=form, invitation=invitation, status=422 if form.errors else 200
    )


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    form.account_email = current_user.email
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            services.change_password(user, form.current_password.data, form.password.data)
        except FieldError as error:
            show_field_error(form, error)
        else:
            db.session.commit()
            _start_session(user)
            flash(_("Your password has been changed. Every other session has been signed out."), "success")
            return redirect(url_for("accounts.dashboard"), 303)
    return render("accounts/change_password.html", form=form, status=422 if form.errors else 200)


@bp.route("/staff", methods=["GET", "POST"])
@roles_required(Role.COORDINATOR)
def staff():
    form = InviteStaffForm()
    if form.validate_on_submit():
        try:
            services.invite_user(
                inviter=current_user._get_current_object(),
                email=form.email.data,
                name=form.name.data,
                role=Role(form.role.data),
                language=form.language.data,
            )
        except FieldError as error:
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("The invitation has been sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for("accounts.staff"), 303)
    return render(
        "accounts/staff.html",
        form=form,
        staff=services.staff_members(),
        invitations=services.pending_invitations(),
        status=422 if form.errors else 200,
    )
