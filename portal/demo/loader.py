"""Demo data a newcomer can sign in with: loading it twice changes nothing."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from portal.accounts.models import Role
from portal.accounts.second_factor import enrol_with_secret, is_enrolled
from portal.demo import bookings as demo_bookings
from portal.demo import employers as demo_employers
from portal.demo import history as demo_history
from portal.demo import interest as demo_interest
from portal.demo import meetings as demo_meetings
from portal.demo import offers as demo_offers
from portal.demo import participants as demo_participants
from portal.demo import units as demo_units
from portal.demo.accounts import DEMO_PASSWORD, DemoLogin, ensure_user
from portal.demo.units import LILLBY, STORVIK
from portal.employers.models import Organisation, OrganisationKind
from portal.employers.states import VETTING_TRANSITIONS, VettingStatus
from portal.extensions import db
from portal.units.models import Unit
from portal.workflow import transition


class DemoRefused(RuntimeError):
    """Demo accounts with known passwords must never exist in production."""


STAFF = [
    # e-mail, name, role, phone, unit, the fixed authenticator key (base32) the README names: add it
    # to any authenticator app to sign in. Like the demo password, it never exists in production.
    ("koordinator@demo.brygga.se", "Karin Lindqvist", Role.COORDINATOR, "010-123 45 00", STORVIK, "BRYGGADEMOKOORDINATORKARINLINDQV"),
    ("konsulent@demo.brygga.se", "Ahmed Hassan", Role.CONSULTANT, "010-123 45 11", STORVIK, "BRYGGADEMOKONSULENTAHMEDHASSANXX"),
    ("konsulent2@demo.brygga.se", "Maria Nilsson", Role.CONSULTANT, "010-123 45 12", STORVIK, "BRYGGADEMOKONSULENTMARIANILSSONX"),
    ("koordinator.lillby@demo.brygga.se", "Sofia Berglund", Role.COORDINATOR, "010-123 46 00", LILLBY, "BRYGGADEMOKOORDINATORSOFIABERGLX"),
    ("konsulent.lillby@demo.brygga.se", "Jonas Ekström", Role.CONSULTANT, "010-123 46 11", LILLBY, "BRYGGADEMOKONSULENTJONASEKSTROMX"),
    # The installation's administrator (systemförvaltare): units and projects, no participant.
    ("systemforvaltare@demo.brygga.se", "Alva Öberg", Role.ADMIN, "010-123 40 00", None, "BRYGGADEMOSYSTEMFORVALTAREALVAOB"),
]
DEMO_TOTP_SECRETS = frozenset(secret for *_, secret in STAFF)

ORGANISATIONS = [
    # name, organisation number, kind, users
    ("Kafé Solrosen AB", "556677-8899", OrganisationKind.COMPANY, [("arbetsgivare@demo.brygga.se", "Eva Berg")]),
    (
        "Lindgrens Fastighetsservice AB",
        "556123-4567",
        OrganisationKind.COMPANY,
        [("fastighet@demo.brygga.se", "Lars Lindgren")],
    ),
    ("Kommunens kostenhet", "212000-0142", OrganisationKind.MUNICIPAL, [("kostenheten@demo.brygga.se", "Johan Ek")]),
]


def load_demo() -> list[DemoLogin]:
    """Create the demo coordinator, consultants, employer organisations and users if missing."""
    if current_app.config["PRODUCTION"]:
        raise DemoRefused("Refusing to load demo data: the app is configured for production (BRYGGA_ENV=production).")
    logins: list[DemoLogin] = []
    units = demo_units.load()
    for email, name, role, phone, unit_name, secret in STAFF:
        user = ensure_user(email=email, name=name, role=role, phone=phone, unit=units.get(unit_name))
        if not is_enrolled(user):
            enrol_with_secret(user, secret)
        logins.append(DemoLogin(role.value, email, DEMO_PASSWORD, secret))
    for org_name, number, kind, users in ORGANISATIONS:
        organisation = _ensure_organisation(org_name, number, kind, units[STORVIK])
        for email, name in users:
            ensure_user(email=email, name=name, role=Role.EMPLOYER, organisation=organisation)
            logins.append(DemoLogin(Role.EMPLOYER.value, email, DEMO_PASSWORD))
    logins.extend(demo_employers.load(units[STORVIK]))
    demo_offers.load()
    demo_bookings.load()
    demo_participants.load()
    demo_interest.load()
    demo_meetings.load()
    demo_history.load()
    db.session.commit()
    return logins


def _ensure_organisation(name: str, number: str, kind: OrganisationKind, unit: Unit) -> Organisation:
    organisation = db.session.scalar(select(Organisation).where(Organisation.organisation_number == number))
    if organisation is None:
        organisation = Organisation(name=name, organisation_number=number, kind=kind, unit=unit)
        db.session.add(organisation)
        db.session.flush()
        transition(organisation, VettingStatus.PENDING, table=VETTING_TRANSITIONS)
        transition(organisation, VettingStatus.APPROVED, table=VETTING_TRANSITIONS)
    return organisation
