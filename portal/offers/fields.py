"""The offer's fields in one place: screens, labels, how values read, snapshots and their diff.

Snapshots, the check-answers page, the review page and the diff all read this list, so a
field added here shows up everywhere with the same label and the same comment path.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import format_date, lazy_pgettext
from flask_babel import lazy_gettext as _l

from portal.reference.areas import area_name
from portal.reference.labels import TIME_OF_DAY_LABELS
from portal.reference.sni import is_section, section_name
from portal.reference.task_examples import NO_FAMILY, family_by_code
from portal.reference.vocabulary import (
    Adaptation,
    PhysicalDemand,
    PlacementKind,
    SwedishLevel,
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_LABELS = {
    "mon": _l("Monday"),
    "tue": _l("Tuesday"),
    "wed": _l("Wednesday"),
    "thu": _l("Thursday"),
    "fri": _l("Friday"),
    "sat": _l("Saturday"),
    "sun": _l("Sunday"),
}
FREQUENCY_LABELS = {"daily": _l("Every day"), "weekly": _l("Every week"), "as_needed": _l("Now and then, when needed")}
PHYSICAL_DEMAND_LABELS = {
    PhysicalDemand.LIGHT: _l("Light – mostly standing or sitting, nothing heavy"),
    PhysicalDemand.MODERATE: _l("Moderate – on your feet, some lifting"),
    PhysicalDemand.HEAVY: _l("Heavy – lifting and carrying heavy things"),
}
SWEDISH_LABELS = {
    SwedishLevel.NONE: _l("None – the task can be done without Swedish"),
    SwedishLevel.A_LITTLE: _l("A little – single words and short phrases"),
    SwedishLevel.EVERYDAY: _l("Everyday – can talk with colleagues and customers"),
    SwedishLevel.GOOD: _l("Good – reads and writes Swedish at work"),
}
ADAPTATION_LABELS = {
    Adaptation.HOURS_AND_PACE: _l("Working hours and pace"),
    Adaptation.ADAPTED_TASKS: _l("The tasks themselves"),
    Adaptation.INSTRUCTIONS_SHOWN: _l("Instructions shown by doing"),
    Adaptation.INSTRUCTIONS_PICTURES: _l("Instructions with pictures"),
    Adaptation.INSTRUCTIONS_SPOKEN: _l("Instructions given by speaking"),
    Adaptation.INSTRUCTIONS_SIMPLE_SWEDISH: _l("Instructions in simple written Swedish"),
    Adaptation.PHYSICAL_ADJUSTMENTS: _l("Physical adjustments (workplace, tools, lifting aids)"),
}
PLACEMENT_LABELS = {
    PlacementKind.PRAKTIK: _l("Work placement (praktik)"),
    PlacementKind.ARBETSTRANING: _l("Work training (arbetsträning)"),
    PlacementKind.ANSTALLNING_MED_STOD: _l("Subsidised employment (anställning med stöd)"),
    PlacementKind.LAGTROSKELJOBB: _l("An ordinary low-threshold job"),
}
SUPPORT_LABELS = {"lonebidrag": _l("Lönebidrag (wage subsidy)"), "nystartsjobb": _l("Nystartsjobb (new start job)")}
YES_NO = {True: _l("Yes"), False: _l("No")}


@dataclass(frozen=True)
class Field:
    name: str
    label: Any
    step: str
    kind: str = "text"  # text, int, bool, date, codes, code, industry, weeks, hours


@dataclass(frozen=True)
class Step:
    name: str
    title: Any


STEPS = (
    Step("workplace", _l("The workplace")),
    Step("schedule", _l("When")),
    Step("tasks", _l("The tasks")),
    Step("adaptations", _l("What you can adapt")),
    Step("placement", _l("Kind of placement")),
    Step("supervisor", _l("The supervisor")),
)
STEP_NAMES = tuple(step.name for step in STEPS)

OFFER_FIELDS = (
    Field("title", _l("Name of the offer"), "workplace"),
    Field("industry", _l("Industry"), "workplace", "industry"),
    Field("address", _l("Address of the workplace"), "workplace"),
    Field("area", _l("Area of the workplace"), "workplace", "area"),
    Field("public_transport", _l("How to get there by public transport"), "workplace"),
    Field("places", _l("Number of places"), "workplace", "int"),
    Field("pair_placement", _l("Can two participants start together?"), "workplace", "bool"),
    Field("days", _l("Days"), "schedule", "days"),
    Field("times_of_day", _l("Times of day"), "schedule", "times"),
    Field("hours_description", _l("Working hours"), "schedule"),
    Field("hours_per_week", _l("Hours a week"), "schedule", "int"),
    Field("start_date", _l("Start date"), "schedule", "date"),
    Field("length_weeks", _l("Length in weeks"), "schedule", "int"),
    Field("adaptations", _l("What the workplace can adapt"), "adaptations", "adaptations"),
    Field("adaptations_note", _l("More about what you can adapt"), "adaptations"),
    Field("placement_kind", _l("Kind of placement"), "placement", "placement"),
    Field("support_kind", _l("Kind of support"), "placement", "support"),
    Field("supervisor_name", _l("Supervisor's name"), "supervisor"),
    Field("supervisor_role", _l("Supervisor's role"), "supervisor"),
    Field("supervisor_phone", _l("Supervisor's phone"), "supervisor"),
    Field("supervisor_email", _l("Supervisor's e-mail"), "supervisor"),
)
TASK_FIELDS = (
    Field("name", _l("Task"), "tasks"),
    Field("description", _l("What is done"), "tasks"),
    Field("family", _l("Kind of task"), "tasks", "family"),
    Field("frequency", _l("How often"), "tasks", "frequency"),
    Field("physical_demand", _l("Physical demands"), "tasks", "physical"),
    Field("swedish_needed", _l("Swedish needed"), "tasks", "swedish"),
    Field("can_be_shown", _l("Can be shown rather than explained"), "tasks", "bool"),
    Field("tools", _l("Tools and protective gear"), "tasks"),
)
FIELDS_BY_NAME = {field.name: field for field in OFFER_FIELDS}
# Text the wording checks read.
WORDING_FIELDS = ("title", "public_transport", "hours_description", "adaptations_note")
TASK_WORDING_FIELDS = ("name", "description", "tools")


def fields_of(step: str) -> tuple[Field, ...]:
    return tuple(field for field in OFFER_FIELDS if field.step == step)


def applies(field: Field, data: dict[str, Any]) -> bool:
    """Whether a question belongs to this offer: the kind of support only for subsidised employment."""
    if field.name == "support_kind":
        return data.get("placement_kind") == "anstallning_med_stod"
    return True


def offer_data(offer) -> dict[str, Any]:
    """The offer and its tasks as plain JSON values: what a snapshot stores and pages render."""
    data: dict[str, Any] = {}
    for field in OFFER_FIELDS:
        value = getattr(offer, field.name)
        if isinstance(value, date):
            value = value.isoformat()
        elif hasattr(value, "value"):
            value = value.value
        elif isinstance(value, list):
            value = list(value)
        data[field.name] = value
    data["tasks"] = [task_data(task) for task in offer.tasks]
    return data


def task_data(task) -> dict[str, Any]:
    data: dict[str, Any] = {"id": task.id, "example_id": task.example_id}
    for field in TASK_FIELDS:
        value = getattr(task, field.name)
        data[field.name] = value.value if hasattr(value, "value") else value
    return data


NO_FAMILY_LABEL = _l("None of these fits")


def family_name(code: str, locale: object = "sv") -> str:
    """A task family's name, or that none fits."""
    if code == NO_FAMILY:
        return str(NO_FAMILY_LABEL)
    family = family_by_code(code)
    return family.name(locale) if family else str(code)


def display(field: Field, value: Any, locale: object = "sv") -> str:
    """How a stored value reads on a page, in the current language; "" when not answered."""
    if value is None or value == "" or value == []:
        return ""
    kind = field.kind
    if kind == "bool":
        return str(YES_NO[bool(value)])
    if kind == "date":
        return format_date(date.fromisoformat(value) if isinstance(value, str) else value, "long")
    if kind == "industry":
        return f"{value} – {section_name(value, locale)}" if is_section(value) else str(value)
    if kind == "area":
        return area_name(value)
    if kind == "days":
        return ", ".join(str(WEEKDAY_LABELS[v]) for v in WEEKDAYS if v in value)
    if kind == "times":
        return ", ".join(str(label) for code, label in TIME_OF_DAY_LABELS.items() if code.value in value)
    if kind == "adaptations":
        return ", ".join(str(label) for code, label in ADAPTATION_LABELS.items() if code.value in value)
    if kind == "family":
        return family_name(value, locale)
    labels = {
        "placement": PLACEMENT_LABELS,
        "support": SUPPORT_LABELS,
        "frequency": FREQUENCY_LABELS,
        "physical": PHYSICAL_DEMAND_LABELS,
        "swedish": SWEDISH_LABELS,
    }.get(kind)
    if labels is not None:
        label = labels.get(value)
        return str(label) if label is not None else str(value)
    return str(value)


@dataclass(frozen=True)
class Change:
    """One difference between two snapshots: path, label, and how the old and new values read."""

    path: str
    label: str
    old: str | None  # None: the task was not there before
    new: str | None  # None: the task was removed


def diff(old: dict[str, Any], new: dict[str, Any], locale: object = "sv") -> list[Change]:
    """The fields that differ between two snapshots' data, in form order; tasks matched by id."""
    changes: list[Change] = []
    for field in OFFER_FIELDS:
        a, b = old.get(field.name), new.get(field.name)
        if _normal(a) != _normal(b):
            changes.append(Change(field.name, str(field.label), display(field, a, locale), display(field, b, locale)))
    old_tasks = {task["id"]: task for task in old.get("tasks", [])}
    new_tasks = {task["id"]: task for task in new.get("tasks", [])}
    for task_id, task in new_tasks.items():
        before = old_tasks.get(task_id)
        if before is None:
            changes.append(Change(f"tasks.{task_id}", str(_l("New task")), None, task["name"]))
            continue
        for field in TASK_FIELDS:
            a, b = before.get(field.name), task.get(field.name)
            if _normal(a) != _normal(b):
                label = f"{task['name']}: {field.label}"
                changes.append(
                    Change(f"tasks.{task_id}.{field.name}", label, display(field, a, locale), display(field, b, locale))
                )
    for task_id, task in old_tasks.items():
        if task_id not in new_tasks:
            changes.append(Change(f"tasks.{task_id}", str(_l("Removed task")), task["name"], None))
    return changes


def _normal(value: Any) -> Any:
    if value in (None, "", []):
        return None
    if isinstance(value, list):
        return sorted(value)
    return value


def comment_paths(data: dict[str, Any]) -> list[str]:
    """Every place a reviewer can comment: each field, and each task as a whole."""
    fields = [field.name for field in OFFER_FIELDS if applies(field, data)]
    return fields + [f"tasks.{task['id']}" for task in data.get("tasks", [])]


STATUS_LABELS = {
    "draft": _l("Draft"),
    "submitted": _l("Waiting for review"),
    "changes_requested": _l("Changes requested"),
    "live": _l("Live"),
    "paused": lazy_pgettext("offer", "Paused"),
    "filled": _l("Filled"),
    "closed": _l("Closed"),
    "rejected": lazy_pgettext("offer", "Not approved"),
    "expired": _l("Ended (past the end date)"),
    "withdrawn": _l("Withdrawn"),
}


def wording_flags(data: dict[str, Any]) -> dict[str, list]:
    """Wording issues by field path, for the text fields of an offer's data and of its tasks."""
    from portal.offers.wording import find_wording_issues

    flags: dict[str, list] = {}
    for name in WORDING_FIELDS:
        issues = find_wording_issues(data.get(name) or "")
        if issues:
            flags[name] = issues
    for task in data.get("tasks", []):
        for name in TASK_WORDING_FIELDS:
            issues = find_wording_issues(task.get(name) or "")
            if issues:
                flags[f"tasks.{task['id']}.{name}"] = issues
    return flags


def field_issues(field) -> list:
    """The wording issues of a form field's text; none for a text over the field's maximum, which is never read."""
    maximum = getattr(field.flags, "maxlength", None)
    text = field.data or ""
    if maximum is not None and len(text) > maximum:
        return []
    return find_issues(text)


def find_issues(text: str | None) -> list:
    from portal.offers.wording import find_wording_issues

    return find_wording_issues(text or "")


def path_label(path: str, data: dict[str, Any]) -> str:
    """What a comment path is about, as people say it: a field's label or a task's name."""
    if path in FIELDS_BY_NAME:
        return str(FIELDS_BY_NAME[path].label)
    if path.startswith("tasks."):
        task_id = path.split(".")[1]
        for task in data.get("tasks", []):
            if str(task["id"]) == task_id:
                return str(_l("Task “%(name)s”", name=task["name"]))
        return str(_l("A removed task"))
    return path
