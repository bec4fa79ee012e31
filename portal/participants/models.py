"""The participant record: the least data that lets a consultant find the right workplace."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.clock import now
from portal.db_types import UTCDateTime, enum_column
from portal.extensions import db
from portal.participants.states import Outcome, ParticipantStatus
from portal.reference.vocabulary import SwedishLevel
from portal.units.models import Project, Unit

if TYPE_CHECKING:
    from portal.accounts.models import User


class Gender(enum.StrEnum):
    """For the statistics the project reports; never shown to employers, never matched on."""

    WOMAN = "woman"
    MAN = "man"
    OTHER = "other"
    UNDISCLOSED = "undisclosed"  # prefers not to say


class Participant(db.Model):
    __tablename__ = "participant"
    # Ids are never reused (as on PostgreSQL): the log's links and mail keep an erased person's id.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    consultant_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    # The unit whose consultant registered the person; the project they take part in, if any.
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id"), index=True)
    # Shown to the consultant and the coordinator only.
    name: Mapped[str] = mapped_column(String(200))
    # Statistics only: never shown to employers, never read by matching.
    birth_year: Mapped[int]
    gender: Mapped[Gender] = mapped_column(enum_column(Gender))

    # What the person wants, in their own words as the consultant wrote them down.
    wishes: Mapped[str] = mapped_column(Text, default="")
    industries: Mapped[list[str]] = mapped_column(JSON, default=list)  # SNI section codes
    # Task example ids (portal/reference/task_examples) and free names, one list each.
    tasks_done: Mapped[list[str]] = mapped_column(JSON, default=list)
    tasks_done_other: Mapped[list[str]] = mapped_column(JSON, default=list)
    tasks_wanted: Mapped[list[str]] = mapped_column(JSON, default=list)
    tasks_wanted_other: Mapped[list[str]] = mapped_column(JSON, default=list)

    swedish_level: Mapped[SwedishLevel] = mapped_column(enum_column(SwedishLevel))
    other_languages: Mapped[list[str]] = mapped_column(JSON, default=list)  # ISO 639-1 codes

    hours_per_week_min: Mapped[int]
    hours_per_week_max: Mapped[int]
    times_of_day: Mapped[list[str]] = mapped_column(JSON, default=list)  # TimeOfDay codes
    available_from: Mapped[date] = mapped_column(Date)

    areas: Mapped[list[str]] = mapped_column(JSON, default=list)  # codes in reference/data/areas.json
    travel: Mapped[list[str]] = mapped_column(JSON, default=list)  # Travel codes
    driving_licence: Mapped[bool] = mapped_column(default=False)

    # Needs at work, as needs (Need codes), never as diagnoses.
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The consultant's own notes: never shown to employers.
    notes: Mapped[str] = mapped_column(Text, default="")

    status: Mapped[ParticipantStatus] = mapped_column(
        enum_column(ParticipantStatus), default=ParticipantStatus.ACTIVE, index=True
    )
    outcome: Mapped[Outcome | None] = mapped_column(enum_column(Outcome))
    # When participation ended: what the retention period counts from.
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, onupdate=now)

    consultant: Mapped[User] = relationship()
    unit: Mapped[Unit] = relationship()
    project: Mapped[Project | None] = relationship()
