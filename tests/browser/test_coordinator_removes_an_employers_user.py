"""A person has left an employer: the coordinator removes their account, saying why; the offer they
supervised stays, without their name. Swedish and English, axe on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.offers.models import Offer
from portal.offers.states import OfferStatus
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.offer_steps import EN, SV, sign_in
from tests.offer_factories import make_offer

WORDS = {
    "sv": {**SV, "remove": "Ta bort Lena Berg", "heading": "Ta bort kontot för Lena Berg", "reason": "Varför tas kontot bort?",
           "button": "Ta bort kontot", "error": "Skriv varför kontot tas bort.", "removed": "Borttaget"},
    "en": {**EN, "remove": "Remove Lena Berg", "heading": "Remove the account of Lena Berg", "reason": "Why is the account removed?",
           "button": "Remove the account", "error": "Write why the account is removed.", "removed": "Removed"},
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_coordinator_removes_an_employers_user(app, db, browser, browser_context_args, language):
    w = WORDS[language]
    organisation = factories.make_organisation(name="Kafé Solrosen AB")
    factories.make_user(role=Role.EMPLOYER, organisation=organisation, name="Lena Berg", email="lena@solrosen.se")
    olle = factories.make_user(role=Role.EMPLOYER, organisation=organisation, name="Olle Ek", email="olle@solrosen.se")
    offer = make_offer(olle, status=OfferStatus.LIVE, supervisor_name="Lena Berg", supervisor_email="lena@solrosen.se")
    factories.make_user(role=Role.COORDINATOR, email="karin@kommun.se", name="Karin Lindqvist", preferred_language=language)
    db.session.commit()

    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, "karin@kommun.se", w)
    page.goto(f"/organisations/{organisation.id}")
    page.get_by_role("link", name=w["remove"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(w["heading"])
    check_axe(page)
    page.get_by_role("button", name=w["button"]).click()
    expect(page.get_by_text(w["error"]).first).to_be_visible()
    check_axe(page)
    page.get_by_label(w["reason"]).fill("Har slutat på företaget")
    page.get_by_role("button", name=w["button"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kafé Solrosen AB")
    expect(page.get_by_role("row").filter(has_text="Borttagen användare")).to_contain_text(w["removed"])
    expect(page.get_by_text("lena@solrosen.se")).to_have_count(0)
    check_axe(page)
    db.session.expire_all()
    kept = db.session.get(Offer, offer.id)
    assert kept.status == OfferStatus.LIVE and kept.supervisor_name == "(borttagen)" and kept.supervisor_email == ""
    expect(page.get_by_role("row").filter(has_text="Olle Ek")).to_have_count(1)
