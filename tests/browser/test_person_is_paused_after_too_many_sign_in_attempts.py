"""A person who mistypes the password again and again is paused, and told in their language when to try again."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import check_axe


def _try_wrong_password(page, times: int, email: str, password_label: str, button: str) -> None:
    for _ in range(times):
        page.get_by_label(password_label).fill("fel lösenord igen")
        page.get_by_label(re.compile("E-postadress|E-mail address")).fill(email)
        with page.expect_response(lambda response: response.request.method == "POST"):
            page.get_by_role("button", name=button, exact=True).click()


def test_person_is_paused_after_ten_wrong_passwords_and_told_when_to_try_again(page, db, rate_limits):
    factories.make_user(email="ahmed@kommun.se")
    db.session.commit()
    page.goto("/sign-in")
    _try_wrong_password(page, 10, "ahmed@kommun.se", "Lösenord", "Logga in")
    expect(page.get_by_role("alert").first).to_contain_text("stämmer inte")

    # The eleventh: htmx (hx-boost) swaps in the 429 page.
    with page.expect_response(lambda response: response.status == 429) as limited:
        _try_wrong_password(page, 1, "ahmed@kommun.se", "Lösenord", "Logga in")
    assert 14 * 60 < int(limited.value.headers["retry-after"]) <= 15 * 60
    expect(page.get_by_role("heading", level=1)).to_have_text("För många försök")
    expect(page.get_by_role("alert")).to_contain_text(re.compile(r"Försök igen om 15 minuter, kl\. \d\d:\d\d\."))
    check_axe(page)


def test_person_without_javascript_is_paused_in_english(page_without_javascript, db, rate_limits):
    page = page_without_javascript
    page.goto("/sign-in")
    page.get_by_role("button", name="In English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    for n in range(10):
        page.get_by_label("E-mail address").fill(f"person{n}@kommun.se")
        page.get_by_label("Password").fill("wrong password")
        page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_label("E-mail address").fill("someone@kommun.se")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many attempts")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("alert")).to_contain_text(re.compile(r"Try again in 1 minute, at \d\d:\d\d\."))
    check_axe(page)
