"""A participant's placement at an employer's offer."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.clock import now
from portal.db_types import UTCDateTime, enum_column
from portal.extensions import db
from portal.participants.states import Outcome
from portal.placements.states import FollowUpCadence, PlacementStatus
from portal.reference.vocabulary import PlacementKind

if TYPE_CHECKING:
    from portal.accounts.models import User
    from portal.employers.models import Organisation
    from portal.interest.models import Interest
    from portal.offers.models import Offer
    from portal.participants.models import Participant


class Placement(db.Model):
    __tablename__ = "placement"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    consultant_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    interest_id: Mapped[int | None] = mapped_column(ForeignKey("interest.id"))
    kind: Mapped[PlacementKind] = mapped_column(enum_column(PlacementKind))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    follow_up_cadence: Mapped[FollowUpCadence] = mapped_column(
        enum_column(FollowUpCadence), default=FollowUpCadence.BIWEEKLY
    )
    status: Mapped[PlacementStatus] = mapped_column(enum_column(PlacementStatus), default=PlacementStatus.PLANNED)
    # When ended: the same code list as a participant's outcome (the column was VARCHAR(20) before, as now).
    outcome: Mapped[Outcome | None] = mapped_column(enum_column(Outcome))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))

    offer: Mapped[Offer] = relationship()
    participant: Mapped[Participant] = relationship()
    organisation: Mapped[Organisation] = relationship()
    consultant: Mapped[User] = relationship(foreign_keys=[consultant_id])
    interest: Mapped[Interest | None] = relationship()
