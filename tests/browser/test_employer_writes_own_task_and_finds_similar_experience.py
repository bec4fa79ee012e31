"""An employer writes a task in their own words; the wizard suggests its kind from the words and the
employer confirms it; the coordinator sees the kind at review and approves; the employer then sees
candidates who have done a similar task, with that reason on the card. Swedish and English, axe on
every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.accounts.models import Role
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.offer_steps import EN, SV, press, sign_in
from tests.participant_factories import make_participant

WORDS = {
    "sv": {**SV, "own_task": "Lägg till en egen uppgift", "task_name": "Uppgiftens namn", "task_description": "Vad man gör, med enkla ord",
           "task": "Diska kastruller i storköket", "description": "Diska stora kastruller och bleck för hand efter lunchen.",
           "suggested": "Förslag utifrån det du skrev:", "family": "Disk och kökshjälp", "daily": "Varje dag",
           "light": "Lätt – mest stående eller sittande, inget tungt", "no_swedish": "Ingen – uppgiften går att göra utan svenska",
           "shown_question": "Kan uppgiften visas i stället för att förklaras?", "daytime": "Dagtid",
           "kind_label": "Typ av uppgift för ”Diska kastruller i storköket”", "approve": "Godkänn – erbjudandet publiceras",
           "save_decision": "Spara beslutet", "candidates": "Se kandidaterna",
           "row": "Uppgift: Diska kastruller i storköket", "fit": "Har gjort liknande uppgifter",
           "reason": "Har gjort liknande uppgifter: disk och kökshjälp", "sent": "Tack! Erbjudandet har skickats"},
    "en": {**EN, "own_task": "Add a task of your own", "task_name": "Name of the task", "task_description": "What is done, in plain words",
           "task": "Wash up pots in the big kitchen", "description": "Wash up the big pots and dishes by hand after lunch.",
           "suggested": "Suggested from what you wrote:", "family": "Dishwashing and kitchen help", "daily": "Every day",
           "light": "Light – mostly standing or sitting, nothing heavy", "no_swedish": "None – the task can be done without Swedish",
           "shown_question": "Can it be shown rather than explained?", "daytime": "Daytime",
           "kind_label": "Kind of task for “Wash up pots in the big kitchen”", "approve": "Approve – the offer goes live",
           "save_decision": "Save the decision", "candidates": "See the candidates",
           "row": "Task: Wash up pots in the big kitchen", "fit": "Has done similar tasks",
           "reason": "Has done similar tasks: dishwashing and kitchen help", "sent": "Thank you! The offer has been sent"},
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_employer_writes_own_task_and_finds_people_who_did_similar(app, db, browser, browser_context_args, language):
    w = WORDS[language]
    factories.make_user(role=Role.EMPLOYER, email="eva@solrosen.se", name="Eva Berg", preferred_language=language)
    factories.make_user(role=Role.COORDINATOR, email="karin@kommun.se", name="Karin Lindqvist", preferred_language=language)
    consultant = factories.make_user(role=Role.CONSULTANT, email="ahmed@kommun.se", name="Ahmed Hassan")
    for n in range(6):  # have peeled vegetables in a kitchen: the same family as washing pots, not the same task
        make_participant(consultant, name=f"Deltagare {n}", tasks_done=["i-prepare-vegetables"], tasks_wanted=[],
                         tasks_wanted_other=[], hours_per_week_min=8, hours_per_week_max=20)
    db.session.commit()
    employer_page = browser.new_context(**browser_context_args).new_page()
    coordinator_page = browser.new_context(**browser_context_args).new_page()

    page = employer_page
    sign_in(page, "eva@solrosen.se", w)
    page.goto("/offers")
    page.get_by_role("link", name=w["new_offer"]).click()
    page.get_by_role("button", name=w["start"]).click()
    page.get_by_label(w["title"]).fill("Disk i storköket")
    page.get_by_label(w["industry"]).select_option("I")
    page.get_by_label(w["address"]).fill("Storgatan 12, Småstad")
    page.get_by_label(w["area"]).select_option("centrum")
    page.get_by_label(w["transport"]).fill("Buss 4 till Stortorget")
    page.get_by_label(w["places"]).fill("1")
    page.get_by_label(w["no"], exact=True).check()
    press(page, w)
    page.get_by_label(w["monday"]).check()
    page.get_by_label(w["daytime"]).check()
    page.get_by_label(w["hours"], exact=True).fill("9–13")
    page.get_by_label(w["hours_per_week"]).fill("8")
    page.get_by_label(w["start_date"]).fill("2027-03-01")
    page.get_by_label(w["weeks"]).fill("12")
    press(page, w)

    # The task in the employer's own words: the kind is suggested from them as they write.
    page.get_by_role("link", name=w["own_task"]).click()
    family = page.locator("#task-family")
    check_axe(page)
    page.get_by_label(w["task_name"]).fill(w["task"])
    page.get_by_label(w["task_description"]).fill(w["description"])
    page.get_by_label(w["task_description"]).blur()
    expect(family.locator("#family-suggested")).to_have_text(w["suggested"])
    expect(family.locator("#family .choice").first).to_have_text(w["family"])
    family.locator("#family").get_by_label(w["family"]).check()
    check_axe(page)
    page.get_by_label(w["daily"]).check()
    page.get_by_label(w["light"]).check()
    page.get_by_label(w["no_swedish"]).check()
    page.locator("fieldset", has_text=w["shown_question"]).get_by_label(w["yes"], exact=True).check()
    press(page, w)
    expect(page.locator(".task-list li")).to_have_count(1)
    check_axe(page)
    page.get_by_role("link", name=w["next"], exact=True).click()
    page.get_by_label(w["shown"]).check()
    press(page, w)
    page.get_by_label(w["praktik"], exact=True).check()
    press(page, w)
    page.get_by_label(w["sup_name"]).fill("Eva Berg")
    page.get_by_label(w["sup_role"]).fill("Köksansvarig")
    page.get_by_label(w["sup_phone"]).fill("070-111 22 33")
    press(page, w)
    expect(page.get_by_role("heading", level=1)).to_have_text(w["check_heading"])
    expect(page.locator("main")).to_contain_text(w["family"])
    page.get_by_role("button", name=w["send"]).click()
    expect(page.get_by_text(w["sent"])).to_be_visible()
    offer_url = page.url

    # The coordinator sees the kind of task beside the task, keeps it and approves.
    page = coordinator_page
    sign_in(page, "karin@kommun.se", w)
    page.goto("/review")
    page.get_by_role("link", name="Disk i storköket").click()
    expect(page.get_by_label(w["kind_label"])).to_have_value("dishwashing_kitchen")
    check_axe(page)
    page.get_by_label(w["approve"]).check()
    page.get_by_role("button", name=w["save_decision"]).click()
    check_axe(page)

    # The employer's candidates have done a similar task, and the card says so.
    page = employer_page
    page.goto(offer_url)
    page.get_by_role("link", name=w["candidates"]).click()
    cards = page.locator("article.candidate")
    expect(cards).to_have_count(6)
    first = cards.first
    expect(first.locator("dt", has_text=w["row"])).to_be_visible()
    expect(first.locator("dd", has_text=w["fit"]).first).to_be_visible()
    expect(first.get_by_text(w["reason"], exact=True)).to_be_visible()
    check_axe(page)


def test_without_javascript_the_suggest_button_finds_the_kind_of_task(app, db, page_without_javascript, browser, browser_context_args):
    from tests.browser.offer_steps import AxeWithoutJavaScript
    from tests.offer_factories import make_offer

    w = WORDS["sv"]
    axe = AxeWithoutJavaScript(browser, browser_context_args)
    employer = factories.make_user(role=Role.EMPLOYER, email="eva@solrosen.se", name="Eva Berg")
    offer = make_offer(employer, tasks=0)
    db.session.commit()
    page = page_without_javascript
    sign_in(page, "eva@solrosen.se", w)
    page.goto(f"/offers/{offer.id}/tasks/new")
    expect(page.locator("#family-suggested")).to_contain_text("Vi hittade ingen typ av uppgift")
    page.get_by_label(w["task_name"]).fill("Trappstädning")
    page.get_by_label(w["task_description"]).fill("Sopa och torka trapporna i huset.")
    page.get_by_role("button", name="Föreslå utifrån det jag skrev").click()
    expect(page.locator("#family-suggested")).to_have_text(w["suggested"])
    expect(page.locator("#family .choice").first).to_have_text("Städning")
    expect(page.get_by_label(w["task_name"])).to_have_value("Trappstädning")  # nothing typed is lost
    axe(page)
    page.locator("#family").get_by_label("Städning").check()
    page.get_by_label(w["daily"]).check()
    page.get_by_label(w["light"]).check()
    page.get_by_label(w["no_swedish"]).check()
    page.locator("fieldset", has_text=w["shown_question"]).get_by_label(w["yes"], exact=True).check()
    press(page, w)
    expect(page.locator(".task-list li")).to_have_count(1)
    expect(page.locator(".task-list")).to_contain_text("Trappstädning")
