"""What still needs an answer before an offer can be sent: the condition of the `submit` move."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _

from portal.offers import fields as F
from portal.reference.vocabulary import PlacementKind

if TYPE_CHECKING:
    from portal.offers.models import Offer

TASK_COLUMNS = frozenset(field.name for field in F.TASK_FIELDS)


def missing_answers(offer: Offer) -> list[tuple[str, str, str]]:
    """What still needs an answer before the offer can be sent: (screen, anchor, message)."""
    missing: list[tuple[str, str, str]] = []
    required = {
        "title": _("Enter a name for the offer"),
        "industry": _("Choose the industry the work belongs to"),
        "address": _("Enter the address of the workplace"),
        "area": _("Choose the area the workplace is in"),
        "public_transport": _("Describe how to get there by bus, tram or train"),
        "places": _("Enter how many places there are"),
        "pair_placement": _("Answer whether two participants can start together"),
        "days": _("Choose at least one day"),
        "hours_description": _("Enter the working hours"),
        "hours_per_week": _("Enter the hours a week"),
        "start_date": _("Enter a start date"),
        "length_weeks": _("Enter the length in weeks"),
        "placement_kind": _("Choose the kind of placement"),
        "supervisor_name": _("Enter the supervisor's name"),
        "supervisor_role": _("Enter the supervisor's role"),
    }
    for name, message in required.items():
        if getattr(offer, name) in (None, "", []):
            missing.append((F.FIELDS_BY_NAME[name].step, name, message))
    if offer.placement_kind == PlacementKind.ANSTALLNING_MED_STOD and not offer.support_kind:
        missing.append(("placement", "support_kind", _("Choose lönebidrag or nystartsjobb")))
    if not offer.supervisor_phone and not offer.supervisor_email:
        missing.append(("supervisor", "supervisor_phone", _("Enter the supervisor's phone number or e-mail address")))
    if not offer.tasks:
        missing.append(("tasks", "tasks", _("Add at least one task")))
    for task in offer.tasks:
        if any(getattr(task, name) in (None, "") for name in TASK_COLUMNS - {"tools"}):
            missing.append(
                ("tasks", f"task-{task.id}", _("Answer every question about the task “%(name)s”", name=task.name or "—"))
            )
    return missing
