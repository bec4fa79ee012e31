"""Employers invite colleagues to their organisation, see its users, and leave it."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.accounts.models import Invitation, Role, User
from portal.audit.models import AuditEvent
from portal.employers import services
from portal.employers.states import VettingStatus
from portal.errors import FieldError
from portal.outbox.delivery import send_due
from tests import factories

PASSWORD = factories.DEFAULT_PASSWORD


@pytest.fixture
def in_request(app, db):
    """Services build links and translate messages, which needs a request context."""
    with app.test_request_context():
        yield


def fresh(db, obj):
    db.session.rollback()
    return db.session.get(type(obj), obj.id)


def test_the_organisation_page_lists_its_users_and_open_invitations(client, db, login_as):
    organisation = factories.make_organisation(name="Verkstan AB")
    factories.make_user(role=Role.EMPLOYER, organisation=organisation, name="Olle Ek", email="olle@verkstan.se")
    factories.make_user(role=Role.EMPLOYER, name="Främling", email="fram@annat.se")
    login_as("employer", organisation=organisation, name="Eva Berg")
    client.post(
        f"/organisations/{organisation.id}/invite",
        data={"name": "Hanna Handledare", "email": "hanna@verkstan.se", "language": "sv"},
    )
    page = client.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert "Eva Berg" in page and "Olle Ek" in page and "olle@verkstan.se" in page
    assert "Främling" not in page
    assert "hanna@verkstan.se" in page.split('id="invitations"')[1]


def test_an_invited_colleague_becomes_an_employer_user_of_the_organisation(app, client, db, login_as, mailbox):
    organisation = factories.make_organisation(status=VettingStatus.PENDING, name="Verkstan AB")
    inviter = login_as("employer", organisation=organisation, name="Eva Berg")

    response = client.post(
        f"/organisations/{organisation.id}/invite",
        data={"name": "Hanna Handledare", "email": "Hanna@Verkstan.se", "language": "en"},
    )

    assert response.status_code == 303
    assert response.location == f"/organisations/{organisation.id}"
    invitation = db.session.scalar(select(Invitation))
    assert (invitation.organisation_id, invitation.role, invitation.invited_by_id) == (organisation.id, Role.EMPLOYER, inviter.id)
    send_due()
    [message] = mailbox.to("hanna@verkstan.se")
    assert message["Subject"] == "You are invited to Brygga"
    link = re.search(r"https?://[^/\s]+(/invitation/\S+)", mailbox.text_of(message)).group(1)

    colleague_client = app.test_client()
    accepted = colleague_client.post(link, data={"name": "Hanna Handledare", "password": PASSWORD, "confirm": PASSWORD})
    assert accepted.status_code == 303
    db.session.rollback()
    hanna = db.session.scalar(select(User).where(User.email == "hanna@verkstan.se"))
    assert (hanna.role, hanna.organisation_id, hanna.active) == (Role.EMPLOYER, organisation.id, True)
    assert colleague_client.get(f"/organisations/{organisation.id}").status_code == 200


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "email": "hanna@verkstan.se", "language": "sv"}, "Skriv personens namn"),
        ({"name": "Hanna", "email": "hanna", "language": "sv"}, "rätt form"),
        ({"name": "Hanna", "email": "taken@verkstan.se", "language": "sv"}, "Det finns redan ett konto med den här e-postadressen."),
    ],
)
def test_a_bad_invitation_is_shown_again_with_the_problem_and_what_was_typed(client, db, login_as, data, message):
    factories.make_user(email="taken@verkstan.se")
    user = login_as("employer")
    response = client.post(f"/organisations/{user.organisation_id}/invite", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'class="error-summary"' in page and message in page
    assert f'value="{data["email"]}"' in page
    if data["name"]:
        assert f'value="{data["name"]}"' in page
    assert db.session.scalar(select(Invitation)) is None


def test_a_rejected_organisation_cannot_invite(client, db, login_as):
    organisation = factories.make_organisation(status=VettingStatus.REJECTED)
    login_as("employer", organisation=organisation)
    assert client.get(f"/organisations/{organisation.id}/invite").status_code == 403
    data = {"name": "Hanna", "email": "hanna@verkstan.se", "language": "sv"}
    assert client.post(f"/organisations/{organisation.id}/invite", data=data).status_code == 403


def test_a_user_leaves_the_organisation_and_is_signed_out_for_good(client, db, login_as):
    organisation = factories.make_organisation(name="Verkstan AB")
    factories.make_user(role=Role.EMPLOYER, organisation=organisation)
    user = login_as("employer", organisation=organisation)

    page = client.get(f"/organisations/{organisation.id}/leave")
    assert "Lämna Verkstan AB" in page.get_data(as_text=True)
    response = client.post(f"/organisations/{organisation.id}/leave")

    assert response.status_code == 303
    assert response.location == "/"
    user = fresh(db, user)
    assert user.active is False
    assert client.get("/dashboard").status_code == 302
    actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == user.id)))
    assert {"organisation.member_left", "user.deactivated"} <= actions
    signed_in = client.post("/sign-in", data={"email": user.email, "password": PASSWORD})
    assert signed_in.status_code == 422


def test_the_last_active_user_cannot_leave(client, db, login_as):
    organisation = factories.make_organisation(name="Verkstan AB")
    factories.make_user(role=Role.EMPLOYER, organisation=organisation, active=False)
    user = login_as("employer", organisation=organisation)

    response = client.post(f"/organisations/{organisation.id}/leave")

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'class="error-summary"' in page
    assert "Du är den enda aktiva användaren för Verkstan AB" in page
    assert fresh(db, user).active is True
    assert client.get("/dashboard").status_code == 200


def test_leaving_is_refused_by_the_service_for_the_last_active_user(in_request, db):
    user = factories.make_user(role=Role.EMPLOYER)
    with pytest.raises(FieldError):
        services.leave_organisation(user)
    assert user.active is True
