"""The coordinator's vetting queue and decisions; who sees which organisation; masking; the status banner."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from sqlalchemy import select

from portal.accounts.models import Role
from portal.audit.models import AuditEvent
from portal.clock import STOCKHOLM, today_in_stockholm
from portal.employers import policies, services
from portal.employers.models import Organisation, OrganisationKind
from portal.employers.states import VettingStatus
from portal.errors import FieldError
from portal.outbox.delivery import send_due
from portal.workdays import add_working_days
from portal.workflow import IllegalTransition
from tests import factories

PERSONNUMMER = "19850412-2386"


@pytest.fixture
def in_request(app, db):
    """Services build links for e-mail, which needs a request context."""
    with app.test_request_context():
        yield


def entered_queue(working_days_ago: int) -> datetime:
    day = add_working_days(today_in_stockholm(), -working_days_ago)
    return datetime.combine(day, time(10, 0), tzinfo=STOCKHOLM)


def pending(**overrides) -> Organisation:
    values = {"status": VettingStatus.PENDING, "pending_since": entered_queue(1)}
    values.update(overrides)
    return factories.make_organisation(**values)


def fresh(db, obj):
    db.session.rollback()
    return db.session.get(type(obj), obj.id)


# The queue


def test_the_queue_lists_waiting_organisations_oldest_first_with_working_days_waited(client, db, login_as):
    pending(name="Nyare AB", pending_since=entered_queue(2))
    pending(name="Äldre AB", pending_since=entered_queue(7))
    factories.make_organisation(name="Klar AB", status=VettingStatus.APPROVED)
    login_as("coordinator")

    page = client.get("/organisations").get_data(as_text=True)

    waiting = page.split('id="others"')[0]
    assert waiting.index("Äldre AB") < waiting.index("Nyare AB")
    assert "Klar AB" not in waiting
    assert "<td>7</td>" in waiting and "<td>2</td>" in waiting
    assert "Klar AB" in page.split('id="others"')[1]


def test_waited_working_days_skip_weekends_and_holidays(db):
    from portal.employers.queries import waited_working_days

    assert waited_working_days(entered_queue(0)) == 0
    assert waited_working_days(entered_queue(4)) == 4
    assert waited_working_days(None) == 0


# Who sees what


def test_an_employer_sees_their_own_organisation_and_another_ones_id_is_a_404(client, db, login_as):
    other = factories.make_organisation(name="Andra AB")
    user = login_as("employer")
    assert client.get(f"/organisations/{user.organisation_id}").status_code == 200
    for path in ("", "/invite", "/leave"):
        assert client.get(f"/organisations/{other.id}{path}").status_code == 404
    assert client.post(f"/organisations/{other.id}/leave").status_code == 404
    assert client.get("/organisations/999999").status_code == 404


def test_a_consultant_sees_nothing_of_employer_organisations(client, db, login_as):
    organisation = pending()
    login_as("consultant")
    assert client.get("/organisations").status_code == 403
    assert client.get(f"/organisations/{organisation.id}").status_code == 403
    assert client.post(f"/organisations/{organisation.id}/approve").status_code == 403
    assert fresh(db, organisation).status == VettingStatus.PENDING


def test_an_employer_cannot_vet(client, db, login_as):
    login_as("employer")
    organisation = pending()
    db.session.commit()
    assert client.get("/organisations").status_code == 403
    assert client.post(f"/organisations/{organisation.id}/approve").status_code == 403
    assert client.post(f"/organisations/{organisation.id}/reject", data={"reason": "Nej"}).status_code == 403
    assert fresh(db, organisation).status == VettingStatus.PENDING


# Masking a sole trader's personnummer


def test_the_coordinator_sees_the_full_personnummer_and_the_employer_only_the_masked_one(app, client, db, login_as):
    organisation = pending(organisation_number=PERSONNUMMER, kind=OrganisationKind.SOLE_TRADER, name="Svenssons Måleri")
    employer = factories.make_user(role=Role.EMPLOYER, organisation=organisation)
    login_as("coordinator")
    assert PERSONNUMMER in client.get(f"/organisations/{organisation.id}").get_data(as_text=True)

    employer_client = app.test_client()
    from tests.conftest import sign_in_client

    db.session.commit()
    sign_in_client(employer_client, employer)
    for path in ("/dashboard", f"/organisations/{organisation.id}", f"/organisations/{organisation.id}/invite"):
        page = employer_client.get(path).get_data(as_text=True)
        assert "2386" not in page, path
    assert "850412-****" in employer_client.get(f"/organisations/{organisation.id}").get_data(as_text=True)


def test_an_organisation_number_is_never_masked(db):
    organisation = factories.make_organisation(organisation_number="556677-8899")
    assert organisation.masked_number == "556677-8899"
    assert not organisation.number.is_personal_number


# Approving


def test_the_coordinator_approves_and_the_users_are_told_in_their_language(client, db, login_as, mailbox):
    organisation = pending(name="Verkstan AB")
    factories.make_user(role=Role.EMPLOYER, organisation=organisation, email="eva@verkstan.se")
    factories.make_user(role=Role.EMPLOYER, organisation=organisation, email="sam@verkstan.se", preferred_language="en")
    factories.make_user(role=Role.EMPLOYER, organisation=organisation, email="left@verkstan.se", active=False)
    coordinator = login_as("coordinator", name="Karin Lindqvist")

    response = client.post(f"/organisations/{organisation.id}/approve")

    assert response.status_code == 303
    assert response.location == "/organisations"
    organisation = fresh(db, organisation)
    assert organisation.status == VettingStatus.APPROVED
    assert organisation.decided_at is not None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "organisation.approved"))
    assert event.actor_id == coordinator.id
    send_due()
    assert sorted(m["To"] for m in mailbox.messages) == ["eva@verkstan.se", "sam@verkstan.se"]
    assert mailbox.to("eva@verkstan.se")[0]["Subject"] == "Verkstan AB är godkänd i Brygga"
    assert mailbox.to("sam@verkstan.se")[0]["Subject"] == "Verkstan AB is approved in Brygga"


def test_approving_twice_changes_nothing_and_says_so(client, db, login_as, mailbox):
    organisation = factories.make_organisation(status=VettingStatus.APPROVED, name="Klar AB")
    login_as("coordinator")
    response = client.post(f"/organisations/{organisation.id}/approve", follow_redirects=True)
    assert "Det finns redan ett beslut om Klar AB." in response.get_data(as_text=True)
    assert send_due() == (0, 0)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "organisation.approved")) is None


# Rejecting


def test_rejecting_needs_a_reason_in_the_users_language(client, db, login_as):
    organisation = pending(name="Verkstan AB")
    login_as("coordinator")
    response = client.post(f"/organisations/{organisation.id}/reject", data={"reason": "   "})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'class="error-summary"' in page
    assert "Skriv varför organisationen inte godkänns" in page
    assert page.split("<title>")[1].startswith("Fel:")
    assert fresh(db, organisation).status == VettingStatus.PENDING


def test_a_rejection_keeps_who_when_and_why_and_tells_the_users(client, db, login_as, mailbox):
    organisation = pending(name="Verkstan AB")
    factories.make_user(role=Role.EMPLOYER, organisation=organisation, email="eva@verkstan.se")
    coordinator = login_as("coordinator", name="Karin Lindqvist")
    reason = "Vi når ingen på telefonnumret."

    response = client.post(f"/organisations/{organisation.id}/reject", data={"reason": reason})

    assert response.status_code == 303
    organisation = fresh(db, organisation)
    assert organisation.status == VettingStatus.REJECTED
    assert organisation.rejection_reason == reason
    assert organisation.decided_at is not None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "organisation.rejected"))
    assert (event.actor_id, event.detail["reason"]) == (coordinator.id, reason)
    history = client.get(f"/organisations/{organisation.id}").get_data(as_text=True).split('id="history"')[1]
    assert "Inte godkänd" in history and "Karin Lindqvist" in history and reason in history
    send_due()
    [message] = mailbox.to("eva@verkstan.se")
    assert message["Subject"] == "Verkstan AB blev inte godkänd i Brygga"
    assert reason in mailbox.text_of(message)


# The state table, through the services


@pytest.mark.parametrize(
    ("status", "approve_ok", "reject_ok"),
    [
        (VettingStatus.UNCONFIRMED, False, False),
        (VettingStatus.PENDING, True, True),
        (VettingStatus.APPROVED, False, False),
        (VettingStatus.REJECTED, False, False),
    ],
)
def test_only_a_waiting_organisation_can_be_approved_or_rejected(in_request, db, status, approve_ok, reject_ok):
    coordinator = factories.make_user(role=Role.COORDINATOR)
    for action in ("approve", "reject"):
        organisation = factories.make_organisation(status=status)
        assert policies.can_decide_on_organisation(coordinator, organisation) is approve_ok
        call = (
            (lambda: services.approve_organisation(organisation, coordinator=coordinator))
            if action == "approve"
            else (lambda: services.reject_organisation(organisation, coordinator=coordinator, reason="Skäl"))
        )
        allowed = approve_ok if action == "approve" else reject_ok
        if allowed:
            call()
            assert organisation.status == (VettingStatus.APPROVED if action == "approve" else VettingStatus.REJECTED)
        else:
            with pytest.raises(IllegalTransition):
                call()
            assert organisation.status == status


def test_a_rejection_without_a_reason_is_refused_by_the_service(in_request, db):
    organisation = pending()
    coordinator = factories.make_user(role=Role.COORDINATOR)
    with pytest.raises(FieldError) as error:
        services.reject_organisation(organisation, coordinator=coordinator, reason=" ")
    assert error.value.field == "reason"
    assert organisation.status == VettingStatus.PENDING


@pytest.mark.parametrize("status", list(VettingStatus))
def test_only_an_approved_organisation_can_submit_offers(db, status):
    assert policies.can_submit_offers(factories.make_organisation(status=status)) is (status == VettingStatus.APPROVED)
    assert policies.can_submit_offers(None) is False


# The employer's status banner


@pytest.mark.parametrize(
    ("status", "swedish", "english"),
    [
        (VettingStatus.PENDING, "Vi granskar er registrering", "We are reviewing your registration"),
        (VettingStatus.APPROVED, "Er organisation är godkänd", "Your organisation is approved"),
        (VettingStatus.REJECTED, "Er registrering blev inte godkänd", "Your registration was not approved"),
    ],
)
def test_the_dashboard_shows_the_vetting_status(client, db, login_as, status, swedish, english):
    organisation = factories.make_organisation(status=status, rejection_reason="Saknar F-skatt.")
    login_as("employer", organisation=organisation)
    page = client.get("/dashboard").get_data(as_text=True)
    assert swedish in page
    assert ("Saknar F-skatt." in page) is (status == VettingStatus.REJECTED)
    client.post("/language", data={"language": "en", "next": "/"})
    assert english in client.get("/dashboard").get_data(as_text=True)
