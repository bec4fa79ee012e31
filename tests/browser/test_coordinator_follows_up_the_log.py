"""A consultant opens a participant's record; the coordinator follows up the log (loggkontroll) and
finds that view by the participant's name. Swedish and English, axe on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.accounts.models import Role
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.menu_steps import follow_menu_link
from tests.browser.offer_steps import EN, SV, sign_in
from tests.participant_factories import make_participant

WORDS = {
    "sv": {**SV, "menu": "Loggkontroll", "name": "Deltagarens namn", "search": "Sök"},
    "en": {**EN, "menu": "Audit log", "name": "Participant's name", "search": "Search"},
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_coordinator_sees_who_viewed_a_participant(app, db, browser, browser_context_args, language):
    w = WORDS[language]
    consultant = factories.make_user(role=Role.CONSULTANT, email="ahmed@kommun.se", name="Ahmed Hassan")
    factories.make_user(role=Role.COORDINATOR, email="karin@kommun.se", name="Karin Lindqvist", preferred_language=language)
    participant = make_participant(consultant, name="Amina Yusuf")
    db.session.commit()

    consultant_page = browser.new_context(**browser_context_args).new_page()
    sign_in(consultant_page, "ahmed@kommun.se")
    consultant_page.goto(f"/participants/{participant.id}")
    expect(consultant_page.get_by_role("heading", level=1)).to_contain_text("Amina Yusuf")

    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, "karin@kommun.se", w)
    follow_menu_link(page, w["menu"])
    expect(page.get_by_role("heading", level=1)).to_have_text(w["menu"])
    check_axe(page)
    page.get_by_label(w["name"]).fill("amina")
    page.get_by_role("button", name=w["search"]).click()
    row = page.get_by_role("row").filter(has_text="participant.viewed")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Ahmed Hassan")
    expect(page.get_by_role("link", name="Amina Yusuf")).to_be_visible()
    check_axe(page)
