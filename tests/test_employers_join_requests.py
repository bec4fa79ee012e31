"""Asking to join an organisation that is already registered: what its members get, and the limits."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.accounts.models import Invitation, Role
from portal.employers.models import JoinRequest
from portal.outbox.delivery import send_due
from portal.outbox.models import OutboxMessage
from tests import factories
from tests.conftest import sign_in_client
from tests.test_employers_registration import register

NUMBER = "556789-0123"


def _organisation(db):
    organisation = factories.make_organisation(organisation_number=NUMBER, name="Verkstan AB")
    member = factories.make_user(role=Role.EMPLOYER, organisation=organisation, email="eva@verkstan.se", name="Eva Berg")
    db.session.commit()
    return organisation, member


def _mails(db) -> int:
    """Mail to the organisation's members (each asker is also told by e-mail what happens next)."""
    db.session.rollback()
    return db.session.scalar(
        select(func.count()).select_from(OutboxMessage).where(OutboxMessage.recipient == "eva@verkstan.se")
    )


def test_the_mail_holds_nothing_the_asker_typed(app, client, db, mailbox):
    _organisation(db)
    hostile = "Klicka här: https://evil.example/login för att godkänna"
    register(client, organisation_number=NUMBER, contact_name=hostile, email="nils@verkstan.se")
    send_due()
    [message] = mailbox.to("eva@verkstan.se")
    text = mailbox.text_of(message)
    assert "evil.example" not in text and "Klicka" not in text and "nils@verkstan.se" not in text
    assert "evil" not in message["Subject"]
    assert "/organisations/" in text and "/invite" in text


def test_one_open_request_per_address_and_organisation(app, client, db):
    _organisation(db)
    register(client, organisation_number=NUMBER, contact_name="Nils", email="nils@verkstan.se")
    sent = _mails(db)
    again = app.test_client()
    response = register(again, organisation_number=NUMBER, contact_name="Nils igen", email="NILS@verkstan.se ")
    # The same answer as any registration: the page never tells a stranger the organisation exists.
    assert response.status_code == 303 and response.location.endswith("/offer-a-placement/check-your-email")
    assert _mails(db) == sent
    assert db.session.scalar(select(func.count()).select_from(JoinRequest)) == 1


def test_at_most_five_new_requests_a_day_for_one_organisation(app, db):
    _organisation(db)
    for n in range(5):
        assert register(app.test_client(), organisation_number=NUMBER, email=f"person{n}@example.se").status_code == 303
    sent = _mails(db)
    response = register(app.test_client(), organisation_number=NUMBER, email="sixth@example.se")
    assert response.status_code == 303  # the same answer, nothing sent to the members
    assert _mails(db) == sent
    assert db.session.scalar(select(func.count()).select_from(JoinRequest)) == 5


def test_a_member_sees_who_asked_and_invites_or_sets_aside(app, client, db):
    organisation, member = _organisation(db)
    register(app.test_client(), organisation_number=NUMBER, contact_name="Nils <b>Nyberg</b>", email="nils@verkstan.se")
    register(app.test_client(), organisation_number=NUMBER, contact_name="Okänd", email="okand@example.se")
    sign_in_client(client, member)
    page = client.get(f"/organisations/{organisation.id}/invite").get_data(as_text=True)
    assert "Nils &lt;b&gt;Nyberg&lt;/b&gt;" in page and "okand@example.se" in page
    nils, unknown = db.session.scalars(select(JoinRequest).order_by(JoinRequest.id)).all()

    response = client.post(f"/organisations/{organisation.id}/join-requests/{nils.id}", data={"answer": "invite"})
    assert response.status_code == 303
    assert db.session.scalar(select(Invitation).where(Invitation.email == "nils@verkstan.se")) is not None
    response = client.post(f"/organisations/{organisation.id}/join-requests/{unknown.id}", data={"answer": "dismiss"})
    assert response.status_code == 303
    db.session.expire_all()
    assert nils.closed_at is not None and unknown.closed_at is not None
    page = client.get(f"/organisations/{organisation.id}/invite").get_data(as_text=True)
    assert "okand@example.se" not in page
    # An answered request, or an answer that is not one of the two, is refused.
    assert client.post(f"/organisations/{organisation.id}/join-requests/{unknown.id}", data={"answer": "dismiss"}).status_code == 404


def test_another_organisations_request_is_a_404(app, client, db):
    organisation, _member = _organisation(db)
    register(app.test_client(), organisation_number=NUMBER, email="nils@verkstan.se")
    request_id = db.session.scalar(select(JoinRequest.id))
    outsider = factories.make_user(role=Role.EMPLOYER)
    db.session.commit()
    sign_in_client(client, outsider)
    assert client.post(f"/organisations/{outsider.organisation_id}/join-requests/{request_id}", data={"answer": "invite"}).status_code == 404
    assert client.post(f"/organisations/{organisation.id}/join-requests/{request_id}", data={"answer": "invite"}).status_code == 404
