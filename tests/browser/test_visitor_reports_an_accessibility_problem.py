"""A visitor opens the accessibility statement from the footer, reads how well Brygga complies and
what is not accessible, and reports a problem without signing in: first with a mistake, then
again; the message waits in the outbox for the coordinator. Swedish and English, and once
without JavaScript; axe on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.outbox.models import OutboxMessage
from tests.browser.conftest import check_axe

WORDS = {
    "sv": {
        "link": "Tillgänglighet",
        "heading": "Tillgänglighetsredogörelse för Brygga",
        "compliance": "delvis förenlig",
        "issue": "Tangentbord",
        "digg": "DIGG:s sida för att anmäla bristande tillgänglighet",
        "kind": "Rapportera en brist i tillgängligheten",
        "where": "Vilken sida eller vilket innehåll gäller det?",
        "message": "Beskriv bristen, eller vilket innehåll du behöver och i vilken form",
        "email": "Din e-postadress, för svaret",
        "send": "Skicka till sysselsättningskoordinatorn",
        "problem": "Det finns ett problem",
        "missing": "Beskriv bristen eller vad du behöver",
        "thanks": "Ditt meddelande har skickats till sysselsättningskoordinatorn",
    },
    "en": {
        "link": "Accessibility",
        "heading": "Accessibility statement for Brygga",
        "compliance": "partially compliant",
        "issue": "Keyboard",
        "digg": "DIGG's page for reporting a lack of accessibility",
        "kind": "Report a problem with accessibility",
        "where": "Which page or content is it about?",
        "message": "Describe the problem, or the content you need and in what form",
        "email": "Your e-mail address, for the answer",
        "send": "Send to the employment coordinator",
        "problem": "There is a problem",
        "missing": "Describe the problem or what you need",
        "thanks": "Your message has been sent to the employment coordinator",
    },
}


def report_a_problem(page, language: str) -> None:
    w = WORDS[language]
    page.goto("/")
    if language == "en":
        page.get_by_role("button", name="In English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("contentinfo").get_by_role("link", name=w["link"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(w["heading"])
    expect(page.get_by_text(w["compliance"])).to_be_visible()
    expect(page.get_by_role("heading", level=3, name=w["issue"])).to_be_visible()
    expect(page.get_by_role("link", name=w["digg"])).to_have_attribute("href", "https://www.digg.se/tdosanmalan")
    check_axe(page)

    # A first try without the description: the mistake beside the field, what was typed kept.
    page.get_by_label(w["kind"]).check()
    page.get_by_label(w["where"]).fill("/offers")
    page.get_by_label(w["email"]).fill("ruth@example.se")
    page.get_by_role("button", name=w["send"]).click()
    expect(page.get_by_role("heading", name=w["problem"])).to_be_visible()
    expect(page.locator(".form-group-error").get_by_text(w["missing"])).to_be_visible()
    expect(page.get_by_label(w["email"])).to_have_value("ruth@example.se")
    expect(page.get_by_label(w["kind"])).to_be_checked()
    check_axe(page)

    page.get_by_label(w["message"]).fill("The save button is not read by my screen reader.")
    page.get_by_role("button", name=w["send"]).click()
    expect(page.get_by_role("status")).to_contain_text(w["thanks"])
    expect(page.get_by_role("heading", level=1)).to_have_text(w["heading"])
    check_axe(page)


def the_coordinators_messages(db) -> list[OutboxMessage]:
    db.session.rollback()
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.template == "accessibility_report")))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_visitor_opens_the_statement_from_the_footer_and_reports_a_problem(app, db, page, language):
    report_a_problem(page, language)
    [message] = the_coordinators_messages(db)
    assert message.recipient == app.config["COORDINATOR_EMAIL"]
    assert "screen reader" in message.body_text and "screen reader" not in message.subject


def test_visitor_without_javascript_reports_a_problem(app, db, page_without_javascript):
    report_a_problem(page_without_javascript, "sv")
    [message] = the_coordinators_messages(db)
    assert message.recipient == app.config["COORDINATOR_EMAIL"]
