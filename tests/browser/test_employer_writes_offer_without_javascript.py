"""An employer who reads English writes an offer from examples with JavaScript off, makes a mistake,
keeps what they typed, and sends the offer."""

from __future__ import annotations

from playwright.sync_api import expect

from portal.accounts.models import Role
from tests import factories
from tests.browser.offer_steps import (
    EN,
    AxeWithoutJavaScript,
    press,
    sign_in,
    write_offer_from_examples,
)


def test_employer_writes_offer_in_english_without_javascript(app, db, page_without_javascript, browser, browser_context_args):
    check_axe = AxeWithoutJavaScript(browser, browser_context_args)
    factories.make_user(role=Role.EMPLOYER, email="sam@example.se", name="Sam Smith", preferred_language="en")
    db.session.commit()
    page = page_without_javascript
    sign_in(page, "sam@example.se", EN)

    # A mistake on the first screen: the error is explained, and everything typed is still there.
    page.goto("/offers/new")
    page.get_by_role("button", name=EN["start"]).click()
    page.get_by_label(EN["address"]).fill("High Street 1")
    page.get_by_label(EN["places"]).fill("two")
    press(page, EN)
    expect(page).to_have_title("Error: The workplace – New offer – Brygga")
    expect(page.locator(".error-summary")).to_contain_text("Enter a name for the offer")
    expect(page.locator(".error-summary")).to_contain_text("Enter how many places there are, as a number like 2")
    expect(page.get_by_label(EN["address"])).to_have_value("High Street 1")
    expect(page.get_by_label(EN["places"])).to_have_value("two")
    check_axe(page)

    write_offer_from_examples(page, EN, title="Kitchen help", axe=check_axe)
    expect(page.get_by_text("High Street 1")).to_have_count(0)  # the first draft is its own offer
    page.get_by_role("button", name=EN["send"]).click()
    expect(page.get_by_text("Thank you! The offer has been sent")).to_be_visible()
    expect(page.get_by_text("Status: Waiting for review")).to_be_visible()
    check_axe(page)
