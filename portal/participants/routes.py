"""The caseload: list, register, open, edit, pause/resume/end, move to another consultant.

Every page that shows participant data writes an audit row before it is rendered; a refused
page (422) keeps that row, while the refused change itself was undone in its savepoint.
The request commits once, after the view (portal/web/unit_of_work.py).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.accounts.models import Role
from portal.errors import FieldError
from portal.participants import fields, policies, queries, services
from portal.participants.forms import ChangeStatusForm, ParticipantForm, ReassignForm
from portal.participants.states import MANUAL_TARGETS, ParticipantStatus
from portal.reference.areas import area_name
from portal.web.authorization import roles_required, signed_in_user
from portal.web.forms import refused, show_field_error
from portal.web.query import arg_number
from portal.web.rendering import render
from portal.web.unit_of_work import keep_changes_of_refused_page

bp = Blueprint("participants", __name__, url_prefix="/participants")

STAFF = (Role.CONSULTANT, Role.COORDINATOR)

STATUS_CHANGED = {
    ParticipantStatus.ACTIVE: _l("%(name)s is active again."),
    ParticipantStatus.PAUSED: _l("%(name)s is paused and is not matched until you resume."),
    ParticipantStatus.ENDED: _l("The participation of %(name)s has ended."),
}


@bp.context_processor
def participant_labels():
    return {
        "labels": fields,
        "area_name": area_name,
        "status_names": fields.STATUS_LABELS,
        "outcome_names": fields.OUTCOME_LABELS,
    }


def _int_arg(name: str) -> int | None:
    return arg_number(name)


def _status_arg() -> ParticipantStatus | None:
    status = request.args.get("status", "")
    return ParticipantStatus(status) if status in {s.value for s in ParticipantStatus} else None


def _participant_page(template: str, participant, *, page: str = "record", status: int = 200, **context):
    """A page showing the participant: its audit row is written, and kept when the page refuses (4xx)."""
    services.record_participant_view(participant, actor=signed_in_user(), page=page)
    if status >= 400:
        keep_changes_of_refused_page()
    return render(template, participant=participant, status=status, **context)


@bp.get("")
@roles_required(*STAFF)
def index():
    user = signed_in_user()
    every_caseload = policies.can_see_every_caseload(user)
    status, consultant_id = _status_arg(), _int_arg("consultant") if every_caseload else None
    page = queries.caseload_page(user, page=_int_arg("page") or 1, status=status, consultant_id=consultant_id)
    services.record_caseload_view(page.participants, actor=user, page=page.page)
    return render(
        "participants/index.html",
        caseload=page,
        status=status,
        consultant_id=consultant_id,
        every_caseload=every_caseload,
        can_register=policies.can_register_participant(user),
        consultants=queries.active_consultants() if every_caseload else [],
    )


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.CONSULTANT)
def new():
    form = ParticipantForm()
    if form.validate_on_submit():
        try:
            participant = services.register_participant(signed_in_user(), form.details())
        except FieldError as error:
            show_field_error(form, error)
        else:
            flash(_("%(name)s is now in your caseload.", name=participant.name), "success")
            return redirect(url_for("participants.detail", participant_id=participant.id), 303)
    return render("participants/form.html", form=form, participant=None, status=422 if form.errors else 200)


def _detail_page(participant, *, status_form=None, status: int = 200):
    user = signed_in_user()
    moves = {target for target in MANUAL_TARGETS if policies.can_change_participant_status(user, participant, target)}
    return _participant_page(
        "participants/detail.html",
        participant,
        status=status,
        status_form=status_form or ChangeStatusForm(formdata=None),
        can_pause=ParticipantStatus.PAUSED in moves,
        can_resume=ParticipantStatus.ACTIVE in moves,
        can_end=ParticipantStatus.ENDED in moves,
        can_edit=policies.can_edit_participant(user, participant),
        can_place=policies.can_place_participant(user, participant),
        can_reassign=policies.can_reassign_participant(user, participant),
        can_erase=policies.can_erase_participant(user, participant),
    )


@bp.get("/<int:participant_id>")
@roles_required(*STAFF)
def detail(participant_id: int):
    participant = queries.get_participant_or_404(signed_in_user(), participant_id)
    return _detail_page(participant)


@bp.route("/<int:participant_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(participant_id: int):
    user = signed_in_user()
    participant = queries.get_participant_or_404(user, participant_id)
    if not policies.can_edit_participant(user, participant):
        abort(403)
    form = ParticipantForm(data=ParticipantForm.data_of(participant) if request.method == "GET" else None)
    if form.validate_on_submit() and not refused(form, lambda: services.update_participant(participant, form.details(), actor=user)):
        flash(_("The changes have been saved."), "success")
        return redirect(url_for("participants.detail", participant_id=participant.id), 303)
    # The form shows the record's data, so opening it is a view too.
    status = 422 if form.errors else 200
    return _participant_page("participants/form.html", participant, page="edit", status=status, form=form)


@bp.post("/<int:participant_id>/status")
@roles_required(*STAFF)
def change_status(participant_id: int):
    user = signed_in_user()
    participant = queries.get_participant_or_404(user, participant_id)
    form = ChangeStatusForm()
    if not form.validate():
        abort(400)
    target = form.target()
    if not policies.can_change_participant_status(user, participant, target):
        abort(403)
    if refused(form, services.change_status, participant, target, actor=user, outcome=form.chosen_outcome()):
        return _detail_page(participant, status_form=form, status=422)
    flash(STATUS_CHANGED[target] % {"name": participant.name}, "success")
    return redirect(url_for("participants.detail", participant_id=participant.id), 303)


@bp.route("/<int:participant_id>/consultant", methods=["GET", "POST"])
@roles_required(*STAFF)
def reassign(participant_id: int):
    user = signed_in_user()
    participant = queries.get_participant_or_404(user, participant_id)
    if not policies.can_reassign_participant(user, participant):
        abort(403)
    form = ReassignForm(queries.active_consultants(other_than=participant.consultant_id))
    if form.validate_on_submit() and not refused(form, services.reassign_participant, participant, form.chosen(), actor=user):
        flash(_("%(name)s now belongs to %(consultant)s.", name=participant.name, consultant=participant.consultant.name), "success")
        return redirect(url_for("participants.detail", participant_id=participant.id), 303)
    status = 422 if form.errors else 200
    return _participant_page("participants/reassign.html", participant, page="reassign", status=status, form=form)
