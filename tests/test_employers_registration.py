"""Employers register, confirm their e-mail address, and a second registration of the same organisation."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.accounts.models import Role, User
from portal.audit.models import AuditEvent
from portal.clock import now
from portal.employers import services
from portal.employers.models import EmailConfirmation, Organisation, OrganisationKind
from portal.employers.states import VettingStatus
from portal.extensions import limiter
from portal.outbox.delivery import send_due
from portal.outbox.models import OutboxMessage
from tests import factories

PASSWORD = factories.DEFAULT_PASSWORD
SOLE_TRADER_NUMBER = "19850412-2386"

VALID = {
    "organisation_name": "Verkstan i Norrby AB",
    "organisation_number": "5567890123",
    "kind": "company",
    "industry": "C",
    "street": "Storgatan 1",
    "postcode": "12345",
    "town": "Norrby",
    "contact_name": "Maja Ek",
    "email": "Maja@Verkstan.se",
    "phone": "070-123 45 67",
    "password": PASSWORD,
}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Registration is rate-limited; another test's create_app() can switch the shared limiter on."""
    if limiter.enabled:
        limiter.reset()


@pytest.fixture
def in_request(app, db):
    """Services build links for e-mail, which needs a request context."""
    with app.test_request_context():
        yield


def register(client, **changes):
    return client.post("/offer-a-placement/register", data={**VALID, **changes})


def count(db, model) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model))


def link_in(text: str) -> str:
    match = re.search(r"https?://[^/\s]+(/[^\s\"<>]+)", text)
    assert match, text
    return match.group(1)


def confirmation_link(mailbox, email: str) -> str:
    send_due()
    [message] = [m for m in mailbox.to(email) if "/confirm/" in mailbox.text_of(m)]
    return link_in(mailbox.text_of(message))


def english(client) -> None:
    client.post("/language", data={"language": "en", "next": "/"})


# The start page


def test_the_home_page_links_to_the_start_page_which_links_to_registration(client):
    home = client.get("/").get_data(as_text=True)
    assert 'href="/offer-a-placement"' in home
    page = client.get("/offer-a-placement")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Erbjud en praktikplats" in text
    assert 'href="/offer-a-placement/register"' in text


# Registration


def test_registration_creates_an_unconfirmed_organisation_and_a_user_who_cannot_sign_in_yet(client, db, mailbox):
    response = register(client)
    assert response.status_code == 303
    assert response.location == "/offer-a-placement/check-your-email"

    db.session.rollback()
    organisation = db.session.scalar(select(Organisation))
    assert organisation.status == VettingStatus.UNCONFIRMED
    assert organisation.organisation_number == "556789-0123"
    assert organisation.postcode == "123 45"
    assert (organisation.kind, organisation.industry, organisation.town) == (OrganisationKind.COMPANY, "C", "Norrby")
    [user] = organisation.users
    assert (user.email, user.name, user.phone, user.role) == ("maja@verkstan.se", "Maja Ek", "070-123 45 67", Role.EMPLOYER)
    assert user.active is False
    assert user.preferred_language == "sv"

    page = client.get(response.location).get_data(as_text=True)
    assert "maja@verkstan.se" in page
    assert "48 timmar" in page

    link = confirmation_link(mailbox, "maja@verkstan.se")
    [message] = mailbox.to("maja@verkstan.se")
    assert "48" in mailbox.text_of(message)
    assert link.startswith("/offer-a-placement/confirm/")
    # Only the hash of the token is stored.
    token = link.rsplit("/", 1)[1]
    assert db.session.scalar(select(EmailConfirmation)).token_hash != token


def test_a_registration_in_english_sends_the_link_in_english(client, db, mailbox):
    english(client)
    register(client)
    db.session.rollback()
    assert db.session.scalar(select(User)).preferred_language == "en"
    send_due()
    [message] = mailbox.to("maja@verkstan.se")
    assert message["Subject"] == "Confirm your e-mail address for Brygga"


def test_confirming_the_e_mail_puts_the_organisation_in_the_queue_and_tells_the_coordinators(client, db, mailbox):
    factories.make_user(role=Role.COORDINATOR, email="karin@kommun.se")
    factories.make_user(role=Role.COORDINATOR, email="sam@kommun.se", preferred_language="en")
    factories.make_user(role=Role.COORDINATOR, email="gone@kommun.se", active=False)
    factories.make_user(role=Role.CONSULTANT, email="ahmed@kommun.se")
    db.session.commit()
    register(client)
    link = confirmation_link(mailbox, "maja@verkstan.se")
    mailbox.clear()

    page = client.get(link)
    assert page.status_code == 200
    assert "Bekräfta min e-postadress" in page.get_data(as_text=True)
    assert count(db, OutboxMessage) == 1  # looking at the page confirms nothing

    response = client.post(link)
    assert response.status_code == 303
    assert response.location == "/sign-in"

    db.session.rollback()
    organisation = db.session.scalar(select(Organisation))
    user = organisation.users[0]
    assert organisation.status == VettingStatus.PENDING
    assert organisation.pending_since is not None
    assert user.active is True
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "organisation.pending"))
    assert event.actor_id == user.id
    assert event.detail == {"from": "unconfirmed", "to": "pending", "event": "confirm_email"}

    send_due()
    assert sorted(m["To"] for m in mailbox.messages) == ["karin@kommun.se", "sam@kommun.se"]
    assert mailbox.to("karin@kommun.se")[0]["Subject"] == "Ny arbetsgivare att granska: Verkstan i Norrby AB"
    assert mailbox.to("sam@kommun.se")[0]["Subject"] == "New employer to review: Verkstan i Norrby AB"
    assert f"/organisations/{organisation.id}" in mailbox.text_of(mailbox.to("sam@kommun.se")[0])

    # The link is single-use.
    assert client.post(link).status_code == 404
    assert client.get(link).status_code == 404


def test_without_coordinator_accounts_the_configured_coordinator_address_is_told(client, db, mailbox, app):
    register(client)
    link = confirmation_link(mailbox, "maja@verkstan.se")
    mailbox.clear()
    client.post(link)
    send_due()
    assert [m["To"] for m in mailbox.messages] == [app.config["COORDINATOR_EMAIL"]]


def test_an_expired_link_does_not_work_and_offers_a_new_one(client, db, mailbox):
    register(client)
    link = confirmation_link(mailbox, "maja@verkstan.se")
    db.session.rollback()
    confirmation = db.session.scalar(select(EmailConfirmation))
    assert confirmation.expires_at - confirmation.created_at == timedelta(hours=48)
    confirmation.expires_at = now() - timedelta(minutes=1)
    db.session.commit()

    response = client.post(link)
    assert response.status_code == 404
    assert 'href="/offer-a-placement/new-link"' in response.get_data(as_text=True)
    db.session.rollback()
    assert db.session.scalar(select(Organisation)).status == VettingStatus.UNCONFIRMED


def test_signing_in_before_confirming_says_so_and_offers_a_new_link(client, db, mailbox):
    register(client)
    response = client.post("/sign-in", data={"email": "maja@verkstan.se", "password": PASSWORD})
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Bekräfta din e-postadress först" in text
    assert 'action="/offer-a-placement/new-link"' in text
    assert client.get("/dashboard").status_code == 302  # not signed in

    # A wrong password learns nothing about the registration.
    wrong = client.post("/sign-in", data={"email": "maja@verkstan.se", "password": "fel lösenord helt och hållet"})
    assert wrong.status_code == 422
    assert "Bekräfta din e-postadress först" not in wrong.get_data(as_text=True)


def test_a_new_link_replaces_the_old_one(client, db, mailbox):
    register(client)
    old_link = confirmation_link(mailbox, "maja@verkstan.se")
    mailbox.clear()

    response = client.post("/offer-a-placement/new-link", data={"email": "maja@verkstan.se"})
    assert response.status_code == 200
    new_link = confirmation_link(mailbox, "maja@verkstan.se")
    assert new_link != old_link
    assert client.post(old_link).status_code == 404
    assert client.post(new_link).status_code == 303


def test_asking_for_a_new_link_for_an_unknown_address_answers_the_same_and_sends_nothing(client, db, mailbox):
    known = factories.make_user(role=Role.EMPLOYER, email="known@example.se")
    db.session.commit()
    answers = []
    for email in ("nobody@example.se", known.email):
        response = client.post("/offer-a-placement/new-link", data={"email": email})
        page = response.get_data(as_text=True).replace(email, "EMAIL")
        answers.append(re.sub(r'"X-CSRFToken": "[^"]+"|name="csrf_token" type="hidden" value="[^"]+"', "TOKEN", page))
    assert answers[0] == answers[1]
    assert count(db, OutboxMessage) == 0


def test_the_confirmation_moves_only_an_unconfirmed_organisation(in_request, db):
    organisation = factories.make_organisation(status=VettingStatus.UNCONFIRMED)
    user = factories.make_user(role=Role.EMPLOYER, organisation=organisation, active=False)
    confirmation = services.send_confirmation(user)
    services.confirm_email(confirmation)
    assert organisation.status == VettingStatus.PENDING
    from portal.workflow import IllegalTransition

    with pytest.raises(IllegalTransition):
        services.confirm_email(confirmation)
    assert services.usable_confirmation("any") is None


# A sole trader


def test_a_sole_trader_registers_with_a_personnummer_which_is_stored_normalised(client, db, mailbox):
    response = register(client, kind="sole_trader", organisation_number="850412-2386", organisation_name="Svenssons Måleri")
    assert response.status_code == 303
    db.session.rollback()
    organisation = db.session.scalar(select(Organisation))
    assert organisation.organisation_number == SOLE_TRADER_NUMBER
    assert organisation.masked_number == "850412-****"
    send_due()
    for message in mailbox.messages:
        assert "2386" not in mailbox.text_of(message) + mailbox.html_of(message)


@pytest.mark.parametrize(
    ("kind", "number", "message"),
    [
        ("company", SOLE_TRADER_NUMBER, "Det här är ett personnummer."),
        ("municipal", SOLE_TRADER_NUMBER, "Det här är ett personnummer."),
        ("sole_trader", "556789-0123", "En enskild firma har ägarens personnummer som organisationsnummer."),
    ],
)
def test_the_kind_and_the_kind_of_number_must_agree(client, db, kind, number, message):
    response = register(client, kind=kind, organisation_number=number)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(db, Organisation) == 0


def test_a_municipal_workplace_registers_the_same_way_and_is_marked(client, db):
    assert register(client, kind="municipal", organisation_number="212000-0142").status_code == 303
    db.session.rollback()
    assert db.session.scalar(select(Organisation)).kind == OrganisationKind.MUNICIPAL


# A second registration of the same organisation


def test_a_second_registration_creates_nothing_and_tells_the_members_without_naming_them(client, db, mailbox):
    organisation = factories.make_organisation(organisation_number="556789-0123", name="Verkstan AB")
    factories.make_user(role=Role.EMPLOYER, organisation=organisation, email="eva@verkstan.se", name="Eva Berg")
    factories.make_user(
        role=Role.EMPLOYER, organisation=organisation, email="olle@verkstan.se", name="Olle Ek", preferred_language="en"
    )
    factories.make_user(role=Role.EMPLOYER, organisation=organisation, email="left@verkstan.se", active=False)
    db.session.commit()
    organisations, users = count(db, Organisation), count(db, User)

    response = register(client, organisation_number="556789 0123", contact_name="Nils Nyberg", email="nils@verkstan.se")

    assert response.status_code == 303
    # The same page as a new registration: the page tells a stranger nothing, the e-mail tells the address.
    assert response.location == "/offer-a-placement/check-your-email"
    assert (count(db, Organisation), count(db, User)) == (organisations, users)
    page = client.get(response.location).get_data(as_text=True)
    assert "Vi har skickat ett mejl till nils@verkstan.se." in page
    for secret in ("Eva Berg", "eva@verkstan.se", "Olle Ek", "olle@verkstan.se", "Verkstan AB", "redan registrerad"):
        assert secret not in page

    send_due()
    assert sorted(m["To"] for m in mailbox.messages) == ["eva@verkstan.se", "nils@verkstan.se", "olle@verkstan.se"]
    swedish = mailbox.text_of(mailbox.to("eva@verkstan.se")[0])
    assert "Nils Nyberg" not in swedish and "nils@verkstan.se" not in swedish, "nothing the asker typed is sent"
    assert f"/organisations/{organisation.id}/invite" in swedish
    assert mailbox.to("olle@verkstan.se")[0]["Subject"] == "Someone asked to join Verkstan AB in Brygga"
    told = mailbox.to("nils@verkstan.se")[0]
    assert told["Subject"] == "Verkstan AB är redan registrerad i Brygga"
    assert "inget konto skapades åt dig" in mailbox.text_of(told)
    for secret in ("Eva Berg", "eva@verkstan.se", "Olle Ek", "olle@verkstan.se"):
        assert secret not in mailbox.text_of(told)


def test_a_second_registration_while_the_first_is_unconfirmed_asks_the_first_registrant(client, db, mailbox):
    register(client)
    mailbox.clear()
    send_due()
    mailbox.clear()
    fresh = client.application.test_client()
    response = register(fresh, email="nils@verkstan.se", contact_name="Nils Nyberg")
    assert response.location == "/offer-a-placement/check-your-email"
    send_due()
    assert sorted(m["To"] for m in mailbox.messages) == ["maja@verkstan.se", "nils@verkstan.se"]


def test_an_e_mail_address_with_an_account_cannot_register_again_and_only_its_owner_is_told(client, db, mailbox):
    factories.make_user(role=Role.CONSULTANT, email="maja@verkstan.se", name="Maja Lind")
    db.session.commit()
    response = register(client)
    # A staff address answers as a new one does (old main: 422 "Det finns redan ett konto …").
    assert response.status_code == 303
    assert response.location == "/offer-a-placement/check-your-email"
    page = client.get(response.location).get_data(as_text=True)
    assert "Det finns redan ett konto" not in page and "Vi har skickat ett mejl till maja@verkstan.se." in page
    assert count(db, Organisation) == 0
    send_due()
    told = mailbox.to("maja@verkstan.se")
    assert [m["Subject"] for m in told] == ["Du har redan ett konto i Brygga"]
    text = mailbox.text_of(told[0])
    assert "Hej Maja Lind" in text
    assert "http://localhost/sign-in" in text and "http://localhost/password/forgot" in text


# Bad input


def _values_of(page: str) -> dict[str, str]:
    return dict(re.findall(r'<input[^>]*?name="(\w+)"[^>]*?value="([^"]*)"', page))


@pytest.mark.parametrize(
    ("field", "value", "swedish", "english_text"),
    [
        ("organisation_name", "", "Skriv organisationens namn", "Enter the name of the organisation"),
        ("organisation_number", "", "Skriv organisationsnumret", "Enter the organisation number"),
        ("organisation_number", "556789-0124", "Kontrollera numret", "Check the number"),
        ("organisation_number", "55678", "10 siffror", "10 digits"),
        ("organisation_number", "19851332-1234", "födelsedatumet", "date of birth"),
        ("organisation_number", "abc", "556677-8899", "556677-8899"),
        ("kind", "", "Välj vilken sorts organisation", "Choose what kind of organisation"),
        ("industry", "", "Välj vilken bransch", "Choose the industry"),
        ("street", "", "Skriv arbetsplatsens gatuadress", "Enter the street address"),
        ("postcode", "1234", "fem siffror", "five digits"),
        ("town", "", "Skriv orten", "Enter the town"),
        ("contact_name", "", "Skriv ditt namn", "Enter your name"),
        ("email", "maja-at-verkstan", "rätt form", "right format"),
        ("phone", "ring mig", "Skriv ett telefonnummer med bara siffror", "Enter a phone number with digits only"),
        ("password", "kort", "Använd minst 12 tecken", "Use at least 12 characters"),
    ],
)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_bad_input_shows_the_error_summary_in_the_users_language_and_keeps_what_was_typed(
    client, db, field, value, swedish, english_text, language
):
    if language == "en":
        english(client)
    response = register(client, **{field: value})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'class="error-summary"' in page
    assert ("Fel:" if language == "sv" else "Error:") in page.split("</title>")[0]
    expected = swedish if language == "sv" else english_text
    assert expected in page
    kept = _values_of(page)
    for name in ("organisation_name", "organisation_number", "street", "postcode", "town", "contact_name", "email", "phone"):
        if name != field:
            assert kept[name] == VALID[name], name
    assert PASSWORD not in page
    if field != "kind":
        assert re.search(r'<input[^>]*checked[^>]*value="company"', page)
    if field != "industry":
        assert '<option selected value="C">' in page
    assert count(db, Organisation) == 0
