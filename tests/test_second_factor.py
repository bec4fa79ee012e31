"""The second factor for staff: a password alone never signs a coordinator or consultant in."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest
from flask import url_for
from sqlalchemy import func, select

from portal.accounts import totp
from portal.accounts.models import RecoveryCode, Role, SecondFactor
from portal.audit.models import AuditEvent
from portal.outbox.models import OutboxMessage
from tests import factories
from tests.helpers import (
    ENROLMENT,
    enrol_second_factor,
    enter_code,
    secret_on_page,
    sign_in,
    sign_in_with_password_only,
    totp_code_for,
)

PASSWORD = factories.DEFAULT_PASSWORD
CODE_STEP = "/sign-in/code"


def _staff(db, role=Role.CONSULTANT, **overrides):
    user = factories.make_user(role=role, **overrides)
    db.session.commit()
    return user


def _code_for_step(step: int, secret: str = factories.DEFAULT_TOTP_SECRET) -> str:
    return pyotp.TOTP(secret).generate_otp(step)


def _current_step() -> int:
    from portal.clock import now

    return pyotp.TOTP(factories.DEFAULT_TOTP_SECRET).timecode(now())


# The finding: on main a staff password alone opened every page.


@pytest.mark.parametrize("role", [Role.CONSULTANT, Role.COORDINATOR])
def test_a_staff_password_alone_signs_nobody_in(client, db, role):
    user = _staff(db, role=role)
    response = sign_in_with_password_only(client, user.email, PASSWORD)
    assert (response.status_code, response.location) == (303, CODE_STEP)
    with client.session_transaction() as session:
        assert "_user_id" not in session
    assert client.get("/dashboard").location == CODE_STEP
    assert client.get("/participants").location == CODE_STEP
    page = client.get(CODE_STEP).get_data(as_text=True)
    assert "Skriv koden från din app" in page


def test_the_right_code_signs_in_and_goes_to_the_page_asked_for(client, db):
    user = _staff(db)
    response = sign_in_with_password_only(client, user.email, PASSWORD, next="/account/password")
    assert response.location == CODE_STEP
    response = enter_code(client, user.email)
    assert (response.status_code, response.location) == (303, "/account/password")
    assert client.get("/dashboard").status_code == 200
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.subject_id == user.id)).all()
    assert "second_factor.passed" in actions


def test_an_employer_signs_in_with_the_password_alone(client, db):
    employer = factories.make_user(role=Role.EMPLOYER)
    db.session.commit()
    response = sign_in_with_password_only(client, employer.email, PASSWORD)
    assert (response.status_code, response.location) == (303, "/dashboard")
    assert client.get("/dashboard").status_code == 200


def test_a_staff_cookie_without_the_second_step_signs_nobody_in(app, db):
    # A session that carries the account's id and token but not the passed second factor (as a
    # password-only sign-in wrote them on main) is not a signed-in session.
    user = _staff(db, role=Role.COORDINATOR)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
    assert client.get("/dashboard").status_code == 302
    assert client.get("/staff").status_code == 302


def test_a_code_is_accepted_once_within_its_window(app, db):
    user = _staff(db)
    step = _current_step()
    first = app.test_client()
    sign_in_with_password_only(first, user.email, PASSWORD)
    assert first.post(CODE_STEP, data={"code": _code_for_step(step)}).status_code == 303

    second = app.test_client()
    sign_in_with_password_only(second, user.email, PASSWORD)
    again = second.post(CODE_STEP, data={"code": _code_for_step(step)})
    assert again.status_code == 422
    assert "Koden har redan använts" in again.get_data(as_text=True)
    older = second.post(CODE_STEP, data={"code": _code_for_step(step - 1)})
    assert older.status_code == 422
    assert second.get("/dashboard").location == CODE_STEP
    db.session.expire_all()
    assert db.session.get(SecondFactor, user.id).last_used_step == step


def test_a_phone_a_step_off_is_accepted_but_not_two(client, db):
    user = _staff(db)
    sign_in_with_password_only(client, user.email, PASSWORD)
    step = _current_step()
    assert client.post(CODE_STEP, data={"code": _code_for_step(step - 2)}).status_code == 422
    assert client.post(CODE_STEP, data={"code": _code_for_step(step + 2)}).status_code == 422
    assert client.post(CODE_STEP, data={"code": _code_for_step(step - 1)}).status_code == 303


def test_a_wrong_code_is_told_beside_the_field_in_the_users_language(client, db):
    user = _staff(db)
    sign_in_with_password_only(client, user.email, PASSWORD)
    response = client.post(CODE_STEP, data={"code": "000 00x"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "<title>Fel: Skriv koden från din app – Brygga</title>" in page
    assert re.search(r'<p class="field-error" id="code-error">.*Koden stämmer inte', page, re.S)
    assert 'value="000 00x"' in page
    empty = client.post(CODE_STEP, data={"code": ""})
    assert empty.status_code == 422


def test_five_wrong_codes_in_a_row_and_the_password_must_be_given_again(client, db):
    user = _staff(db)
    sign_in_with_password_only(client, user.email, PASSWORD)
    for _ in range(4):
        assert client.post(CODE_STEP, data={"code": "000000"}).status_code == 422
    db.session.expire_all()
    assert db.session.get(SecondFactor, user.id).failures == 4
    fifth = client.post(CODE_STEP, data={"code": "000000"})
    assert (fifth.status_code, fifth.location) == (303, "/sign-in")
    assert "För många felaktiga koder" in client.get("/sign-in").get_data(as_text=True)
    # The held sign-in is gone: even the right code now asks for the password first.
    assert client.post(CODE_STEP, data={"code": totp_code_for(client.application, user.email)}).location == "/sign-in"
    assert client.get("/dashboard").status_code == 302
    # After the password again, one more wrong code sends back at once; the right one signs in.
    sign_in_with_password_only(client, user.email, PASSWORD)
    assert client.post(CODE_STEP, data={"code": "000000"}).location == "/sign-in"
    assert sign_in(client, user.email, PASSWORD).status_code == 303
    db.session.expire_all()
    assert db.session.get(SecondFactor, user.id).failures == 0
    failed = db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "second_factor.failed")
    )
    assert failed == 6


def test_a_right_code_resets_the_count_of_wrong_ones(app, db):
    user = _staff(db)
    for _ in range(2):
        client = app.test_client()
        sign_in_with_password_only(client, user.email, PASSWORD)
        for _ in range(4):
            client.post(CODE_STEP, data={"code": "000000"})
        assert enter_code(client, user.email).status_code == 303


def test_a_held_sign_in_lapses_after_ten_minutes(client, db, clock):
    user = _staff(db)
    sign_in_with_password_only(client, user.email, PASSWORD)
    clock.advance(timedelta(minutes=11))
    assert client.get(CODE_STEP).location == "/sign-in"
    assert client.get("/dashboard").status_code == 302


def test_cancelling_the_second_step_forgets_the_password_step(client, db):
    user = _staff(db)
    sign_in_with_password_only(client, user.email, PASSWORD)
    assert client.post("/sign-in/cancel").location == "/"
    assert client.get(CODE_STEP).location == "/sign-in"


# Enrolment


def test_a_consultant_without_a_second_factor_enrols_with_the_qr_code_or_the_key(client, db):
    user = _staff(db, totp_secret=None)
    response = sign_in_with_password_only(client, user.email, PASSWORD)
    assert (response.status_code, response.location) == (303, ENROLMENT)
    page = client.get(ENROLMENT)
    assert page.headers["Cache-Control"] == "no-store"
    text = page.get_data(as_text=True)
    # The QR code is drawn here, inline: no image from anywhere else.
    assert re.search(r'<svg role="img" aria-label="QR-kod för din autentiseringsapp"', text)
    assert not re.search(r'<img\b[^>]*src="(https?:)?//', text)
    secret = secret_on_page(text)
    assert re.search(r'<code class="secret">([A-Z2-7]{4} ){7}[A-Z2-7]{4}</code>', text)
    assert client.get(ENROLMENT).get_data(as_text=True).count(totp.grouped(secret)) == 1  # the same key on reload

    wrong = client.post(ENROLMENT, data={"code": "123 45"})
    assert wrong.status_code == 422
    assert "Koden stämmer inte" in wrong.get_data(as_text=True)
    assert secret_on_page(wrong.get_data(as_text=True)) == secret
    assert client.get("/dashboard").location == ENROLMENT

    _secret, codes_page = enrol_second_factor(client)
    assert codes_page.status_code == 200
    assert codes_page.headers["Cache-Control"] == "no-store"
    codes = re.findall(r"<li><code>([a-z2-9]{4}(?:-[a-z2-9]{4}){3})</code></li>", codes_page.get_data(as_text=True))
    assert len(set(codes)) == 10
    assert client.get("/dashboard").status_code == 200

    db.session.expire_all()
    factor = db.session.get(SecondFactor, user.id)
    assert factor.secret == secret and factor.confirmed_at is not None
    stored = db.session.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == user.id)).all()
    assert len(stored) == 10
    assert not any(code.replace("-", "") in stored or code in stored for code in codes)
    assert {totp.hash_recovery_code(code) for code in codes} == set(stored)


def test_a_recovery_code_signs_in_once(app, db):
    user = _staff(db, totp_secret=None)
    client = app.test_client()
    sign_in_with_password_only(client, user.email, PASSWORD)
    _secret, codes_page = enrol_second_factor(client)
    code = re.findall(r"<li><code>([a-z2-9-]+)</code></li>", codes_page.get_data(as_text=True))[3]

    phone_lost = app.test_client()
    sign_in_with_password_only(phone_lost, user.email, PASSWORD)
    assert phone_lost.post(CODE_STEP, data={"code": code.upper().replace("-", " ")}).status_code == 303
    assert phone_lost.get("/dashboard").status_code == 200

    again = app.test_client()
    sign_in_with_password_only(again, user.email, PASSWORD)
    refused = again.post(CODE_STEP, data={"code": code})
    assert refused.status_code == 422
    assert again.get("/dashboard").location == CODE_STEP


def test_an_unenrolled_consultant_reaches_nothing_but_the_enrolment_page(app, db):
    """Every route of app.url_map, every method, as a page and as an htmx fragment."""
    from tests.test_authorization_matrix import MATRIX

    world = factories.make_world()
    user = factories.make_user(role=Role.CONSULTANT, totp_secret=None)
    db.session.commit()
    client = app.test_client()
    assert sign_in_with_password_only(client, user.email, PASSWORD).location == ENROLMENT

    from portal.accounts.second_factor_routes import OPEN_WHILE_PENDING

    walked = 0
    for (endpoint, method), row in sorted(MATRIX.items()):
        if endpoint in OPEN_WHILE_PENDING:
            continue
        with app.test_request_context():
            url = url_for(endpoint, **(row.values(world) if callable(row.values) else row.values))
        data = row.data
        for headers in ({}, {"HX-Request": "true"}):
            response = client.open(url, method=method, data=data, headers=headers)
            response.close()
            where = response.location if response.status_code == 303 else response.headers.get("HX-Redirect")
            assert (response.status_code in (303, 204), where) == (True, ENROLMENT), (method, url, headers)
            walked += 1
    assert walked > 150
    assert client.get(ENROLMENT).status_code == 200
    assert db.session.get(SecondFactor, user.id) is not None  # the enrolment page kept its key


# A coordinator resets a colleague's second factor


def test_a_coordinator_resets_a_colleagues_second_factor_who_then_enrols_again(app, db, login_as):
    colleague = _staff(db, name="Ahmed Hassan", email="ahmed@kommun.se")
    their_browser = app.test_client()
    assert sign_in(their_browser, colleague.email, PASSWORD).status_code == 303
    coordinator = login_as("coordinator")
    coordinator_client = app.test_client()
    from tests.conftest import sign_in_client

    sign_in_client(coordinator_client, coordinator)
    staff_page = coordinator_client.get("/staff").get_data(as_text=True)
    assert f'href="/staff/{colleague.id}/second-factor"' in staff_page
    assert f'href="/staff/{coordinator.id}/second-factor"' not in staff_page  # never one's own
    confirm = coordinator_client.get(f"/staff/{colleague.id}/second-factor")
    assert "Återställ tvåstegsverifieringen för Ahmed Hassan" in confirm.get_data(as_text=True)

    done = coordinator_client.post(f"/staff/{colleague.id}/second-factor")
    assert (done.status_code, done.location) == (303, "/staff")
    assert "Ahmed Hassan måste ställa in tvåstegsverifiering igen" in coordinator_client.get("/staff").get_data(as_text=True)

    db.session.expire_all()
    assert db.session.get(SecondFactor, colleague.id) is None
    assert db.session.scalar(select(func.count()).select_from(RecoveryCode).where(RecoveryCode.user_id == colleague.id)) == 0
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "second_factor.reset"))
    assert (event.subject_id, event.actor_id) == (colleague.id, coordinator.id)
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == colleague.email))
    assert mail.subject == "Din tvåstegsverifiering i Brygga har återställts"
    # Their open session ended; the next sign-in goes to enrolment.
    assert their_browser.get("/dashboard").status_code == 302
    assert sign_in_with_password_only(their_browser, colleague.email, PASSWORD).location == ENROLMENT


def test_only_another_coordinator_may_reset(app, db):
    coordinator = factories.make_user(role=Role.COORDINATOR)
    employer = factories.make_user(role=Role.EMPLOYER)
    db.session.commit()
    from tests.conftest import sign_in_client

    client = app.test_client()
    sign_in_client(client, coordinator)
    assert client.get(f"/staff/{coordinator.id}/second-factor").status_code == 403
    assert client.post(f"/staff/{coordinator.id}/second-factor").status_code == 403
    assert client.get(f"/staff/{employer.id}/second-factor").status_code == 404
    assert client.get("/staff/999999/second-factor").status_code == 404
    db.session.expire_all()
    assert db.session.get(SecondFactor, coordinator.id) is not None


def test_the_step_pages_send_on_whoever_is_not_between_the_steps(app, db, login_as):
    anonymous = app.test_client()
    assert anonymous.get(CODE_STEP).location == "/sign-in"
    assert anonymous.get(ENROLMENT).location == "/sign-in"
    with app.test_request_context():
        assert url_for("second_factor.code") == CODE_STEP


def test_the_server_can_reset_the_second_factor_of_the_only_coordinator(app, db):
    coordinator = factories.make_user(role=Role.COORDINATOR, email="ensam@kommun.se")
    employer = factories.make_user(role=Role.EMPLOYER, email="firma@example.se")
    db.session.commit()
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["users", "reset-second-factor", "firma@example.se"])
    assert refused.exit_code == 1 and "No coordinator or consultant" in refused.output
    result = runner.invoke(args=["users", "reset-second-factor", "Ensam@Kommun.se"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(SecondFactor, coordinator.id) is None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "second_factor.reset"))
    assert (event.subject_id, event.actor_id) == (coordinator.id, None)
    assert employer.id
    client = app.test_client()
    assert sign_in_with_password_only(client, coordinator.email, PASSWORD).location == ENROLMENT
