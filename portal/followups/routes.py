"""Follow-up records and the placement certificate."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import Role
from portal.bookings import meetings
from portal.bookings import queries as booking_queries
from portal.bookings.policies import MEETING_ROLES
from portal.bookings.states import MeetingKind
from portal.clock import today_in_stockholm
from portal.errors import FieldError
from portal.extensions import db
from portal.followups import policies, queries, services
from portal.followups.forms import (
    FollowUpRecordForm,
    SupervisorViewForm,
    levels_from,
    with_task_fields,
)
from portal.web.authorization import roles_required
from portal.web.forms import show_field_error
from portal.web.rendering import render

bp = Blueprint("followups", __name__, url_prefix="/follow-ups")


def _me():
    return current_user._get_current_object()


def _follow_up(meeting_id: int):
    meeting = booking_queries.meeting_of(_me(), meeting_id)
    if meeting.kind != MeetingKind.FOLLOW_UP:
        abort(404)
    return meeting


@bp.route("/meetings/<int:meeting_id>/record", methods=["GET", "POST"])
@roles_required(Role.CONSULTANT)
def record(meeting_id: int):
    meeting = _follow_up(meeting_id)
    if not policies.can_record_follow_up(_me(), meeting):
        abort(403)
    tasks = meeting.placement.offer.tasks
    existing = queries.record_for(meeting)
    form = with_task_fields(FollowUpRecordForm, tasks)(obj=existing)
    if request.method == "GET" and existing is not None:
        for assessment in existing.assessments:
            if f"task_{assessment.offer_task_id}" in form:
                form[f"task_{assessment.offer_task_id}"].data = assessment.level.value
    if form.validate_on_submit():
        try:
            services.record_follow_up(
                meeting, _me(), attended=form.attended.data, goes_well=form.goes_well.data or "",
                to_adjust=form.to_adjust.data or "", next_step=form.next_step.data or "",
                participant_view=form.participant_view.data or "", levels=levels_from(form, tasks),
            )
        except FieldError as error:
            db.session.rollback()
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("The follow-up has been recorded."), "success")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id), 303)
    return render("followups/record.html", form=form, meeting=meeting, tasks=tasks, status=422 if form.errors else 200)


@bp.route("/meetings/<int:meeting_id>/supervisor", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER)
def supervisor_view(meeting_id: int):
    meeting = _follow_up(meeting_id)
    if not policies.can_add_supervisor_view(_me(), meeting):
        abort(403)
    tasks = meeting.placement.offer.tasks
    existing = queries.record_for(meeting)
    form = with_task_fields(SupervisorViewForm, tasks)()
    if request.method == "GET" and existing is not None:
        form.comment.data = existing.supervisor_comment
        for assessment in existing.assessments:
            if f"task_{assessment.offer_task_id}" in form:
                form[f"task_{assessment.offer_task_id}"].data = assessment.level.value
    if form.validate_on_submit():
        try:
            services.add_supervisor_view(meeting, _me(), comment=form.comment.data or "", levels=levels_from(form, tasks))
        except FieldError as error:
            db.session.rollback()
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("Thank you. Your view has been added to the follow-up."), "success")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id), 303)
    return render("followups/supervisor.html", form=form, meeting=meeting, tasks=tasks, status=422 if form.errors else 200)


@bp.get("/placements/<int:placement_id>")
@roles_required(*MEETING_ROLES)
def placement(placement_id: int):
    placement = booking_queries.placement_for(_me(), placement_id)
    follow_ups = booking_queries.follow_ups_of(placement)
    due, overdue, upcoming = meetings.next_follow_up_due(placement, follow_ups, today_in_stockholm())
    return render(
        "followups/placement.html",
        placement=placement,
        follow_ups=follow_ups,
        due=due,
        overdue=overdue,
        upcoming=upcoming,
        achievements=services.best_achievements(placement),
        can_certificate=policies.can_download_certificate(_me(), placement),
    )


@bp.get("/placements/<int:placement_id>/certificate.pdf")
@roles_required(*MEETING_ROLES)
def certificate(placement_id: int):
    placement = booking_queries.placement_for(_me(), placement_id)
    if not policies.can_download_certificate(_me(), placement):
        abort(403)
    locale = "en" if request.args.get("lang") == "en" else "sv"
    pdf = services.produce_certificate(placement, _me(), locale)
    db.session.commit()
    filename = "placement-certificate.pdf" if locale == "en" else "praktikintyg.pdf"
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
