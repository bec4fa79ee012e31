"""One form per meeting screen. Each booking form carries an idempotency key, so pressing twice books once."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
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

from portal.bookings.slots import STOCKHOLM
from portal.bookings.states import LocationKind
from portal.errors import FieldError

DATE_MESSAGE = _l("Enter a date like 2026-12-24")
TIME_MESSAGE = _l("Enter a time like 09:00")
CHOICE_MESSAGE = _l("Choose one of the options")


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


class RequestMeetingForm(_Where, FlaskForm):
    slot = RadioField(_l("Time"), validators=[InputRequired(_l("Choose a time"))], invalid_choice_message=_l("Someone else booked that time just before you — choose another."))
    length = HiddenField()


class ProposeMeetingForm(_Where, FlaskForm):
    day_1 = DateField(_l("Date, first time"), validators=[InputRequired(_l("Enter the date"))], invalid_value_message=DATE_MESSAGE)
    time_1 = TimeField(_l("Time, first time"), validators=[InputRequired(_l("Enter the time"))], invalid_value_message=TIME_MESSAGE)
    day_2 = DateField(_l("Date, second time"), validators=[InputRequired(_l("Enter the date"))], invalid_value_message=DATE_MESSAGE)
    time_2 = TimeField(_l("Time, second time"), validators=[InputRequired(_l("Enter the time"))], invalid_value_message=TIME_MESSAGE)
    day_3 = DateField(_l("Date, third time (optional)"), validators=[Optional()], invalid_value_message=DATE_MESSAGE)
    time_3 = TimeField(_l("Time, third time (optional)"), validators=[Optional()], invalid_value_message=TIME_MESSAGE)
    length = SelectField(_l("Length"), coerce=int, validators=[InputRequired(_l("Choose a length"))], invalid_choice_message=CHOICE_MESSAGE)
    employer_contact = SelectField(_l("Contact at the employer"), coerce=int, validators=[InputRequired(_l("Choose a contact"))], invalid_choice_message=CHOICE_MESSAGE)


class ChooseTimeForm(FlaskForm):
    proposal = RadioField(_l("Choose a time"), coerce=int, validators=[InputRequired(_l("Choose one of the times"))], invalid_choice_message=CHOICE_MESSAGE)


class ConfirmMeetingForm(FlaskForm):
    """A confirmation button with its CSRF token."""


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[InputRequired(_l("Write a short reason")), Length(max=300, message=_l("Write at most 300 characters"))])


class DeclineForm(FlaskForm):
    reason = TextAreaField(_l("Reason (optional)"), validators=[Optional(), Length(max=300, message=_l("Write at most 300 characters"))])


class NewTimeForm(FlaskForm):
    starts_on = DateField(_l("Date"), validators=[InputRequired(_l("Enter the date"))], invalid_value_message=DATE_MESSAGE)
    start_time = TimeField(_l("Time"), validators=[InputRequired(_l("Enter the time"))], invalid_value_message=TIME_MESSAGE)
    length = SelectField(_l("Length"), coerce=int, validators=[InputRequired(_l("Choose a length"))], invalid_choice_message=CHOICE_MESSAGE)


class MoveMeetingForm(NewTimeForm):
    reason = TextAreaField(_l("Reason"), validators=[InputRequired(_l("Write a short reason")), Length(max=300, message=_l("Write at most 300 characters"))])


class NextFollowUpForm(NewTimeForm):
    key = HiddenField()


def length_choices(lengths) -> list[SelectChoice]:
    return [SelectChoice(n, _l("%(minutes)s minutes", minutes=n)) for n in sorted(lengths)]
