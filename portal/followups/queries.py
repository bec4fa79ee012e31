"""Reads for follow-up records; the meetings and placements come through portal.meetings.queries' scoped getters."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.followups.models import FollowUpRecord, TaskAssessment
from portal.meetings.models import Meeting


def record_for(meeting: Meeting) -> FollowUpRecord | None:
    return db.session.scalar(select(FollowUpRecord).where(FollowUpRecord.meeting_id == meeting.id))


def assessments_of(placement_id: int) -> list[TaskAssessment]:
    """Every task assessment made at the placement's follow-ups, oldest first."""
    return list(
        db.session.scalars(
            select(TaskAssessment)
            .join(FollowUpRecord, FollowUpRecord.id == TaskAssessment.record_id)
            .where(FollowUpRecord.placement_id == placement_id)
            .order_by(TaskAssessment.assessed_on, TaskAssessment.id)
        )
    )
