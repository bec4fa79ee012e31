"""The caseload: list, register, open, edit, pause/resume/end, move to another consultant.

Every page that shows participant data writes an audit row before it is rendered.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import Role
from portal.errors import FieldError
from portal.extensions import db
from portal.participants import policies, queries, services
from portal.participants.forms import ChangeStatusForm, ParticipantForm, ReassignForm
from portal.participants.states import Outcome, ParticipantStatus
from portal.web.authorization import roles_required
from portal.web.forms import show_field_error
from portal.web.rendering import render

bp = Blueprint("participants", __name__, url_prefix="/participants")


@bp.context_processor
def participant_labels():
    from portal.participants import fields
    from portal.reference.areas import area_name

    return {
        "labels": fields,
        "area_name": area_name,
        "status_names": fields.STATUS_LABELS,
        "outcome_names": fields.OUTCOME_LABELS,
    }

STAFF = (Role.CONSULTANT, Role.COORDINATOR)


def _user():
    return current_user._get_current_object()


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else None


@bp.get("")
@roles_required(*STAFF)
def index():
    status = request.args.get("status", "")
    status_filter = ParticipantStatus(status) if status in {s.value for s in ParticipantStatus} else None
    consultant_id = _int_arg("consultant") if current_user.role == Role.COORDINATOR else None
    page = queries.caseload_page(
        _user(), page=_int_arg("page") or 1, status=status_filter, consultant_id=consultant_id
    )
    services.record_caseload_view(page.participants, actor=_user(), page=page.page)
    db.session.commit()
    return render(
        "participants/index.html",
        caseload=page,
        status=status_filter,
        consultant_id=consultant_id,
        consultants=queries.active_consultants() if current_user.role == Role.COORDINATOR else [],
    )


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.CONSULTANT)
def new():
    form = ParticipantForm()
    if form.validate_on_submit():
        try:
            participant = services.register_participant(_user(), form.details())
        except FieldError as error:
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("%(name)s is now in your caseload.", name=participant.name), "success")
            return redirect(url_for("participants.detail", participant_id=participant.id), 303)
    return render("participants/form.html", form=form, participant=None, status=422 if form.errors else 200)


def _detail_page(participant, *, status_form=None, status: int = 200):
    services.record_participant_view(participant, actor=_user())
    db.session.commit()
    user = _user()
    return render(
        "participants/detail.html",
        participant=participant,
        status_form=status_form or ChangeStatusForm(formdata=None),
        moves=services.manual_moves(participant) if policies.can_edit_participant(user, participant) else [],
        can_edit=policies.can_edit_participant(user, participant),
        can_reassign=policies.can_reassign_participant(user, participant),
        status=status,
    )


@bp.get("/<int:participant_id>")
@roles_required(*STAFF)
def detail(participant_id: int):
    participant = queries.get_participant_or_404(_user(), participant_id)
    return _detail_page(participant)


@bp.route("/<int:participant_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(participant_id: int):
    participant = queries.get_participant_or_404(_user(), participant_id)
    if not policies.can_edit_participant(_user(), participant):
        abort(403)
    form = ParticipantForm(data=ParticipantForm.data_of(participant) if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.update_participant(participant, form.details(), actor=_user())
        except FieldError as error:
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("The changes have been saved."), "success")
            return redirect(url_for("participants.detail", participant_id=participant.id), 303)
    # The form shows the record's data, so opening it is a view too.
    services.record_participant_view(participant, actor=_user(), page="edit")
    db.session.commit()
    return render(
        "participants/form.html", form=form, participant=participant, status=422 if form.errors else 200
    )


@bp.post("/<int:participant_id>/status")
@roles_required(*STAFF)
def change_status(participant_id: int):
    participant = queries.get_participant_or_404(_user(), participant_id)
    form = ChangeStatusForm()
    if not form.validate():
        abort(400)
    target = ParticipantStatus(form.to.data)
    if not policies.can_change_status(_user(), participant, target):
        abort(403)
    try:
        services.change_status(
            participant,
            target,
            actor=_user(),
            outcome=Outcome(form.outcome.data) if form.outcome.data else None,
        )
    except FieldError as error:
        show_field_error(form, error)
        db.session.rollback()
        return _detail_page(participant, status_form=form, status=422)
    db.session.commit()
    messages = {
        ParticipantStatus.ACTIVE: _("%(name)s is active again.", name=participant.name),
        ParticipantStatus.PAUSED: _("%(name)s is paused and is not matched until you resume.", name=participant.name),
        ParticipantStatus.ENDED: _("The participation of %(name)s has ended.", name=participant.name),
    }
    flash(messages[target], "success")
    return redirect(url_for("participants.detail", participant_id=participant.id), 303)


@bp.route("/<int:participant_id>/consultant", methods=["GET", "POST"])
@roles_required(*STAFF)
def reassign(participant_id: int):
    participant = queries.get_participant_or_404(_user(), participant_id)
    if not policies.can_reassign_participant(_user(), participant):
        abort(403)
    consultants = [c for c in queries.active_consultants() if c.id != participant.consultant_id]
    form = ReassignForm(consultants)
    if form.validate_on_submit():
        chosen = next((c for c in consultants if str(c.id) == form.consultant.data), None)
        try:
            if chosen is None:
                raise FieldError("consultant", _("Choose the consultant who takes over"))
            services.reassign_participant(participant, chosen, actor=_user())
        except FieldError as error:
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("%(name)s now belongs to %(consultant)s.", name=participant.name, consultant=chosen.name), "success")
            return redirect(url_for("participants.detail", participant_id=participant.id), 303)
    services.record_participant_view(participant, actor=_user(), page="reassign")
    db.session.commit()
    return render(
        "participants/reassign.html", form=form, participant=participant, status=422 if form.errors else 200
    )
