"""Two fictional units running one project together: invented names and people, real municipality codes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.extensions import db
from portal.units.models import Project, Unit
from portal.units.services import create_project, create_unit, find_unit_by_name

# The existing demo staff and every demo employer belong to the first; the second has its own people.
STORVIK = "Arbetsmarknadsenheten Storvik"
LILLBY = "Arbetsmarknadsenheten Lillby"
UNITS = [
    # name, municipality code (real: units must sit in a real municipality), contact person employers see
    (STORVIK, "1080", ("Karin Lindqvist", "koordinator@demo.brygga.se", "010-123 45 00")),
    (LILLBY, "1082", ("Sofia Berglund", "koordinator.lillby@demo.brygga.se", "010-123 46 00")),
]
PROJECT = "Vägen vidare"


def load() -> dict[str, Unit]:
    """The two units and their shared project, created if missing; the units by name."""
    units = {}
    for name, code, (contact_name, contact_email, contact_phone) in UNITS:
        units[name] = find_unit_by_name(name) or create_unit(
            name=name, municipality_code=code,
            contact_name=contact_name, contact_email=contact_email, contact_phone=contact_phone,
        )
    if db.session.scalar(select(Project.id).where(Project.name == PROJECT)) is None:
        create_project(
            name=PROJECT, units=list(units.values()), starts_on=date(2026, 1, 1), ends_on=date(2028, 12, 31),
            target_group="Vuxna som stått länge utan arbete och vill pröva en praktik eller ett enkelt jobb nära hemmet.",
        )
    return units
