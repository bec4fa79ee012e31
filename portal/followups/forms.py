"""Follow-up forms: one field per task of the placement's offer, made for the placement at hand."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from portal.followups.services import Attendee
from portal.placements.certificate import TaskLevel
from portal.web.fields import MultiCheckboxField
from portal.web.forms import PortalForm

LONG = Length(max=4000, message=_l("Write at most 4000 characters"))


def level_choices() -> list[SelectChoice]:
    return [
        SelectChoice(TaskLevel.WITH_SUPPORT.value, _l("With support")),
        SelectChoice(TaskLevel.PARTLY_ON_OWN.value, _l("Partly on their own")),
        SelectChoice(TaskLevel.ON_OWN.value, _l("On their own")),
    ]


class FollowUpRecordForm(PortalForm):
    attended = MultiCheckboxField(
        _l("Who took part"),
        choices=[
            SelectChoice(Attendee.CONSULTANT.value, _l("The consultant")),
            SelectChoice(Attendee.PARTICIPANT.value, _l("The participant")),
            SelectChoice(Attendee.SUPERVISOR.value, _l("The supervisor")),
            SelectChoice(Attendee.EMPLOYER_CONTACT.value, _l("The employer's contact")),
        ],
        validators=[DataRequired(_l("Choose who took part"))],
        invalid_choice_message=_l("Choose one of the options"),
    )
    goes_well = TextAreaField(_l("What goes well"), validators=[Optional(), LONG])
    to_adjust = TextAreaField(_l("What to adjust"), validators=[Optional(), LONG])
    next_step = TextAreaField(_l("Next step"), validators=[Optional(), LONG])
    participant_view = TextAreaField(_l("The participant's own view"), validators=[Optional(), LONG])


class SupervisorViewForm(PortalForm):
    comment = TextAreaField(_l("Your comment as supervisor"), validators=[Optional(), LONG])


def with_task_fields(form_class, tasks):
    """A subclass of form_class with one optional level question per task (task_<id>); tasks from services.tasks_for."""

    class Form(form_class):
        pass

    for task in tasks:
        setattr(
            Form,
            f"task_{task.id}",
            RadioField(task.name, choices=level_choices(), validators=[Optional()], invalid_choice_message=_l("Choose one of the options")),
        )
    return Form


def levels_from(form, tasks) -> dict[int, TaskLevel | None]:
    return {task.id: (TaskLevel(form[f"task_{task.id}"].data) if form[f"task_{task.id}"].data else None) for task in tasks}


def show_levels(form, record) -> None:
    """Put the levels already given at this follow-up into the form's task questions."""
    if record is None:
        return
    for assessment in record.assessments:
        if f"task_{assessment.offer_task_id}" in form:
            form[f"task_{assessment.offer_task_id}"].data = assessment.level.value
