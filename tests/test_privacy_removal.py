"""Removing an employer's user or organisation: the people are de-identified, their offers stay without them."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from portal.accounts.models import Role, SignIn, User
from portal.audit.models import AuditEvent
from portal.employers.models import Organisation, OrganisationKind
from portal.offers.states import OfferStatus
from portal.outbox.models import OutboxMessage
from portal.outbox.services import queue_email
from portal.privacy.removal import REMOVED
from tests.conftest import sign_in_client
from tests.factories import DEFAULT_PASSWORD, make_organisation, make_user
from tests.helpers import sign_in
from tests.meeting_factories import make_interest, make_meeting
from tests.offer_factories import make_offer

OFFER_TABLES = ("offer", "offer_task", "offer_snapshot")


def _client(app, user):
    client = app.test_client()
    sign_in_client(client, user)
    return client


def _offer_tables_text(db) -> str:
    """Every value of every column of every row of the offer tables, as one text."""
    return "\n".join(
        str(tuple(row)) for table in OFFER_TABLES for row in db.session.execute(text(f"SELECT * FROM {table}"))
    ).casefold()


@pytest.fixture
def organisation(db):
    """Two users; the first is the supervisor named in a live offer whose approved snapshot names her too."""
    organisation = make_organisation(street="Hamngatan 3", postcode="12345", town="Småstad")
    supervisor = make_user(role=Role.EMPLOYER, organisation=organisation, name="Lena Handledarsson",
                           email="lena.handledarsson@kafe.se", phone="070-555 12 34")
    colleague = make_user(role=Role.EMPLOYER, organisation=organisation, name="Olle Kollegasson",
                          email="olle@kafe.se", phone="070-777 00 11")
    offer = make_offer(colleague, status=OfferStatus.LIVE, supervisor_name=supervisor.name,
                       supervisor_email="Lena.Handledarsson@kafe.se", supervisor_phone=supervisor.phone,
                       adaptations_note="Fråga Lena Handledarsson om nycklarna")
    db.session.add(SignIn(user_id=supervisor.id, address="192.0.2.7", browser="Firefox"))
    queue_email(supervisor.email, "second_factor_reset", locale="sv", user=supervisor, coordinator=supervisor)
    db.session.commit()
    return organisation, supervisor, colleague, offer


def test_the_coordinator_removes_a_user_and_no_offer_column_keeps_her(app, db, organisation):
    organisation, supervisor, colleague, offer = organisation
    coordinator = make_user(role=Role.COORDINATOR)
    interest = make_interest(supervisor, offer=offer)
    meeting = make_meeting(interest=interest)
    db.session.commit()
    her_browser = _client(app, supervisor)
    assert her_browser.get("/dashboard").status_code == 200
    assert _offer_tables_text(db).count("lena handledarsson") >= 3, "the working copy and the snapshot name her"

    client = _client(app, coordinator)
    page = client.get(f"/accounts/{supervisor.id}/remove")
    assert page.status_code == 200 and "Det här finns kvar" in page.get_data(as_text=True)
    response = client.post(f"/accounts/{supervisor.id}/remove", data={"reason": "Har slutat på företaget"})
    assert response.status_code == 303 and response.location == f"/organisations/{organisation.id}"

    db.session.expire_all()
    user = db.session.get(User, supervisor.id)
    assert (user.name, user.phone, user.password_hash) == ("Borttagen användare", "", None)
    assert user.email.endswith("@removed.invalid") and user.removed_at is not None and not user.is_active
    assert her_browser.get("/dashboard").status_code == 302, "her sessions ended"
    everything = _offer_tables_text(db)
    for trace in ("lena", "handledarsson", "070-555 12 34"):
        assert trace not in everything
    assert REMOVED in everything and "diskare i restaurangkök" in everything and "köksansvarig" in everything, "the offer stays"
    assert db.session.scalar(select(SignIn).where(SignIn.user_id == user.id)) is None
    sent_to_her = db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient.like("%handledarsson%"))).all()
    assert sent_to_her == []
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.removed"))
    assert (event.subject_id, event.actor_id, event.detail["reason"]) == (user.id, coordinator.id, "Har slutat på företaget")
    # The unit goes on with the interest and the meeting she made.
    consultant = _client(app, meeting.consultant)
    assert consultant.get(f"/meetings/{meeting.id}").status_code == 200
    assert consultant.get(f"/interest/{interest.id}").status_code == 200
    assert sign_in(app.test_client(), "lena.handledarsson@kafe.se", DEFAULT_PASSWORD).status_code == 422
    assert client.post(f"/accounts/{user.id}/reactivate").status_code == 403, "a removed account is never switched on"
    assert client.get(f"/accounts/{user.id}/remove").status_code == 403, "nor removed twice"


def test_the_coordinator_must_say_why(app, db, organisation):
    _, supervisor, _, _ = organisation
    coordinator = make_user(role=Role.COORDINATOR)
    db.session.commit()
    response = _client(app, coordinator).post(f"/accounts/{supervisor.id}/remove", data={"reason": "  "})
    assert response.status_code == 422 and "Skriv varför kontot tas bort." in response.get_data(as_text=True)
    assert db.session.get(User, supervisor.id).name == "Lena Handledarsson"


def test_an_employer_removes_her_own_account_and_is_signed_out(app, db, organisation):
    organisation, supervisor, _, _ = organisation
    client = _client(app, supervisor)
    page = client.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert f'href="/accounts/{supervisor.id}/remove">Ta bort mitt konto' in page
    response = client.post(f"/accounts/{supervisor.id}/remove", data={"reason": ""})
    assert response.status_code == 303 and response.location == "/"
    assert client.get("/dashboard").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, supervisor.id).removed_at is not None


def test_an_employer_cannot_remove_a_colleague(app, db, organisation):
    _, supervisor, colleague, _ = organisation
    assert _client(app, colleague).post(f"/accounts/{supervisor.id}/remove", data={"reason": "x"}).status_code == 404
    assert db.session.get(User, supervisor.id).removed_at is None


def test_the_last_user_of_an_organisation_with_live_offers_stays(app, db):
    employer = make_user(role=Role.EMPLOYER, name="Ensam Ägare")
    make_offer(employer, status=OfferStatus.LIVE)
    coordinator = make_user(role=Role.COORDINATOR)
    db.session.commit()
    for client in (_client(app, employer), _client(app, coordinator)):
        response = client.post(f"/accounts/{employer.id}/remove", data={"reason": "Slutar"})
        assert response.status_code == 422
        assert "Stäng erbjudandena först, eller ta bort hela organisationen." in response.get_data(as_text=True)
    assert db.session.get(User, employer.id).removed_at is None


def test_the_last_user_goes_when_no_offer_is_live(app, db):
    employer = make_user(role=Role.EMPLOYER)
    make_offer(employer, status=OfferStatus.CLOSED)
    db.session.commit()
    assert _client(app, employer).post(f"/accounts/{employer.id}/remove", data={"reason": ""}).status_code == 303


def test_the_coordinator_removes_an_organisation_and_every_user_and_the_offers_stay(app, db, organisation):
    organisation, supervisor, colleague, offer = organisation
    coordinator = make_user(role=Role.COORDINATOR)
    interest = make_interest(colleague, offer=offer)
    meeting = make_meeting(interest=interest)
    db.session.commit()
    client = _client(app, coordinator)
    assert f'href="/organisations/{organisation.id}/remove"' in client.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert client.post(f"/organisations/{organisation.id}/remove", data={"reason": ""}).status_code == 422
    response = client.post(f"/organisations/{organisation.id}/remove", data={"reason": "Verksamheten har upphört"})
    assert response.status_code == 303

    db.session.expire_all()
    removed = db.session.get(Organisation, organisation.id)
    assert removed.removed_at is not None and (removed.street, removed.postcode, removed.town) == ("", "", "")
    assert removed.name == organisation.name, "a company's name is no person's"
    for user in (supervisor, colleague):
        user = db.session.get(User, user.id)
        assert user.removed_at is not None and user.name == "Borttagen användare"
    everything = _offer_tables_text(db)
    for trace in ("lena", "handledarsson", "olle", "kollegasson", "@kafe.se", "070-555 12 34"):
        assert trace not in everything
    assert db.session.get(type(offer), offer.id).status == OfferStatus.LIVE
    assert '"supervisor_name": "(borttagen)"' in everything or "'supervisor_name': '(borttagen)'" in everything
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "organisation.removed")).detail["reason"] == "Verksamheten har upphört"
    assert _client(app, meeting.consultant).get(f"/meetings/{meeting.id}").status_code == 200
    assert client.get(f"/organisations/{organisation.id}/remove").status_code == 403, "once"


def test_a_sole_traders_name_and_number_go_with_the_organisation(app, db):
    organisation = make_organisation(kind=OrganisationKind.SOLE_TRADER, name="Kalle Karlssons Café",
                                     organisation_number="19800101-1234", street="Kallevägen 1")
    employer = make_user(role=Role.EMPLOYER, organisation=organisation)
    make_offer(employer, status=OfferStatus.SUBMITTED, address="Kallevägen 1, Småstad",
               adaptations_note="Kalle Karlssons Café har en lugn hörna")
    coordinator = make_user(role=Role.COORDINATOR)
    db.session.commit()
    assert _client(app, coordinator).post(f"/organisations/{organisation.id}/remove", data={"reason": "Begärt"}).status_code == 303
    db.session.expire_all()
    removed = db.session.get(Organisation, organisation.id)
    assert "kalle" not in f"{removed.name} {removed.organisation_number}".casefold()
    assert "19800101" not in removed.organisation_number
    everything = _offer_tables_text(db)
    assert "kalle" not in everything and "kallevägen" not in everything
