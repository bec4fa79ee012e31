"""How a candidate card and the match reasons read, in the reader's language."""

from __future__ import annotations

from datetime import date

from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.matching.service import (
    DisplayedCard,
    Hours,
    HoursRange,
    Reason,
    StartWindow,
    SwedishAtLeast,
    TaskCount,
    TaskCounts,
    TaskExperience,
    TaskFit,
    UsesAdaptations,
)
from portal.offers.fields import ADAPTATION_LABELS
from portal.participants.fields import (
    SWEDISH_SHORT,
    TRAVEL_LABELS,
    language_name,
)
from portal.reference.sni import section_name
from portal.reference.task_examples import family_by_code

TASK_FIT_LABELS = {
    TaskFit.DONE: _l("Has done it"),
    TaskFit.DONE_RELATED: _l("Has done similar tasks"),
    TaskFit.WANTED: _l("Wants to try it"),
    TaskFit.WANTED_RELATED: _l("Wants to try similar tasks"),
    TaskFit.NONE: _l("Not yet"),
}
TASK_EXPERIENCE_LABELS = {
    TaskExperience.DONE_OR_SIMILAR: _l("Has done it or similar tasks"),
    TaskExperience.WANTS: _l("Wants to try it or similar tasks"),
    TaskExperience.NONE: _l("Not yet"),
}

START_WINDOW_LABELS = {
    StartWindow.THIS_MONTH: _l("This month"),
    StartWindow.WITHIN_3_MONTHS: _l("Within three months"),
    StartWindow.LATER: _l("Later than three months from now"),
}


def _day(value: date) -> str:
    return format_date(value, "d MMMM yyyy")


def reason_text(reason: Reason) -> str:
    """One match reason as a plain sentence, e.g. "Has done similar tasks: Diska"."""
    p = reason.params
    key = reason.key
    if key == "done_tasks":
        return _("Has done: %(tasks)s", tasks=p["tasks"])
    if key == "done_related_tasks":
        return _("Has done similar tasks: %(families)s", families=_family_names(p["families"]))
    if key == "wants_to_try_tasks":
        return _("Wants to try: %(tasks)s", tasks=p["tasks"])
    if key == "wants_related_tasks":
        return _("Wants to try similar tasks: %(families)s", families=_family_names(p["families"]))
    if key == "wants_industry":
        name = section_name(p["industry"], get_locale())
        return _("Wants to work in %(industry)s", industry=name[:1].lower() + name[1:])
    if key == "can_work_hours":
        if p["hours_min"] == p["hours_max"]:
            return _("Can work %(hours)s hours a week", hours=p["hours_min"])
        return _("Can work %(min)s–%(max)s hours a week", min=p["hours_min"], max=p["hours_max"])
    if key == "can_work_all_times":
        return _("Can work at every time of day the offer needs")
    if key == "can_travel_by":
        return _("Can get there: %(travel)s", travel=str(TRAVEL_LABELS[p["travel"]]).lower())
    if key == "can_start":
        return _("Can start %(date)s", date=_day(p["date"]))
    if key == "task_can_be_shown":
        return _("Can learn by being shown: %(tasks)s", tasks=p["tasks"])
    if key == "speaks_language":
        return _("Speaks %(language)s", language=language_name(p["language"]))
    return key


def _family_names(codes) -> str:
    """Family names in running text: "städning, disk och kökshjälp"."""
    locale = get_locale()
    names = []
    for code in codes:
        family = family_by_code(code)
        name = family.name(locale) if family else code
        names.append(name[:1].lower() + name[1:])
    return ", ".join(names)


def task_rows(card: DisplayedCard, task_names: tuple[str, ...]) -> list[tuple[str, str]]:
    """One row per offer task while the card shows each task's fit; one summary row otherwise."""
    tasks = card.tasks
    if isinstance(tasks, tuple) and len(tasks) == len(task_names) and tasks:
        labels = TASK_EXPERIENCE_LABELS if isinstance(tasks[0], TaskExperience) else TASK_FIT_LABELS
        return [(_("Task: %(name)s", name=name), str(labels[fit])) for name, fit in zip(task_names, tasks)]
    if isinstance(tasks, TaskCounts):
        value = _("Has done %(done)s of the offer's tasks or similar ones, and wants to try %(wants)s more",
                  done=tasks.done, wants=tasks.wants)
    elif isinstance(tasks, TaskCount):
        value = _("Has done or wants to try %(count)s of the offer's tasks", count=tasks.count)
    elif tasks is None:
        value = _("Not shown, to protect the person")
    else:
        value = _("None of them yet")
    return [(_("Tasks the person can do"), value)]


def card_rows(card: DisplayedCard, task_names: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The card's attributes as (label, value); generalised values read as ranges, hidden ones say so."""
    hidden = _("Not shown, to protect the person")
    rows = task_rows(card, task_names)
    level = card.swedish_level
    if isinstance(level, SwedishAtLeast):
        value = _("At least: %(level)s", level=str(SWEDISH_SHORT[level.level]).lower())
    else:
        value = str(SWEDISH_SHORT[level]) if level is not None else hidden
    rows.append((_("Swedish"), value))
    hours = card.hours
    if isinstance(hours, (Hours, HoursRange)):
        if isinstance(hours, Hours) and hours.lo == hours.hi:
            value = _("%(hours)s hours a week") % {"hours": hours.lo}
        else:
            template = _("%(lo)s–%(hi)s hours a week") if isinstance(hours, Hours) else _("About %(lo)s–%(hi)s hours a week")
            value = template % {"lo": hours.lo, "hi": hours.hi}
    else:
        value = hidden
    rows.append((_("Hours the person can work"), value))
    start = card.start
    if isinstance(start, StartWindow):
        value = str(START_WINDOW_LABELS[start])
    elif isinstance(start, date):
        value = _day(start)
    else:
        value = hidden
    rows.append((_("Can start"), value))
    adaptations = card.adaptations
    if adaptations is None:
        value = hidden
    elif isinstance(adaptations, UsesAdaptations):
        value = _("Some of the offer's adaptations") if adaptations.any else _("None of the offer's adaptations")
    else:
        value = ", ".join(str(label) for code, label in ADAPTATION_LABELS.items() if code in adaptations) or _(
            "None of the offer's adaptations"
        )
    rows.append((_("Adaptations the person would use"), value))
    return rows
