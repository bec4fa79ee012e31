"""Accounts: sign-in, sessions, passwords, invitations, password reset, CSRF and rate limits."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from portal.accounts import passwords
from portal.accounts.models import Role, User
from portal.accounts.passwords import password_problems
from portal.outbox.delivery import send_due
from portal.outbox.models import OutboxMessage
from tests import factories
from tests.helpers import (
    copy_session,
    enrol_second_factor,
    enter_code,
    form_csrf_token,
    htmx_csrf_token,
    link_in,
    sign_in,
)

PASSWORD = factories.DEFAULT_PASSWORD
NEW_PASSWORD = "blå cykel under ekens skugga"
SIGN_IN_FAILED = "E-postadressen eller lösenordet stämmer inte."


def _error_parts(page: str) -> list[str]:
    """What a failed sign-in tells the visitor: the summary and the messages beside fields."""
    return re.findall(r'<div class="error-summary".*?</div>|<p class="field-error".*?</p>', page, re.S)


def _user(db, **overrides) -> User:
    user = factories.make_user(**overrides)
    db.session.commit()
    return user


# Signing in


def test_a_closed_account_with_the_right_password_is_refused_like_a_wrong_one(client, db):
    # Only a registrant who has not confirmed the address is told why (employers registers that page).
    user = _user(db, role=Role.EMPLOYER, active=False)
    response = sign_in(client, user.email, PASSWORD)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Bekräfta din e-postadress först" not in page
    assert client.get("/dashboard").status_code == 302


def test_sign_in_with_the_right_password_opens_the_dashboard(client, db):
    user = _user(db, name="Karin Lindqvist")
    response = sign_in(client, user.email, PASSWORD)
    assert response.status_code == 303
    assert response.location == "/dashboard"
    page = client.get("/dashboard")
    assert page.status_code == 200
    assert "Välkommen, Karin Lindqvist" in page.get_data(as_text=True)
    db.session.refresh(user)
    assert user.last_sign_in_at is not None


def test_sign_in_goes_to_a_local_next_page_but_never_off_site(client, db):
    user = _user(db)
    assert sign_in(client, user.email, PASSWORD, next="/account/password").location == "/account/password"
    other = factories.make_user()
    db.session.commit()
    fresh = client.application.test_client()
    assert sign_in(fresh, other.email, PASSWORD, next="//evil.example").location == "/dashboard"


@pytest.mark.parametrize(
    "case",
    ["unknown e-mail", "wrong password", "inactive account", "no password yet"],
)
def test_every_failed_sign_in_gets_the_same_message(client, db, case):
    user = _user(db, email="known@example.se")
    reference = sign_in(client.application.test_client(), "nobody@example.se", PASSWORD)
    email, password = user.email, PASSWORD
    if case == "unknown e-mail":
        email = "nobody@example.se"
    elif case == "wrong password":
        password = "not the right password at all"
    elif case == "inactive account":
        user.active = False
    else:
        user.password_hash = None
    db.session.commit()

    response = sign_in(client, email, password)

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert SIGN_IN_FAILED in page
    assert "<title>Fel: Logga in – Brygga</title>" in page
    assert _error_parts(page) == _error_parts(reference.get_data(as_text=True))
    assert client.get("/dashboard").status_code == 302


def test_the_e_mail_address_is_not_case_sensitive(client, db):
    user = _user(db, email="anna.svensson@example.se")
    response = sign_in(client, "  Anna.Svensson@EXAMPLE.se ", PASSWORD)
    assert response.status_code == 303
    assert client.get("/dashboard").status_code == 200
    assert user.email == "anna.svensson@example.se"


def test_signing_in_starts_a_new_session_that_keeps_only_the_language(client, db):
    user = _user(db, preferred_language="sv")
    with client.session_transaction() as session:
        session["language"] = "en"
        session["planted"] = "by someone else"
        session["_user_id"] = "999:stale"
    assert sign_in(client, user.email, PASSWORD).status_code == 303
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["language"] == "en"
        assert session["_user_id"] == user.get_id()


# Password hashes


def test_passwords_are_stored_as_argon2id(db):
    user = _user(db)
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_a_hash_with_old_parameters_is_replaced_at_sign_in(client, db, monkeypatch):
    user = _user(db)
    old_hash = user.password_hash
    stronger = PasswordHasher(time_cost=passwords._hasher.time_cost + 1, memory_cost=passwords._hasher.memory_cost)
    monkeypatch.setattr(passwords, "_hasher", stronger)

    assert sign_in(client, user.email, PASSWORD).status_code == 303

    db.session.refresh(user)
    assert user.password_hash != old_hash
    assert user.password_hash.startswith("$argon2id$")
    assert f"t={stronger.time_cost}," in user.password_hash
    assert stronger.verify(user.password_hash, PASSWORD)
    assert not stronger.check_needs_rehash(user.password_hash)


# Password rules


@pytest.mark.parametrize(
    ("password", "email", "problems"),
    [
        ("korrekt häst batteri häftklammer", "anna@example.se", []),
        ("kort", "", ["too_short"]),
        ("elva tecken", "", ["too_short"]),
        ("tolv tecken!", "", []),
        ("Sommar2026!", "", ["too_short", "common"]),
        ("Sommar2026!!", "", ["common"]),
        ("!!sommar2026!!", "", ["common"]),
        ("SOMMAR 2026 !!", "", ["common"]),
        ("Vinter2027???", "", ["common"]),
        ("Lösenord123!!", "", ["common"]),
        ("Password1234", "", ["common"]),
        ("qwertyuiop123", "", ["common"]),
        ("aaaaaaaaaaaaaaa", "", ["common"]),
        ("ababababababab", "", ["common"]),
        ("anna.svensson-hemlig", "Anna.Svensson@example.se", ["contains_email"]),
        ("brygga2026", "", ["too_short", "common"]),
        ("ola-är-bäst-på-allt", "ola@example.se", []),  # a local part under four letters is not checked
    ],
)
def test_password_rules(password, email, problems):
    assert password_problems(password, email=email, min_length=12) == problems


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort", "Använd minst 12 tecken."),
        ("Sommar2026!!", "Lösenordet är för vanligt och lätt att gissa."),
        ("greta.garbo-hemligt", "Använd inte din e-postadress i lösenordet."),
    ],
)
def test_a_weak_new_password_is_explained_in_swedish(client, login_as, password, message):
    login_as("consultant", email="greta.garbo@example.se")
    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": password, "confirm": password},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S)
    assert summary, "no error summary"
    assert "Det finns ett problem" in summary.group(0)
    assert message in summary.group(0)
    assert 'href="#password"' in summary.group(0)
    assert "<title>Fel: Byt lösenord – Brygga</title>" in page


def test_changing_the_password_needs_the_current_one(client, login_as):
    login_as("consultant")
    response = client.post(
        "/account/password",
        data={"current_password": "wrong wrong wrong", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 422
    assert "Det nuvarande lösenordet stämmer inte." in response.get_data(as_text=True)


# Session tokens: a copied cookie stops working


def test_a_copied_session_cookie_stops_working_after_sign_out(app, client, db):
    user = _user(db)
    assert sign_in(client, user.email, PASSWORD).status_code == 303
    thief = app.test_client()
    copy_session(client, thief)
    assert thief.get("/dashboard").status_code == 200  # the copy works while the session lasts

    assert client.post("/sign-out").status_code == 303

    response = thief.get("/dashboard")
    assert response.status_code == 302
    assert response.location.startswith("/sign-in")
    assert client.get("/dashboard").status_code == 302


def test_a_copied_session_cookie_stops_working_after_a_password_change(app, client, db):
    user = _user(db)
    assert sign_in(client, user.email, PASSWORD).status_code == 303
    other_tab = app.test_client()
    copy_session(client, other_tab)
    assert other_tab.get("/dashboard").status_code == 200

    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )

    assert response.status_code == 303
    assert client.get("/dashboard").status_code == 200  # the one who changed it stays signed in
    assert other_tab.get("/dashboard").status_code == 302
    fresh = app.test_client()
    assert sign_in(fresh, user.email, PASSWORD).status_code == 422
    assert sign_in(fresh, user.email, NEW_PASSWORD).status_code == 303


# The first coordinator from the command line


def test_flask_users_create_makes_a_coordinator(app, db):
    unit = factories.make_unit(name="Arbetsmarknadsenheten Karlskrona")
    db.session.commit()
    result = app.test_cli_runner().invoke(
        args=["users", "create", "--role", "coordinator", "--email", "Ny.Koordinator@Example.se",
              "--name", "Ny Koordinator", "--password", NEW_PASSWORD],
    )
    assert result.exit_code == 0, result.output
    assert "Created coordinator ny.koordinator@example.se" in result.output
    user = db.session.scalar(select(User).where(User.email == "ny.koordinator@example.se"))
    assert (user.role, user.unit_id) == (Role.COORDINATOR, unit.id)
    assert user.password_hash.startswith("$argon2id$")
    assert app.test_client().post(
        "/sign-in", data={"email": "ny.koordinator@example.se", "password": NEW_PASSWORD}
    ).status_code == 303


@pytest.mark.parametrize(
    ("email", "password", "error"),
    [
        ("svag@example.se", "Sommar2026!!", "The password is not good enough: common"),
        ("Taken@example.se", NEW_PASSWORD, "Det finns redan ett konto med den här e-postadressen."),
    ],
)
def test_flask_users_create_refuses_weak_passwords_and_taken_addresses(app, db, email, password, error):
    factories.make_user(email="taken@example.se")
    db.session.commit()
    result = app.test_cli_runner().invoke(
        args=["users", "create", "--role", "coordinator", "--email", email, "--name", "X", "--password", password],
    )
    assert result.exit_code == 1
    assert error in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


# Invitations


def _invite(client, email="ny.kollega@example.se", role="consultant", language="sv"):
    return client.post("/staff", data={"name": "Ny Kollega", "email": email, "role": role, "language": language})


def _invitation_link(mailbox, email="ny.kollega@example.se") -> str:
    assert send_due() == (1, 0)
    [message] = mailbox.to(email)
    return link_in(mailbox.text_of(message))


@pytest.mark.parametrize(
    ("role", "language", "subject", "dashboard_text"),
    [
        ("consultant", "sv", "Du är inbjuden till Brygga", "Du är inloggad som arbetsmarknadskonsulent."),
        ("coordinator", "en", "You are invited to Brygga", "You are signed in as employment coordinator."),
    ],
)
def test_an_invited_colleague_chooses_a_password_and_is_signed_in_with_the_role(
    app, client, db, login_as, mailbox, role, language, subject, dashboard_text
):
    login_as("coordinator", name="Karin Lindqvist")
    response = _invite(client, role=role, language=language)
    assert response.status_code == 303
    assert response.location == "/staff"

    assert send_due() == (1, 0)
    [message] = mailbox.to("ny.kollega@example.se")
    assert message["Subject"] == subject
    path = link_in(mailbox.text_of(message))
    assert path.startswith("/invitation/")
    assert f'href="http://localhost{path}"' in mailbox.html_of(message)

    invited = app.test_client()
    form = invited.get(path)
    assert form.status_code == 200
    assert 'name="password"' in form.get_data(as_text=True)
    assert "ny.kollega@example.se" in form.get_data(as_text=True)

    accepted = invited.post(path, data={"name": "Nora Kollega", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert accepted.status_code == 303
    # Staff set up a second factor before anything else, and are signed in once it is confirmed.
    assert accepted.location == "/sign-in/second-factor"
    assert invited.get("/dashboard").location == "/sign-in/second-factor"
    _secret, codes_page = enrol_second_factor(invited)
    assert codes_page.status_code == 200
    dashboard = invited.get("/dashboard")
    assert dashboard.status_code == 200
    assert dashboard_text in dashboard.get_data(as_text=True)
    user = db.session.scalar(select(User).where(User.email == "ny.kollega@example.se"))
    assert (user.role, user.name, user.preferred_language) == (Role(role), "Nora Kollega", language)

    again = app.test_client().get(path)
    assert again.status_code == 404
    assert "Länken fungerar inte" in again.get_data(as_text=True)
    assert app.test_client().post(
        path, data={"name": "Someone Else", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    ).status_code == 404


@pytest.mark.parametrize(("age", "status"), [(timedelta(days=7) - timedelta(minutes=1), 200), (timedelta(days=7), 404)])
def test_an_invitation_expires_after_seven_days(app, client, db, login_as, mailbox, clock, age, status):
    login_as("coordinator")
    assert _invite(client).status_code == 303
    path = _invitation_link(mailbox)
    clock.advance(age)
    assert app.test_client().get(path).status_code == status
    response = app.test_client().post(path, data={"name": "Sent", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == (303 if status == 200 else 404)


def test_inviting_an_existing_address_is_refused_with_a_message(client, db, login_as):
    login_as("coordinator")
    factories.make_user(email="finns.redan@example.se")
    db.session.commit()
    response = _invite(client, email="Finns.Redan@example.se")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Det finns redan ett konto med den här e-postadressen." in page
    assert 'value="Finns.Redan@example.se"' in page  # what was typed is still there
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


@pytest.mark.parametrize("role", ["consultant", "employer"])
def test_only_coordinators_can_invite(client, db, login_as, role):
    login_as(role)
    assert _invite(client).status_code == 403
    assert client.get("/staff").status_code == 403
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


# Forgotten password


def _forgot(client, email):
    response = client.post("/password/forgot", data={"email": email})
    assert response.status_code == 200
    page = response.get_data(as_text=True).replace(email, "EMAIL")
    return re.sub(r'"X-CSRFToken": "[^"]*"|&#34;X-CSRFToken&#34;: &#34;[^&]*&#34;', "TOKEN", page)


def test_forgotten_password_answers_the_same_whether_the_address_exists_or_not(app, db, mailbox):
    user = _user(db, email="finns@example.se")
    known = _forgot(app.test_client(), user.email)
    unknown = _forgot(app.test_client(), "finns.inte@example.se")
    assert known == unknown
    assert "Titta i din e-post" in known
    assert send_due() == (1, 0)
    assert len(mailbox.to("finns@example.se")) == 1
    assert mailbox.to("finns.inte@example.se") == []
    assert len(mailbox.messages) == 1


def test_no_reset_e_mail_for_an_inactive_account(app, db, mailbox):
    user = _user(db, active=False)
    _forgot(app.test_client(), user.email)
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def _reset_link(app, db, mailbox, user) -> str:
    _forgot(app.test_client(), user.email)
    assert send_due() == (1, 0)
    [message] = mailbox.to(user.email)
    assert message["Subject"] == "Välj ett nytt lösenord till Brygga"
    path = link_in(mailbox.text_of(message))
    assert path.startswith("/password/reset/")
    return path


def test_a_reset_link_sets_a_new_password_once_and_signs_out_every_other_session(app, db, mailbox):
    user = _user(db)
    elsewhere = app.test_client()
    assert sign_in(elsewhere, user.email, PASSWORD).status_code == 303
    path = _reset_link(app, db, mailbox, user)

    browser = app.test_client()
    assert browser.get(path).status_code == 200
    response = browser.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    assert response.status_code == 303
    # A reset link sets the password, never passes the second factor: staff still type the code.
    assert response.location == "/sign-in/code"
    assert browser.get("/dashboard").location == "/sign-in/code"
    assert enter_code(browser, user.email).status_code == 303
    assert browser.get("/dashboard").status_code == 200
    assert elsewhere.get("/dashboard").status_code == 302
    assert app.test_client().get(path).status_code == 404
    assert browser.post(path, data={"password": "ännu ett nytt lösenord", "confirm": "ännu ett nytt lösenord"}).status_code == 404
    assert sign_in(app.test_client(), user.email, PASSWORD).status_code == 422
    assert sign_in(app.test_client(), user.email, NEW_PASSWORD).status_code == 303


@pytest.mark.parametrize(("age", "status"), [(timedelta(minutes=59), 200), (timedelta(hours=1), 404)])
def test_a_reset_link_expires_after_one_hour(app, db, mailbox, clock, age, status):
    user = _user(db)
    path = _reset_link(app, db, mailbox, user)
    clock.advance(age)
    assert app.test_client().get(path).status_code == status


def test_a_reset_link_refuses_a_weak_password_with_the_reason(app, db, mailbox):
    user = _user(db)
    path = _reset_link(app, db, mailbox, user)
    response = app.test_client().post(path, data={"password": "Sommar2026!!", "confirm": "Sommar2026!!"})
    assert response.status_code == 422
    assert "Lösenordet är för vanligt" in response.get_data(as_text=True)
    assert app.test_client().get(path).status_code == 200  # still unused


# CSRF


def test_a_post_without_a_csrf_token_is_refused(client, db, csrf_enabled):
    user = _user(db)
    response = sign_in(client, user.email, PASSWORD)
    assert response.status_code == 400
    assert "Formuläret hade gått ut" in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302


def test_a_post_with_the_token_from_the_form_succeeds(client, db, csrf_enabled):
    user = _user(db)
    token = form_csrf_token(client.get("/sign-in").get_data(as_text=True))
    assert sign_in(client, user.email, PASSWORD, csrf_token=token).status_code == 303
    assert client.get("/dashboard").status_code == 200


def test_an_htmx_request_with_the_csrf_header_succeeds(client, db, csrf_enabled):
    user = _user(db)
    page = client.get("/sign-in").get_data(as_text=True)
    sign_in(client, user.email, PASSWORD, csrf_token=form_csrf_token(page))
    dashboard = client.get("/dashboard").get_data(as_text=True)

    refused = client.post("/sign-out", headers={"HX-Request": "true"})
    assert refused.status_code == 400
    response = client.post(
        "/sign-out", headers={"HX-Request": "true", "HX-Boosted": "true", "X-CSRFToken": htmx_csrf_token(dashboard)}
    )
    assert response.status_code == 303
    assert client.get("/dashboard").status_code == 302


# Rate limit


def test_too_many_sign_in_attempts_get_the_429_page(client, db, rate_limits):
    answers = [sign_in(client, "someone@example.se", "wrong password!").status_code for _ in range(11)]
    assert answers == [422] * 10 + [429]
    response = sign_in(client, "someone@example.se", "wrong password!")
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "För många försök" in page
    # Ten failures for one account: its own 15-minute window is the longer wait.
    assert "Försök igen om 15 minuter, kl. " in page
    assert 14 * 60 < int(response.headers["Retry-After"]) <= 15 * 60


def test_once_sent_a_reset_message_keeps_its_metadata_but_not_the_link(app, db, mailbox):
    user = _user(db)
    path = _reset_link(app, db, mailbox, user)
    db.session.expire_all()
    [message] = db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == user.email))
    assert message.sent_at is not None and message.template == "password_reset"
    assert message.subject == "Välj ett nytt lösenord till Brygga"
    token = path.rsplit("/", 1)[-1]
    assert token not in message.body_text and token not in message.body_html
    assert message.attachments == []


def test_ordinary_messages_keep_their_body_when_sent(app, db, mailbox):
    from types import SimpleNamespace

    from portal.outbox.services import queue_email

    with app.test_request_context():
        queue_email("someone@example.se", "employer_approved", locale="sv", member=_user(db),
                    organisation=SimpleNamespace(name="Kafé Solrosen AB"), link="https://brygga.example/sign-in")
    db.session.commit()
    send_due()
    db.session.expire_all()
    message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == "someone@example.se"))
    assert message.sent_at is not None and "removed when sent" not in message.body_text
