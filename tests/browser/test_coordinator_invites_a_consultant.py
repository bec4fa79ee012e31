"""A coordinator invites a consultant, who chooses a password from the e-mail and signs in."""

from __future__ import annotations

from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.outbox.delivery import send_due
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.sign_in_steps import (
    set_up_the_app_from_the_page,
    type_code_from_the_app,
)
from tests.helpers import link_in


def test_coordinator_invites_a_consultant_who_signs_in(page, db, mailbox, live_server):
    factories.make_user(role=Role.COORDINATOR, name="Karin Lindqvist", email="karin@kommun.se")
    db.session.commit()

    page.goto("/sign-in")
    check_axe(page)
    page.get_by_label("E-postadress").fill("karin@kommun.se")
    page.get_by_label("Lösenord").fill(factories.DEFAULT_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    type_code_from_the_app(page, "karin@kommun.se", axe=check_axe)
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen, Karin Lindqvist")
    check_axe(page)

    page.get_by_role("link", name="Personal", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Personal")
    check_axe(page)

    # A mistake first: the error summary links to the field and keeps what was typed.
    page.get_by_label("Namn").fill("Sara Ek")
    page.get_by_label("E-postadress").fill("sara.ek@kommun")
    page.get_by_role("button", name="Skicka inbjudan").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Det finns ett problem")
    expect(summary).to_contain_text("Välj en roll")
    expect(page.get_by_label("Namn")).to_have_value("Sara Ek")
    check_axe(page)

    page.get_by_label("E-postadress").fill("sara.ek@kommun.se")
    page.get_by_label("Arbetsmarknadskonsulent").check()
    page.get_by_role("button", name="Skicka inbjudan").click()
    expect(page.get_by_role("status")).to_contain_text("Inbjudan har skickats till sara.ek@kommun.se")
    check_axe(page)

    assert send_due() == (1, 0)
    (message,) = mailbox.to("sara.ek@kommun.se")
    assert message["Subject"] == "Du är inbjuden till Brygga"
    invitation_path = link_in(mailbox.text_of(message), live_server.url)

    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("status")).to_contain_text("Du har loggat ut")

    page.goto(invitation_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Skapa ditt konto")
    check_axe(page)
    page.get_by_label("Nytt lösenord").fill("fyra ord som ingen gissar")
    page.get_by_label("Skriv det nya lösenordet igen").fill("fyra ord som ingen gissar")
    page.get_by_role("button", name="Skapa kontot").click()
    # A new consultant sets up the second factor before anything else.
    set_up_the_app_from_the_page(page, axe=check_axe)
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen, Sara Ek")
    expect(page.get_by_text("Du är inloggad som arbetsmarknadskonsulent.")).to_be_visible()
    check_axe(page)

    # The link works only once.
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("status")).to_contain_text("Du har loggat ut")
    page.goto(invitation_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Länken fungerar inte")
    check_axe(page)
