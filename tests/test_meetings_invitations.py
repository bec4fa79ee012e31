"""Calendar invitations as the SMTP server received them, read with icalendar and vobject; reminders once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import vobject

from portal.meetings import feeds
from portal.meetings import services as meetings
from portal.meetings.states import LocationKind, MeetingStatus
from portal.outbox.delivery import send_due
from tests.meeting_factories import make_interest, make_meeting, tuesday_window

MONDAY = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
TUESDAY_9 = datetime(2030, 1, 8, 8, 0, tzinfo=UTC)


@pytest.fixture
def monday(clock):
    clock.set(MONDAY)
    return clock


def _settle(db, mailbox):
    """Send what setting up queued (the offer's approval e-mail), so the test sees only meeting mail."""
    db.session.commit()
    send_due()
    mailbox.clear()


def _deliver(db, mailbox):
    db.session.commit()
    send_due()
    return list(mailbox.messages)


def _calendar_part(message):
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return parts[0]


def _both_readers(part):
    data = part.get_payload(decode=True)
    return icalendar.Calendar.from_ical(data), vobject.readOne(data.decode("utf-8"))


def _confirmed(db, monday_clock=None):
    interest = make_interest()
    consultant = interest.participant.consultant
    tuesday_window(consultant)
    meeting = meetings.request_meeting(
        interest.employer_user, interest=interest, starts_at=TUESDAY_9, length_minutes=60,
        location_kind=LocationKind.WORKPLACE, location_details="Entrén", key="k",
    )
    meetings.confirm_request(meeting, consultant)
    return interest, meeting


def test_a_confirmed_meeting_sends_everyone_a_request_with_the_consultant_as_organiser(db, monday, mailbox):
    interest = make_interest()
    tuesday_window(interest.participant.consultant)
    _settle(db, mailbox)
    meeting = meetings.request_meeting(
        interest.employer_user, interest=interest, starts_at=TUESDAY_9, length_minutes=60,
        location_kind=LocationKind.WORKPLACE, location_details="Entrén", key="k",
    )
    meetings.confirm_request(meeting, meeting.consultant)
    messages = _deliver(db, mailbox)
    invitations = [m for m in messages if m["Subject"].startswith("Inbjudan")]
    recipients = sorted(m["To"] for m in invitations)
    assert recipients == sorted([meeting.consultant.email, interest.employer_user.email, "handledare@example.se"])
    for message in invitations:
        part = _calendar_part(message)
        assert part.get_content_type() == "text/calendar" and part.get_param("method") == "REQUEST"
        ical, vcal = _both_readers(part)
        event = ical.walk("VEVENT")[0]
        assert ical["METHOD"] == "REQUEST" and vcal.method.value == "REQUEST"
        assert str(event["UID"]) == meeting.ical_uid == vcal.vevent.uid.value
        assert int(event["SEQUENCE"]) == 0
        assert event.decoded("DTSTART") == TUESDAY_9 and vcal.vevent.dtstart.value == TUESDAY_9
        assert str(event["ORGANIZER"]) == f"mailto:{meeting.consultant.email}"
        attendees = sorted(str(a) for a in event.get("ATTENDEE"))
        assert attendees == sorted([f"mailto:{interest.employer_user.email}", "mailto:handledare@example.se"])
        # The participant is never an attendee, and only their first name is used.
        assert "Yusuf" not in part.get_payload(decode=True).decode("utf-8")
        assert "Amina" in str(event["DESCRIPTION"])


def test_without_consent_in_force_the_employer_is_not_told_the_first_name(db, monday, mailbox):
    interest = make_interest(consent=False)
    meeting = make_meeting(interest=interest, starts_at=TUESDAY_9, status=MeetingStatus.REQUESTED)
    _settle(db, mailbox)
    meetings.confirm_request(meeting, meeting.consultant)
    for message in _deliver(db, mailbox):
        body = _calendar_part(message).get_payload(decode=True).decode("utf-8")
        assert "Amina" not in body and "Amina" not in mailbox.text_of(message)


def test_a_move_sends_the_same_uid_with_the_next_sequence(db, monday, mailbox):
    interest, meeting = _confirmed(db)
    _deliver(db, mailbox)
    mailbox.clear()
    meetings.move_meeting(meeting, interest.employer_user, starts_at=TUESDAY_9 + timedelta(days=7), length_minutes=60, reason="Krock")
    messages = _deliver(db, mailbox)
    assert len(messages) == 3
    for message in messages:
        assert message["Subject"].startswith("Flyttat")
        assert "Krock" in mailbox.text_of(message)
        ical, vcal = _both_readers(_calendar_part(message))
        event = ical.walk("VEVENT")[0]
        assert ical["METHOD"] == "REQUEST"
        assert (str(event["UID"]), int(event["SEQUENCE"])) == (meeting.ical_uid, 1)
        assert vcal.vevent.dtstart.value == TUESDAY_9 + timedelta(days=7)


def test_a_cancellation_sends_cancel_with_status_cancelled_and_the_next_sequence(db, monday, mailbox):
    _interest, meeting = _confirmed(db)
    _deliver(db, mailbox)
    mailbox.clear()
    meetings.cancel_meeting(meeting, meeting.consultant, "Sjuk")
    messages = _deliver(db, mailbox)
    assert len(messages) == 3
    for message in messages:
        part = _calendar_part(message)
        assert part.get_param("method") == "CANCEL"
        ical, vcal = _both_readers(part)
        event = ical.walk("VEVENT")[0]
        assert ical["METHOD"] == "CANCEL" and vcal.method.value == "CANCEL"
        assert str(event["STATUS"]) == "CANCELLED" and vcal.vevent.status.value == "CANCELLED"
        assert (str(event["UID"]), int(event["SEQUENCE"])) == (meeting.ical_uid, 1)


def test_a_request_tells_the_consultant_without_a_calendar(db, monday, mailbox):
    interest = make_interest()
    tuesday_window(interest.participant.consultant)
    _settle(db, mailbox)
    meetings.request_meeting(interest.employer_user, interest=interest, starts_at=TUESDAY_9, length_minutes=60,
                             location_kind=LocationKind.PHONE, key="r")
    messages = _deliver(db, mailbox)
    assert [m["To"] for m in messages] == [interest.participant.consultant.email]
    assert not [p for p in messages[0].iter_attachments()]


def test_the_reminder_goes_the_day_before_and_only_once(db, clock, mailbox):
    clock.set(MONDAY)
    interest = make_interest()
    make_meeting(interest=interest, starts_at=TUESDAY_9)
    make_meeting(interest=make_interest(), starts_at=TUESDAY_9 + timedelta(days=1))  # Wednesday: not yet
    _settle(db, mailbox)
    # Sunday 23:30 in Stockholm: Tuesday is not tomorrow yet.
    assert meetings.send_reminders(datetime(2030, 1, 6, 22, 30, tzinfo=UTC)) == 0
    # Monday 00:30 in Stockholm is still Sunday in UTC: the Stockholm date decides.
    assert meetings.send_reminders(datetime(2030, 1, 6, 23, 30, tzinfo=UTC)) == 1
    assert meetings.send_reminders(datetime(2030, 1, 7, 9, 0, tzinfo=UTC)) == 0
    messages = _deliver(db, mailbox)
    assert sorted(m["To"] for m in messages) == sorted([interest.participant.consultant.email, interest.employer_user.email, "handledare@example.se"])
    assert all(m["Subject"].startswith("Påminnelse") for m in messages)


def test_the_remind_command_lapses_holds_and_reminds(app, db, clock):
    clock.set(MONDAY)
    interest = make_interest()
    tuesday_window(interest.participant.consultant)
    meetings.request_meeting(interest.employer_user, interest=interest, starts_at=TUESDAY_9, length_minutes=60,
                             location_kind=LocationKind.PHONE, key="r")
    db.session.commit()
    clock.set(MONDAY + timedelta(hours=49))
    result = app.test_cli_runner().invoke(args=["bookings", "remind"])
    assert result.exit_code == 0, result.output
    assert "lapsed 1" in result.output


def test_the_calendar_feed_lists_confirmed_and_cancelled_meetings(db, monday):
    interest, meeting = _confirmed(db)
    events = feeds.calendar_events_for(interest.employer_user)
    assert [(e.uid, e.status) for e in events] == [(meeting.ical_uid, "CONFIRMED")]
    meetings.cancel_meeting(meeting, meeting.consultant, "Sjuk")
    assert [e.status for e in feeds.calendar_events_for(meeting.consultant)] == ["CANCELLED"]
