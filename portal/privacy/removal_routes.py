"""Removing an employer's user (by the coordinator, or the person themself) and a whole organisation."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import Role, User
from portal.accounts.sessions import end_session
from portal.employers.queries import organisation_for
from portal.extensions import db
from portal.privacy import removal
from portal.privacy.removal_forms import RemovalForm
from portal.privacy.removal_policies import can_remove_employer_user, can_remove_organisation
from portal.web.authorization import roles_required, signed_in_user
from portal.web.forms import refused
from portal.web.rendering import render

bp = Blueprint("removal", __name__)


@bp.app_template_global()
def user_removal_url(user) -> str | None:
    if current_user.is_authenticated and can_remove_employer_user(current_user, user):
        return url_for("removal.remove_user", user_id=user.id)
    return None


@bp.app_template_global()
def organisation_removal_url(organisation) -> str | None:
    if current_user.is_authenticated and can_remove_organisation(current_user, organisation):
        return url_for("removal.remove_organisation", organisation_id=organisation.id)
    return None


def _user_for(actor: User, user_id: int) -> User:
    """An employer's account the caller may see: the coordinator sees every one, an employer only their own."""
    user = db.session.get(User, user_id)
    if user is None or user.role != Role.EMPLOYER or (actor.role != Role.COORDINATOR and user.id != actor.id):
        abort(404)
    return user


@bp.route("/accounts/<int:user_id>/remove", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER, Role.COORDINATOR)
def remove_user(user_id: int):
    actor = signed_in_user()
    user = _user_for(actor, user_id)
    if not can_remove_employer_user(actor, user):
        abort(403)
    form, yourself, organisation_id = RemovalForm(), user.id == actor.id, user.organisation_id
    if form.validate_on_submit() and not refused(form, removal.remove_employer_user, user, actor=actor, reason=form.reason.data or ""):
        if yourself:
            end_session()
            flash(_("Your account is removed. Your name, e-mail address and phone are no longer in Brygga."), "success")
            return redirect(url_for("site.home"), 303)
        flash(_("The account is removed. The organisation's offers stay, without the person's name or contact details."), "success")
        return redirect(url_for("employers.detail", organisation_id=organisation_id), 303)
    return render("privacy/remove_user.html", form=form, user=user, yourself=yourself, status=422 if form.errors else 200)


@bp.route("/organisations/<int:organisation_id>/remove", methods=["GET", "POST"])
@roles_required(Role.COORDINATOR)
def remove_organisation(organisation_id: int):
    actor = signed_in_user()
    organisation = organisation_for(actor, organisation_id)
    if not can_remove_organisation(actor, organisation):
        abort(403)
    form = RemovalForm()
    if form.validate_on_submit() and not refused(form, removal.remove_organisation, organisation, actor=actor, reason=form.reason.data or ""):
        flash(_("The organisation is removed. Its offers stay, without names or contact details of its people."), "success")
        return redirect(url_for("employers.detail", organisation_id=organisation.id), 303)
    return render("privacy/remove_organisation.html", form=form, organisation=organisation, status=422 if form.errors else 200)
