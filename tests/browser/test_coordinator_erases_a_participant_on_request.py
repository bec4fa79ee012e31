"""A participant asks for what Brygga holds and then to be erased: the coordinator hands over the
export (GDPR art. 15), erases the data (art. 17), and sees why another participant, whose
placement is still running, cannot be erased yet. Swedish and English, axe on every page, and once
without JavaScript (the erasure; downloads are read in the runs with it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.placements.states import PlacementStatus
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.offer_steps import EN, SV, sign_in
from tests.meeting_factories import make_placement
from tests.participant_factories import make_participant
from tests.privacy_factories import person_with_everything

WORDS = {
    "sv": {**SV, "erase_link": "Radera uppgifter på begäran", "held": "Uppgifterna kan inte raderas än",
           "reason": "Varför uppgifterna raderas", "confirm": "Jag har kontrollerat begäran",
           "erase": "Radera uppgifterna", "no_reason": "Skriv varför uppgifterna raderas",
           "done": "Deltagarens uppgifter är raderade", "kept": "Det här sparas, och varför",
           "export": "Ta ut allt som finns om personen (registerutdrag)", "json": "Ladda ner JSON-filen"},
    "en": {**EN, "erase_link": "Erase the data on request", "held": "The data cannot be erased yet",
           "reason": "Why the data is erased", "confirm": "I have checked the request",
           "erase": "Erase the data", "no_reason": "Write why the data is erased",
           "done": "The participant's data has been erased", "kept": "What is kept, and why",
           "export": "Export everything held about the person", "json": "Download the JSON file"},
}


@pytest.mark.parametrize("language, javascript", [("sv", True), ("en", True), ("sv", False)])
def test_coordinator_erases_a_participant_on_request(app, db, request, browser, browser_context_args, language, javascript):
    w = WORDS[language]
    consultant = factories.make_user(role=Role.CONSULTANT, email="ahmed@kommun.se", name="Ahmed Hassan")
    factories.make_user(role=Role.COORDINATOR, email="karin@kommun.se", name="Karin Lindqvist", preferred_language=language)
    person = person_with_everything("Zaynab Okonkwo", consultant=consultant)
    placed = make_participant(consultant, name="Omar Farah")
    make_placement(person.employer, consultant, participant=placed, status=PlacementStatus.ACTIVE)
    db.session.commit()

    page = (browser.new_context(**browser_context_args, accept_downloads=True).new_page() if javascript
            else request.getfixturevalue("page_without_javascript"))
    sign_in(page, "karin@kommun.se", w)

    # Omar's placement is running: the page explains the hold and offers no button.
    page.goto("/participants")
    page.get_by_role("link", name="Omar Farah").click()
    page.get_by_role("link", name=w["erase_link"]).click()
    expect(page.get_by_role("heading", name=w["held"])).to_be_visible()
    expect(page.locator(".hold-list li")).to_contain_text(person.employer.organisation.name)
    expect(page.get_by_role("button", name=w["erase"], exact=True)).to_have_count(0)
    check_axe(page)

    # Zaynab asked for what is held about her, and then to be erased: nothing holds it.
    page.goto("/participants")
    page.get_by_role("link", name="Zaynab Okonkwo").click()
    if javascript:
        page.get_by_role("link", name=w["export"]).click()
        check_axe(page)
        with page.expect_download() as download:
            page.get_by_role("link", name=w["json"]).click()
        held = json.loads(Path(download.value.path()).read_bytes())
        assert held["participant"]["name"] == "Zaynab Okonkwo" and held["interests"] and held["meetings"]
        page.go_back()
    page.get_by_role("link", name=w["erase_link"]).click()
    expect(page.get_by_role("heading", name=w["kept"])).to_be_visible()
    check_axe(page)
    page.get_by_role("button", name=w["erase"], exact=True).click()
    expect(page.locator(".field-error").first).to_contain_text(w["no_reason"])
    check_axe(page)
    page.get_by_label(w["reason"]).fill("Begäran per telefon den 3 december")
    page.get_by_label(w["confirm"]).check()
    page.get_by_role("button", name=w["erase"], exact=True).click()

    expect(page.get_by_role("status")).to_contain_text(w["done"])
    expect(page.get_by_role("link", name="Zaynab Okonkwo")).to_have_count(0)
    expect(page.get_by_role("link", name="Omar Farah")).to_be_visible()
    check_axe(page)
