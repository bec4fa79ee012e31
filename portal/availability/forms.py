"""One form per screen of the available-times pages. Forms check shape; services check the rules."""

from __future__ import annotations

from babel.dates import get_day_names
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    SelectChoice,
    SelectField,
    StringField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.availability.services import BUFFER_CHOICES, HORIZON_CHOICES, NOTICE_CHOICES
from portal.web.fields import MultiCheckboxField
from portal.web.forms import PortalForm

DATE_MESSAGE = _l("Enter a date like 2026-12-24")
TIME_MESSAGE = _l("Enter a time like 09:00")
CHOICE_MESSAGE = _l("Choose one of the options")


def weekday_choices() -> list[SelectChoice]:
    """Monday to Sunday, named in the current language (0 = Monday, as in Python)."""
    names = get_day_names("wide", locale=get_locale())
    return [SelectChoice(str(n), names[n].capitalize()) for n in range(7)]


def time_field(label, required_message):
    # type=time gives a native picker; step=300 makes its arrows move in 5-minute steps.
    return TimeField(
        label,
        validators=[InputRequired(required_message)],
        invalid_value_message=TIME_MESSAGE,
        render_kw={"step": "300"},
    )


def optional_date(label):
    return DateField(label, validators=[Optional()], invalid_value_message=DATE_MESSAGE)


# Whole labels for one and none rather than plural forms, which the catalogue keeps simple without.
def _buffer_choice(minutes: int) -> SelectChoice:
    return SelectChoice(minutes, _l("No break") if minutes == 0 else _l("%(minutes)s minutes", minutes=minutes))


def _notice_choice(days: int) -> SelectChoice:
    if days == 0:
        return SelectChoice(days, _l("None: the same day can be booked"))
    if days == 1:
        return SelectChoice(days, _l("1 working day"))
    return SelectChoice(days, _l("%(days)s working days", days=days))


def _horizon_choice(weeks: int) -> SelectChoice:
    return SelectChoice(weeks, _l("1 week") if weeks == 1 else _l("%(weeks)s weeks", weeks=weeks))


class WeeklyWindowForm(PortalForm):
    weekday = SelectField(
        _l("Day of the week"),
        coerce=int,
        validators=[InputRequired(_l("Choose a day of the week"))],
        invalid_choice_message=CHOICE_MESSAGE,
    )
    start_time = time_field(_l("From"), _l("Enter the time you are free from"))
    end_time = time_field(_l("Until"), _l("Enter the time you are free until"))
    valid_from = optional_date(_l("First date (optional)"))
    valid_to = optional_date(_l("Last date (optional)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.weekday.choices = weekday_choices()

    def window(self) -> dict:
        return {
            "weekday": self.weekday.data,
            "start_time": self.start_time.data,
            "end_time": self.end_time.data,
            "valid_from": self.valid_from.data,
            "valid_to": self.valid_to.data,
        }


class OneOffWindowForm(PortalForm):
    on_date = DateField(
        _l("Date"), validators=[InputRequired(_l("Enter the date"))], invalid_value_message=DATE_MESSAGE
    )
    start_time = time_field(_l("From"), _l("Enter the time you are free from"))
    end_time = time_field(_l("Until"), _l("Enter the time you are free until"))

    def window(self) -> dict:
        return {"on_date": self.on_date.data, "start_time": self.start_time.data, "end_time": self.end_time.data}


class BlockDaysForm(PortalForm):
    first_day = DateField(
        _l("First day"), validators=[InputRequired(_l("Enter the first day"))], invalid_value_message=DATE_MESSAGE
    )
    last_day = optional_date(_l("Last day (optional)"))
    note = StringField(
        _l("Note (optional)"),
        validators=[Optional(), Length(max=200, message=_l("Write at most 200 characters"))],
    )


class BookingSettingsForm(PortalForm):
    lengths_minutes = MultiCheckboxField(
        _l("Meeting lengths you offer"),
        coerce=int,
        choices=[
            SelectChoice(30, _l("%(minutes)s minutes", minutes=30)),
            SelectChoice(45, _l("%(minutes)s minutes", minutes=45)),
            SelectChoice(60, _l("%(minutes)s minutes", minutes=60)),
        ],
        validators=[DataRequired(_l("Choose at least one meeting length"))],
        invalid_choice_message=CHOICE_MESSAGE,
    )
    buffer_minutes = SelectField(
        _l("Break between meetings"),
        coerce=int,
        choices=[_buffer_choice(n) for n in BUFFER_CHOICES],
        validators=[InputRequired(_l("Choose a break between meetings"))],
        invalid_choice_message=CHOICE_MESSAGE,
    )
    notice_working_days = SelectField(
        _l("Least notice"),
        coerce=int,
        choices=[_notice_choice(n) for n in NOTICE_CHOICES],
        validators=[InputRequired(_l("Choose how much notice you need"))],
        invalid_choice_message=CHOICE_MESSAGE,
    )
    horizon_weeks = SelectField(
        _l("How far ahead people can book"),
        coerce=int,
        choices=[_horizon_choice(n) for n in HORIZON_CHOICES],
        validators=[InputRequired(_l("Choose how far ahead people can book"))],
        invalid_choice_message=CHOICE_MESSAGE,
    )

    def settings(self) -> dict:
        return {
            "lengths_minutes": self.lengths_minutes.data,
            "buffer_minutes": self.buffer_minutes.data,
            "notice_working_days": self.notice_working_days.data,
            "horizon_weeks": self.horizon_weeks.data,
        }


class ConfirmForm(PortalForm):
    """An empty form: a confirmation button with its CSRF token."""
