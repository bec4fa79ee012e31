"""Meetings: booking introductions and follow-ups both ways, answering, moving, cancelling, the week view."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import format_date, format_time
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from portal.accounts.models import Role, User
from portal.bookings import meetings, policies, queries, services
from portal.bookings.meeting_forms import (
    ChooseTimeForm,
    ConfirmMeetingForm,
    DeclineForm,
    MoveMeetingForm,
    NextFollowUpForm,
    ProposeMeetingForm,
    ReasonForm,
    RequestMeetingForm,
    length_choices,
    new_key,
    stockholm_instant,
)
from portal.bookings.models import Meeting
from portal.bookings.slots import STOCKHOLM
from portal.bookings.states import LocationKind, MeetingKind, MeetingState
from portal.clock import now, today_in_stockholm
from portal.errors import FieldError
from portal.extensions import db
from portal.web.authorization import roles_required
from portal.web.forms import show_field_error
from portal.web.rendering import render

bp = Blueprint("meetings", __name__, url_prefix="/meetings")
SUBJECTS = ("introduction", "follow-up")
MAX_SLOTS_SHOWN = 60


def _me() -> User:
    return current_user._get_current_object()


def _status(form) -> int:
    return 422 if form.errors else 200


def _subject(kind: str, subject_id: int):
    """The interest or placement a booking is for, loaded through the caller's scope, and whether they may book."""
    user = _me()
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


def _span(start: datetime, minutes: int) -> str:
    """A time as people read it: "tisdag 1 december 2026, 09:00–10:00" (Stockholm time)."""
    end = start + timedelta(minutes=minutes)
    return f"{format_date(start, 'full')}, {format_time(start, 'short')}–{format_time(end, 'short')}"


def _proposal_choices(meeting: Meeting) -> list[SelectChoice]:
    return [
        SelectChoice(p.id, _span(p.starts_at, int((p.ends_at - p.starts_at).total_seconds() // 60)))
        for p in meeting.proposals
    ]


def _to_meeting(meeting: Meeting):
    return redirect(url_for("meetings.detail", meeting_id=meeting.id), 303)


# The week view


@bp.get("/")
@roles_required(*policies.MEETING_ROLES)
def index():
    user = _me()
    try:
        monday = date.fromisoformat(request.args.get("week", ""))
    except ValueError:
        monday = today_in_stockholm()
    monday -= timedelta(days=monday.weekday())
    first = datetime.combine(monday, datetime.min.time(), STOCKHOLM)
    last = datetime.combine(monday + timedelta(days=7), datetime.min.time(), STOCKHOLM)
    week = [m for m in queries.meetings_of(user, first=first, last=last) if m.state in (MeetingState.REQUESTED, MeetingState.CONFIRMED, MeetingState.CANCELLED)]
    days = [(monday + timedelta(days=n), []) for n in range(7)]
    for meeting in week:
        day = meeting.starts_at.astimezone(STOCKHOLM).date()
        days[(day - monday).days][1].append(meeting)
    today = today_in_stockholm()
    follow_ups = []
    for placement in queries.placements_of(user):
        due, overdue, upcoming = meetings.next_follow_up_due(placement, queries.follow_ups_of(placement), today)
        follow_ups.append((placement, due, overdue, upcoming))
    return render(
        "bookings/meetings.html",
        days=days,
        monday=monday,
        previous_week=monday - timedelta(days=7),
        next_week=monday + timedelta(days=7),
        waiting=queries.open_meetings_of(user),
        to_book=queries.introductions_to_book(user),
        follow_ups=follow_ups,
    )


# Booking


@bp.route("/<kind>/<int:subject_id>/request", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER)
def request_time(kind: str, subject_id: int):
    subject, offer, consultant = _subject(kind, subject_id)
    settings = services.booking_settings_for(consultant)
    form = RequestMeetingForm()
    lengths = sorted(settings.lengths_minutes)
    try:
        length = int(form.length.data or request.args.get("length") or lengths[0])
    except ValueError:
        length = lengths[0]
    if length not in lengths:
        length = lengths[0]
    form.length.data = str(length)
    if not form.key.data:
        form.key.data = new_key()
    free = services.free_slots_for(consultant, length, now())[:MAX_SLOTS_SHOWN]
    offered = [s.start_utc.isoformat() for s in free]
    if request.method == "POST" and form.slot.data and form.slot.data not in offered:
        # A time no longer offered stays a valid choice here: the service says it was taken, and the form keeps it.
        offered = sorted([*offered, form.slot.data])
    form.slot.choices = [SelectChoice(value, _span(datetime.fromisoformat(value), length)) for value in offered]
    if form.validate_on_submit():
        try:
            starts_at = datetime.fromisoformat(form.slot.data)
            meeting = meetings.request_meeting(
                _me(), **subject, starts_at=starts_at, length_minutes=length,
                location_kind=LocationKind(form.location_kind.data), location_details=form.location_details.data or "",
                with_supervisor=form.with_supervisor.data, with_participant=form.with_participant.data, key=form.key.data,
            )
        except meetings.AlreadyDone as done:
            db.session.rollback()
            return _to_meeting(done.meeting)
        except (FieldError, ValueError) as error:
            db.session.rollback()
            show_field_error(form, error if isinstance(error, FieldError) else FieldError("slot", str(meetings.TAKEN)))
            free = services.free_slots_for(consultant, length, now())[:MAX_SLOTS_SHOWN]
        else:
            db.session.commit()
            flash(_("Your request has been sent. The consultant confirms the time."), "success")
            return _to_meeting(meeting)
    db.session.commit()  # the settings row, if it was made just now
    return render(
        "bookings/request_time.html", form=form, kind=kind, subject_id=subject_id, offer=offer,
        consultant=consultant, free=free, length=length, lengths=lengths, status=_status(form),
    )


@bp.route("/<kind>/<int:subject_id>/propose", methods=["GET", "POST"])
@roles_required(Role.CONSULTANT)
def propose_times(kind: str, subject_id: int):
    subject, offer, consultant = _subject(kind, subject_id)
    settings = services.booking_settings_for(consultant)
    form = ProposeMeetingForm()
    form.length.choices = length_choices(settings.lengths_minutes)
    contacts = list(db.session.scalars(
        select(User).where(User.organisation_id == offer.organisation_id, User.role == Role.EMPLOYER, User.active.is_(True)).order_by(User.name)
    ))
    form.employer_contact.choices = [SelectChoice(u.id, u.name) for u in contacts]
    if "interest" in subject and request.method == "GET":
        form.employer_contact.data = subject["interest"].employer_user_id
    if not form.key.data:
        form.key.data = new_key()
    if form.validate_on_submit():
        try:
            times = [
                stockholm_instant(getattr(form, f"day_{n}").data, getattr(form, f"time_{n}").data, f"time_{n}")
                for n in (1, 2, 3)
                if getattr(form, f"day_{n}").data and getattr(form, f"time_{n}").data
            ]
            contact = next(u for u in contacts if u.id == form.employer_contact.data)
            meeting = meetings.propose_meeting(
                _me(), **subject, times=times, length_minutes=form.length.data,
                location_kind=LocationKind(form.location_kind.data), location_details=form.location_details.data or "",
                employer_contact=contact, with_supervisor=form.with_supervisor.data,
                with_participant=form.with_participant.data, key=form.key.data,
            )
        except meetings.AlreadyDone as done:
            db.session.rollback()
            return _to_meeting(done.meeting)
        except FieldError as error:
            db.session.rollback()
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("The times have been sent to the employer."), "success")
            return _to_meeting(meeting)
    db.session.commit()
    return render("bookings/propose_times.html", form=form, kind=kind, subject_id=subject_id, offer=offer, status=_status(form))


# One meeting


@bp.get("/<int:meeting_id>")
@roles_required(*policies.MEETING_ROLES)
def detail(meeting_id: int):
    meeting = queries.meeting_of(_me(), meeting_id)
    return _detail(meeting, ChooseTimeForm())


def _detail(meeting: Meeting, choose_form: ChooseTimeForm, status: int = 200):
    from portal.followups import queries as followup_queries

    user = _me()
    choose_form.proposal.choices = _proposal_choices(meeting)
    return render(
        "bookings/meeting.html",
        meeting=meeting,
        choose_form=choose_form,
        confirm_form=ConfirmMeetingForm(),
        record=followup_queries.record_for(meeting),
        can={
            "answer": policies.can_answer_request(user, meeting),
            "choose": policies.can_choose_proposal(user, meeting),
            "move": policies.can_move_meeting(user, meeting),
            "cancel": policies.can_cancel_meeting(user, meeting),
            "next": meeting.kind == MeetingKind.FOLLOW_UP and user.role == Role.CONSULTANT
            and meeting.state == MeetingState.CONFIRMED and policies.can_book_follow_up(user, meeting.placement),
            "record": meeting.kind == MeetingKind.FOLLOW_UP and meeting.state == MeetingState.CONFIRMED
            and meeting.starts_at <= now(),
        },
        status=status,
    )


@bp.post("/<int:meeting_id>/confirm")
@roles_required(Role.CONSULTANT)
def confirm(meeting_id: int):
    meeting = queries.meeting_of(_me(), meeting_id)
    if not policies.can_answer_request(_me(), meeting):
        abort(403)
    if ConfirmMeetingForm().validate_on_submit():
        meetings.confirm_request(meeting, _me())
        db.session.commit()
        flash(_("The meeting is confirmed. Everyone gets a calendar invitation."), "success")
    return _to_meeting(meeting)


@bp.post("/<int:meeting_id>/choose")
@roles_required(Role.EMPLOYER)
def choose(meeting_id: int):
    meeting = queries.meeting_of(_me(), meeting_id)
    if not policies.can_choose_proposal(_me(), meeting):
        abort(403)
    form = ChooseTimeForm()
    form.proposal.choices = _proposal_choices(meeting)
    if form.validate_on_submit():
        try:
            meetings.choose_proposal(meeting, _me(), form.proposal.data)
        except FieldError as error:
            db.session.rollback()
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("The meeting is confirmed. Everyone gets a calendar invitation."), "success")
            return _to_meeting(meeting)
    return _detail(meeting, form, status=422)


@bp.route("/<int:meeting_id>/decline", methods=["GET", "POST"])
@roles_required(*policies.MEETING_ROLES)
def decline(meeting_id: int):
    user = _me()
    meeting = queries.meeting_of(user, meeting_id)
    if not (policies.can_answer_request(user, meeting) or policies.can_choose_proposal(user, meeting)):
        abort(403)
    form = DeclineForm()
    if form.validate_on_submit():
        meetings.decline_meeting(meeting, user, form.reason.data or "")
        db.session.commit()
        flash(_("The meeting has been declined. The other side has been told."), "success")
        return _to_meeting(meeting)
    return render("bookings/meeting_decline.html", form=form, meeting=meeting, status=_status(form))


def _new_time_form(form_class, meeting: Meeting):
    form = form_class()
    form.length.choices = length_choices(services.booking_settings_for(meeting.consultant).lengths_minutes)
    return form


@bp.route("/<int:meeting_id>/move", methods=["GET", "POST"])
@roles_required(*policies.MEETING_ROLES)
def move(meeting_id: int):
    user = _me()
    meeting = queries.meeting_of(user, meeting_id)
    if not policies.can_move_meeting(user, meeting):
        abort(403)
    form = _new_time_form(MoveMeetingForm, meeting)
    if request.method == "GET":
        local = meeting.starts_at.astimezone(STOCKHOLM)
        form.starts_on.data, form.start_time.data = local.date(), local.time().replace(tzinfo=None)
        form.length.data = int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)
    if form.validate_on_submit():
        try:
            starts_at = stockholm_instant(form.starts_on.data, form.start_time.data, "start_time")
            meetings.move_meeting(meeting, user, starts_at=starts_at, length_minutes=form.length.data, reason=form.reason.data)
        except FieldError as error:
            db.session.rollback()
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("The meeting has been moved. Everyone gets an updated invitation."), "success")
            return _to_meeting(meeting)
    db.session.commit()
    return render("bookings/meeting_move.html", form=form, meeting=meeting, status=_status(form))


@bp.route("/<int:meeting_id>/cancel", methods=["GET", "POST"])
@roles_required(*policies.MEETING_ROLES)
def cancel(meeting_id: int):
    user = _me()
    meeting = queries.meeting_of(user, meeting_id)
    if not policies.can_cancel_meeting(user, meeting):
        abort(403)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            meetings.cancel_meeting(meeting, user, form.reason.data)
        except FieldError as error:
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("The meeting has been cancelled. Everyone has been told."), "success")
            return _to_meeting(meeting)
    return render("bookings/meeting_cancel.html", form=form, meeting=meeting, status=_status(form))


@bp.route("/<int:meeting_id>/next", methods=["GET", "POST"])
@roles_required(Role.CONSULTANT)
def next_follow_up(meeting_id: int):
    user = _me()
    meeting = queries.meeting_of(user, meeting_id)
    if not (meeting.kind == MeetingKind.FOLLOW_UP and meeting.state == MeetingState.CONFIRMED
            and policies.can_book_follow_up(user, meeting.placement)):
        abort(403)
    form = _new_time_form(NextFollowUpForm, meeting)
    if request.method == "GET":
        due, _overdue, _upcoming = meetings.next_follow_up_due(meeting.placement, queries.follow_ups_of(meeting.placement), today_in_stockholm())
        local = meeting.starts_at.astimezone(STOCKHOLM)
        form.starts_on.data = max(due, local.date() + timedelta(days=1))
        form.start_time.data = local.time().replace(tzinfo=None)
        form.length.data = int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)
    if not form.key.data:
        form.key.data = new_key()
    if form.validate_on_submit():
        try:
            starts_at = stockholm_instant(form.starts_on.data, form.start_time.data, "start_time")
            booked = meetings.book_next_follow_up(meeting, user, starts_at=starts_at, length_minutes=form.length.data, key=form.key.data)
        except meetings.AlreadyDone as done:
            db.session.rollback()
            return _to_meeting(done.meeting)
        except FieldError as error:
            db.session.rollback()
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("The next follow-up is booked. Everyone gets a calendar invitation."), "success")
            return _to_meeting(booked)
    db.session.commit()
    return render("bookings/meeting_next.html", form=form, meeting=meeting, status=_status(form))
