"""One form per screen: propose, ask to meet, answer, withdraw consent."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from portal.clock import today_in_stockholm
from portal.interest.models import ConsentMethod
from portal.interest.services import ConsentDetails
from portal.interest.states import InterestStatus
from portal.web.fields import DateInput
from portal.web.forms import PortalForm

CONSENT_METHOD_LABELS = {
    ConsentMethod.IN_PERSON: _l("In person"),
    ConsentMethod.PHONE: _l("By phone"),
    ConsentMethod.WRITTEN: _l("In writing"),
    ConsentMethod.WITH_INTERPRETER: _l("With an interpreter"),
}
STATUS_LABELS = {
    InterestStatus.OPEN: _l("Waiting for your answer"),
    InterestStatus.AGREED: _l("Wants to meet"),
    InterestStatus.DECLINED: _l("Not available right now"),
    InterestStatus.LAPSED: _l("Lapsed – not answered in time"),
    InterestStatus.WITHDRAWN: _l("Taken back by the employer"),
}
# Which of an offer's candidate cards the employer lists. Each picks among cards already made
# k-anonymous over every active participant: a filter never changes that population.
CANDIDATE_FILTER_LABELS = {
    "all": _l("All candidates"),
    "proposed": _l("Suggested by the unit"),
    "not_asked": _l("Not asked to meet yet"),
    "asked": _l("Asked to meet"),
}
DEFAULT_COVERS = _l(
    "Meeting this employer, and sharing the person's first name and the consultant's contact details with them."
)


class ProposeForm(PortalForm):
    """Only the button: the offer and the participant are in the address."""


class CandidateFilterForm(PortalForm):
    """A plain GET form (no token: it changes nothing); htmx sends it without a reload."""

    class Meta:
        csrf = False

    show = RadioField(
        _l("Show"),
        choices=[SelectChoice(code, label) for code, label in CANDIDATE_FILTER_LABELS.items()],
        default="all",
        validators=[Optional()],
    )

    def chosen(self) -> str:
        """The filter asked for; anything unknown shows every candidate."""
        return self.show.data if self.show.data in CANDIDATE_FILTER_LABELS else "all"


class InterestForm(PortalForm):
    message = TextAreaField(
        _l("Message to the consultant (optional)"),
        description=_l("For example when you could meet. Do not ask about health or background."),
        validators=[Optional(), Length(max=1000, message=_l("Use at most %(max)d characters"))],
        render_kw={"rows": 4},
    )


class AnswerForm(PortalForm):
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_submitted():  # a new answer starts from today and the usual wording
            self.covers.data = str(DEFAULT_COVERS)
            self.given_on.data = today_in_stockholm()

    def agrees(self) -> bool:
        return self.answer.data == "agrees"

    def consent(self) -> ConsentDetails:
        """The consent as the service takes it."""
        return ConsentDetails(
            method=ConsentMethod(self.method.data) if self.method.data else None,
            given_on=self.given_on.data,
            covers=self.covers.data or "",
        )


class WithdrawInterestForm(PortalForm):
    """Only the button: the offer and the candidate are in the address."""


class WithdrawConsentForm(PortalForm):
    """Only the button."""
