"""One form per meeting screen. Each booking form carries an idempotency key, so pressing twice books once."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import format_date, format_time
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import InputRequired, Length, Optional

from portal.availability.forms import CHOICE_MESSAGE, DATE_MESSAGE, TIME_MESSAGE
from portal.availability.slots import STOCKHOLM
from portal.errors import FieldError
from portal.meetings.states import LocationKind
from portal.web.forms import PortalForm


def location_choices() -> list[SelectChoice]:
    return [
        SelectChoice(LocationKind.WORKPLACE.value, _l("At the workplace")),
        SelectChoice(LocationKind.PHONE.value, _l("By phone")),
        SelectChoice(LocationKind.VIDEO.value, _l("By video link")),
    ]


def new_key() -> str:
    return secrets.token_urlsafe(24)


def stockholm_instant(day: date, at: time, field: str) -> datetime:
    """A Stockholm wall-clock date and time as an aware instant; a time the clocks skip is refused."""
    local = datetime.combine(day, at, STOCKHOLM)
    back = local.astimezone(UTC).astimezone(STOCKHOLM)
    if back.replace(tzinfo=None) != local.replace(tzinfo=None):
        raise FieldError(field, str(_l("That time does not exist that day because the clocks change. Choose another time.")))
    return local


class _Where:
    location_kind = RadioField(
        _l("Where"), choices=location_choices(), default=LocationKind.WORKPLACE.value,
        validators=[InputRequired(_l("Choose where you meet"))], invalid_choice_message=CHOICE_MESSAGE,
    )
    location_details = StringField(
        _l("Details (optional)"), validators=[Optional(), Length(max=300, message=_l("Write at most 300 characters"))]
    )
    with_supervisor = BooleanField(_l("The supervisor takes part"), default=True)
    with_participant = BooleanField(_l("The participant takes part (the consultant brings them)"), default=True)
    key = HiddenField()

    def meeting_details(self) -> dict:
        """Where and with whom, and the form's idempotency key, as the booking services take them."""
        return {
            "location_kind": LocationKind(self.location_kind.data),
            "location_details": self.location_details.data or "",
            "with_supervisor": self.with_supervisor.data,
            "with_participant": self.with_participant.data,
            "key": self.key.data,
        }

    def give_key(self) -> None:
        """A new form gets its idempotency key; a sent one keeps the key it came with."""
        if not self.key.data:
            self.key.data = new_key()


class RequestMeetingForm(_Where, PortalForm):
    slot = RadioField(_l("Time"), validators=[InputRequired(_l("Choose a time"))], invalid_choice_message=_l("Choose a time"))
    length = HiddenField()

    def __init__(self, times: list[str], length: int, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.length.data = str(length)
        self.slot.choices = [SelectChoice(value, time_span(datetime.fromisoformat(value), length)) for value in times]
        self.give_key()


class ProposeMeetingForm(_Where, PortalForm):
    day_1 = DateField(_l("Date, first time"), validators=[InputRequired(_l("Enter the date"))], invalid_value_message=DATE_MESSAGE)
    time_1 = TimeField(_l("Time, first time"), validators=[InputRequired(_l("Enter the time"))], invalid_value_message=TIME_MESSAGE)
    day_2 = DateField(_l("Date, second time"), validators=[InputRequired(_l("Enter the date"))], invalid_value_message=DATE_MESSAGE)
    time_2 = TimeField(_l("Time, second time"), validators=[InputRequired(_l("Enter the time"))], invalid_value_message=TIME_MESSAGE)
    day_3 = DateField(_l("Date, third time (optional)"), validators=[Optional()], invalid_value_message=DATE_MESSAGE)
    time_3 = TimeField(_l("Time, third time (optional)"), validators=[Optional()], invalid_value_message=TIME_MESSAGE)
    length = SelectField(_l("Length"), coerce=int, validators=[InputRequired(_l("Choose a length"))], invalid_choice_message=CHOICE_MESSAGE)
    employer_contact = SelectField(_l("Contact at the employer"), coerce=int, validators=[InputRequired(_l("Choose a contact"))], invalid_choice_message=CHOICE_MESSAGE)

    def __init__(self, lengths, contacts, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.length.choices = length_choices(lengths)
        self.contacts = {user.id: user for user in contacts}
        self.employer_contact.choices = [SelectChoice(user.id, user.name) for user in contacts]
        self.give_key()

    def times(self) -> list[datetime]:
        """The two or three times filled in, as instants (a time the clocks skip is a FieldError)."""
        return [
            stockholm_instant(self[f"day_{n}"].data, self[f"time_{n}"].data, f"time_{n}")
            for n in (1, 2, 3)
            if self[f"day_{n}"].data and self[f"time_{n}"].data
        ]

    def contact(self):
        return self.contacts[self.employer_contact.data]


class ChooseTimeForm(PortalForm):
    proposal = RadioField(_l("Choose a time"), coerce=int, validators=[InputRequired(_l("Choose one of the times"))], invalid_choice_message=CHOICE_MESSAGE)

    def __init__(self, meeting, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal.choices = [
            SelectChoice(p.id, time_span(p.starts_at, int((p.ends_at - p.starts_at).total_seconds() // 60)))
            for p in meeting.proposals
        ]


class ConfirmMeetingForm(PortalForm):
    """A confirmation button with its CSRF token."""


class ReasonForm(PortalForm):
    reason = TextAreaField(_l("Reason"), validators=[InputRequired(_l("Write a short reason")), Length(max=300, message=_l("Write at most 300 characters"))])


class DeclineForm(PortalForm):
    reason = TextAreaField(_l("Reason (optional)"), validators=[Optional(), Length(max=300, message=_l("Write at most 300 characters"))])


class NewTimeForm(PortalForm):
    starts_on = DateField(_l("Date"), validators=[InputRequired(_l("Enter the date"))], invalid_value_message=DATE_MESSAGE)
    start_time = TimeField(_l("Time"), validators=[InputRequired(_l("Enter the time"))], invalid_value_message=TIME_MESSAGE)
    length = SelectField(_l("Length"), coerce=int, validators=[InputRequired(_l("Choose a length"))], invalid_choice_message=CHOICE_MESSAGE)

    def __init__(self, lengths, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.length.choices = length_choices(lengths)

    def suggest(self, starts_at: datetime, length_minutes: int) -> None:
        """Fill in a first answer: a Stockholm date and time and a length."""
        local = starts_at.astimezone(STOCKHOLM)
        self.starts_on.data, self.start_time.data = local.date(), local.time().replace(tzinfo=None)
        self.length.data = length_minutes

    def starts_at(self) -> datetime:
        return stockholm_instant(self.starts_on.data, self.start_time.data, "start_time")


class MoveMeetingForm(NewTimeForm):
    reason = TextAreaField(_l("Reason"), validators=[InputRequired(_l("Write a short reason")), Length(max=300, message=_l("Write at most 300 characters"))])


class NextFollowUpForm(NewTimeForm):
    key = HiddenField()

    def __init__(self, lengths, *args, **kwargs):
        super().__init__(lengths, *args, **kwargs)
        if not self.key.data:
            self.key.data = new_key()


def length_choices(lengths) -> list[SelectChoice]:
    return [SelectChoice(n, _l("%(minutes)s minutes", minutes=n)) for n in sorted(lengths)]


def time_span(start: datetime, minutes: int) -> str:
    """A time as people read it: "tisdag 1 december 2026, 09:00–10:00" (Stockholm time)."""
    end = start + timedelta(minutes=minutes)
    return f"{format_date(start, 'full')}, {format_time(start, 'short')}–{format_time(end, 'short')}"
