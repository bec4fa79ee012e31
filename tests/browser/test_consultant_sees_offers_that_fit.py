"""A consultant opens a participant, sees the live offers that fit with the reasons, and proposes one."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.candidate_steps import CONSULTANT, world
from tests.browser.conftest import check_axe
from tests.browser.offer_steps import sign_in

pytestmark = pytest.mark.browser


def test_consultant_sees_offers_that_fit_and_proposes_one(page, db):
    offer, _people = world(db)

    sign_in(page, CONSULTANT)
    check_axe(page)
    page.get_by_role("link", name="Deltagare", exact=True).click()
    check_axe(page)
    page.get_by_role("link", name="Hodan Warsame").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hodan Warsame")
    check_axe(page)

    page.get_by_role("link", name="Erbjudanden som passar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erbjudanden som passar Hodan Warsame")
    card = page.get_by_role("article").filter(has_text="Diskare i restaurangkök")
    expect(card).to_contain_text("Har gjort: Diska")
    expect(card).to_contain_text(offer.organisation.name)
    check_axe(page)

    card.get_by_role("button", name="Föreslå för arbetsgivaren").click()
    expect(page.get_by_role("status")).to_contain_text("Hodan Warsame")
    expect(page.get_by_role("article").filter(has_text="Diskare i restaurangkök")).to_contain_text(
        "Föreslagen: arbetsgivaren ser kortet först."
    )
    expect(page.get_by_role("button", name="Föreslå för arbetsgivaren")).to_have_count(0)
    check_axe(page)
