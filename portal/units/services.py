"""Creating units and projects, and finding the unit a new record belongs to. Services flush; the caller commits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, time

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.audit.services import record_event
from portal.errors import FieldError
from portal.extensions import db
from portal.units.models import Project, Unit
from portal.units.municipalities import municipality

# The ESF council's case numbers: the year, a slash and five digits (2019/00387).
ESF_NUMBER = re.compile(r"^(19|20)\d{2}/\d{5}$")


def check_municipality_code(code: str) -> str:
    """The code as stored, or a FieldError when no Swedish municipality has it."""
    code = (code or "").strip()
    if municipality(code) is None:
        raise FieldError(
            "municipality_code", _("Give one of Sweden's 290 municipality codes, four digits such as 1080 for Karlskrona.")
        )
    return code


def check_esf_number(number: str) -> str:
    number = (number or "").strip()
    if number and not ESF_NUMBER.match(number):
        raise FieldError("esf_number", _("Write the ESF project number as year/five digits, such as 2019/00387."))
    return number


def create_unit(
    *,
    name: str,
    municipality_code: str,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    email_name: str = "",
    opens_at: time | None = None,
    closes_at: time | None = None,
    actor=None,
) -> Unit:
    """Add a unit; its name must be new, its municipality code real, its working hours whole."""
    code = check_municipality_code(municipality_code)
    if (opens_at is None) != (closes_at is None):
        raise FieldError("closes_at" if closes_at is None else "opens_at", _("Give both the start and the end of the working hours, or neither."))
    if opens_at is not None and closes_at <= opens_at:
        raise FieldError("closes_at", _("The working hours must end after they start."))
    name = name.strip()
    if db.session.scalar(select(Unit.id).where(func.lower(Unit.name) == name.lower())) is not None:
        raise FieldError("name", _("There is already a unit with this name."))
    unit = Unit(
        name=name,
        municipality_code=code,
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip().lower(),
        contact_phone=contact_phone.strip(),
        email_name=email_name.strip(),
        opens_at=opens_at,
        closes_at=closes_at,
    )
    db.session.add(unit)
    db.session.flush()
    record_event("unit.created", unit, actor=actor, detail={"municipality_code": code})
    return unit


def create_project(
    *,
    name: str,
    starts_on: date,
    ends_on: date,
    units: Sequence[Unit],
    esf_number: str = "",
    reports_to_esf: bool = False,
    target_group: str = "",
    actor=None,
) -> Project:
    """Add a project that the given units run together from `starts_on` to `ends_on`."""
    name = name.strip()
    number = check_esf_number(esf_number)
    if db.session.scalar(select(Project.id).where(func.lower(Project.name) == name.lower())) is not None:
        raise FieldError("name", _("There is already a project with this name."))
    if ends_on < starts_on:
        raise FieldError("ends_on", _("The project cannot end before it starts."))
    if not units:
        raise FieldError("units", _("Choose at least one unit that takes part."))
    if reports_to_esf and not number:
        raise FieldError("esf_number", _("A project that reports to ESF needs its ESF project number."))
    project = Project(
        name=name,
        esf_number=number,
        reports_to_esf=reports_to_esf,
        starts_on=starts_on,
        ends_on=ends_on,
        target_group=target_group.strip(),
        units=sorted(units, key=lambda unit: unit.name),
    )
    db.session.add(project)
    db.session.flush()
    record_event("project.created", project, actor=actor, detail={"unit_ids": [unit.id for unit in project.units]})
    return project


def set_municipality(unit: Unit, municipality_code: str, *, actor=None) -> None:
    code = check_municipality_code(municipality_code)
    if code != unit.municipality_code:
        record_event("unit.municipality_changed", unit, actor=actor, detail={"from": unit.municipality_code, "to": code})
        unit.municipality_code = code


def all_units() -> list[Unit]:
    return list(db.session.scalars(select(Unit).order_by(func.lower(Unit.name))))


def all_projects() -> list[Project]:
    return list(db.session.scalars(select(Project).order_by(Project.starts_on.desc(), func.lower(Project.name))))


def get_unit(unit_id: int) -> Unit | None:
    return db.session.get(Unit, unit_id)


def find_unit_by_name(name: str) -> Unit | None:
    return db.session.scalar(select(Unit).where(func.lower(Unit.name) == name.strip().lower()))


def units_by_id(unit_ids: Sequence[int]) -> list[Unit]:
    return list(db.session.scalars(select(Unit).where(Unit.id.in_(unit_ids)).order_by(Unit.name))) if unit_ids else []


def installation_unit() -> Unit | None:
    """The unit of an installation that has exactly one; None when it has none or several.

    An employer who registers joins this unit. With several units the employer's municipality
    should choose it, which is not built yet: the organisation waits without a unit."""
    first_two = db.session.scalars(select(Unit).order_by(Unit.id).limit(2)).all()
    return first_two[0] if len(first_two) == 1 else None
