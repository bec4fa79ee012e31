"""Demo employer organisations in every vetting state, each with users; loading twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.clock import STOCKHOLM, now, today_in_stockholm
from portal.demo.accounts import DEMO_PASSWORD, DemoLogin, ensure_user
from portal.employers.models import Organisation, OrganisationKind
from portal.employers.states import VETTING_TRANSITIONS, VettingStatus
from portal.extensions import db
from portal.units.models import Unit
from portal.workdays import add_working_days
from portal.workflow import transition


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    number: str
    kind: OrganisationKind
    industry: str
    street: str
    postcode: str
    town: str
    status: VettingStatus
    users: tuple[tuple[str, str, str], ...]  # e-mail, name, phone
    waited_working_days: int = 0
    reason: str = ""


# The three approved organisations of portal/demo/loader.py get their registration details here.
DETAILS = {
    "556677-8899": ("I", "Storgatan 12", "123 45", "Norrby"),
    "556123-4567": ("O", "Industrivägen 4", "123 50", "Norrby"),
    "212000-0142": ("I", "Kommunhuset, Torget 1", "123 40", "Norrby"),
}

ORGANISATIONS = [
    DemoOrganisation(
        "Bageriet Vete & Råg AB", "556789-0123", OrganisationKind.COMPANY, "C",
        "Bagargatan 3", "123 46", "Norrby", VettingStatus.UNCONFIRMED,
        (("bageriet@demo.brygga.se", "Sara Holm", "070-111 22 33"),),
    ),
    DemoOrganisation(
        "Norrby Bilverkstad AB", "559012-3450", OrganisationKind.COMPANY, "T",
        "Verkstadsvägen 8", "123 52", "Norrby", VettingStatus.PENDING,
        (("verkstad@demo.brygga.se", "Mikael Öberg", "070-222 33 44"),),
        waited_working_days=2,
    ),
    DemoOrganisation(
        "Svenssons Måleri", "19850412-2386", OrganisationKind.SOLE_TRADER, "F",
        "Målarbacken 2", "123 60", "Lilla Norrby", VettingStatus.PENDING,
        (("maleri@demo.brygga.se", "Anna Svensson", "070-333 44 55"),),
        waited_working_days=8,
    ),
    DemoOrganisation(
        "Snabbflytt i Norrby AB", "556345-6788", OrganisationKind.COMPANY, "H",
        "Hamnvägen 20", "123 70", "Norrby", VettingStatus.REJECTED,
        (("flytt@demo.brygga.se", "Peter Lund", "070-444 55 66"),),
        waited_working_days=5,
        reason="Vi når ingen på telefonnumret och företaget finns inte på adressen. Ring oss så reder vi ut det.",
    ),
]
KOSTENHETEN_SUPERVISOR = ("handledare.kost@demo.brygga.se", "Leila Karimi", "010-123 46 10")


def load(unit: Unit) -> list:
    """Add the organisations and users that are missing, and the details the older demo rows lack."""
    logins = []
    for number, (industry, street, postcode, town) in DETAILS.items():
        organisation = _by_number(number)
        if organisation is not None and not organisation.industry:
            organisation.industry, organisation.street = industry, street
            organisation.postcode, organisation.town = postcode, town

    # A municipal workplace with two users: the contact person and a supervisor.
    kostenheten = _by_number("212000-0142")
    if kostenheten is not None:
        email, name, phone = KOSTENHETEN_SUPERVISOR
        ensure_user(email=email, name=name, role=Role.EMPLOYER, phone=phone, organisation=kostenheten)
        logins.append(DemoLogin(Role.EMPLOYER.value, email, DEMO_PASSWORD))

    # The unit's coordinator vets its employers.
    coordinator = db.session.scalar(
        select(User).where(User.role == Role.COORDINATOR, User.unit_id == unit.id).order_by(User.id)
    )
    for demo in ORGANISATIONS:
        organisation = _by_number(demo.number) or _create(demo, coordinator, unit)
        for email, name, phone in demo.users:
            user = ensure_user(email=email, name=name, role=Role.EMPLOYER, phone=phone, organisation=organisation)
            if organisation.status == VettingStatus.UNCONFIRMED:
                user.active = False  # has not opened the confirmation link, so cannot sign in
            else:
                logins.append(DemoLogin(Role.EMPLOYER.value, email, DEMO_PASSWORD))
    db.session.flush()
    return logins


def _by_number(number: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.organisation_number == number))


def _create(demo: DemoOrganisation, coordinator: User | None, unit: Unit) -> Organisation:
    organisation = Organisation(
        unit=unit,
        name=demo.name,
        organisation_number=demo.number,
        kind=demo.kind,
        industry=demo.industry,
        street=demo.street,
        postcode=demo.postcode,
        town=demo.town,
    )
    db.session.add(organisation)
    db.session.flush()
    if demo.status == VettingStatus.UNCONFIRMED:
        return organisation
    transition(organisation, VettingStatus.PENDING, table=VETTING_TRANSITIONS)
    entered = add_working_days(today_in_stockholm(), -demo.waited_working_days)
    organisation.pending_since = datetime.combine(entered, time(9, 0), tzinfo=STOCKHOLM)
    if demo.status == VettingStatus.REJECTED:
        transition(
            organisation,
            VettingStatus.REJECTED,
            table=VETTING_TRANSITIONS,
            actor=coordinator,
            detail={"reason": demo.reason},
        )
        organisation.decided_at = now()
        organisation.rejection_reason = demo.reason
    return organisation
