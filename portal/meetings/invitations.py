"""Telling everyone about a meeting: e-mail in each person's language, with an .ics when the time is set.

The participant is never an attendee: they are reached through the consultant. The employer side
(and everyone's calendar) sees at most the participant's first name, and only once they agreed.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _

from portal.clock import now
from portal.interest.services import name_for_employer
from portal.meetings import ics
from portal.meetings.models import Meeting
from portal.meetings.states import LocationKind, MeetingKind
from portal.offers.visibility import approved_title
from portal.outbox.services import Attachment, queue_email
from portal.web.links import external_url

REQUEST = "text/calendar; method=REQUEST"
# The notices that say why: the reason given when the meeting was moved, cancelled or declined.
NOTICES_WITH_REASON = frozenset({"moved", "cancelled", "declined"})
CANCEL = "text/calendar; method=CANCEL"


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    locale: str


def meeting_link(meeting: Meeting) -> str:
    """The meeting's page, also from `flask bookings remind` where there is no request to build URLs in."""
    return external_url("meetings.detail", meeting_id=meeting.id)


def participant_label(meeting: Meeting) -> str:
    """What mail and calendars call the participant: the first name while the consent given on
    this employer's interest is in force (name_for_employer), otherwise 'the candidate'. Mail and
    calendar entries go to the employer side too, so they follow the employer's rule."""
    interest = meeting.interest if meeting.kind == MeetingKind.INTRODUCTION else getattr(meeting.placement, "interest", None)
    return name_for_employer(interest) or _("the candidate")


def summary(meeting: Meeting) -> str:
    """What mail and calendars call the meeting: with the approved title, as they reach outside the organisation."""
    if meeting.kind == MeetingKind.INTRODUCTION:
        return _("Introduction meeting: %(title)s", title=approved_title(meeting.offer))
    return _("Follow-up: %(title)s", title=approved_title(meeting.offer))


def location_text(meeting: Meeting) -> str:
    """Where, in words: the workplace's address, a phone meeting or a video link, and the details given."""
    details = meeting.location_details.strip()
    if meeting.location_kind == LocationKind.WORKPLACE:
        return ", ".join(part for part in (meeting.offer.address.strip(), details) if part)
    if meeting.location_kind == LocationKind.PHONE:
        return _("By phone: %(details)s", details=details) if details else _("By phone")
    return _("Video meeting: %(details)s", details=details) if details else _("Video meeting")


def calendar_event(meeting: Meeting, *, locale: str, status: str = "CONFIRMED") -> ics.CalendarEvent:
    """The meeting as calendars see it, worded in `locale`."""
    with force_locale(locale):
        description = _(
            "With %(participant)s (through the consultant %(consultant)s). See the meeting in Brygga: %(link)s",
            participant=participant_label(meeting),
            consultant=meeting.consultant.name,
            link=meeting_link(meeting),
        )
        return ics.CalendarEvent(
            uid=meeting.ical_uid,
            sequence=meeting.sequence,
            start_utc=meeting.starts_at,
            end_utc=meeting.ends_at,
            summary=summary(meeting),
            description=description,
            location=location_text(meeting),
            organizer_email=meeting.consultant.email,
            organizer_name=meeting.consultant.name,
            attendees=tuple((r.email, r.name) for r in everyone(meeting)),
            status=status,
        )


def consultant_side(meeting: Meeting) -> list[Recipient]:
    c = meeting.consultant
    return [Recipient(c.email, c.name, c.preferred_language)]


def employer_side(meeting: Meeting) -> list[Recipient]:
    """The employer contact and, if they take part and have an address, the offer's supervisor."""
    contact = meeting.employer_contact
    # A removed account has no address left to write to (portal/privacy/removal.py).
    people = [] if contact.removed_at else [Recipient(contact.email, contact.name, contact.preferred_language)]
    offer = meeting.offer
    if meeting.with_supervisor and offer.supervisor_email and offer.supervisor_email.casefold() != contact.email.casefold():
        people.append(Recipient(offer.supervisor_email, offer.supervisor_name, "sv"))
    return people


def everyone(meeting: Meeting) -> list[Recipient]:
    return consultant_side(meeting) + employer_side(meeting)


def notify(meeting: Meeting, notice: str, recipients: list[Recipient], *, method: str | None = None, actor=None) -> None:
    """Queue the notice to each recipient; `method` REQUEST or CANCEL attaches the calendar invitation."""
    for person in recipients:
        attachments: tuple[Attachment, ...] = ()
        if method == "REQUEST":
            body = ics.invitation(calendar_event(meeting, locale=person.locale), dtstamp=now())
            attachments = (Attachment("invitation.ics", REQUEST, body),)
        elif method == "CANCEL":
            event = calendar_event(meeting, locale=person.locale, status="CANCELLED")
            attachments = (Attachment("cancellation.ics", CANCEL, ics.cancellation(event, dtstamp=now())),)
        with force_locale(person.locale):
            queue_email(
                person.email,
                "meeting_notice",
                locale=person.locale,
                about_participant_id=meeting.participant.id,
                attachments=attachments,
                notice=notice,
                show_reason=notice in NOTICES_WITH_REASON,
                name=person.name,
                meeting=meeting,
                what=summary(meeting),
                where=location_text(meeting),
                participant=participant_label(meeting),
                actor_name=actor.name if actor is not None else "",
                link=meeting_link(meeting),
            )
