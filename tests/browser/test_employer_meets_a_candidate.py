"""An employer sees anonymised candidates and asks to meet one; the consultant records the person's
consent (forgetting how, first); the employer then sees who to meet: a first name and the consultant."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.matching.service import candidate_name
from tests.browser.candidate_steps import CONSULTANT, EMPLOYER, world
from tests.browser.conftest import check_axe
from tests.browser.offer_steps import sign_in

pytestmark = pytest.mark.browser


def test_employer_meets_a_candidate(app, db, browser, browser_context_args):
    offer, people = world(db)
    with app.test_request_context():
        pseudonym = candidate_name(offer.organisation_id, people[0].id)
    employer_page = browser.new_context(**browser_context_args).new_page()
    consultant_page = browser.new_context(**browser_context_args).new_page()

    # The employer sees cards with reasons and no names.
    page = employer_page
    sign_in(page, EMPLOYER)
    page.goto(f"/offers/{offer.id}")
    check_axe(page)
    page.get_by_role("link", name="Se kandidaterna").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kandidater till Diskare i restaurangkök")
    expect(page.locator("article.candidate")).to_have_count(len(people))
    html = page.content()
    for person in people:
        for part in person.name.split():
            assert part not in html
    check_axe(page)

    page.get_by_role("link", name=f"Vill träffa {pseudonym}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Träffa kandidat {pseudonym}")
    check_axe(page)
    page.get_by_label("Meddelande till arbetsmarknadskonsulenten (frivilligt)").fill("Vi kan ses en tisdag förmiddag.")
    page.get_by_role("button", name="Skicka förfrågan").click()
    expect(page.get_by_role("status")).to_contain_text(f"Arbetsmarknadskonsulenten har fått veta att ni vill träffa {pseudonym}")
    expect(page.locator(".interest-answers")).to_contain_text("väntar på svar från arbetsmarknadskonsulenten")
    check_axe(page)

    # The employer lists only the candidate they asked about: the list changes without a reload,
    # and the address keeps the choice (a bookmark or a reload shows the same list).
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Som du har bett att få träffa").check()
    expect(page.locator("article.candidate")).to_have_count(1)
    expect(page.locator("article.candidate")).to_contain_text(pseudonym)
    expect(page).to_have_url(f"/offers/{offer.id}/candidates?show=asked")
    assert page.evaluate("window.notReloaded") is True
    check_axe(page)
    page.reload()
    expect(page.get_by_label("Som du har bett att få träffa")).to_be_checked()
    expect(page.locator("article.candidate")).to_have_count(1)
    page.get_by_label("Alla kandidater").check()
    expect(page.locator("article.candidate")).to_have_count(len(people))

    # The consultant finds it in "Att göra" and forgets to say how the person agreed.
    page = consultant_page
    sign_in(page, CONSULTANT)
    page.get_by_role("link", name="Att göra", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Att göra")
    check_axe(page)
    page.get_by_role("link", name=f"{offer.organisation.name} vill träffa Hodan Warsame").click()
    expect(page.get_by_text("Vi kan ses en tisdag förmiddag.")).to_be_visible()
    check_axe(page)
    page.get_by_label("Vill träffa arbetsgivaren").check()
    page.get_by_label("Vad samtycket gäller").fill("Att träffa Kafé-ägaren en gång.")
    page.get_by_role("button", name="Spara svaret").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Det finns ett problem")
    expect(summary).to_contain_text("Välj hur deltagaren gav sitt samtycke")
    expect(page).to_have_title(f"Fel: {offer.organisation.name} vill träffa Hodan Warsame – Brygga")
    expect(page.get_by_label("Vill träffa arbetsgivaren")).to_be_checked()
    expect(page.get_by_label("Vad samtycket gäller")).to_have_value("Att träffa Kafé-ägaren en gång.")
    check_axe(page)

    summary.get_by_role("link", name="Välj hur deltagaren gav sitt samtycke").click()
    page.get_by_label("Per telefon").check()
    page.get_by_role("button", name="Spara svaret").click()
    expect(page.get_by_role("status")).to_contain_text("Svaret är sparat och arbetsgivaren har fått besked.")
    check_axe(page)
    page.get_by_role("link", name="Att göra", exact=True).click()
    expect(page.get_by_text("Hodan Warsame")).to_have_count(0)

    # The employer now sees who to meet: the first name, and how to reach the consultant.
    page = employer_page
    page.reload()
    answers = page.locator(".interest-answers")
    expect(answers).to_contain_text("vill träffa er")
    expect(answers).to_contain_text("Förnamn: Hodan.")
    expect(answers).to_contain_text("Kontakta arbetsmarknadskonsulenten Ahmed Hassan")
    expect(answers.get_by_role("link", name=CONSULTANT)).to_be_visible()
    assert "Warsame" not in page.content()
    check_axe(page)
