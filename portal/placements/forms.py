"""One form per screen: record a placement, start or end it."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectChoice, SelectField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Optional

from portal.offers.fields import PLACEMENT_LABELS
from portal.participants.states import Outcome
from portal.placements.states import FollowUpCadence, PlacementStatus
from portal.reference.vocabulary import PlacementKind
from portal.web.fields import DateInput
from portal.web.forms import PortalForm

CADENCE_LABELS = {
    FollowUpCadence.WEEKLY: _l("Every week"),
    FollowUpCadence.BIWEEKLY: _l("Every other week"),
    FollowUpCadence.MONTHLY: _l("Every month"),
}
OUTCOME_LABELS = {
    Outcome.JOB: _l("Led to a job"),
    Outcome.STUDIES: _l("Led to studies"),
    Outcome.OTHER: _l("Ended for another reason"),
}
UNREADABLE_DATE = _l("Write the date as year-month-day, for example 2026-12-01")


def _choices(labels) -> list[SelectChoice]:
    return [SelectChoice(str(getattr(code, "value", code)), label) for code, label in labels.items()]


class PlacementForm(PortalForm):
    interest = HiddenField()
    participant = SelectField(_l("Participant"), validators=[DataRequired(_l("Choose the participant"))])
    offer = SelectField(_l("Offer"), validators=[DataRequired(_l("Choose the offer"))])
    kind = RadioField(
        _l("Kind of placement"), choices=_choices(PLACEMENT_LABELS), validators=[InputRequired(_l("Choose the kind of placement"))]
    )
    start_date = DateInput(_l("Start date"), validators=[Optional()], unreadable=UNREADABLE_DATE)
    end_date = DateInput(_l("End date"), validators=[Optional()], unreadable=UNREADABLE_DATE)
    cadence = RadioField(
        _l("How often do you follow up?"),
        choices=_choices(CADENCE_LABELS),
        default=FollowUpCadence.BIWEEKLY.value,
        validators=[InputRequired(_l("Choose how often you follow up"))],
    )

    def __init__(self, choices, *args, **kwargs):
        """`choices`: the participants and (offer, title) pairs the consultant may choose from."""
        super().__init__(*args, **kwargs)
        self.participant.choices = [SelectChoice("", _l("Choose a participant"))] + [
            SelectChoice(str(p.id), p.name) for p in choices.participants
        ]
        self.offer.choices = [SelectChoice("", _l("Choose an offer"))] + [
            SelectChoice(str(offer.id), f"{title} – {offer.organisation.name}") for offer, title in choices.offers
        ]

    def placement_details(self) -> dict:
        """What record_placement takes besides the offer and the participant."""
        return {
            "kind": PlacementKind(self.kind.data),
            "start_date": self.start_date.data,
            "end_date": self.end_date.data,
            "cadence": FollowUpCadence(self.cadence.data),
        }

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for name, message in (("start_date", _l("Enter the start date")), ("end_date", _l("Enter the end date"))):
            if self[name].data is None and not self[name].errors:
                self[name].errors = [str(message)]
                valid = False
        return valid


class StatusForm(PortalForm):
    to = HiddenField(validators=[DataRequired(), AnyOf([PlacementStatus.ACTIVE.value, PlacementStatus.ENDED.value])])
    outcome = RadioField(_l("How did the placement end?"), choices=_choices(OUTCOME_LABELS), validators=[Optional()])

    def target(self) -> PlacementStatus:
        return PlacementStatus(self.to.data)

    def chosen_outcome(self) -> Outcome | None:
        return Outcome(self.outcome.data) if self.outcome.data else None

STATUS_LABELS = {
    PlacementStatus.PLANNED: _l("Planned – not started"),
    PlacementStatus.ACTIVE: _l("Ongoing"),
    PlacementStatus.ENDED: _l("Ended"),
}
