"""Interest in a candidate, and the participant's consent to meet."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.clock import now
from portal.db_types import UTCDateTime, enum_column
from portal.extensions import db
from portal.interest.states import InterestStatus

if TYPE_CHECKING:
    from portal.accounts.models import User
    from portal.employers.models import Organisation
    from portal.offers.models import Offer
    from portal.participants.models import Participant


class Interest(db.Model):
    """An employer user asks to meet an anonymised candidate for one of their offers."""

    __tablename__ = "interest"
    # One person cannot ask twice about the same candidate for the same offer.
    __table_args__ = (UniqueConstraint("offer_id", "participant_id", name="uq_interest_offer_participant"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    employer_user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    message: Mapped[str] = mapped_column(Text, default="")  # to the consultant, optional
    status: Mapped[InterestStatus] = mapped_column(enum_column(InterestStatus), default=InterestStatus.OPEN)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the 5-working-day reminder

    offer: Mapped[Offer] = relationship()
    participant: Mapped[Participant] = relationship()
    organisation: Mapped[Organisation] = relationship()
    employer_user: Mapped[User] = relationship(foreign_keys=[employer_user_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])
    consents: Mapped[list[Consent]] = relationship(back_populates="interest")


class ConsentMethod(enum.StrEnum):
    """How the participant said yes, as the consultant recorded it."""

    IN_PERSON = "in_person"
    PHONE = "phone"
    WRITTEN = "written"
    WITH_INTERPRETER = "with_interpreter"


class Consent(db.Model):
    """The participant's consent to meet one employer, given outside the portal and recorded here."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    interest_id: Mapped[int] = mapped_column(ForeignKey("interest.id"), index=True)
    given_at: Mapped[datetime] = mapped_column(UTCDateTime)
    method: Mapped[ConsentMethod] = mapped_column(enum_column(ConsentMethod))
    # What the consent covers, e.g. sharing the first name and the consultant's contact with this employer.
    covers: Mapped[str] = mapped_column(String(500))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawal_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    interest: Mapped[Interest] = relationship(back_populates="consents")
    participant: Mapped[Participant] = relationship()
    recorded_by: Mapped[User] = relationship(foreign_keys=[recorded_by_id])

    @property
    def in_force(self) -> bool:
        return self.withdrawn_at is None


class Proposal(db.Model):
    """A consultant puts a participant forward for a live offer: their card goes to the top of the list."""

    __tablename__ = "proposal"
    __table_args__ = (UniqueConstraint("offer_id", "participant_id", name="uq_proposal_offer_participant"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    offer: Mapped[Offer] = relationship()
    participant: Mapped[Participant] = relationship()
    proposed_by: Mapped[User] = relationship()
