"""One form per screen of the offer wizard. Forms check shape; services check rules."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import (
    EmailField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from portal.offers.fields import (
    ADAPTATION_LABELS,
    FREQUENCY_LABELS,
    NO_FAMILY_LABEL,
    PHYSICAL_DEMAND_LABELS,
    PLACEMENT_LABELS,
    SUPPORT_LABELS,
    SWEDISH_LABELS,
    TIME_OF_DAY_LABELS,
    WEEKDAY_LABELS,
)
from portal.reference.areas import load_areas
from portal.reference.sni import load_sections
from portal.reference.task_examples import FREQUENCIES, NO_FAMILY, all_families
from portal.web.fields import DateInput, MultiCheckboxField, WholeNumberField
from portal.web.forms import PortalForm


def _choices(labels) -> list[SelectChoice]:
    return [SelectChoice(str(getattr(code, "value", code)), label) for code, label in labels.items()]


def yes_no(label, message):
    return RadioField(
        label,
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        validators=[InputRequired(message)],
    )


def industry_choices() -> list[SelectChoice]:
    locale = get_locale()
    return [SelectChoice("", _l("Choose an industry"))] + [
        SelectChoice(section.code, f"{section.code} – {section.name(locale)}") for section in load_sections()
    ]


class StepForm(PortalForm):
    """Every screen carries where to go after saving: the next screen, or back to check answers."""

    return_to = HiddenField()


class WorkplaceForm(StepForm):
    title = StringField(
        _l("Name of the offer"),
        description=_l("A short name that says what the work is, like “Kitchen help in the café”."),
        validators=[DataRequired(_l("Enter a name for the offer")), Length(max=120, message=_l("Use at most %(max)d characters"))],
    )
    industry = SelectField(_l("Industry"), validators=[DataRequired(_l("Choose the industry the work belongs to"))])
    address = TextAreaField(
        _l("Address of the workplace"),
        validators=[DataRequired(_l("Enter the address of the workplace")), Length(max=500)],
        render_kw={"rows": 3, "autocomplete": "street-address"},
    )
    area = SelectField(
        _l("Area of the workplace"),
        description=_l("The part of the municipality the workplace is in. We use it to find participants who can get there."),
        validators=[DataRequired(_l("Choose the area the workplace is in"))],
    )
    public_transport = TextAreaField(
        _l("How to get there by public transport"),
        description=_l("Which bus, tram or train, which stop, and how long the walk is from there."),
        validators=[DataRequired(_l("Describe how to get there by bus, tram or train")), Length(max=1000)],
        render_kw={"rows": 3},
    )
    places = WholeNumberField(
        _l("Number of places"),
        unreadable=_l("Enter how many places there are, as a number like 2"),
        validators=[
            InputRequired(_l("Enter how many places there are, as a number like 2")),
            NumberRange(min=1, max=50, message=_l("Enter a number from 1 to 50")),
        ],
        render_kw={"inputmode": "numeric"},
    )
    pair_placement = yes_no(
        _l("Can two participants start together?"), _l("Answer whether two participants can start together")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.industry.choices = industry_choices()
        self.area.choices = [SelectChoice("", _l("Choose an area"))] + [
            SelectChoice(area.code, area.name) for area in load_areas()
        ]


class ScheduleForm(StepForm):
    days = MultiCheckboxField(
        _l("Which days?"),
        choices=_choices(WEEKDAY_LABELS),
        validators=[DataRequired(_l("Choose at least one day"))],
    )
    times_of_day = MultiCheckboxField(_l("Which times of day?"), choices=_choices(TIME_OF_DAY_LABELS))
    hours_description = StringField(
        _l("Working hours"),
        description=_l("Like 8–12, or 9.00–15.00 with lunch 12–13."),
        validators=[DataRequired(_l("Enter the working hours, like 8–12")), Length(max=200)],
    )
    hours_per_week = WholeNumberField(
        _l("Hours a week"),
        unreadable=_l("Enter the hours a week, as a number like 20"),
        validators=[
            InputRequired(_l("Enter the hours a week, as a number like 20")),
            NumberRange(min=1, max=40, message=_l("Enter a number of hours from 1 to 40")),
        ],
        render_kw={"inputmode": "numeric"},
    )
    start_date = DateInput(
        _l("Start date"),
        unreadable=_l("Enter a start date, like 2027-03-01"),
        validators=[InputRequired(_l("Enter a start date, like 2027-03-01"))],
        render_kw={"type": "date"},
    )
    length_weeks = WholeNumberField(
        _l("Length in weeks"),
        unreadable=_l("Enter the length in weeks, as a number like 12"),
        validators=[
            InputRequired(_l("Enter the length in weeks, as a number like 12")),
            NumberRange(min=1, max=104, message=_l("Enter a number of weeks from 1 to 104")),
        ],
        render_kw={"inputmode": "numeric"},
    )

    def validate_days(self, field) -> None:
        if any(day not in WEEKDAY_LABELS for day in field.data or []):
            raise ValidationError(_l("Choose days from the list"))


class TaskForm(StepForm):
    name = StringField(
        _l("Name of the task"),
        validators=[DataRequired(_l("Enter a name for the task")), Length(max=120, message=_l("Use at most %(max)d characters"))],
    )
    description = TextAreaField(
        _l("What is done, in plain words"),
        description=_l("Write it as you would explain it to a new colleague on their first day."),
        validators=[DataRequired(_l("Describe what is done in the task")), Length(max=2000)],
        render_kw={"rows": 4},
    )
    family = RadioField(
        _l("What kind of task is it?"),
        description=_l("We use it to find people who have done or want to try similar tasks."),
        choices=[],  # set in __init__: names follow the reader's language
        validators=[InputRequired(_l("Choose the kind of task, or say that none of them fits"))],
    )
    frequency = RadioField(
        _l("How often is it done?"),
        choices=[SelectChoice(code, FREQUENCY_LABELS[code]) for code in FREQUENCIES],
        validators=[InputRequired(_l("Choose how often the task is done"))],
    )
    physical_demand = RadioField(
        _l("How physically demanding is it?"),
        choices=_choices(PHYSICAL_DEMAND_LABELS),
        validators=[InputRequired(_l("Choose how physically demanding the task is"))],
    )
    swedish_needed = RadioField(
        _l("How much Swedish does it need?"),
        choices=_choices(SWEDISH_LABELS),
        validators=[InputRequired(_l("Choose how much Swedish the task needs"))],
    )
    can_be_shown = yes_no(
        _l("Can it be shown rather than explained?"), _l("Answer whether the task can be shown rather than explained")
    )
    tools = TextAreaField(_l("Tools and protective gear (optional)"), validators=[Length(max=1000)], render_kw={"rows": 2})


    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.family.choices = family_choices()


def family_choices() -> list[SelectChoice]:
    """Every task family in the reader's language, then "none of these fits"."""
    locale = get_locale()
    return [SelectChoice(family.code, family.name(locale)) for family in all_families()] + [
        SelectChoice(NO_FAMILY, NO_FAMILY_LABEL)
    ]


class TaskExamplesForm(PortalForm):
    examples = MultiCheckboxField(_l("Examples"), validators=[DataRequired(_l("Choose at least one example"))])

    @classmethod
    def offering(cls, examples, locale) -> TaskExamplesForm:
        """The form with these task examples to choose from, named in the user's language."""
        form = cls()
        form.examples.choices = [(example.id, example.name(locale)) for example in examples]
        return form


class AdaptationsForm(StepForm):
    adaptations = MultiCheckboxField(
        _l("What can the workplace adapt?"),
        choices=_choices(ADAPTATION_LABELS),
        description=_l("Tick everything you can do. It helps the consultants find someone the place suits."),
    )
    adaptations_note = TextAreaField(_l("Anything more about what you can adapt (optional)"), validators=[Length(max=2000)], render_kw={"rows": 3})


class PlacementForm(StepForm):
    placement_kind = RadioField(
        _l("What kind of placement is it?"),
        choices=_choices(PLACEMENT_LABELS),
        validators=[InputRequired(_l("Choose the kind of placement"))],
    )
    support_kind = RadioField(
        _l("If it is subsidised employment: which kind?"),
        choices=_choices(SUPPORT_LABELS),
        validate_choice=False,
    )

    def validate_support_kind(self, field) -> None:
        if field.data and field.data not in SUPPORT_LABELS:
            raise ValidationError(_l("Choose lönebidrag or nystartsjobb"))
        if self.placement_kind.data == "anstallning_med_stod" and not field.data:
            raise ValidationError(_l("Choose lönebidrag or nystartsjobb"))


class SupervisorForm(StepForm):
    supervisor_name = StringField(
        _l("Supervisor's name"),
        validators=[DataRequired(_l("Enter the supervisor's name")), Length(max=200)],
        render_kw={"autocomplete": "off"},
    )
    supervisor_role = StringField(
        _l("Supervisor's role at work"),
        validators=[DataRequired(_l("Enter the supervisor's role, like shift manager")), Length(max=200)],
    )
    supervisor_phone = StringField(
        _l("Supervisor's phone"),
        description=_l("The consultant calls the supervisor to plan the start and the follow-ups."),
        validators=[Length(max=40)],
        render_kw={"type": "tel", "autocomplete": "off"},
    )
    supervisor_email = EmailField(
        _l("Supervisor's e-mail"),
        validators=[
            Optional(),
            Email(_l("Enter an e-mail address in the right format, like name@example.se"), check_deliverability=False),
            Length(max=254),
        ],
        render_kw={"spellcheck": "false", "autocomplete": "off"},
    )

    def validate_supervisor_phone(self, field) -> None:
        if not (field.data or "").strip() and not (self.supervisor_email.data or "").strip():
            raise ValidationError(_l("Enter a phone number or an e-mail address, so the consultant can reach the supervisor"))


class ConfirmForm(PortalForm):
    """A button with a CSRF token: submit, delete, withdraw, pause …"""


STEP_FORMS: dict[str, type[StepForm]] = {
    "workplace": WorkplaceForm,
    "schedule": ScheduleForm,
    "adaptations": AdaptationsForm,
    "placement": PlacementForm,
    "supervisor": SupervisorForm,
}
