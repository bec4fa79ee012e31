"""iCalendar (RFC 5545/5546) invitations, cancellations and feeds, with all times in UTC."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from icalendar import Calendar, Event, vCalAddress

PRODID = "-//Brygga//Bokningar//SV"
STATUSES = ("CONFIRMED", "CANCELLED")


@dataclass(frozen=True)
class CalendarEvent:
    """One meeting as calendars see it; attendees are (email, name) pairs besides the organiser."""

    uid: str
    sequence: int
    start_utc: datetime
    end_utc: datetime
    summary: str
    description: str
    location: str
    organizer_email: str
    organizer_name: str
    attendees: tuple[tuple[str, str], ...]
    status: Literal["CONFIRMED", "CANCELLED"]
    url: str | None = None

    def __post_init__(self) -> None:
        for moment in (self.start_utc, self.end_utc):
            if moment.tzinfo is None or moment.utcoffset() is None:
                raise ValueError("event times must be timezone-aware")
        if not self.start_utc < self.end_utc:
            raise ValueError("an event must end after it starts")
        if self.sequence < 0:
            raise ValueError("sequence must be >= 0")
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}")
        if not self.uid:
            raise ValueError("uid must not be empty")


def invitation(event: CalendarEvent, *, dtstamp: datetime | None = None) -> bytes:
    """A METHOD:REQUEST calendar asking the attendees to a new or moved meeting."""
    if event.status != "CONFIRMED":
        raise ValueError("a cancelled event is sent with cancellation(), not invitation()")
    vevent = _vevent(event, "CONFIRMED", dtstamp)
    vevent.add("organizer", _organizer(event))
    for email, name in _others(event):
        attendee = _address(email, name)
        attendee.params["ROLE"] = "REQ-PARTICIPANT"
        attendee.params["PARTSTAT"] = "NEEDS-ACTION"
        attendee.params["RSVP"] = "TRUE"
        vevent.add("attendee", attendee)
    return _calendar("REQUEST", [vevent]).to_ical()


def cancellation(event: CalendarEvent, *, dtstamp: datetime | None = None) -> bytes:
    """A METHOD:CANCEL calendar; the caller passes the sequence raised past the last one sent."""
    vevent = _vevent(event, "CANCELLED", dtstamp)
    vevent.add("organizer", _organizer(event))
    for email, name in _others(event):
        attendee = _address(email, name)
        attendee.params["ROLE"] = "REQ-PARTICIPANT"
        vevent.add("attendee", attendee)
    return _calendar("CANCEL", [vevent]).to_ical()


def feed(events: Iterable[CalendarEvent], name: str, *, dtstamp: datetime | None = None) -> bytes:
    """A METHOD:PUBLISH calendar for subscription: times, summary, location and status only."""
    # A feed URL is a bearer link that third-party calendar servers fetch and keep, so it
    # carries no description, organiser or attendee addresses.
    components = [_vevent(e, e.status, dtstamp, with_description=False) for e in events]
    calendar = _calendar("PUBLISH", components)
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    return calendar.to_ical()


def _calendar(method: str, events: list[Event]) -> Calendar:
    """A VCALENDAR with the given METHOD around the events."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    for event in events:
        calendar.add_component(event)
    return calendar


def _vevent(
    event: CalendarEvent,
    status: str,
    dtstamp: datetime | None,
    *,
    with_description: bool = True,
) -> Event:
    """The VEVENT properties every method shares."""
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", (dtstamp or datetime.now(UTC)).astimezone(UTC))
    vevent.add("dtstart", event.start_utc.astimezone(UTC))
    vevent.add("dtend", event.end_utc.astimezone(UTC))
    vevent.add("summary", event.summary)
    if with_description and event.description:
        vevent.add("description", event.description)
    if event.location:
        vevent.add("location", event.location)
    vevent.add("status", status)
    if event.url:
        vevent.add("url", event.url)
    return vevent


def _address(email: str, name: str) -> vCalAddress:
    """A mailto: calendar address with the person's name as CN."""
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = name
    return address


def _organizer(event: CalendarEvent) -> vCalAddress:
    """The organiser's address."""
    return _address(event.organizer_email, event.organizer_name)


def _others(event: CalendarEvent) -> list[tuple[str, str]]:
    """The attendees other than the organiser, each address once."""
    seen = {event.organizer_email.casefold()}
    others = []
    for email, name in event.attendees:
        if email.casefold() not in seen:
            seen.add(email.casefold())
            others.append((email, name))
    return others
