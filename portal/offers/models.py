"""Offers: the employer's working copy, its tasks, and a snapshot taken at each submission."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.clock import now
from portal.db_types import UTCDateTime, enum_column
from portal.employers.models import Organisation
from portal.extensions import db
from portal.offers.states import OfferStatus
from portal.reference.vocabulary import PhysicalDemand, PlacementKind, SwedishLevel

if TYPE_CHECKING:
    from portal.accounts.models import User


class Offer(db.Model):
    """The working copy. Every column is optional until submission, so a draft saves half-done."""

    __tablename__ = "offer"
    __table_args__ = (Index("ix_offer_status_end_date", "status", "end_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    status: Mapped[OfferStatus] = mapped_column(enum_column(OfferStatus), default=OfferStatus.DRAFT)
    # Raised by every UPDATE of the row, and every UPDATE checks it (UPDATE … WHERE version = :v):
    # a decision on a version someone changed meanwhile updates no row and is refused.
    version: Mapped[int] = mapped_column(default=1)

    # 1. The workplace
    title: Mapped[str] = mapped_column(String(120), default="")
    industry: Mapped[str] = mapped_column(String(2), default="")  # SNI section code
    address: Mapped[str] = mapped_column(Text, default="")
    # One of the municipality's areas (portal/reference/areas.py): what matching checks reach against.
    area: Mapped[str | None] = mapped_column(String(40))
    public_transport: Mapped[str] = mapped_column(Text, default="")
    places: Mapped[int | None] = mapped_column()
    pair_placement: Mapped[bool | None] = mapped_column()
    # 1b. When
    days: Mapped[list[str]] = mapped_column(JSON, default=list)  # "mon".."sun"
    times_of_day: Mapped[list[str]] = mapped_column(JSON, default=list)  # TimeOfDay codes
    hours_description: Mapped[str] = mapped_column(String(200), default="")
    hours_per_week: Mapped[int | None] = mapped_column()
    start_date: Mapped[date | None] = mapped_column(Date)
    length_weeks: Mapped[int | None] = mapped_column()
    end_date: Mapped[date | None] = mapped_column(Date)  # start + length, kept for `flask offers expire`
    # 3. What the workplace can adapt
    adaptations: Mapped[list[str]] = mapped_column(JSON, default=list)  # Adaptation codes
    adaptations_note: Mapped[str] = mapped_column(Text, default="")
    # 4. The kind of placement
    placement_kind: Mapped[PlacementKind | None] = mapped_column(enum_column(PlacementKind))
    support_kind: Mapped[str] = mapped_column(String(20), default="")  # lonebidrag | nystartsjobb
    # 5. The supervisor
    supervisor_name: Mapped[str] = mapped_column(String(200), default="")
    supervisor_role: Mapped[str] = mapped_column(String(200), default="")
    supervisor_phone: Mapped[str] = mapped_column(String(40), default="")
    supervisor_email: Mapped[str] = mapped_column(String(254), default="")

    # The submission waiting for review (None when nothing waits) and the approved one.
    pending_snapshot_id: Mapped[int | None] = mapped_column(
        ForeignKey("offer_snapshot.id", use_alter=True, ondelete="SET NULL")
    )
    live_snapshot_id: Mapped[int | None] = mapped_column(
        ForeignKey("offer_snapshot.id", use_alter=True, ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    organisation: Mapped[Organisation] = relationship()
    created_by: Mapped[User | None] = relationship()
    tasks: Mapped[list[OfferTask]] = relationship(
        back_populates="offer", order_by="OfferTask.position, OfferTask.id", cascade="all, delete-orphan"
    )
    snapshots: Mapped[list[OfferSnapshot]] = relationship(
        back_populates="offer",
        foreign_keys="OfferSnapshot.offer_id",
        order_by="OfferSnapshot.number",
        cascade="all, delete-orphan",
    )
    # Read-only: services set the ids, so offer and snapshot never wait on each other in a flush.
    pending_snapshot: Mapped[OfferSnapshot | None] = relationship(foreign_keys=[pending_snapshot_id], viewonly=True)
    live_snapshot: Mapped[OfferSnapshot | None] = relationship(foreign_keys=[live_snapshot_id], viewonly=True)

    __mapper_args__ = {"version_id_col": version}


class OfferTask(db.Model):
    """One concrete task, described so that someone without specialist training knows what it is."""

    __tablename__ = "offer_task"
    # Snapshots, diffs and comments name tasks by id: SQLite must never hand a removed task's id to a new one.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    example_id: Mapped[str | None] = mapped_column(String(60))  # the task example it started from
    # Task family code in the vocabulary, or task_examples.NO_FAMILY when the employer said none
    # fits; None until answered. What matching counts as a related task.
    family: Mapped[str | None] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    frequency: Mapped[str] = mapped_column(String(20), default="")  # task_examples.FREQUENCIES
    physical_demand: Mapped[PhysicalDemand | None] = mapped_column(enum_column(PhysicalDemand))
    swedish_needed: Mapped[SwedishLevel | None] = mapped_column(enum_column(SwedishLevel))
    can_be_shown: Mapped[bool | None] = mapped_column()
    tools: Mapped[str] = mapped_column(Text, default="")

    offer: Mapped[Offer] = relationship(back_populates="tasks")


class OfferSnapshot(db.Model):
    """An immutable copy of the offer and its tasks, taken at each submission."""

    __tablename__ = "offer_snapshot"
    __table_args__ = (UniqueConstraint("offer_id", "number", name="uq_offer_snapshot_offer_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column()  # 1 for the first submission, then 2, 3 …
    offer_version: Mapped[int] = mapped_column()  # the working copy's version it was taken from
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    offer: Mapped[Offer] = relationship(back_populates="snapshots", foreign_keys=[offer_id])
    submitted_by: Mapped[User | None] = relationship()
