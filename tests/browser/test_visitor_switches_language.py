"""A visitor switches the portal to English and back, with JavaScript and without."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import check_axe


def test_visitor_switches_to_english_and_back(page):
    page.goto("/sign-in")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")
    check_axe(page)

    page.get_by_role("button", name="In English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert page.url.endswith("/sign-in")
    check_axe(page)

    page.get_by_role("button", name="På svenska").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")


def test_visitor_without_javascript_switches_language_on_the_same_page(page_without_javascript):
    page = page_without_javascript
    page.goto("/password/forgot")
    expect(page.get_by_role("heading", level=1)).to_have_text("Glömt lösenord")
    check_axe(page)

    page.get_by_role("button", name="In English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forgotten password")
    assert page.url.endswith("/password/forgot")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    check_axe(page)
