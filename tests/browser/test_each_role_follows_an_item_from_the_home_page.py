"""Each role opens the home page, sees what waits for them, and follows one item to where it is
handled: the employer books an introduction with a candidate who agreed, the consultant answers an
interest, the coordinator opens the vetting queue. Swedish and English, axe on every page; the
consultant's walk also without JavaScript (the items are plain links)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.clock import now
from portal.employers.states import VettingStatus
from portal.interest.states import InterestStatus
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.offer_steps import EN, SV, sign_in
from tests.meeting_factories import make_interest
from tests.participant_factories import make_participant

WORDS = {
    "sv": {**SV, "to_meet": "Kandidater som vill träffa dig", "book": "Välj en tid för ett introduktionsmöte",
           "choose": "Välj en tid", "to_answer": "Intresseanmälningar att besvara (1)",
           "vetting": "1 arbetsgivare väntar på granskning", "queue": "Arbetsgivare"},
    "en": {**EN, "to_meet": "Candidates who want to meet you", "book": "Choose a time for an introduction",
           "choose": "Choose a time", "to_answer": "Interest to answer (1)",
           "vetting": "1 employer waits for vetting", "queue": "Employer organisations"},
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_employer_books_a_meeting_from_the_home_page(app, db, page, language):
    w = WORDS[language]
    employer = factories.make_user(role=Role.EMPLOYER, email="eva@kafe.se", preferred_language=language)
    make_interest(employer, participant=make_participant(name="Amina Yusuf"))
    db.session.commit()
    sign_in(page, "eva@kafe.se", w)
    expect(page.get_by_role("heading", name=w["to_meet"])).to_be_visible()
    expect(page.get_by_text("Amina", exact=False)).to_be_visible()
    expect(page.get_by_text("Yusuf")).to_have_count(0)
    check_axe(page)
    page.get_by_role("link", name=w["book"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(w["choose"])
    check_axe(page)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_consultant_answers_an_interest_from_the_home_page(app, db, browser, browser_context_args, language, javascript):
    w = WORDS[language]
    consultant = factories.make_user(role=Role.CONSULTANT, email="ahmed@kommun.se", preferred_language=language)
    interest = make_interest(consultant=consultant, status=InterestStatus.OPEN, consent=False,
                             participant=make_participant(consultant, name="Bo Berg"))
    db.session.commit()
    context = browser.new_context(**browser_context_args, java_script_enabled=javascript)
    page = context.new_page()
    sign_in(page, "ahmed@kommun.se", w)
    expect(page.get_by_role("heading", name=w["to_answer"])).to_be_visible()
    if javascript:
        check_axe(page)
    page.get_by_role("link", name=f"{interest.organisation.name}").filter(has_text="Bo Berg").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bo Berg")
    expect(page).to_have_url(f"{browser_context_args['base_url']}/interest/{interest.id}")
    if javascript:
        check_axe(page)
    context.close()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_coordinator_opens_the_vetting_queue_from_the_home_page(app, db, page, language):
    w = WORDS[language]
    factories.make_user(role=Role.COORDINATOR, email="karin@kommun.se", preferred_language=language)
    factories.make_organisation(name="Nya Bageriet AB", status=VettingStatus.PENDING, pending_since=now())
    db.session.commit()
    sign_in(page, "karin@kommun.se", w)
    check_axe(page)
    page.get_by_role("link", name=w["vetting"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(w["queue"])
    expect(page.get_by_text("Nya Bageriet AB")).to_be_visible()
    check_axe(page)
