"""A coordinator opens the figures, changes the period (with and without JavaScript) and exports
the quarter as CSV and XLSX, reading both files. Swedish and English, axe on every page."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
from flask_babel import force_locale
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.clock import today_in_stockholm
from portal.offers.states import OfferStatus
from portal.participants.models import Gender
from portal.reports.periods import current_quarter, month
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.menu_steps import follow_menu_link
from tests.browser.offer_steps import EN, SV, sign_in
from tests.meeting_factories import make_placement
from tests.offer_factories import make_offer
from tests.participant_factories import make_participant

WORDS = {
    "sv": {**SV, "menu": "Statistik", "show": "Visa", "period": "Period", "small": "färre än 5", "hidden": "dolt",
           "started": "Påbörjade placeringar, per bransch och kön"},
    "en": {**EN, "menu": "Figures", "show": "Show", "period": "Period", "small": "fewer than 5", "hidden": "hidden",
           "started": "Placements started, by industry and gender"},
}


def _records(db):
    """Seven women and two men started placements on the first day of this quarter, in restaurants."""
    employer = factories.make_user(role=Role.EMPLOYER)
    consultant = factories.make_user(role=Role.CONSULTANT)
    offer = make_offer(employer, status=OfferStatus.LIVE, places=12)
    first = current_quarter(today_in_stockholm()).first
    for n, gender in enumerate([Gender.WOMAN] * 7 + [Gender.MAN] * 2):
        make_placement(employer, consultant, offer=offer, start_date=first, end_date=first.replace(year=first.year + 1),
                       participant=make_participant(consultant=consultant, gender=gender, name=f"Person {n}"))
    db.session.commit()


def _started_row(rows: list[list], title: str) -> list:
    start = rows.index([title])
    return rows[start + 2]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_coordinator_changes_the_period_and_exports_the_quarter(app, db, browser, browser_context_args,
                                                                page_without_javascript, language):
    w = WORDS[language]
    factories.make_user(role=Role.COORDINATOR, email="karin@kommun.se", name="Karin Lindqvist", preferred_language=language)
    _records(db)
    quarter = current_quarter(today_in_stockholm())
    first_month = month(quarter.first.year, quarter.first.month)
    with app.test_request_context(), force_locale(language):
        month_label, quarter_label = first_month.label(), quarter.label()

    page = browser.new_context(**browser_context_args, accept_downloads=True).new_page()
    sign_in(page, "karin@kommun.se", w)
    follow_menu_link(page, w["menu"])
    expect(page.get_by_role("heading", level=1)).to_have_text(w["menu"])
    started = page.get_by_role("table", name=re.compile(re.escape(w["started"])))
    # The two men, and so the column of men's total too.
    expect(started.get_by_role("cell", name=w["small"])).to_have_count(2)
    page.screenshot(path=f"/tmp/h14-figures-{language}.png", full_page=True)
    expect(page.locator("svg.chart").first).to_be_visible()
    check_axe(page)

    # With JavaScript: choosing a month swaps the figures and the address follows.
    page.get_by_label(w["period"], exact=True).select_option(first_month.key)
    expect(page).to_have_url(re.compile(rf"/dashboard/figures\?period={first_month.key}$"))
    expect(page.get_by_role("heading", level=2).first).to_have_text(month_label)
    check_axe(page)
    # Back goes to the quarter again (htmx keeps no copy of the page: it is loaded anew).
    page.go_back()
    expect(page).to_have_url(re.compile(r"/dashboard/figures$"))
    expect(page.get_by_role("heading", level=2).first).to_have_text(quarter_label)
    page.wait_for_load_state("load")

    # The quarter, exported as both files and read back.
    page.goto(f"/dashboard/figures?period={quarter.key}")
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="CSV", exact=True).click()
    raw = Path(csv_download.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    row = _started_row(rows, w["started"])
    assert row[1:3] == [w["hidden"], w["small"]] and row[5] == "9"
    assert "Person" not in raw.decode("utf-8-sig")
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Excel (XLSX)", exact=True).click()
    sheet = openpyxl.load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes())).active
    cells = [[value for value in r if value is not None] for r in sheet.iter_rows(values_only=True)]
    row = _started_row(cells, w["started"])
    assert row[1:3] == [w["hidden"], w["small"]] and row[5] == 9

    # Without JavaScript: the same form, sent with its button, gives the same address.
    plain = page_without_javascript
    sign_in(plain, "karin@kommun.se", w)
    plain.goto("/dashboard/figures")
    plain.get_by_label(w["period"], exact=True).select_option(first_month.key)
    plain.get_by_role("button", name=w["show"], exact=True).click()
    expect(plain).to_have_url(re.compile(rf"/dashboard/figures\?period={first_month.key}$"))
    expect(plain.get_by_role("heading", level=2).first).to_have_text(month_label)
    check_axe(plain)
