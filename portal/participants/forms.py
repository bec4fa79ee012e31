"""The participant screens: one long form with sections, a status form and a move form."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import (
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from portal.clock import today_in_stockholm
from portal.participants.fields import (
    GENDER_LABELS,
    LANGUAGES,
    NEED_LABELS,
    OUTCOME_LABELS,
    SWEDISH_LABELS,
    TIME_OF_DAY_LABELS,
    TRAVEL_LABELS,
    language_name,
)
from portal.participants.models import Gender, Participant
from portal.participants.rules import (
    birth_year_problem,
    looks_like_personnummer,
    split_free_names,
)
from portal.participants.services import ParticipantDetails, personnummer_warning
from portal.participants.states import MANUAL_TARGETS, Outcome, ParticipantStatus
from portal.reference.areas import load_areas
from portal.reference.sni import load_sections
from portal.reference.task_examples import all_examples
from portal.reference.vocabulary import SwedishLevel
from portal.web.fields import DateInput, MultiCheckboxField, WholeNumberField
from portal.web.forms import PortalForm


class NoPersonnummer:
    """A gentle stop when free text holds a personal identity number: Brygga should not keep one."""

    def __call__(self, form, field) -> None:
        if looks_like_personnummer(field.data or ""):
            raise ValidationError(personnummer_warning())


class EligibleBirthYear:
    """The programme's 25–64 rule, checked here too so every problem shows at once."""

    def __call__(self, form, field) -> None:
        if field.data is None:
            return
        problem = birth_year_problem(field.data, today_in_stockholm().year)
        if problem:
            raise ValidationError(problem)


def _choices(labels) -> list[SelectChoice]:
    return [SelectChoice(code.value, label) for code, label in labels.items()]


def _free_text(label, description=None, max_length=2000):
    return TextAreaField(
        label,
        description=description,
        validators=[Optional(), Length(max=max_length, message=_l("Use at most %(max)d characters")), NoPersonnummer()],
        render_kw={"rows": 4},
    )


class ParticipantForm(PortalForm):
    # About the person
    name = StringField(
        _l("Name"),
        description=_l("Shown only to you and the employment coordinator."),
        validators=[DataRequired(_l("Enter the person's name")), Length(max=200), NoPersonnummer()],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    birth_year = WholeNumberField(
        _l("Year of birth"),
        description=_l("Only the year, like 1985. The programme is for people aged 25 to 64. Never shown to employers."),
        unreadable=_l("Enter the year of birth as four digits, like 1985"),
        validators=[InputRequired(_l("Enter the year of birth as four digits, like 1985")), EligibleBirthYear()],
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    gender = RadioField(
        _l("Gender"),
        description=_l("For the statistics the project reports. Never shown to employers and never used in matching."),
        choices=_choices(GENDER_LABELS),
        validators=[InputRequired(_l("Choose a gender, or “Prefers not to say”"))],
    )

    # What the person wants to do
    wishes = _free_text(
        _l("What the person wants to do and can do"),
        _l("In their own words: ask what they themselves want and can do."),
    )
    industries = MultiCheckboxField(_l("Industries that interest the person"))

    # Tasks
    tasks_done = MultiCheckboxField(_l("Tasks the person has done"))
    tasks_done_other = _free_text(
        _l("Other tasks the person has done"), _l("One task per line, in plain words."), max_length=1000
    )
    tasks_wanted = MultiCheckboxField(_l("Tasks the person wants to try"))
    tasks_wanted_other = _free_text(
        _l("Other tasks the person wants to try"), _l("One task per line, in plain words."), max_length=1000
    )

    # Language
    swedish_level = RadioField(
        _l("Swedish"),
        description=_l("How much Swedish the person uses in everyday life."),
        choices=_choices(SWEDISH_LABELS),
        validators=[InputRequired(_l("Choose how much Swedish the person has"))],
    )
    other_languages = MultiCheckboxField(_l("Other languages the person speaks"))

    # When
    hours_per_week_min = WholeNumberField(
        _l("Fewest hours a week"),
        unreadable=_l("Enter the fewest hours as a number, like 10"),
        validators=[
            InputRequired(_l("Enter the fewest hours as a number, like 10")),
            NumberRange(min=1, max=40, message=_l("Enter a number from 1 to 40")),
        ],
        render_kw={"inputmode": "numeric"},
    )
    hours_per_week_max = WholeNumberField(
        _l("Most hours a week"),
        unreadable=_l("Enter the most hours as a number, like 20"),
        validators=[
            InputRequired(_l("Enter the most hours as a number, like 20")),
            NumberRange(min=1, max=40, message=_l("Enter a number from 1 to 40")),
        ],
        render_kw={"inputmode": "numeric"},
    )
    times_of_day = MultiCheckboxField(
        _l("Times of day the person can work"),
        choices=_choices(TIME_OF_DAY_LABELS),
        validators=[DataRequired(_l("Choose at least one time of day the person can work"))],
    )
    available_from = DateInput(
        _l("Can start from"),
        description=_l("For example 2027-01-15."),
        unreadable=_l("Enter the date as year-month-day, like 2027-01-15"),
        validators=[InputRequired(_l("Enter the date the person can start from"))],
    )

    # Getting there
    areas = MultiCheckboxField(
        _l("Areas the person can get to"),
        description=_l("No address: only the parts of the municipality the person can reach."),
        validators=[DataRequired(_l("Choose at least one area the person can get to"))],
    )
    travel = MultiCheckboxField(
        _l("How the person can travel"),
        choices=_choices(TRAVEL_LABELS),
        validators=[DataRequired(_l("Choose at least one way the person can travel"))],
    )
    driving_licence = RadioField(
        _l("Does the person have a driving licence (B)?"),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        validators=[InputRequired(_l("Answer whether the person has a driving licence"))],
    )

    # Needs and notes
    needs = MultiCheckboxField(
        _l("What the person needs at work"),
        description=_l("Write what the person needs, never a diagnosis. Employers see only what a workplace must adapt."),
        choices=_choices(NEED_LABELS),
    )
    notes = _free_text(
        _l("Your notes"),
        _l("Only you and the employment coordinator see these. Never shown to employers."),
        max_length=5000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = get_locale()
        self.industries.choices = [
            SelectChoice(section.code, section.name(locale)) for section in load_sections()
        ]
        tasks = [SelectChoice(example.id, example.name(locale)) for example in all_examples()]
        self.tasks_done.choices = tasks
        self.tasks_wanted.choices = list(tasks)
        self.other_languages.choices = sorted(
            (SelectChoice(code, language_name(code, locale)) for code in LANGUAGES), key=lambda c: c.label
        )
        self.areas.choices = [SelectChoice(area.code, area.name) for area in load_areas()]
        if self.available_from.data is None and not self.is_submitted():
            self.available_from.data = today_in_stockholm()

    @classmethod
    def data_of(cls, participant: Participant) -> dict:
        """The form's values for an existing record (free task names one per line)."""
        return {
            "name": participant.name,
            "birth_year": participant.birth_year,
            "gender": participant.gender.value,
            "wishes": participant.wishes,
            "industries": list(participant.industries),
            "tasks_done": list(participant.tasks_done),
            "tasks_done_other": "\n".join(participant.tasks_done_other),
            "tasks_wanted": list(participant.tasks_wanted),
            "tasks_wanted_other": "\n".join(participant.tasks_wanted_other),
            "swedish_level": participant.swedish_level.value,
            "other_languages": list(participant.other_languages),
            "hours_per_week_min": participant.hours_per_week_min,
            "hours_per_week_max": participant.hours_per_week_max,
            "times_of_day": list(participant.times_of_day),
            "available_from": participant.available_from,
            "areas": list(participant.areas),
            "travel": list(participant.travel),
            "driving_licence": "yes" if participant.driving_licence else "no",
            "needs": list(participant.needs),
            "notes": participant.notes,
        }

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        low, high = self.hours_per_week_min, self.hours_per_week_max
        if not low.errors and not high.errors and low.data is not None and high.data is not None and low.data > high.data:
            high.errors = [_l("The most hours must be at least the fewest hours")]
            ok = False
        return ok

    def details(self) -> ParticipantDetails:
        return ParticipantDetails(
            name=self.name.data.strip(),
            birth_year=self.birth_year.data,
            gender=Gender(self.gender.data),
            wishes=self.wishes.data or "",
            industries=list(self.industries.data),
            tasks_done=list(self.tasks_done.data),
            tasks_done_other=split_free_names(self.tasks_done_other.data),
            tasks_wanted=list(self.tasks_wanted.data),
            tasks_wanted_other=split_free_names(self.tasks_wanted_other.data),
            swedish_level=SwedishLevel(self.swedish_level.data),
            other_languages=list(self.other_languages.data),
            hours_per_week_min=self.hours_per_week_min.data,
            hours_per_week_max=self.hours_per_week_max.data,
            times_of_day=list(self.times_of_day.data),
            available_from=self.available_from.data,
            areas=list(self.areas.data),
            travel=list(self.travel.data),
            driving_licence=self.driving_licence.data == "yes",
            needs=list(self.needs.data),
            notes=self.notes.data or "",
        )


class ChangeStatusForm(PortalForm):
    """Pause, resume or end; ending asks how it ended."""

    to = HiddenField(validators=[DataRequired()])
    outcome = RadioField(
        _l("How did the participation end?"), choices=_choices(OUTCOME_LABELS), validators=[Optional()]
    )

    def validate_to(self, field) -> None:
        if field.data not in {target.value for target in MANUAL_TARGETS}:
            raise ValidationError(_l("Choose from the list"))

    def target(self) -> ParticipantStatus:
        return ParticipantStatus(self.to.data)

    def chosen_outcome(self) -> Outcome | None:
        return Outcome(self.outcome.data) if self.outcome.data else None


class ReassignForm(PortalForm):
    consultant = SelectField(
        _l("New consultant"), validators=[DataRequired(_l("Choose the consultant who takes over"))]
    )

    def __init__(self, consultants, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._consultants = list(consultants)
        self.consultant.choices = [SelectChoice("", _l("Choose a consultant"))] + [
            SelectChoice(str(user.id), user.name) for user in self._consultants
        ]

    def chosen(self):
        """The consultant picked among those offered; None for anything else."""
        return next((user for user in self._consultants if str(user.id) == self.consultant.data), None)
