"""Follow-up records, the placement's follow-ups and its certificate."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from portal.accounts.models import Role
from portal.clock import today_in_stockholm
from portal.followups import policies, queries, services
from portal.followups.forms import (
    FollowUpRecordForm,
    SupervisorViewForm,
    levels_from,
    show_levels,
    with_task_fields,
)
from portal.meetings import queries as meeting_queries
from portal.meetings import services as meeting_services
from portal.meetings.policies import (
    MEETING_ROLES,
    can_book_follow_up,
    can_request_meeting,
)
from portal.meetings.states import MeetingKind
from portal.web.authorization import roles_required, signed_in_user
from portal.web.forms import refused
from portal.web.rendering import render

bp = Blueprint("followups", __name__, url_prefix="/follow-ups")


@bp.app_context_processor
def _provide_follow_up_panel() -> dict:
    # The meeting page (portal/meetings, below followups) shows a follow-up's record through this.
    return {"follow_up_panel": follow_up_panel}


def follow_up_panel(meeting) -> dict | None:
    """What a follow-up meeting's page shows of its record, and which links; None for an introduction."""
    if meeting.kind != MeetingKind.FOLLOW_UP:
        return None
    user = signed_in_user()
    record = queries.record_for(meeting)
    taken_place = services.has_taken_place(meeting)
    return {
        "record": record,
        "task_names": {task.id: task.name for task in services.tasks_for(user, meeting.offer)},
        "can_record": taken_place and policies.can_record_follow_up(user, meeting),
        "can_add_view": taken_place and record is not None and policies.can_add_supervisor_view(user, meeting),
        "can_see_participant_view": policies.can_see_participant_view(user, meeting),
    }


def _follow_up(meeting_id: int, policy):
    """A follow-up meeting the signed-in user takes part in (404 otherwise), and 403 unless the policy lets them."""
    meeting = meeting_queries.meeting_of(signed_in_user(), meeting_id)
    if meeting.kind != MeetingKind.FOLLOW_UP:
        abort(404)
    if not policy(signed_in_user(), meeting):
        abort(403)
    return meeting


def _done(form, action, message: str, meeting):
    """Run the service of a valid form and go back to the meeting; a FieldError goes beside its field (None)."""
    if refused(form, action):
        return None
    flash(message, "success")
    return redirect(url_for("meetings.detail", meeting_id=meeting.id), 303)


@bp.route("/meetings/<int:meeting_id>/record", methods=["GET", "POST"])
@roles_required(Role.CONSULTANT)
def record(meeting_id: int):
    meeting = _follow_up(meeting_id, policies.can_record_follow_up)
    tasks = services.tasks_for(signed_in_user(), meeting.offer)
    existing = queries.record_for(meeting)
    form = with_task_fields(FollowUpRecordForm, tasks)(obj=existing)
    if request.method == "GET":
        show_levels(form, existing)
    if form.validate_on_submit() and (done := _done(form, lambda: services.record_follow_up(
        meeting, signed_in_user(), attended=form.attended.data, goes_well=form.goes_well.data or "",
        to_adjust=form.to_adjust.data or "", next_step=form.next_step.data or "",
        participant_view=form.participant_view.data or "", levels=levels_from(form, tasks),
    ), _("The follow-up has been recorded."), meeting)):
        return done
    services.record_follow_up_view(meeting, actor=signed_in_user(), page="record")
    return render("followups/record.html", form=form, meeting=meeting, tasks=tasks, status=422 if form.errors else 200)


@bp.route("/meetings/<int:meeting_id>/supervisor", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER)
def supervisor_view(meeting_id: int):
    meeting = _follow_up(meeting_id, policies.can_add_supervisor_view)
    tasks = services.tasks_for(signed_in_user(), meeting.offer)
    existing = queries.record_for(meeting)
    form = with_task_fields(SupervisorViewForm, tasks)()
    if request.method == "GET" and existing is not None:
        form.comment.data = existing.supervisor_comment
        show_levels(form, existing)
    if form.validate_on_submit() and (done := _done(form, lambda: services.add_supervisor_view(
        meeting, signed_in_user(), comment=form.comment.data or "", levels=levels_from(form, tasks)
    ), _("Thank you. Your view has been added to the follow-up."), meeting)):
        return done
    services.record_follow_up_view(meeting, actor=signed_in_user(), page="supervisor")
    return render("followups/supervisor.html", form=form, meeting=meeting, tasks=tasks, status=422 if form.errors else 200)


@bp.get("/placements/<int:placement_id>")
@roles_required(*MEETING_ROLES)
def placement(placement_id: int):
    user = signed_in_user()
    placement = meeting_queries.placement_for(user, placement_id)
    follow_ups = meeting_queries.follow_ups_of(placement)
    due, overdue, upcoming = meeting_services.next_follow_up_due(placement, follow_ups, today_in_stockholm())
    services.record_follow_ups_view(placement, actor=user)
    return render(
        "followups/placement.html", placement=placement, follow_ups=follow_ups, due=due, overdue=overdue,
        upcoming=upcoming, achievements=services.best_achievements(placement, user),
        can_book=can_book_follow_up(user, placement), can_request=can_request_meeting(user),
        can_certificate=policies.can_download_certificate(user, placement),
    )


@bp.get("/placements/<int:placement_id>/certificate.pdf")
@roles_required(*MEETING_ROLES)
def certificate(placement_id: int):
    placement = meeting_queries.placement_for(signed_in_user(), placement_id)
    if not policies.can_download_certificate(signed_in_user(), placement):
        abort(403)
    locale = "en" if request.args.get("lang") == "en" else "sv"
    response = Response(services.produce_certificate(placement, signed_in_user(), locale), mimetype="application/pdf")
    filename = "placement-certificate.pdf" if locale == "en" else "praktikintyg.pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
