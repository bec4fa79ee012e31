"""Meetings: booking introductions and follow-ups both ways, answering, moving, cancelling, the week view,
and the private calendar link with its feed (the feed lists meetings, so it lives here)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.accounts.models import Role
from portal.availability import services as availability
from portal.errors import FieldError
from portal.meetings import feeds, policies, queries, services
from portal.meetings.forms import (
    ChooseTimeForm,
    ConfirmMeetingForm,
    DeclineForm,
    MoveMeetingForm,
    NextFollowUpForm,
    ProposeMeetingForm,
    ReasonForm,
    RequestMeetingForm,
)
from portal.meetings.models import Meeting
from portal.meetings.states import OPEN_STATUSES, MeetingStatus
from portal.web.authorization import roles_required, signed_in_user
from portal.web.forms import show_field_error
from portal.web.query import arg_date
from portal.web.rendering import render

# No url_prefix: the calendar link and its feed keep their paths (/calendar) beside /meetings.
bp = Blueprint("meetings", __name__)

STATUS_LABELS = {
    MeetingStatus.REQUESTED: _l("Requested, waiting for the consultant"),
    MeetingStatus.PROPOSED: _l("Times proposed, waiting for the employer"),
    MeetingStatus.CONFIRMED: _l("Confirmed"),
    MeetingStatus.DECLINED: _l("Declined"),
    MeetingStatus.CANCELLED: _l("Cancelled"),
    MeetingStatus.LAPSED: _l("Not answered in time"),
}


@bp.record_once
def _provide_busy_intervals(state) -> None:
    # Availability (below meetings) shows free times around the meetings booked; it reads them through this.
    state.app.extensions[availability.BUSY_INTERVALS] = queries.busy_intervals_for


@bp.app_template_global()
def meeting_status_label(status: MeetingStatus) -> str:
    return str(STATUS_LABELS[MeetingStatus(status)])


def _status(form) -> int:
    return 422 if form.errors else 200


def _subject(kind: str, subject_id: int):
    """The interest or placement a booking is for, loaded through the caller's scope (403 if they may not book it)."""
    user = signed_in_user()
    if kind == "introduction":
        interest = queries.interest_for_booking(user, subject_id)
        if not policies.can_book_introduction(user, interest):
            abort(403)
        return {"interest": interest}, interest.offer, interest.participant.consultant
    if kind == "follow-up":
        placement = queries.placement_for(user, subject_id)
        if not policies.can_book_follow_up(user, placement):
            abort(403)
        return {"placement": placement}, placement.offer, placement.consultant
    abort(404)


def _meeting(meeting_id: int, policy: Callable) -> Meeting:
    """One meeting the signed-in user takes part in (404 otherwise), and 403 unless the policy lets them act on it."""
    meeting = queries.meeting_of(signed_in_user(), meeting_id)
    if not policy(signed_in_user(), meeting):
        abort(403)
    return meeting


def _to_meeting(meeting: Meeting):
    return redirect(url_for("meetings.detail", meeting_id=meeting.id), 303)


def _done(form, action: Callable[[], Meeting], message: str):
    """Run the service of a valid form: flash and show the meeting it made or changed.

    The same form sent twice shows the meeting the first one made. A FieldError goes beside its
    field and gives None: the view shows the form again (422, so the request is rolled back).
    """
    try:
        meeting = action()
    except services.AlreadyDone as done:
        return _to_meeting(done.meeting)
    except FieldError as error:
        show_field_error(form, error)
        return None
    flash(message, "success")
    return _to_meeting(meeting)


# The week view


@bp.get("/meetings/")
@roles_required(*policies.MEETING_ROLES)
def index():
    user = signed_in_user()
    return render(
        "meetings/index.html",
        block="week",
        week=services.week_of(user, arg_date("week")),
        waiting=queries.open_meetings_of(user),
        to_book=queries.introductions_to_book(user),
        follow_ups=services.follow_up_overview(user),
        can_request=policies.can_request_meeting(user),
    )


# Booking


@bp.route("/meetings/<kind>/<int:subject_id>/request", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER)
def request_time(kind: str, subject_id: int):
    subject, offer, consultant = _subject(kind, subject_id)
    length = availability.meeting_length(consultant, request.values.get("length"))
    form = RequestMeetingForm(services.times_to_offer(consultant, length, keep=request.form.get("slot")), length)
    if form.validate_on_submit() and (done := _done(form, lambda: services.request_meeting(
        signed_in_user(), **subject, starts_at=services.chosen_time(form.slot.data), length_minutes=length, **form.meeting_details()
    ), _("Your request has been sent. The consultant confirms the time."))):
        return done
    return render(
        "meetings/request_time.html", form=form, kind=kind, subject_id=subject_id, offer=offer, consultant=consultant,
        length=length, lengths=sorted(availability.booking_settings_for(consultant).lengths_minutes), status=_status(form),
    )


@bp.route("/meetings/<kind>/<int:subject_id>/propose", methods=["GET", "POST"])
@roles_required(Role.CONSULTANT)
def propose_times(kind: str, subject_id: int):
    subject, offer, consultant = _subject(kind, subject_id)
    lengths = availability.booking_settings_for(consultant).lengths_minutes
    form = ProposeMeetingForm(lengths, services.employer_contacts(**subject))
    if "interest" in subject and request.method == "GET":
        form.employer_contact.data = subject["interest"].employer_user_id
    if form.validate_on_submit() and (done := _done(form, lambda: services.propose_meeting(
        signed_in_user(), **subject, times=form.times(), length_minutes=form.length.data,
        employer_contact=form.contact(), **form.meeting_details(),
    ), _("The times have been sent to the employer."))):
        return done
    return render("meetings/propose_times.html", form=form, kind=kind, subject_id=subject_id, offer=offer, status=_status(form))


# One meeting


@bp.get("/meetings/<int:meeting_id>")
@roles_required(*policies.MEETING_ROLES)
def detail(meeting_id: int):
    meeting = _meeting(meeting_id, policies.can_see_meeting)
    return _meeting_page(meeting, ChooseTimeForm(meeting))


def _meeting_page(meeting: Meeting, choose_form: ChooseTimeForm, status: int = 200):
    user = signed_in_user()
    services.record_meeting_view(meeting, actor=user)
    return render(
        "meetings/meeting.html",
        meeting=meeting,
        choose_form=choose_form,
        confirm_form=ConfirmMeetingForm(),
        open_statuses=OPEN_STATUSES,
        can={
            "confirm": policies.can_confirm_meeting(user, meeting),
            "choose": policies.can_choose_meeting_time(user, meeting),
            "decline": policies.can_decline_meeting(user, meeting),
            "move": policies.can_move_meeting(user, meeting),
            "cancel": policies.can_cancel_meeting(user, meeting),
            "next": policies.can_book_next_follow_up(user, meeting),
        },
        status=status,
    )


@bp.post("/meetings/<int:meeting_id>/confirm")
@roles_required(Role.CONSULTANT)
def confirm(meeting_id: int):
    meeting = _meeting(meeting_id, policies.can_confirm_meeting)
    if ConfirmMeetingForm().validate_on_submit():
        services.confirm_request(meeting, signed_in_user())
        flash(_("The meeting is confirmed. Everyone gets a calendar invitation."), "success")
    return _to_meeting(meeting)


@bp.post("/meetings/<int:meeting_id>/choose")
@roles_required(Role.EMPLOYER)
def choose(meeting_id: int):
    meeting = _meeting(meeting_id, policies.can_choose_meeting_time)
    form = ChooseTimeForm(meeting)
    if form.validate_on_submit() and (done := _done(form, lambda: services.choose_proposal(
        meeting, signed_in_user(), form.proposal.data
    ), _("The meeting is confirmed. Everyone gets a calendar invitation."))):
        return done
    return _meeting_page(meeting, form, status=422)


@bp.route("/meetings/<int:meeting_id>/decline", methods=["GET", "POST"])
@roles_required(*policies.MEETING_ROLES)
def decline(meeting_id: int):
    meeting = _meeting(meeting_id, policies.can_decline_meeting)
    form = DeclineForm()
    if form.validate_on_submit():
        services.decline_meeting(meeting, signed_in_user(), form.reason.data or "")
        flash(_("The meeting has been declined. The other side has been told."), "success")
        return _to_meeting(meeting)
    return render("meetings/decline.html", form=form, meeting=meeting, status=_status(form))


@bp.route("/meetings/<int:meeting_id>/move", methods=["GET", "POST"])
@roles_required(*policies.MEETING_ROLES)
def move(meeting_id: int):
    meeting = _meeting(meeting_id, policies.can_move_meeting)
    form = MoveMeetingForm(availability.booking_settings_for(meeting.consultant).lengths_minutes)
    if request.method == "GET":
        form.suggest(meeting.starts_at, services.length_of(meeting))
    if form.validate_on_submit() and (done := _done(form, lambda: services.move_meeting(
        meeting, signed_in_user(), starts_at=form.starts_at(), length_minutes=form.length.data, reason=form.reason.data
    ), _("The meeting has been moved. Everyone gets an updated invitation."))):
        return done
    return render("meetings/move.html", form=form, meeting=meeting, status=_status(form))


@bp.route("/meetings/<int:meeting_id>/cancel", methods=["GET", "POST"])
@roles_required(*policies.MEETING_ROLES)
def cancel(meeting_id: int):
    meeting = _meeting(meeting_id, policies.can_cancel_meeting)
    form = ReasonForm()
    if form.validate_on_submit() and (done := _done(form, lambda: services.cancel_meeting(
        meeting, signed_in_user(), form.reason.data
    ), _("The meeting has been cancelled. Everyone has been told."))):
        return done
    return render("meetings/cancel.html", form=form, meeting=meeting, status=_status(form))


@bp.route("/meetings/<int:meeting_id>/next", methods=["GET", "POST"])
@roles_required(Role.CONSULTANT)
def next_follow_up(meeting_id: int):
    meeting = _meeting(meeting_id, policies.can_book_next_follow_up)
    form = NextFollowUpForm(availability.booking_settings_for(meeting.consultant).lengths_minutes)
    if request.method == "GET":
        form.suggest(services.next_follow_up_suggestion(meeting), services.length_of(meeting))
    if form.validate_on_submit() and (done := _done(form, lambda: services.book_next_follow_up(
        meeting, signed_in_user(), starts_at=form.starts_at(), length_minutes=form.length.data, key=form.key.data
    ), _("The next follow-up is booked. Everyone gets a calendar invitation."))):
        return done
    return render("meetings/next.html", form=form, meeting=meeting, status=_status(form))


# The private calendar link and its feed


@bp.route("/calendar", methods=["GET", "POST"])
@roles_required(*policies.CALENDAR_FEED_ROLES)
def calendar_link():
    user = signed_in_user()
    form = ConfirmMeetingForm()
    # Shown on this response only: the database keeps just the hash, so it cannot be shown again.
    new_link = feeds.feed_url(feeds.create_feed_link(user)) if form.validate_on_submit() else None
    return render("meetings/calendar_link.html", form=form, link=feeds.active_feed_link_of(user), new_link=new_link)


@bp.post("/calendar/revoke")
@roles_required(*policies.CALENDAR_FEED_ROLES)
def revoke_calendar_link():
    if ConfirmMeetingForm().validate_on_submit() and feeds.revoke_feed_link(signed_in_user()):
        flash(_("The calendar link has been turned off. Calendars that use it get nothing more."), "success")
    return redirect(url_for("meetings.calendar_link"), 303)


@bp.get("/calendar/<token>.ics")
def calendar_feed(token: str):
    user = feeds.user_for_feed_token(token)
    if user is None:
        abort(404)
    response = Response(feeds.feed_for(user), mimetype="text/calendar")
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
