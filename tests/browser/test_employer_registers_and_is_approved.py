"""An employer registers the business, confirms the e-mail address, and is approved by the coordinator."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.extensions import limiter
from portal.outbox.delivery import send_due
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.sign_in_steps import type_code_from_the_app

pytestmark = pytest.mark.browser

PASSWORD = factories.DEFAULT_PASSWORD


def _link_in(mailbox, recipient: str, live_url: str) -> str:
    [message] = mailbox.to(recipient)
    match = re.search(re.escape(live_url) + r"/\S+", mailbox.text_of(message))
    assert match, mailbox.text_of(message)
    return match.group(0)


def test_employer_registers_confirms_and_is_approved(page, browser, browser_context_args, live_server, db, mailbox):
    if limiter.enabled:  # another test's create_app() can switch the shared limiter on
        limiter.reset()
    factories.make_user(role=Role.COORDINATOR, email="karin@kommun.se", name="Karin Lindqvist")
    db.session.commit()

    # The start page, from the home page.
    page.goto("/")
    page.get_by_role("link", name="Erbjud en praktikplats").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erbjud en praktikplats")
    check_axe(page)

    page.get_by_role("link", name="Registrera er organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrera er organisation")
    check_axe(page)

    # One mistake first: a postcode with four digits.
    page.get_by_label("Organisationens namn").fill("Verkstan i Norrby AB")
    page.get_by_label("Företag", exact=True).check()
    page.get_by_label("Organisationsnummer").fill("556789-0123")
    page.get_by_label("Bransch").select_option("C")
    page.get_by_label("Gatuadress").fill("Storgatan 1")
    page.get_by_label("Postnummer").fill("1234")
    page.get_by_label("Ort").fill("Norrby")
    page.get_by_label("Ditt namn").fill("Maja Ek")
    page.get_by_label("Din e-postadress").fill("maja@verkstan.se")
    page.get_by_label("Ditt telefonnummer").fill("070-123 45 67")
    page.get_by_label("Välj ett lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Registrera").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Skriv postnumret med fem siffror")
    expect(page).to_have_title(re.compile(r"^Fel:"))
    expect(page.get_by_label("Organisationens namn")).to_have_value("Verkstan i Norrby AB")
    check_axe(page)

    page.get_by_label("Postnummer").fill("123 45")
    page.get_by_label("Välj ett lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Registrera").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Titta i din e-post")
    expect(page.get_by_text("maja@verkstan.se").first).to_be_visible()
    check_axe(page)

    # The link arrives at the SMTP server; opening it asks for one click to confirm.
    send_due()
    link = _link_in(mailbox, "maja@verkstan.se", live_server.url)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekräfta din e-postadress")
    check_axe(page)
    page.get_by_role("button", name="Bekräfta min e-postadress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")
    expect(page.get_by_text("din e-postadress är bekräftad")).to_be_visible()
    check_axe(page)

    page.get_by_label("E-postadress").fill("maja@verkstan.se")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Vi granskar er registrering")).to_be_visible()
    check_axe(page)

    # The coordinator was told, and approves from the queue.
    send_due()
    assert mailbox.to("karin@kommun.se"), "the coordinator was not told"
    context = browser.new_context(**browser_context_args)
    coordinator = context.new_page()
    coordinator.goto("/sign-in")
    coordinator.get_by_label("E-postadress").fill("karin@kommun.se")
    coordinator.get_by_label("Lösenord").fill(PASSWORD)
    coordinator.get_by_role("button", name="Logga in").click()
    type_code_from_the_app(coordinator, "karin@kommun.se")
    coordinator.get_by_role("link", name="Arbetsgivare", exact=True).click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Arbetsgivare")
    check_axe(coordinator)
    coordinator.get_by_role("link", name="Verkstan i Norrby AB").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Verkstan i Norrby AB")
    expect(coordinator.get_by_text("556789-0123")).to_be_visible()
    check_axe(coordinator)
    coordinator.get_by_role("button", name="Godkänn organisationen").click()
    expect(coordinator.get_by_text("Verkstan i Norrby AB är godkänd.")).to_be_visible()
    expect(coordinator.get_by_text("Inga organisationer väntar på granskning.")).to_be_visible()
    check_axe(coordinator)
    context.close()

    # The employer is told by e-mail and sees it on the overview.
    send_due()
    assert any("godkänd" in m["Subject"] for m in mailbox.to("maja@verkstan.se"))
    page.reload()
    expect(page.get_by_role("heading", name="Er organisation är godkänd")).to_be_visible()
    check_axe(page)
