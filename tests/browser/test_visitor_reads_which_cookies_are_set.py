"""A visitor opens the cookie page from the footer and reads why each cookie is needed, in Swedish and English."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_axe

WORDS = {
    "sv": {"link": "Kakor", "heading": "Kakor", "necessary": "strikt nödvändiga"},
    "en": {"link": "Cookies", "heading": "Cookies", "necessary": "strictly necessary"},
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_visitor_opens_the_cookie_page_from_the_footer(page, language):
    w = WORDS[language]
    page.goto("/")
    if language == "en":
        page.get_by_role("button", name="In English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("contentinfo").get_by_role("link", name=w["link"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(w["heading"])
    expect(page.get_by_text(w["necessary"])).to_be_visible()
    for name in ("brygga_session", "brygga_known_browser", "brygga_resume", "brygga_editing"):
        expect(page.get_by_role("rowheader", name=name)).to_be_visible()
    check_axe(page)
