"""A consultant publishes a weekly time, blocks a day, changes the meeting lengths and sees the preview."""

from __future__ import annotations

import re
from datetime import timedelta

from babel.dates import format_skeleton
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.clock import today_in_stockholm
from portal.workdays import add_working_days, is_working_day
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.menu_steps import follow_menu_link
from tests.browser.sign_in_steps import type_code_from_the_app


def _sign_in(page, email: str) -> None:
    page.goto("/sign-in")
    check_axe(page)
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(factories.DEFAULT_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    type_code_from_the_app(page, email, axe=check_axe)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen")


def _a_day_to_block():
    """A working day other than a Tuesday (the weekly time), after the one working day of notice."""
    day = add_working_days(today_in_stockholm(), 1)
    while day.weekday() == 1 or not is_working_day(day):
        day += timedelta(days=1)
    return day


def test_consultant_publishes_a_weekly_time_blocks_a_day_and_sees_the_preview(page, db):
    factories.make_user(role=Role.CONSULTANT, name="Ahmed Hassan", email="ahmed@kommun.se")
    db.session.commit()
    _sign_in(page, "ahmed@kommun.se")
    check_axe(page)

    follow_menu_link(page, "Mina tider")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina tider")
    expect(page.get_by_text("Du har inga tider varje vecka än.")).to_be_visible()
    check_axe(page)

    # A mistake first: the end is before the start. The summary says so and keeps what was typed.
    page.get_by_role("link", name="Lägg till en tid varje vecka").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lägg till en tid varje vecka")
    check_axe(page)
    page.get_by_label("Veckodag").select_option(label="Tisdag")
    page.get_by_label("Från", exact=True).fill("12:00")
    page.get_by_label("Till", exact=True).fill("09:00")
    page.get_by_role("button", name="Lägg till tiden").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Det finns ett problem")
    expect(summary.get_by_role("link", name="Sluttiden måste vara efter starttiden.")).to_be_visible()
    expect(page).to_have_title("Fel: Lägg till en tid varje vecka – Brygga")
    expect(page.get_by_label("Veckodag")).to_have_value("1")
    expect(page.get_by_label("Från", exact=True)).to_have_value("12:00")
    expect(page.get_by_label("Till", exact=True)).to_have_value("09:00")
    check_axe(page)

    page.get_by_label("Från", exact=True).fill("09:00")
    page.get_by_label("Till", exact=True).fill("12:00")
    page.get_by_role("button", name="Lägg till tiden").click()
    expect(page.get_by_role("status")).to_contain_text("Tiden varje vecka har lagts till.")
    weekly = page.get_by_role("table", name="Dina tider varje vecka")
    expect(weekly).to_contain_text("Tisdag")
    expect(weekly).to_contain_text("09:00–12:00")
    expect(page.get_by_role("heading", name="Möten på 60 minuter")).to_be_visible()
    check_axe(page)

    # Block a day in the coming two weeks; the preview says why it is skipped.
    blocked = _a_day_to_block()
    page.get_by_role("link", name="Blockera dagar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Blockera dagar")
    check_axe(page)
    page.get_by_label("Första dagen").fill(blocked.isoformat())
    page.get_by_label("Anteckning (frivilligt)").fill("Kurs i Umeå")
    page.get_by_role("button", name="Blockera dagarna").click()
    expect(page.get_by_role("status")).to_contain_text("Inga tider går att boka på de blockerade dagarna.")
    expect(page.get_by_role("table", name="Dina blockerade dagar")).to_contain_text("Kurs i Umeå")
    day_month = format_skeleton("MMMMd", blocked, locale="sv")
    expect(page.get_by_role("listitem").filter(has_text=f"{day_month} – blockerad av dig")).to_be_visible()
    check_axe(page)

    # Offer 30-minute meetings too.
    page.get_by_role("link", name="Ändra inställningar för bokning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inställningar för bokning")
    expect(page.get_by_label("60 minuter")).to_be_checked()
    check_axe(page)
    page.get_by_label("30 minuter").check()
    page.get_by_role("button", name="Spara inställningarna").click()
    expect(page.get_by_role("status")).to_contain_text("Dina inställningar för bokning har sparats.")
    expect(page.get_by_role("heading", name="Möten på 30 minuter")).to_be_visible()
    thirty = page.get_by_role("table", name="Lediga starttider för möten på 30 minuter")
    expect(thirty).to_contain_text("09:00, 09:30, 10:00, 10:30, 11:00, 11:30")
    sixty = page.get_by_role("table", name="Lediga starttider för möten på 60 minuter")
    expect(sixty).to_contain_text("09:00, 10:00, 11:00")
    check_axe(page)


def test_without_javascript_a_consultant_removes_a_time_after_confirming(page_without_javascript, db):
    page = page_without_javascript
    consultant = factories.make_user(role=Role.CONSULTANT, name="Maria Nilsson", email="maria@kommun.se")
    factories.make_window(consultant)
    db.session.commit()
    _sign_in(page, "maria@kommun.se")

    page.goto("/availability")
    weekly = page.get_by_role("table", name="Dina tider varje vecka")
    expect(weekly).to_contain_text("09:00–12:00")
    check_axe(page)

    weekly.get_by_role("link", name="Ta bort").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ta bort den här tiden?")
    expect(page.get_by_text("Varje tisdag, 09:00–12:00")).to_be_visible()
    check_axe(page)
    page.get_by_role("button", name="Ja, ta bort tiden").click()
    expect(page.get_by_role("status")).to_contain_text("Tiden har tagits bort.")
    expect(page.get_by_text("Du har inga tider varje vecka än.")).to_be_visible()
    check_axe(page)

    # The calendar link works without JavaScript too, and is shown once.
    follow_menu_link(page, "Kalenderlänk")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kalenderlänk")
    check_axe(page)
    page.get_by_role("button", name="Skapa en kalenderlänk").click()
    expect(page.get_by_label("Länk till din kalender")).to_have_value(re.compile(r"/calendar/.+\.ics$"))
    check_axe(page)
