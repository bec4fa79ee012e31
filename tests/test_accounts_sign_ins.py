"""Reset links that stop working, each person's recent sign-ins, and accounts a coordinator switches off."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from portal.accounts.models import Role, SignIn, User
from portal.accounts.services import SIGN_INS_KEPT
from portal.audit.models import AuditEvent
from portal.outbox.delivery import send_due
from tests import factories
from tests.helpers import link_in, sign_in

PASSWORD = factories.DEFAULT_PASSWORD
NEW_PASSWORD = "blå cykel under ekens skugga"
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


def _reset_links(app, mailbox, user, count: int) -> list[str]:
    for _ in range(count):
        app.test_client().post("/password/forgot", data={"email": user.email})
    send_due()
    return [link_in(mailbox.text_of(message)) for message in mailbox.to(user.email)]


# Reset links


def test_using_a_reset_link_makes_every_other_open_link_unusable(app, db, mailbox):
    # Old main: the second link still opened (200) and set another password.
    user = factories.make_user()
    db.session.commit()
    first, second = _reset_links(app, mailbox, user, 2)
    assert app.test_client().get(second).status_code == 200
    assert app.test_client().post(first, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 303
    assert app.test_client().get(second).status_code == 404
    answer = app.test_client().post(second, data={"password": "ett tredje lösenord här", "confirm": "ett tredje lösenord här"})
    assert answer.status_code == 404
    assert sign_in(app.test_client(), user.email, NEW_PASSWORD).status_code == 303


def test_changing_the_password_makes_every_open_reset_link_unusable(app, db, mailbox):
    user = factories.make_user()
    db.session.commit()
    [link] = _reset_links(app, mailbox, user, 1)
    browser = app.test_client()
    assert sign_in(browser, user.email, PASSWORD).status_code == 303
    changed = browser.post(
        "/account/password", data={"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert changed.status_code == 303
    assert app.test_client().get(link).status_code == 404


# Recent sign-ins


def test_each_sign_in_is_recorded_with_its_time_address_and_browser_and_shown_to_its_owner(app, db):
    # Old main: /account/sign-ins was 404 and nothing was recorded.
    user = factories.make_user(role=Role.EMPLOYER, name="Eva Berg")
    other = factories.make_user()
    db.session.commit()
    browser = app.test_client()
    browser.post(
        "/sign-in",
        data={"email": user.email, "password": PASSWORD},
        headers={"User-Agent": FIREFOX},
        environ_base={"REMOTE_ADDR": "192.0.2.17"},
    )
    sign_in(app.test_client(), other.email, PASSWORD)
    page = browser.get("/account/sign-ins").get_data(as_text=True)
    assert "<h1>Senaste inloggningar</h1>" in page
    assert "192.0.2.17" in page
    assert "Firefox (Windows)" in page
    assert page.count("<tr>") == 2, "the header row and the one sign-in: not the other person's"
    dashboard = browser.get("/dashboard").get_data(as_text=True)
    assert 'href="/account/sign-ins"' in dashboard, "the page is in the account menu"


def test_a_staff_sign_in_is_recorded_only_once_the_second_factor_is_passed(app, db):
    from tests.helpers import sign_in_with_password_only

    consultant = factories.make_user(role=Role.CONSULTANT)
    db.session.commit()
    sign_in_with_password_only(app.test_client(), consultant.email, PASSWORD)
    assert db.session.scalar(select(func.count()).select_from(SignIn).where(SignIn.user_id == consultant.id)) == 0
    assert sign_in(app.test_client(), consultant.email, PASSWORD).status_code == 303
    assert db.session.scalar(select(func.count()).select_from(SignIn).where(SignIn.user_id == consultant.id)) == 1


def test_only_the_last_twenty_sign_ins_are_kept(app, db, clock):
    user = factories.make_user()
    db.session.commit()
    for _ in range(SIGN_INS_KEPT + 3):
        clock.advance(timedelta(minutes=1))
        assert sign_in(app.test_client(), user.email, PASSWORD).status_code == 303
    assert db.session.scalar(select(func.count()).select_from(SignIn).where(SignIn.user_id == user.id)) == SIGN_INS_KEPT


def test_a_failed_sign_in_is_not_recorded_as_one(app, db):
    user = factories.make_user()
    db.session.commit()
    sign_in(app.test_client(), user.email, "not the password at all")
    assert db.session.scalar(select(func.count()).select_from(SignIn)) == 0


# Switching accounts off


def _coordinator(app, db):
    coordinator = factories.make_user(role=Role.COORDINATOR)
    db.session.commit()
    browser = app.test_client()
    assert sign_in(browser, coordinator.email, PASSWORD).status_code == 303
    return coordinator, browser


def test_a_coordinator_switches_off_a_consultant_which_ends_their_sessions_at_once(app, db):
    # Old main: there was no way to switch an account off (404), and the consultant stayed signed in.
    coordinator, admin = _coordinator(app, db)
    consultant = factories.make_user(role=Role.CONSULTANT, name="Sara Holm")
    db.session.commit()
    theirs = app.test_client()
    assert sign_in(theirs, consultant.email, PASSWORD).status_code == 303
    staff = admin.get("/staff").get_data(as_text=True)
    assert f'action="/accounts/{consultant.id}/deactivate"' in staff
    assert f'action="/accounts/{coordinator.id}/deactivate"' not in staff, "never one's own account"

    response = admin.post(f"/accounts/{consultant.id}/deactivate", data={"next": "/staff"})

    assert response.status_code == 303 and response.location == "/staff"
    assert theirs.get("/dashboard").status_code == 302
    refused = sign_in(app.test_client(), consultant.email, PASSWORD)
    assert refused.status_code == 403
    assert "Ditt konto är avstängt" in refused.get_data(as_text=True)
    wrong = sign_in(app.test_client(), consultant.email, "not the password at all")
    assert "avstängt" not in wrong.get_data(as_text=True), "a stranger without the password learns nothing"
    assert "Avstängt" in admin.get("/staff").get_data(as_text=True)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.deactivated"))
    assert (event.actor_id, event.subject_id) == (coordinator.id, consultant.id)
    assert app.test_client().post("/password/forgot", data={"email": consultant.email}).status_code == 200

    assert admin.post(f"/accounts/{consultant.id}/reactivate").status_code == 303
    assert sign_in(app.test_client(), consultant.email, PASSWORD).status_code == 303
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.reactivated")) is not None


def test_a_coordinator_switches_off_an_employer_user_from_the_organisation_page(app, db):
    _coordinator_user, admin = _coordinator(app, db)
    employer = factories.make_user(role=Role.EMPLOYER)
    db.session.commit()
    theirs = app.test_client()
    assert sign_in(theirs, employer.email, PASSWORD).status_code == 303
    page = admin.get(f"/organisations/{employer.organisation_id}").get_data(as_text=True)
    assert f'action="/accounts/{employer.id}/deactivate"' in page
    back = f"/organisations/{employer.organisation_id}"
    assert admin.post(f"/accounts/{employer.id}/deactivate", data={"next": back}).location == back
    assert theirs.get("/dashboard").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, employer.id).is_active is False


def test_a_coordinator_cannot_switch_off_their_own_account_nor_switch_on_an_unconfirmed_one(app, db):
    coordinator, admin = _coordinator(app, db)
    unconfirmed = factories.make_user(role=Role.EMPLOYER, active=False)
    db.session.commit()
    assert admin.post(f"/accounts/{coordinator.id}/deactivate").status_code == 403
    assert admin.post(f"/accounts/{unconfirmed.id}/reactivate").status_code == 403
    assert admin.post("/accounts/999999/deactivate").status_code == 404
    assert admin.get("/dashboard").status_code == 200


def test_only_a_coordinator_switches_accounts_off(app, db):
    consultant = factories.make_user(role=Role.CONSULTANT)
    other = factories.make_user(role=Role.CONSULTANT)
    db.session.commit()
    browser = app.test_client()
    sign_in(browser, consultant.email, PASSWORD)
    assert browser.post(f"/accounts/{other.id}/deactivate").status_code == 403
    assert db.session.get(User, other.id).is_active
