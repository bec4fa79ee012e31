"""A consultant without a second factor sets one up from the key on the page, and signs in with it."""

from __future__ import annotations

import time

import pyotp
import pytest
from playwright.sync_api import expect

from portal.accounts.models import Role
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.sign_in_steps import WORDS

STORY = {
    "sv": {"switch": None, "email": "E-postadress", "password": "Lösenord", "sign_in": "Logga in", "sign_out": "Logga ut", "signed_out": "Du har loggat ut",
           "wrong": "Koden stämmer inte", "welcome": "Välkommen, Ahmed Hassan"},
    "en": {"switch": "In English", "email": "E-mail address", "password": "Password", "sign_in": "Sign in", "sign_out": "Sign out", "signed_out": "You have signed out",
           "wrong": "That code is not right", "welcome": "Welcome, Ahmed Hassan"},
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_consultant_sets_up_a_second_factor_and_signs_in_with_it(page, page_without_javascript, db, language):
    # Swedish with JavaScript; English without it: both steps are plain forms.
    page = page if language == "sv" else page_without_javascript
    story, words = STORY[language], WORDS[language]
    factories.make_user(
        role=Role.CONSULTANT, name="Ahmed Hassan", email="ahmed@kommun.se", totp_secret=None, preferred_language=language
    )
    db.session.commit()

    page.goto("/sign-in")
    if story["switch"]:
        page.get_by_role("button", name=story["switch"]).click()
    page.get_by_label(story["email"]).fill("ahmed@kommun.se")
    page.get_by_label(story["password"]).fill(factories.DEFAULT_PASSWORD)
    page.get_by_role("button", name=story["sign_in"], exact=True).click()

    # Nothing but the enrolment page until the second factor is set up.
    expect(page.get_by_role("heading", level=1)).to_have_text(words["enrol"])
    expect(page.locator(".qr-code svg[role=img]")).to_be_visible()
    check_axe(page)
    page.goto("/participants")
    expect(page.get_by_role("heading", level=1)).to_have_text(words["enrol"])

    # A mistake first: the message beside the field, what was typed kept.
    page.get_by_label(words["enrol_code"]).fill("12345")
    page.get_by_role("button", name=words["confirm"]).click()
    expect(page.get_by_role("alert")).to_contain_text(story["wrong"])
    expect(page.get_by_label(words["enrol_code"])).to_have_value("12345")
    check_axe(page)

    # The key shown as text, typed into an app (here pyotp), gives the code.
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    assert len(secret) == 32
    page.get_by_label(words["enrol_code"]).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name=words["confirm"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["codes"])
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    check_axe(page)
    page.get_by_role("link", name=words["continue"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(story["welcome"])
    page.get_by_role("button", name=story["sign_out"]).click()
    expect(page.get_by_role("status")).to_contain_text(story["signed_out"])

    # The next sign-in: the password, then the code the app shows (the next one: a code works once).
    page.goto("/sign-in")
    page.get_by_label(story["email"]).fill("ahmed@kommun.se")
    page.get_by_label(story["password"]).fill(factories.DEFAULT_PASSWORD)
    page.get_by_role("button", name=story["sign_in"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["heading"])
    check_axe(page)
    page.get_by_label(words["code"], exact=True).fill(pyotp.TOTP(secret).at(time.time() + 30))
    page.get_by_role("button", name=words["sign_in"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(story["welcome"])
    check_axe(page)
