"""Availability use cases: windows, blocked days, booking settings, and the free times they leave.

Services flush; the request commits (portal/web/unit_of_work.py). The meetings already booked are
not read here: availability sits below meetings, so the busy intervals are passed in (meetings
passes them when it books), or read through `busy_intervals_of`, which meetings provides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from flask import current_app
from flask_babel import gettext as _
from holidays.constants import DE_FACTO, PUBLIC

from portal.accounts.models import User
from portal.audit.services import record_event
from portal.availability import queries, slots
from portal.availability.models import (
    DEFAULT_BUFFER_MINUTES,
    DEFAULT_HORIZON_WEEKS,
    DEFAULT_LENGTHS_MINUTES,
    DEFAULT_NOTICE_WORKING_DAYS,
    AvailabilityWindow,
    BlockedDay,
    BookingSettings,
)
from portal.clock import now
from portal.errors import FieldError
from portal.extensions import db
from portal.workdays import is_working_day

STEP_MINUTES = 5
BUFFER_CHOICES = (0, 5, 10, 15, 20, 30, 45, 60)
NOTICE_CHOICES = (0, 1, 2, 3, 4, 5, 10)
HORIZON_CHOICES = (1, 2, 3, 4, 6, 8, 12, 16, 26)
PREVIEW_DAYS = 14


# Booking settings


def booking_settings_for(consultant: User) -> BookingSettings:
    """The consultant's settings: the defaults, not yet stored, until they first change them."""
    settings = queries.stored_booking_settings(consultant)
    if settings is None:
        # Not added to the session: two first bookings at once must not race to insert the row.
        settings = BookingSettings(
            consultant_id=consultant.id,
            lengths_minutes=list(DEFAULT_LENGTHS_MINUTES),
            buffer_minutes=DEFAULT_BUFFER_MINUTES,
            notice_working_days=DEFAULT_NOTICE_WORKING_DAYS,
            horizon_weeks=DEFAULT_HORIZON_WEEKS,
        )
    return settings


def meeting_length(consultant: User, asked: object = None) -> int:
    """The meeting length asked for if the consultant offers it, otherwise the shortest they offer."""
    lengths = sorted(booking_settings_for(consultant).lengths_minutes)
    try:
        length = int(asked)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return lengths[0]
    return length if length in lengths else lengths[0]


def update_booking_settings(
    consultant: User,
    *,
    lengths_minutes: list[int],
    buffer_minutes: int,
    notice_working_days: int,
    horizon_weeks: int,
) -> BookingSettings:
    """Change the meeting lengths offered, the buffer, the least notice and how far ahead people can book."""
    lengths = sorted(set(lengths_minutes))
    if not lengths or not set(lengths) <= slots.ALLOWED_LENGTHS_MINUTES:
        raise FieldError("lengths_minutes", _("Choose at least one meeting length"))
    if buffer_minutes not in BUFFER_CHOICES:
        raise FieldError("buffer_minutes", _("Choose a break between meetings"))
    if notice_working_days not in NOTICE_CHOICES:
        raise FieldError("notice_working_days", _("Choose how much notice you need"))
    if horizon_weeks not in HORIZON_CHOICES:
        raise FieldError("horizon_weeks", _("Choose how far ahead people can book"))
    settings = booking_settings_for(consultant)
    db.session.add(settings)  # stored the first time the consultant changes the defaults
    settings.lengths_minutes = lengths
    settings.buffer_minutes = buffer_minutes
    settings.notice_working_days = notice_working_days
    settings.horizon_weeks = horizon_weeks
    db.session.flush()
    record_event(
        "booking_settings.changed",
        settings,
        actor=consultant,
        detail={
            "lengths_minutes": lengths,
            "buffer_minutes": buffer_minutes,
            "notice_working_days": notice_working_days,
            "horizon_weeks": horizon_weeks,
        },
    )
    return settings


# Windows


def _check_times(start: time, end: time) -> None:
    """Windows start and end on 5-minute steps, and end after they start."""
    for name, value in (("start_time", start), ("end_time", end)):
        if value.minute % STEP_MINUTES or value.second or value.microsecond:
            raise FieldError(name, _("Use a time on a 5-minute step, like 09:00, 09:05 or 09:10."))
    if not start < end:
        raise FieldError("end_time", _("The end time must be after the start time."))


def _overlaps(window: AvailabilityWindow, start: time, end: time) -> bool:
    """True if the times share any minute (touching windows, 09–12 and 12–15, do not overlap)."""
    return window.start_time < end and start < window.end_time


def _validity_overlaps(window: AvailabilityWindow, valid_from: date | None, valid_to: date | None) -> bool:
    """True if two weekly windows' validity periods share a day (open ends run forever)."""
    return (window.valid_to is None or valid_from is None or valid_from <= window.valid_to) and (
        valid_to is None or window.valid_from is None or window.valid_from <= valid_to
    )


def _check_weekly(
    consultant: User,
    weekday: int,
    start: time,
    end: time,
    valid_from: date | None,
    valid_to: date | None,
    *,
    editing: AvailabilityWindow | None = None,
) -> None:
    if not 0 <= weekday <= 6:
        raise FieldError("weekday", _("Choose a day of the week"))
    _check_times(start, end)
    if valid_from and valid_to and valid_to < valid_from:
        raise FieldError("valid_to", _("The last date must be the same as or after the first date."))
    # Overlapping weekly windows are refused rather than merged: the consultant sees exactly
    # the windows they typed, and a mistyped time is caught instead of silently widening a day.
    for other in queries.weekly_windows_of(consultant):
        if other is editing or other.weekday != weekday:
            continue
        if _overlaps(other, start, end) and _validity_overlaps(other, valid_from, valid_to):
            raise FieldError(
                "start_time",
                _(
                    "This overlaps your time %(start)s–%(end)s on the same day. Change the times, or change that one instead.",
                    start=other.start_time.strftime("%H:%M"),
                    end=other.end_time.strftime("%H:%M"),
                ),
            )


def _check_one_off(
    consultant: User, day: date, start: time, end: time, *, editing: AvailabilityWindow | None = None
) -> None:
    _check_times(start, end)
    for other in queries.one_off_windows_of(consultant, from_day=day):
        if other is not editing and other.on_date == day and _overlaps(other, start, end):
            raise FieldError(
                "start_time",
                _(
                    "This overlaps your time %(start)s–%(end)s on the same day. Change the times, or change that one instead.",
                    start=other.start_time.strftime("%H:%M"),
                    end=other.end_time.strftime("%H:%M"),
                ),
            )


def _window_detail(window: AvailabilityWindow) -> dict:
    return {
        "weekday": window.weekday,
        "on_date": window.on_date.isoformat() if window.on_date else None,
        "start": window.start_time.strftime("%H:%M"),
        "end": window.end_time.strftime("%H:%M"),
        "valid_from": window.valid_from.isoformat() if window.valid_from else None,
        "valid_to": window.valid_to.isoformat() if window.valid_to else None,
    }


def add_weekly_window(
    consultant: User,
    *,
    weekday: int,
    start_time: time,
    end_time: time,
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> AvailabilityWindow:
    """Publish a time that recurs every week on one weekday, optionally between two dates."""
    _check_weekly(consultant, weekday, start_time, end_time, valid_from, valid_to)
    window = AvailabilityWindow(
        consultant_id=consultant.id,
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    db.session.add(window)
    db.session.flush()
    record_event("availability.window_added", window, actor=consultant, detail=_window_detail(window))
    return window


def add_one_off_window(consultant: User, *, on_date: date, start_time: time, end_time: time) -> AvailabilityWindow:
    """Publish a time on a single date."""
    if on_date < now().astimezone(slots.STOCKHOLM).date():
        raise FieldError("on_date", _("The date has already passed. Choose today or a later date."))
    _check_one_off(consultant, on_date, start_time, end_time)
    window = AvailabilityWindow(
        consultant_id=consultant.id, on_date=on_date, start_time=start_time, end_time=end_time
    )
    db.session.add(window)
    db.session.flush()
    record_event("availability.window_added", window, actor=consultant, detail=_window_detail(window))
    return window


def update_weekly_window(
    window: AvailabilityWindow,
    *,
    weekday: int,
    start_time: time,
    end_time: time,
    valid_from: date | None,
    valid_to: date | None,
) -> AvailabilityWindow:
    """Change a weekly window's day, times or validity."""
    _check_weekly(window.consultant, weekday, start_time, end_time, valid_from, valid_to, editing=window)
    window.weekday, window.start_time, window.end_time = weekday, start_time, end_time
    window.valid_from, window.valid_to = valid_from, valid_to
    db.session.flush()
    record_event("availability.window_changed", window, actor=window.consultant, detail=_window_detail(window))
    return window


def update_one_off_window(
    window: AvailabilityWindow, *, on_date: date, start_time: time, end_time: time
) -> AvailabilityWindow:
    """Change a one-off window's date or times."""
    if on_date < now().astimezone(slots.STOCKHOLM).date():
        raise FieldError("on_date", _("The date has already passed. Choose today or a later date."))
    _check_one_off(window.consultant, on_date, start_time, end_time, editing=window)
    window.on_date, window.start_time, window.end_time = on_date, start_time, end_time
    db.session.flush()
    record_event("availability.window_changed", window, actor=window.consultant, detail=_window_detail(window))
    return window


def update_window(window: AvailabilityWindow, **values) -> AvailabilityWindow:
    """Change a window, weekly or one-off, with the values its form has."""
    if window.is_weekly:
        return update_weekly_window(window, **values)
    return update_one_off_window(window, **values)


def remove_window(window: AvailabilityWindow) -> None:
    """Stop offering a window (meetings already booked in it are not touched)."""
    record_event("availability.window_removed", window, actor=window.consultant, detail=_window_detail(window))
    db.session.delete(window)
    db.session.flush()


# Blocked days


def block_days(consultant: User, *, first_day: date, last_day: date | None = None, note: str = "") -> BlockedDay:
    """Offer no times on a day or a run of days; the note is for the consultant alone."""
    last_day = last_day or first_day
    if last_day < first_day:
        raise FieldError("last_day", _("The last day must be the same as or after the first day."))
    if last_day < now().astimezone(slots.STOCKHOLM).date():
        raise FieldError("first_day", _("The days have already passed. Choose today or a later date."))
    blocked = BlockedDay(consultant_id=consultant.id, first_day=first_day, last_day=last_day, note=note.strip())
    db.session.add(blocked)
    db.session.flush()
    # The note stays out of the audit log: it is the consultant's private reminder.
    record_event(
        "availability.days_blocked",
        blocked,
        actor=consultant,
        detail={"first_day": first_day.isoformat(), "last_day": last_day.isoformat()},
    )
    return blocked


def unblock_days(blocked: BlockedDay) -> None:
    """Offer times on blocked days again."""
    record_event(
        "availability.days_unblocked",
        blocked,
        actor=blocked.consultant,
        detail={"first_day": blocked.first_day.isoformat(), "last_day": blocked.last_day.isoformat()},
    )
    db.session.delete(blocked)
    db.session.flush()


def blocked_dates(blocks: list[BlockedDay]) -> set[date]:
    """Every date the blocks cover."""
    days: set[date] = set()
    for block in blocks:
        day = block.first_day
        while day <= block.last_day:
            days.add(day)
            day += timedelta(days=1)
    return days


# Free times


BUSY_INTERVALS = "availability.busy_intervals"


def busy_intervals_of(consultant: User) -> list[slots.Interval]:
    """The UTC intervals the consultant is already taken.

    Meetings (a domain above this one) provides the function when the app registers its blueprint
    (portal/meetings/routes.py), so availability never imports meetings.
    """
    return current_app.extensions[BUSY_INTERVALS](consultant)


def _rules(consultant: User, today: date) -> dict:
    """The consultant's windows, blocked dates and settings as the pure slot calculation takes them."""
    windows = queries.weekly_windows_of(consultant) + queries.one_off_windows_of(consultant, from_day=today)
    return {
        "weekly": [w.as_rule() for w in windows if w.is_weekly],
        "one_off": [w.as_rule() for w in windows if not w.is_weekly],
        "blocked": blocked_dates(queries.blocked_days_of(consultant, from_day=today)),
        "settings": booking_settings_for(consultant).as_rule(),
    }


def free_slots_for(consultant: User, length_minutes: int, now: datetime, busy: list[slots.Interval]) -> list[slots.Slot]:
    """The consultant's free slots of one length, from the notice to the horizon, in UTC, around the busy intervals."""
    today = now.astimezone(slots.STOCKHOLM).date()
    return slots.free_slots(**_rules(consultant, today), busy=busy, length_minutes=length_minutes, now=now)


def is_slot_offered(consultant: User, slot: slots.Slot, now: datetime, busy: list[slots.Interval]) -> bool:
    """True if the consultant's published times offer exactly this slot now, around the busy intervals."""
    today = now.astimezone(slots.STOCKHOLM).date()
    return slots.is_slot_free(slot, **_rules(consultant, today), busy=busy, now=now)


@dataclass(frozen=True)
class PreviewDay:
    day: date
    slots: list[slots.Slot]


@dataclass(frozen=True)
class SkippedDay:
    day: date
    reason: str  # the holiday's name; empty for a day the consultant blocked
    blocked: bool = False


@dataclass(frozen=True)
class Preview:
    first_day: date
    last_day: date
    by_length: dict[int, list[PreviewDay]]
    skipped: list[SkippedDay]


def preview_for(consultant: User, now: datetime, busy: list[slots.Interval], language: str = "sv") -> Preview:
    """What people would be offered the next two weeks, per meeting length, and which weekdays are skipped and why."""
    settings = booking_settings_for(consultant)
    today = now.astimezone(slots.STOCKHOLM).date()
    last = today + timedelta(days=PREVIEW_DAYS - 1)
    by_length: dict[int, list[PreviewDay]] = {}
    for length in sorted(settings.lengths_minutes):
        days: dict[date, list[slots.Slot]] = {}
        for slot in free_slots_for(consultant, length, now, busy):
            day = slot.start_utc.astimezone(slots.STOCKHOLM).date()
            if day > last:
                break
            days.setdefault(day, []).append(slot)
        by_length[length] = [PreviewDay(day, found) for day, found in days.items()]
    blocked = blocked_dates(queries.blocked_days_of(consultant, from_day=today))
    skipped = []
    day = today
    while day <= last:
        if day.weekday() < 5 and not is_working_day(day):
            skipped.append(SkippedDay(day, holiday_name(day, language)))
        elif day.weekday() < 5 and day in blocked:
            skipped.append(SkippedDay(day, "", blocked=True))
        day += timedelta(days=1)
    return Preview(today, last, by_length, skipped)


@lru_cache(maxsize=32)
def _holiday_names(year: int, language: str) -> dict[date, str]:
    # The same categories as portal.workdays (public holidays and the three eves), named in the UI's language.
    calendar = holidays.Sweden(
        years=year,
        categories=(PUBLIC, DE_FACTO),
        include_sundays=False,
        language="en_US" if language == "en" else "sv",
    )
    return dict(calendar.items())


def holiday_name(day: date, language: str) -> str:
    """A holiday's name as people write it mid-sentence: 'julafton', 'Christmas Eve'."""
    name = _holiday_names(day.year, language).get(day, "")
    return name.lower() if language == "sv" else name
