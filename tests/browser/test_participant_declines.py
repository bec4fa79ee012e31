"""The participant does not want to meet: the consultant records it, and the employer learns only
that the candidate is not available right now."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.interest import services
from portal.matching.service import candidate_name
from tests.browser.candidate_steps import CONSULTANT, EMPLOYER, world
from tests.browser.conftest import check_axe
from tests.browser.offer_steps import sign_in

pytestmark = pytest.mark.browser


def test_participant_declines(app, db, browser, browser_context_args):
    offer, people = world(db)
    services.express_interest(offer, people[1], employer=offer.created_by, message="Passar måndag?")
    db.session.commit()
    with app.test_request_context():
        pseudonym = candidate_name(offer.organisation_id, people[1].id)

    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, CONSULTANT)
    page.goto("/interest")
    check_axe(page)
    page.get_by_role("link", name=f"{offer.organisation.name} vill träffa Selam Tesfay").click()
    check_axe(page)
    page.get_by_label("Vill inte, eller kan inte just nu").check()
    page.get_by_role("button", name="Spara svaret").click()
    expect(page.get_by_role("status")).to_contain_text("Svaret är sparat och arbetsgivaren har fått besked.")
    check_axe(page)

    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, EMPLOYER)
    page.goto(f"/offers/{offer.id}/candidates")
    answer = page.locator(".interest-answers li").filter(has_text=pseudonym)
    expect(answer).to_have_text(f"Kandidat {pseudonym}: är inte tillgänglig just nu.")
    html = page.content()
    for part in ("Selam", "Tesfay", CONSULTANT, "Ahmed Hassan", "Förnamn"):
        assert part not in html
    check_axe(page)
