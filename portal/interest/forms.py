"""One form per screen: propose, ask to meet, answer, withdraw consent."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from portal.interest.models import ConsentMethod
from portal.web.fields import DateInput

CONSENT_METHOD_LABELS = {
    ConsentMethod.IN_PERSON: _l("In person"),
    ConsentMethod.PHONE: _l("By phone"),
    ConsentMethod.WRITTEN: _l("In writing"),
    ConsentMethod.WITH_INTERPRETER: _l("With an interpreter"),
}
DEFAULT_COVERS = _l(
    "Meeting this employer, and sharing the person's first name and the consultant's contact details with them."
)


class ProposeForm(FlaskForm):
    """Only the button: the offer and the participant are in the address."""


class InterestForm(FlaskForm):
    message = TextAreaField(
        _l("Message to the consultant (optional)"),
        description=_l("For example when you could meet. Do not ask about health or background."),
        validators=[Optional(), Length(max=1000, message=_l("Use at most %(max)d characters"))],
        render_kw={"rows": 4},
    )


class AnswerForm(FlaskForm):
    answer = RadioField(
        _l("What did the participant answer?"),
        choices=[
            SelectChoice("agrees", _l("Wants to meet the employer")),
            SelectChoice("declines", _l("Does not want to, or cannot right now")),
        ],
        validators=[InputRequired(_l("Choose what the participant answered"))],
    )
    method = RadioField(
        _l("How did the participant give their consent?"),
        choices=[SelectChoice(code.value, label) for code, label in CONSENT_METHOD_LABELS.items()],
        validators=[Optional()],
    )
    given_on = DateInput(
        _l("Date of the consent"),
        validators=[Optional()],
        unreadable=_l("Write the date as year-month-day, for example 2026-12-01"),
    )
    covers = TextAreaField(
        _l("What the consent covers"),
        validators=[Optional(), Length(max=500, message=_l("Use at most %(max)d characters"))],
        render_kw={"rows": 3},
    )


class WithdrawInterestForm(FlaskForm):
    """Only the button: the offer and the candidate are in the address."""


class WithdrawConsentForm(FlaskForm):
    """Only the button."""
