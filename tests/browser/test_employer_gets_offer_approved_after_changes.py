"""An employer writes an offer from task examples; the coordinator asks for changes on two answers;
the employer sees the comments beside them, fixes them and sends it again; the coordinator sees
what changed and approves it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from portal.accounts.models import Role
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.offer_steps import SV, press, sign_in, write_offer_from_examples


def test_employer_gets_offer_approved_after_changes(app, db, browser, browser_context_args):
    factories.make_user(role=Role.EMPLOYER, email="eva@solrosen.se", name="Eva Berg")
    factories.make_user(role=Role.COORDINATOR, email="karin@kommun.se", name="Karin Lindqvist")
    db.session.commit()
    employer_page = browser.new_context(**browser_context_args).new_page()
    coordinator_page = browser.new_context(**browser_context_args).new_page()

    # The employer writes the offer, from examples, and sends it.
    page = employer_page
    sign_in(page, "eva@solrosen.se")
    write_offer_from_examples(page)
    page.get_by_role("button", name=SV["send"]).click()
    expect(page.get_by_text("Tack! Erbjudandet har skickats")).to_be_visible()
    check_axe(page)
    offer_url = page.url

    # The coordinator asks for changes on two answers.
    page = coordinator_page
    sign_in(page, "karin@kommun.se")
    page.goto("/review")
    check_axe(page)
    page.get_by_role("link", name="Kökshjälp på Kafé Solrosen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kökshjälp på Kafé Solrosen")
    check_axe(page)
    page.get_by_label("Kommentar om ”Arbetstider”").fill("Skriv klockslag, till exempel 8.00–12.00.")
    page.get_by_label("Kommentar om ”Handledarens roll”").fill("Vad gör handledaren till vardags?")
    page.get_by_label("Be om ändringar").check()
    page.get_by_role("button", name="Spara beslutet").click()
    expect(page.get_by_text("Ditt beslut är sparat")).to_be_visible()
    check_axe(page)

    # The employer sees each comment beside its answer, fixes both and sends it again.
    page = employer_page
    page.goto(offer_url)
    expect(page.get_by_text("Skriv klockslag, till exempel 8.00–12.00.", exact=True)).to_be_visible()
    check_axe(page)
    page.get_by_role("link", name="Ändra eller skicka erbjudandet").click()
    expect(page.locator("#row-hours_description .review-comment")).to_contain_text("Skriv klockslag")
    expect(page.locator("#row-supervisor_role .review-comment")).to_contain_text("Vad gör handledaren")
    check_axe(page)
    page.get_by_role("link", name="Ändra arbetstider").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("När")
    expect(page.locator(".review-comment")).to_contain_text("Skriv klockslag")
    check_axe(page)
    page.get_by_label("Arbetstider", exact=True).fill("kl. 8.00–12.00")
    # With JavaScript the screen also saves while the person types, and says so politely.
    expect(page.locator("#autosave-status")).to_have_text(re.compile(r"Sparat \d\d:\d\d"))
    press(page, SV)
    expect(page.get_by_role("heading", level=1)).to_have_text(SV["check_heading"])
    page.get_by_role("link", name="Ändra handledarens roll").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Handledaren")
    expect(page.locator(".review-comment")).to_contain_text("Vad gör handledaren")
    page.get_by_label(SV["sup_role"]).fill("Köksansvarig, visar och hjälper till i köket")
    press(page, SV)
    page.get_by_role("button", name="Skicka för granskning").click()
    expect(page.get_by_text("Tack! Erbjudandet har skickats")).to_be_visible()

    # The coordinator sees exactly what changed, old beside new, and approves.
    page = coordinator_page
    page.goto("/review")
    expect(page.get_by_text("Skickat igen")).to_be_visible()
    page.get_by_role("link", name="Kökshjälp på Kafé Solrosen").click()
    diff = page.locator("table.diff-table")
    expect(diff).to_contain_text("8–12")
    expect(diff).to_contain_text("kl. 8.00–12.00")
    expect(diff).to_contain_text("Köksansvarig, visar och hjälper till i köket")
    expect(diff.locator("tbody tr")).to_have_count(2)
    check_axe(page)
    page.get_by_label("Godkänn – erbjudandet publiceras").check()
    page.get_by_role("button", name="Spara beslutet").click()
    expect(page.get_by_text("Inga erbjudanden väntar på granskning.")).to_be_visible()

    page = employer_page
    page.goto(offer_url)
    expect(page.get_by_text("Status: Publicerat")).to_be_visible()
    check_axe(page)
