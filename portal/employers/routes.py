"""Employers: the public start page and registration, e-mail confirmation, vetting, colleagues."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.accounts import policies as account_policies
from portal.accounts.models import Role, User
from portal.accounts.routes import page_for_switched_off_account
from portal.accounts.services import normalise_email
from portal.accounts.sessions import end_session
from portal.accounts.sign_in_limits import link_limits, mail_link_limits
from portal.employers import policies, queries, services
from portal.employers.forms import (
    KIND_NAMES,
    ApproveForm,
    ConfirmEmailForm,
    InviteColleagueForm,
    JoinAnswerForm,
    LeaveForm,
    RegistrationForm,
    RejectForm,
    ResendConfirmationForm,
)
from portal.employers.registration_limits import registration_limits
from portal.employers.states import VettingStatus
from portal.errors import FieldError
from portal.reference.sni import is_section, section_name
from portal.web.authorization import roles_required, signed_in_user
from portal.web.forms import show_field_error
from portal.web.rate_limits import limited_by
from portal.web.rendering import render

bp = Blueprint("employers", __name__)

STATUS_NAMES = {
    VettingStatus.UNCONFIRMED: _l("E-mail not confirmed"),
    VettingStatus.PENDING: _l("Waiting for review"),
    VettingStatus.APPROVED: _l("Approved"),
    VettingStatus.REJECTED: _l("Not approved"),
}

HISTORY_NAMES = {
    "organisation.registered": _l("Registered"),
    "organisation.pending": _l("E-mail address confirmed, waiting for review"),
    "organisation.approved": _l("Approved"),
    "organisation.rejected": _l("Not approved"),
    "organisation.join_requested": _l("Someone asked to join"),
    "organisation.member_left": _l("A user left the organisation"),
    "organisation.join_request_dismissed": _l("A request to join was set aside"),
    "organisation.removed": _l("Removed, with every user; the offers stay de-identified"),
}


@bp.app_context_processor
def employer_labels():
    """Names of history entries and industries in the current language, for pages and e-mails."""

    def industry_name(code: str) -> str:
        return section_name(code, get_locale() or "sv") if code and is_section(code) else ""

    return {"history_names": HISTORY_NAMES, "industry_name": industry_name}


@bp.app_template_filter("organisation_kind_name")
def organisation_kind_name(kind) -> str:
    return str(KIND_NAMES[kind])


@bp.app_template_filter("vetting_status_name")
def vetting_status_name(status: VettingStatus) -> str:
    return str(STATUS_NAMES[status])


# Public: start page, registration, confirmation


@page_for_switched_off_account
def confirm_your_address_first(user: User):
    """A registrant's right password before the address is confirmed: say so, and offer a new link."""
    if not services.awaits_confirmation(user):
        return None
    resend = ResendConfirmationForm(formdata=None, data={"email": user.email})
    return render("employers/confirm_first.html", email=user.email, form=resend)


@bp.get("/offer-a-placement")
def start():
    return render("employers/start.html")


@bp.route("/offer-a-placement/register", methods=["GET", "POST"])
@limited_by(registration_limits)
def register():
    if current_user.is_authenticated:
        return redirect(url_for("site.dashboard"))
    form = RegistrationForm()
    if form.validate_on_submit():
        try:
            services.register_organisation(form.details(language=str(get_locale() or "sv")))
        except FieldError as error:
            show_field_error(form, error)
        else:
            # The same page whether or not the address or the number was known (the e-mail says which).
            session["registered_email"] = normalise_email(form.email.data)
            return redirect(url_for("employers.registered"), 303)
    return render("employers/register.html", form=form, status=422 if form.errors else 200)


@bp.get("/offer-a-placement/check-your-email")
def registered():
    return render(
        "employers/registered.html",
        email=session.get("registered_email"),
        hours=services.CONFIRMATION_HOURS,
        form=ResendConfirmationForm(formdata=None, data={"email": session.get("registered_email", "")}),
    )


@bp.route("/offer-a-placement/confirm/<token>", methods=["GET", "POST"])
@limited_by(link_limits)
def confirm_email(token: str):
    confirmation = services.usable_confirmation(token)
    if confirmation is None:
        return render("employers/link_not_valid.html", hours=services.CONFIRMATION_HOURS, status=404)
    form = ConfirmEmailForm()
    if form.validate_on_submit():
        services.confirm_email(confirmation)
        flash(_("Thank you, your e-mail address is confirmed. Sign in to continue."), "success")
        return redirect(url_for("accounts.sign_in"), 303)
    return render("employers/confirm_email.html", form=form, confirmation=confirmation)


@bp.route("/offer-a-placement/new-link", methods=["GET", "POST"])
@limited_by(mail_link_limits)
def resend_confirmation():
    form = ResendConfirmationForm()
    if form.validate_on_submit():
        services.resend_confirmation(form.email.data)
        return render("employers/link_sent.html", email=form.email.data, hours=services.CONFIRMATION_HOURS)
    return render("employers/resend_confirmation.html", form=form, status=422 if form.errors else 200)


# The coordinator's vetting


@bp.get("/organisations")
@roles_required(Role.COORDINATOR)
def queue():
    return render(
        "employers/queue.html",
        queue=queries.vetting_queue(),
        others=queries.decided_and_unconfirmed(),
    )


@bp.get("/organisations/<int:organisation_id>")
@roles_required(Role.EMPLOYER, Role.COORDINATOR)
def detail(organisation_id: int):
    return _render_detail(queries.organisation_for(current_user, organisation_id))


def _render_detail(organisation, *, approve_form=None, reject_form=None, status: int = 200):
    user = signed_in_user()
    coordinator = policies.can_vet_organisations(user)
    members = queries.members(organisation)
    return render(
        "employers/detail.html",
        organisation=organisation,
        standing=organisation.standing,
        shows_queue_link=coordinator,
        full_number=policies.can_see_full_organisation_number(user),
        members=members,
        switchable={member.id for member in members if account_policies.can_switch_off_account(user, member)},
        invitations=queries.open_invitations(organisation),
        history=queries.history(organisation) if coordinator else [],
        waited=queries.waited_working_days(organisation.pending_since),
        can_decide=policies.can_decide_on_organisation(user, organisation),
        can_invite=policies.can_invite_colleagues(user, organisation),
        can_leave=policies.can_leave_organisation(user, organisation),
        approve_form=approve_form or ApproveForm(formdata=None),
        reject_form=reject_form or RejectForm(formdata=None),
        status=status,
    )


def _already_decided(organisation):
    flash(_("%(organisation)s has already been decided on.", organisation=organisation.name), "info")
    return redirect(url_for("employers.detail", organisation_id=organisation.id), 303)


@bp.post("/organisations/<int:organisation_id>/approve")
@roles_required(Role.COORDINATOR)
def approve(organisation_id: int):
    organisation = queries.organisation_for(current_user, organisation_id)
    if not policies.can_decide_on_organisation(signed_in_user(), organisation):
        return _already_decided(organisation)
    if not ApproveForm().validate_on_submit():
        abort(400)
    services.approve_organisation(organisation, coordinator=signed_in_user())
    flash(_("%(organisation)s is approved. Its users have been told by e-mail.", organisation=organisation.name), "success")
    return redirect(url_for("employers.queue"), 303)


@bp.post("/organisations/<int:organisation_id>/reject")
@roles_required(Role.COORDINATOR)
def reject(organisation_id: int):
    organisation = queries.organisation_for(current_user, organisation_id)
    if not policies.can_decide_on_organisation(signed_in_user(), organisation):
        return _already_decided(organisation)
    form = RejectForm()
    if form.validate_on_submit():
        try:
            services.reject_organisation(organisation, coordinator=signed_in_user(), reason=form.reason.data)
        except FieldError as error:
            show_field_error(form, error)
        else:
            flash(_("%(organisation)s is not approved. Its users have been told why by e-mail.", organisation=organisation.name), "success")
            return redirect(url_for("employers.queue"), 303)
    return _render_detail(organisation, reject_form=form, status=422)


# Colleagues


@bp.route("/organisations/<int:organisation_id>/invite", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER)
def invite(organisation_id: int):
    organisation = queries.organisation_for(current_user, organisation_id)
    if not policies.can_invite_colleagues(signed_in_user(), organisation):
        abort(403)
    form = InviteColleagueForm(data={"language": str(get_locale() or "sv")})
    if form.validate_on_submit():
        try:
            services.invite_colleague(inviter=signed_in_user(), organisation=organisation, **form.invitation_details())
        except FieldError as error:
            show_field_error(form, error)
        else:
            flash(_("The invitation has been sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for("employers.detail", organisation_id=organisation.id), 303)
    return invite_page(organisation, form, status=422 if form.errors else 200)


def invite_page(organisation, form, status: int = 200):
    return render(
        "employers/invite.html",
        form=form,
        organisation=organisation,
        join_requests=services.open_join_requests(organisation),
        answer_form=JoinAnswerForm(formdata=None),
        status=status,
    )


@bp.post("/organisations/<int:organisation_id>/join-requests/<int:join_request_id>")
@roles_required(Role.EMPLOYER)
def answer_join_request(organisation_id: int, join_request_id: int):
    organisation = queries.organisation_for(current_user, organisation_id)
    if not policies.can_invite_colleagues(signed_in_user(), organisation):
        abort(403)
    join_request = queries.open_join_request_of(organisation, join_request_id)
    form = JoinAnswerForm()
    if not form.validate():
        return invite_page(organisation, InviteColleagueForm(formdata=None), status=422)
    try:
        services.answer_join_request(signed_in_user(), join_request, invite=form.invites(), language=str(get_locale() or "sv"))
    except FieldError as error:
        flash(error.message, "error")
        return redirect(url_for("employers.invite", organisation_id=organisation.id), 303)
    if form.invites():
        flash(_("The invitation has been sent to %(email)s.", email=join_request.email), "success")
    else:
        flash(_("The request to join has been set aside."), "success")
    return redirect(url_for("employers.invite", organisation_id=organisation.id), 303)


@bp.route("/organisations/<int:organisation_id>/leave", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER)
def leave(organisation_id: int):
    organisation = queries.organisation_for(current_user, organisation_id)
    if not policies.can_leave_organisation(signed_in_user(), organisation):
        abort(403)
    form = LeaveForm()
    if form.validate_on_submit():
        try:
            services.leave_organisation(signed_in_user())
        except FieldError as error:
            show_field_error(form, error)
        else:
            end_session()
            flash(_("You have left %(organisation)s and your account is closed.", organisation=organisation.name), "success")
            return redirect(url_for("site.home"), 303)
    return render("employers/leave.html", form=form, organisation=organisation, status=422 if form.errors else 200)
