"""A person who has forgotten their password gets a link by e-mail and chooses a new one."""

from __future__ import annotations

from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.outbox.delivery import send_due
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.sign_in_steps import type_code_from_the_app
from tests.helpers import link_in


def test_person_resets_a_forgotten_password_and_signs_in(page, db, mailbox, live_server):
    factories.make_user(role=Role.CONSULTANT, name="Ahmed Hassan", email="ahmed@kommun.se")
    db.session.commit()

    page.goto("/sign-in")
    page.get_by_role("link", name="Glömt lösenordet?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Glömt lösenord")
    check_axe(page)

    page.get_by_label("E-postadress").fill("Ahmed@Kommun.se")
    page.get_by_role("button", name="Skicka länken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Titta i din e-post")
    check_axe(page)

    assert send_due() == (1, 0)
    (message,) = mailbox.to("ahmed@kommun.se")
    reset_path = link_in(mailbox.text_of(message), live_server.url)

    page.goto(reset_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Välj ett nytt lösenord")
    check_axe(page)

    # Too short and common: the rules explain themselves.
    page.get_by_label("Nytt lösenord").fill("sommar2026")
    page.get_by_label("Skriv det nya lösenordet igen").fill("sommar2026")
    page.get_by_role("button", name="Spara det nya lösenordet").click()
    expect(page.get_by_role("alert")).to_contain_text("Använd minst 12 tecken")
    expect(page.get_by_role("alert")).to_contain_text("för vanligt")
    check_axe(page)

    page.get_by_label("Nytt lösenord").fill("blå cykel under granen")
    page.get_by_label("Skriv det nya lösenordet igen").fill("blå cykel under granen")
    page.get_by_role("button", name="Spara det nya lösenordet").click()
    # A reset link gives a new password, not the second factor: the code is still asked for.
    expect(page.get_by_role("status")).to_contain_text("Ditt lösenord är bytt")
    type_code_from_the_app(page, "ahmed@kommun.se", axe=check_axe)
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen, Ahmed Hassan")

    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("status")).to_contain_text("Du har loggat ut")
    page.goto("/sign-in")
    page.get_by_label("E-postadress").fill("ahmed@kommun.se")
    page.get_by_label("Lösenord").fill("blå cykel under granen")
    page.get_by_role("button", name="Logga in").click()
    type_code_from_the_app(page, "ahmed@kommun.se")
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen, Ahmed Hassan")
