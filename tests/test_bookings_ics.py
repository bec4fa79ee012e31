from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
import vobject
from icalendar import Calendar

from portal.meetings.ics import CalendarEvent, cancellation, feed, invitation

STAMP = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)

EVENT = CalendarEvent(
    uid="meeting-42@brygga.example",
    sequence=0,
    start_utc=datetime(2026, 3, 16, 8, 0, tzinfo=UTC),
    end_utc=datetime(2026, 3, 16, 9, 0, tzinfo=UTC),
    summary="Uppföljning: praktik på lagret",
    description="Vi går igenom hur uppgifterna går; ta gärna med schemat.",
    location="Storgatan 1, Sundsvall",
    organizer_email="asa.oberg@kommun.example",
    organizer_name="Åsa Öberg",
    attendees=(
        ("li@foretag.example", "李小龍"),
        ("mohammed@example.se", "محمد"),
        ("deltagare@example.se", ""),
    ),
    status="CONFIRMED",
    url="https://brygga.example/bokningar/42",
)


def parse_icalendar(data: bytes):
    calendar = Calendar.from_ical(data)
    (vevent,) = calendar.walk("VEVENT")
    return calendar, vevent


def parse_vobject(data: bytes):
    return vobject.readOne(data.decode("utf-8"))


def test_invitation_as_read_by_icalendar():
    calendar, vevent = parse_icalendar(invitation(EVENT, dtstamp=STAMP))
    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    assert str(vevent["UID"]) == EVENT.uid
    assert vevent.decoded("SEQUENCE") == 0
    assert vevent.decoded("DTSTART") == EVENT.start_utc
    assert vevent.decoded("DTEND") == EVENT.end_utc
    assert vevent.decoded("DTSTAMP") == STAMP
    assert vevent["DTSTART"].to_ical() == b"20260316T080000Z"
    assert vevent["STATUS"] == "CONFIRMED"
    assert vevent["ORGANIZER"] == "mailto:asa.oberg@kommun.example"
    assert vevent["ORGANIZER"].params["CN"] == "Åsa Öberg"
    attendees = vevent["ATTENDEE"]
    assert [str(a) for a in attendees] == [f"mailto:{email}" for email, _ in EVENT.attendees]
    for attendee in attendees:
        assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
        assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
        assert attendee.params["RSVP"] == "TRUE"
    assert [a.params.get("CN") for a in attendees] == ["李小龍", "محمد", None]
    assert vevent["SUMMARY"] == EVENT.summary
    assert vevent["DESCRIPTION"] == EVENT.description
    assert vevent["LOCATION"] == EVENT.location
    assert vevent["URL"] == EVENT.url


def test_invitation_as_read_by_vobject():
    calendar = parse_vobject(invitation(EVENT, dtstamp=STAMP))
    assert calendar.method.value == "REQUEST"
    vevent = calendar.vevent
    assert vevent.uid.value == EVENT.uid
    assert int(vevent.sequence.value) == 0
    assert vevent.dtstart.value == EVENT.start_utc
    assert vevent.dtend.value == EVENT.end_utc
    assert vevent.status.value == "CONFIRMED"
    assert vevent.organizer.value == "mailto:asa.oberg@kommun.example"
    assert vevent.organizer.params["CN"] == ["Åsa Öberg"]
    assert len(vevent.attendee_list) == 3
    assert [a.params.get("CN") for a in vevent.attendee_list] == [["李小龍"], ["محمد"], None]
    assert all(a.params["RSVP"] == ["TRUE"] for a in vevent.attendee_list)
    assert vevent.summary.value == EVENT.summary
    assert vevent.location.value == EVENT.location


def test_output_is_crlf_and_folded_at_75_octets():
    long = replace(EVENT, summary="Uppföljning med Åsa Öberg, 李小龍 och محمد " * 6)
    data = invitation(long, dtstamp=STAMP)
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines) and b"\r" not in b"".join(lines)
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)
    _, vevent = parse_icalendar(data)
    assert vevent["SUMMARY"] == long.summary
    assert parse_vobject(data).vevent.summary.value == long.summary


def test_times_given_in_another_zone_are_written_in_utc():
    stockholm = timezone(timedelta(hours=1))
    event = replace(
        EVENT,
        start_utc=datetime(2026, 3, 16, 9, 0, tzinfo=stockholm),
        end_utc=datetime(2026, 3, 16, 10, 0, tzinfo=stockholm),
    )
    data = invitation(event, dtstamp=STAMP)
    assert b"DTSTART:20260316T080000Z\r\n" in data
    assert b"DTEND:20260316T090000Z\r\n" in data
    assert b"VTIMEZONE" not in data


def test_a_move_keeps_the_uid_and_raises_the_sequence():
    first = parse_vobject(invitation(EVENT, dtstamp=STAMP)).vevent
    moved_event = replace(
        EVENT,
        sequence=EVENT.sequence + 1,
        start_utc=datetime(2026, 3, 17, 12, 0, tzinfo=UTC),
        end_utc=datetime(2026, 3, 17, 12, 45, tzinfo=UTC),
    )
    moved = parse_vobject(invitation(moved_event, dtstamp=STAMP)).vevent
    assert moved.uid.value == first.uid.value
    assert int(moved.sequence.value) == int(first.sequence.value) + 1
    assert moved.dtstart.value == datetime(2026, 3, 17, 12, 0, tzinfo=UTC)
    assert moved.dtend.value == datetime(2026, 3, 17, 12, 45, tzinfo=UTC)


def test_cancellation():
    cancelled = replace(EVENT, sequence=3)
    data = cancellation(cancelled, dtstamp=STAMP)
    calendar, vevent = parse_icalendar(data)
    assert calendar["METHOD"] == "CANCEL"
    assert str(vevent["UID"]) == EVENT.uid
    assert vevent.decoded("SEQUENCE") == 3
    assert vevent["STATUS"] == "CANCELLED"
    assert vevent.decoded("DTSTART") == EVENT.start_utc
    assert vevent["ORGANIZER"] == "mailto:asa.oberg@kommun.example"
    assert len(vevent["ATTENDEE"]) == 3
    v = parse_vobject(data)
    assert v.method.value == "CANCEL"
    assert v.vevent.uid.value == EVENT.uid
    assert int(v.vevent.sequence.value) == 3
    assert v.vevent.status.value == "CANCELLED"
    assert v.vevent.dtend.value == EVENT.end_utc
    assert len(v.vevent.attendee_list) == 3


def test_an_invitation_is_never_sent_for_a_cancelled_event():
    with pytest.raises(ValueError):
        invitation(replace(EVENT, status="CANCELLED"))


def test_the_organiser_is_not_also_an_attendee():
    event = replace(
        EVENT, attendees=(("ASA.OBERG@kommun.example", "Åsa"), *EVENT.attendees, EVENT.attendees[0])
    )
    vevent = parse_vobject(invitation(event, dtstamp=STAMP)).vevent
    assert len(vevent.attendee_list) == 3


def test_non_ascii_names_survive_a_round_trip():
    names = ["Åsa Öberg", "李小龍", "محمد", "Zoë, O'Brien; Ærø"]
    event = replace(
        EVENT,
        organizer_name=names[0],
        attendees=tuple((f"p{i}@example.se", n) for i, n in enumerate(names)),
        summary=" / ".join(names),
        location="Ängsvägen 3, Öckerö",
    )
    data = invitation(event, dtstamp=STAMP)
    _, vevent = parse_icalendar(data)
    assert [a.params["CN"] for a in vevent["ATTENDEE"]] == names
    assert vevent["ORGANIZER"].params["CN"] == "Åsa Öberg"
    assert vevent["SUMMARY"] == event.summary
    v = parse_vobject(data).vevent
    assert [a.params["CN"][0] for a in v.attendee_list] == names
    assert v.summary.value == event.summary
    assert v.location.value == "Ängsvägen 3, Öckerö"


def test_dtstamp_defaults_to_now():
    before = datetime.now(UTC).replace(microsecond=0)
    _, vevent = parse_icalendar(invitation(EVENT))
    assert before <= vevent.decoded("DTSTAMP") <= datetime.now(UTC)


def test_feed_publishes_times_summary_location_and_status_only():
    cancelled = replace(EVENT, uid="meeting-43@brygga.example", sequence=2, status="CANCELLED")
    data = feed([EVENT, cancelled], "Brygga – Åsa Öbergs möten", dtstamp=STAMP)
    calendar = Calendar.from_ical(data)
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "Brygga – Åsa Öbergs möten"
    vevents = calendar.walk("VEVENT")
    assert [str(e["UID"]) for e in vevents] == [EVENT.uid, cancelled.uid]
    assert [e["STATUS"] for e in vevents] == ["CONFIRMED", "CANCELLED"]
    assert [e.decoded("SEQUENCE") for e in vevents] == [0, 2]
    assert all(e.decoded("DTSTART") == EVENT.start_utc for e in vevents)
    assert all(e["LOCATION"] == EVENT.location for e in vevents)
    for leak in (b"ORGANIZER", b"ATTENDEE", b"mailto:", b"DESCRIPTION"):
        assert leak not in data
    v = parse_vobject(data)
    assert v.method.value == "PUBLISH"
    assert [e.uid.value for e in v.vevent_list] == [EVENT.uid, cancelled.uid]
    assert v.vevent_list[1].status.value == "CANCELLED"
    assert v.vevent_list[0].dtend.value == EVENT.end_utc


def test_an_empty_feed_is_still_a_calendar():
    v = parse_vobject(feed([], "Tomt", dtstamp=STAMP))
    assert v.method.value == "PUBLISH"
    assert not hasattr(v, "vevent")


@pytest.mark.parametrize(
    "change",
    [
        {"start_utc": datetime(2026, 3, 16, 8, 0)},
        {"end_utc": EVENT.start_utc},
        {"sequence": -1},
        {"status": "TENTATIVE"},
        {"uid": ""},
    ],
)
def test_invalid_events_are_refused(change):
    with pytest.raises(ValueError):
        replace(EVENT, **change)
