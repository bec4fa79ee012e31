"""Plain factory functions with overrides; they add to the session and flush, never commit."""

from __future__ import annotations

import itertools
from datetime import date, time
from functools import cache

from portal.accounts.models import Role, SecondFactor, User
from portal.accounts.passwords import hash_password
from portal.availability.models import AvailabilityWindow, BlockedDay
from portal.clock import now
from portal.employers.models import Organisation, OrganisationKind
from portal.employers.states import VettingStatus
from portal.extensions import db
from portal.offers.states import OfferStatus
from portal.units.models import Unit

DEFAULT_PASSWORD = "korrekt häst batteri häftklammer"
# Staff made here are enrolled with this authenticator secret (tests.helpers.totp_code_for types its code).
DEFAULT_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
_sequence = itertools.count(1)



@cache
def _hash(password: str) -> str:
    # argon2id is slow on purpose; hash each test password once per run.
    return hash_password(password)


def make_unit(**overrides) -> Unit:
    n = next(_sequence)
    values = {"name": f"Arbetsmarknadsenheten {n}", "municipality_code": "1080"}
    values.update(overrides)
    unit = Unit(**values)
    db.session.add(unit)
    db.session.flush()
    return unit


def default_unit() -> Unit:
    """The unit staff and participants get unless a test names another: the first one there is."""
    from sqlalchemy import select

    return db.session.scalar(select(Unit).order_by(Unit.id).limit(1)) or make_unit(name="Arbetsmarknadsenheten")


def make_organisation(**overrides) -> Organisation:
    n = next(_sequence)
    values = {
        "name": f"Företag {n} AB",
        "organisation_number": f"55{n:04d}-{n:04d}",
        "kind": OrganisationKind.COMPANY,
        "status": VettingStatus.APPROVED,
    }
    values.update(overrides)
    if "unit" not in values and "unit_id" not in values:
        values["unit"] = default_unit()
    organisation = Organisation(**values)
    db.session.add(organisation)
    db.session.flush()
    return organisation


def make_user(
    role: Role = Role.CONSULTANT, password: str = DEFAULT_PASSWORD, totp_secret: str | None = DEFAULT_TOTP_SECRET, **overrides
) -> User:
    """A user; a coordinator or consultant is enrolled with `totp_secret` (None: not enrolled yet)."""
    n = next(_sequence)
    values = {
        "email": f"person{n}@example.se",
        "name": f"Person {n}",
        "role": role,
        "password_hash": _hash(password),
        "preferred_language": "sv",
    }
    if role == Role.EMPLOYER and "organisation" not in overrides:
        values["organisation"] = make_organisation()
    if role in (Role.COORDINATOR, Role.CONSULTANT) and "unit" not in overrides and "unit_id" not in overrides:
        values["unit"] = default_unit()
    values.update(overrides)
    user = User(**values)
    db.session.add(user)
    db.session.flush()
    if totp_secret and role in (Role.COORDINATOR, Role.CONSULTANT, Role.ADMIN):
        db.session.add(SecondFactor(user_id=user.id, secret=totp_secret, confirmed_at=now()))
        db.session.flush()
    return user


def make_window(consultant: User, **overrides) -> AvailabilityWindow:
    """A weekly window (Tuesdays 09:00–12:00) unless on_date is given."""
    values = {"start_time": time(9), "end_time": time(12)}
    if "on_date" not in overrides:
        values["weekday"] = 1
    values.update(overrides)
    window = AvailabilityWindow(consultant_id=consultant.id, **values)
    db.session.add(window)
    db.session.flush()
    return window


def make_blocked_day(consultant: User, **overrides) -> BlockedDay:
    values = {"first_day": date(2030, 1, 2), "last_day": date(2030, 1, 2), "note": ""}
    values.update(overrides)
    blocked = BlockedDay(consultant_id=consultant.id, **values)
    db.session.add(blocked)
    db.session.flush()
    return blocked


class World:
    """One user per role and the records the authorization matrix needs to build URLs."""

    def __init__(self) -> None:
        self.users = {role: make_user(role=role) for role in Role}
        from tests.offer_factories import make_offer

        # A submitted offer of the employer's own organisation, and one of another organisation.
        self.own_offer = make_offer(self.users[Role.EMPLOYER], status=OfferStatus.SUBMITTED)
        self.own_task = self.own_offer.tasks[0]
        self.foreign_offer = make_offer(make_user(role=Role.EMPLOYER), status=OfferStatus.SUBMITTED)
        consultant = self.users[Role.CONSULTANT]
        self.availability_window = make_window(consultant)
        self.blocked_day = make_blocked_day(consultant)
        from tests.participant_factories import make_participant

        self.own_participant = make_participant(consultant=self.users[Role.CONSULTANT])
        self.other_participant = make_participant()  # another consultant's
        # Three more alike: with five people who pass the live offer, its cards are shown (k = 5).
        self.alike_participants = [make_participant() for _ in range(3)]
        self.pending_organisation = make_organisation(status=VettingStatus.PENDING, pending_since=now())
        # A live offer of the employer's, with the own participant among its candidates,
        # and an open interest in the own participant (from another organisation's offer).
        from portal.interest.models import Interest
        from portal.matching.service import candidate_name

        self.live_offer = make_offer(self.users[Role.EMPLOYER], status=OfferStatus.LIVE)
        self.candidate_pseudonym = candidate_name(self.live_offer.organisation_id, self.own_participant.id)
        self.interest = Interest(
            offer_id=self.foreign_offer.id,
            participant_id=self.own_participant.id,
            organisation_id=self.foreign_offer.organisation_id,
            employer_user_id=self.foreign_offer.created_by_id,
        )
        db.session.add(self.interest)
        # The employer's own open request to meet another consultant's participant.
        self.own_interest = Interest(
            offer_id=self.live_offer.id,
            participant_id=self.other_participant.id,
            organisation_id=self.live_offer.organisation_id,
            employer_user_id=self.users[Role.EMPLOYER].id,
        )
        db.session.add(self.own_interest)
        self.own_interest_pseudonym = candidate_name(self.live_offer.organisation_id, self.other_participant.id)
        db.session.flush()
        # A placement of a participant of the consultant's at the employer's live offer.
        from portal.placements.services import record_placement
        from portal.reference.vocabulary import PlacementKind

        self.placement = record_placement(
            self.live_offer,
            make_participant(consultant=consultant),
            actor=consultant,
            kind=PlacementKind.PRAKTIK,
            start_date=date(2027, 3, 1),
            end_date=date(2027, 5, 24),
        )
        from tests.meeting_factories import add_meeting_records

        add_meeting_records(self)


def make_world() -> World:
    return World()
