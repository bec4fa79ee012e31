"""Units (one municipality's labour-market unit) and the projects units run together."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Column, Date, ForeignKey, String, Table, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.clock import now
from portal.db_types import UTCDateTime
from portal.extensions import db
from portal.units.municipalities import Municipality, municipality

project_unit = Table(
    "project_unit",
    db.metadata,
    Column("project_id", ForeignKey("project.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True),
)


class Unit(db.Model):
    """A municipality's labour-market unit (arbetsmarknadsenhet): its staff, participants and employers belong to it."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # The official four-digit municipality code (portal/units/data/municipalities.json).
    municipality_code: Mapped[str] = mapped_column(String(4), index=True)
    # The person employers reach (the footer, e-mail); several units may share one installation.
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    # The unit's own settings: its name as e-mail signs it, and its working hours.
    email_name: Mapped[str] = mapped_column(String(200), default="")
    opens_at: Mapped[time | None] = mapped_column(Time)
    closes_at: Mapped[time | None] = mapped_column(Time)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    projects: Mapped[list[Project]] = relationship(secondary=project_unit, back_populates="units")

    @property
    def municipality(self) -> Municipality | None:
        return municipality(self.municipality_code)

    @property
    def name_in_email(self) -> str:
        return self.email_name or self.name


class Project(db.Model):
    """Work one or more units run together for a period, such as an ESF project."""

    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # The ESF council's case number, such as 2019/00387; empty for a project without ESF money.
    esf_number: Mapped[str] = mapped_column(String(20), default="")
    reports_to_esf: Mapped[bool] = mapped_column(default=False)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    target_group: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    units: Mapped[list[Unit]] = relationship(secondary=project_unit, back_populates="projects", order_by="Unit.name")
