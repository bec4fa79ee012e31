"""An employer books an introduction from the consultant's free times (after one mistake); the consultant confirms it."""

from __future__ import annotations

from datetime import time

from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.outbox.delivery import send_due
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.menu_steps import follow_menu_link
from tests.browser.sign_in_steps import type_code_from_the_app
from tests.meeting_factories import make_interest


def sign_in(page, email: str) -> None:
    page.goto("/sign-in")
    check_axe(page)
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(factories.DEFAULT_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    type_code_from_the_app(page, email)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen")
    check_axe(page)


def sign_out(page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    # Wait until the sign-out has landed, so it cannot overtake the next sign-in.
    expect(page.get_by_role("status")).to_contain_text("Du har loggat ut")


def test_employer_books_an_introduction_and_the_consultant_confirms_it(page, db, mailbox):
    consultant = factories.make_user(role=Role.CONSULTANT, name="Ahmed Hassan", email="ahmed@kommun.se")
    employer = factories.make_user(role=Role.EMPLOYER, name="Eva Berg", email="eva@solrosen.se")
    for weekday in range(5):
        factories.make_window(consultant, weekday=weekday, start_time=time(9), end_time=time(12))
    make_interest(employer, consultant)
    db.session.commit()

    sign_in(page, "eva@solrosen.se")
    follow_menu_link(page, "Möten")
    expect(page.get_by_role("heading", level=1)).to_have_text("Möten")
    check_axe(page)
    page.get_by_role("link", name="Välj en tid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Välj en tid")
    check_axe(page)

    # A mistake first: no time chosen. The summary says so and what was typed is kept.
    page.get_by_label("Per telefon").check()
    page.get_by_label("Mer information (frivilligt)").fill("Ring 070-111 22 33")
    page.get_by_role("button", name="Be om den här tiden").click()
    expect(page.get_by_role("alert")).to_contain_text("Välj en tid")
    expect(page).to_have_title("Fel: Välj en tid – Brygga")
    expect(page.get_by_label("Per telefon")).to_be_checked()
    expect(page.get_by_label("Mer information (frivilligt)")).to_have_value("Ring 070-111 22 33")
    check_axe(page)

    page.locator("input[name=slot]").first.check()
    page.get_by_role("button", name="Be om den här tiden").click()
    expect(page.get_by_text("Din förfrågan är skickad. Konsulenten bekräftar tiden.")).to_be_visible()
    expect(page.get_by_text("Förfrågan skickad, väntar på konsulenten")).to_be_visible()
    check_axe(page)
    sign_out(page)

    sign_in(page, "ahmed@kommun.se")
    follow_menu_link(page, "Möten")
    check_axe(page)
    page.get_by_role("link", name="Introduktionsmöte: Diskare i restaurangkök").first.click()
    check_axe(page)
    page.get_by_role("button", name="Bekräfta tiden").click()
    expect(page.get_by_text("Mötet är bekräftat. Alla får en kalenderinbjudan.")).to_be_visible()
    check_axe(page)

    send_due()
    invited = sorted(m["To"] for m in mailbox.messages if m["Subject"].startswith("Inbjudan"))
    assert invited == sorted(["ahmed@kommun.se", "eva@solrosen.se", "handledare@example.se"])
