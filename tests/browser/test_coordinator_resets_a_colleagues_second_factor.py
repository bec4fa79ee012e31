"""A coordinator resets a colleague's second factor (a lost phone); the colleague sets it up again."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.accounts.models import Role
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.menu_steps import follow_menu_link
from tests.browser.sign_in_steps import (
    set_up_the_app_from_the_page,
    type_code_from_the_app,
)

STORY = {
    "sv": {"switch": None, "email": "E-postadress", "password": "Lösenord", "sign_in": "Logga in", "sign_out": "Logga ut",
           "signed_out": "Du har loggat ut", "staff": "Personal", "set_up": "Inställd", "not_set_up": "Inte inställd än",
           "reset_link": "Återställ tvåstegsverifieringen för Ahmed Hassan",
           "heading": "Återställ tvåstegsverifieringen för Ahmed Hassan", "button": "Återställ tvåstegsverifieringen",
           "done": "Ahmed Hassan måste ställa in tvåstegsverifiering igen vid nästa inloggning."},
    "en": {"switch": "In English", "email": "E-mail address", "password": "Password", "sign_in": "Sign in", "sign_out": "Sign out",
           "signed_out": "You have signed out", "staff": "Staff", "set_up": "Set up", "not_set_up": "Not set up yet",
           "reset_link": "Reset the second factor of Ahmed Hassan",
           "heading": "Reset the second factor of Ahmed Hassan", "button": "Reset the second factor",
           "done": "Ahmed Hassan must set up a second factor again at the next sign-in."},
}


def _sign_in(page, story, email: str) -> None:
    page.goto("/sign-in")
    if story["switch"] and page.locator("html").get_attribute("lang") != "en":
        page.get_by_role("button", name=story["switch"]).click()
    page.get_by_label(story["email"]).fill(email)
    page.get_by_label(story["password"]).fill(factories.DEFAULT_PASSWORD)
    page.get_by_role("button", name=story["sign_in"], exact=True).click()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_coordinator_resets_a_colleagues_second_factor(page, db, language):
    story = STORY[language]
    factories.make_user(role=Role.COORDINATOR, name="Karin Lindqvist", email="karin@kommun.se", preferred_language=language)
    factories.make_user(role=Role.CONSULTANT, name="Ahmed Hassan", email="ahmed@kommun.se", preferred_language=language)
    db.session.commit()

    _sign_in(page, story, "karin@kommun.se")
    type_code_from_the_app(page, "karin@kommun.se")
    follow_menu_link(page, story["staff"])
    expect(page.get_by_role("heading", level=1)).to_have_text(story["staff"])
    ahmed = page.get_by_role("row").filter(has_text="ahmed@kommun.se")
    expect(ahmed).to_contain_text(story["set_up"])
    # One's own second factor is never reset from here.
    expect(page.get_by_role("row").filter(has_text="karin@kommun.se").get_by_role("link")).to_have_count(0)
    check_axe(page)

    ahmed.get_by_role("link", name=story["reset_link"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(story["heading"])
    check_axe(page)
    page.get_by_role("button", name=story["button"]).click()
    expect(page.get_by_role("status")).to_contain_text(story["done"])
    expect(page.get_by_role("row").filter(has_text="ahmed@kommun.se")).to_contain_text(story["not_set_up"])
    check_axe(page)
    page.get_by_role("button", name=story["sign_out"]).click()
    expect(page.get_by_role("status")).to_contain_text(story["signed_out"])

    # Ahmed's next sign-in leads to setting up the second factor again, and nowhere else.
    _sign_in(page, story, "ahmed@kommun.se")
    set_up_the_app_from_the_page(page, axe=check_axe)
    expect(page.get_by_role("button", name=story["sign_out"])).to_be_visible()
