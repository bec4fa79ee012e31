"""Nothing told to a stranger: the same answer and the same work on every path of sign-in and registration."""

from __future__ import annotations

import re

import pytest

from portal.accounts import passwords
from portal.accounts.models import Role
from portal.employers.models import OrganisationKind
from portal.employers.states import VettingStatus
from portal.extensions import limiter
from portal.outbox.delivery import send_due
from tests import factories
from tests.helpers import sign_in
from tests.test_employers_registration import SOLE_TRADER_NUMBER, VALID

PASSWORD = factories.DEFAULT_PASSWORD


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    if limiter.enabled:
        limiter.reset()


@pytest.fixture
def argon2_calls(monkeypatch) -> list[str]:
    """Every argon2 hash or verify, the expensive step whose count a stranger could time."""
    passwords._dummy_hash()  # made once per process; not part of any request
    calls: list[str] = []

    class CountingHasher:
        def __init__(self, real):
            self._real = real

        def hash(self, *args, **kwargs):
            calls.append("hash")
            return self._real.hash(*args, **kwargs)

        def verify(self, *args, **kwargs):
            calls.append("verify")
            return self._real.verify(*args, **kwargs)

        def __getattr__(self, name):
            return getattr(self._real, name)

    monkeypatch.setattr(passwords, "_hasher", CountingHasher(passwords._hasher))
    return calls


def _unconfirmed_registrant():
    organisation = factories.make_organisation(status=VettingStatus.UNCONFIRMED)
    return factories.make_user(role=Role.EMPLOYER, organisation=organisation, active=False)


@pytest.mark.parametrize(
    "case",
    ["unknown address", "wrong password", "right password", "unconfirmed registrant", "switched off", "no password yet"],
)
def test_every_sign_in_path_does_exactly_one_password_check(app, db, argon2_calls, case):
    # Old main: an unconfirmed registrant's right password was checked twice (twice the time).
    if case == "unconfirmed registrant":
        user = _unconfirmed_registrant()
    else:
        user = factories.make_user(role=Role.EMPLOYER)
    if case == "switched off":
        user.active, user.deactivated_at = False, user.created_at
    if case == "no password yet":
        user.password_hash = None
    db.session.commit()
    email = "nobody@example.se" if case == "unknown address" else user.email
    password = "not the password at all" if case == "wrong password" else PASSWORD
    argon2_calls.clear()
    sign_in(app.test_client(), email, password)
    assert argon2_calls == ["verify"]


def _answer(app, **changes):
    browser = app.test_client()
    response = browser.post("/offer-a-placement/register", data={**VALID, **changes})
    page = browser.get(response.location).get_data(as_text=True) if response.status_code == 303 else response.get_data(as_text=True)
    page = re.sub(r'name="csrf_token" type="hidden" value="[^"]+"', "", page)
    page = re.sub(r'"X-CSRFToken": "[^"]+"', "", page)
    return response.status_code, response.location, page.replace(changes.get("email", VALID["email"]).lower(), "EMAIL")


@pytest.mark.parametrize(
    "case",
    ["a staff member's address", "an employer's address", "a registered organisation number", "a registered sole trader's personnummer"],
)
def test_registration_answers_a_known_address_or_number_as_it_answers_a_new_one(app, db, mailbox, argon2_calls, case):
    # Old main: "Det finns redan ett konto …" (422) for a known address, and "Er organisation är
    # redan registrerad" for a known number, and no password was hashed on either path.
    if case == "a staff member's address":
        factories.make_user(role=Role.CONSULTANT, email="known@verkstan.se")
        changes = {"email": "known@verkstan.se"}
    elif case == "an employer's address":
        factories.make_user(role=Role.EMPLOYER, email="known@verkstan.se")
        changes = {"email": "known@verkstan.se", "organisation_number": "556677-8899"}
    elif case == "a registered organisation number":
        factories.make_organisation(organisation_number="556789-0123")
        changes = {"email": "new@verkstan.se"}
    else:
        factories.make_organisation(organisation_number=SOLE_TRADER_NUMBER, kind=OrganisationKind.SOLE_TRADER)
        changes = {"email": "new@verkstan.se", "kind": "sole_trader", "organisation_number": "850412-2386"}
    db.session.commit()
    new = {**changes, "organisation_number": "556016-0680", "email": "brand.new@verkstan.se"}
    if case == "a registered sole trader's personnummer":
        new["organisation_number"] = "19811218-9876"

    argon2_calls.clear()
    known = _answer(app, **changes)
    known_calls = list(argon2_calls)
    argon2_calls.clear()
    fresh = _answer(app, **new)

    assert known[:2] == fresh[:2] == (303, "/offer-a-placement/check-your-email")
    assert known[2] == fresh[2]
    assert known_calls == argon2_calls == ["hash"]
    send_due()
    assert mailbox.to(changes["email"]), "the facts go to the address by e-mail"
