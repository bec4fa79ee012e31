"""What was said at a follow-up, and how each task of the placement's offer goes."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Date, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.clock import now
from portal.db_types import UTCDateTime, enum_column
from portal.extensions import db
from portal.placements.certificate import TaskLevel

if TYPE_CHECKING:
    from portal.accounts.models import User
    from portal.meetings.models import Meeting
    from portal.offers.models import OfferTask
    from portal.placements.models import Placement


class FollowUpRecord(db.Model):
    """The consultant's record of one follow-up meeting; the supervisor can add to it."""

    __tablename__ = "follow_up_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), unique=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id"), index=True)
    attended: Mapped[list[str]] = mapped_column(JSON, default=list)  # Attendee codes
    goes_well: Mapped[str] = mapped_column(Text, default="")
    to_adjust: Mapped[str] = mapped_column(Text, default="")
    next_step: Mapped[str] = mapped_column(Text, default="")
    # The participant's own words, recorded by the consultant; never shown to the employer.
    participant_view: Mapped[str] = mapped_column(Text, default="")
    supervisor_comment: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    supervisor_added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, onupdate=now)

    meeting: Mapped[Meeting] = relationship()
    placement: Mapped[Placement] = relationship()
    recorded_by: Mapped[User] = relationship(foreign_keys=[recorded_by_id])
    supervisor_added_by: Mapped[User | None] = relationship(foreign_keys=[supervisor_added_by_id])
    assessments: Mapped[list[TaskAssessment]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="TaskAssessment.offer_task_id"
    )


class TaskAssessment(db.Model):
    """How one task of the offer went at one follow-up: with support, partly on one's own, on one's own."""

    __tablename__ = "task_assessment"
    __table_args__ = (UniqueConstraint("record_id", "offer_task_id", name="uq_task_assessment_record_task"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("follow_up_record.id", ondelete="CASCADE"), index=True)
    offer_task_id: Mapped[int] = mapped_column(ForeignKey("offer_task.id"))
    level: Mapped[TaskLevel] = mapped_column(enum_column(TaskLevel))
    assessed_on: Mapped[date] = mapped_column(Date)  # the follow-up's Stockholm date
    assessed_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))

    record: Mapped[FollowUpRecord] = relationship(back_populates="assessments")
    offer_task: Mapped[OfferTask] = relationship()
