"""The coordinator's figures page and its exports: read from the records, suppressed, audited, read back."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import openpyxl
import pytest
from flask_babel import force_locale
from sqlalchemy import event, select, update

from portal.accounts.models import Role
from portal.audit.models import AuditEvent
from portal.extensions import db as _db
from portal.meetings.states import MeetingStatus
from portal.offers.states import OfferStatus
from portal.participants.models import Gender
from portal.reports import exports
from portal.reports.figures import CountTable, Figures, Median
from portal.reports.periods import parse_period
from portal.reports.queries import load_facts
from portal.reports.services import export_words
from portal.review.models import Review
from tests.factories import make_user
from tests.meeting_factories import make_meeting, make_placement
from tests.offer_factories import make_offer
from tests.participant_factories import make_participant

NOW = datetime(2030, 2, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def records(db, clock):
    """Seven women and two men started placements in Q1 2030 on one live offer (industry I)."""
    employer = make_user(role=Role.EMPLOYER)
    consultant = make_user(role=Role.CONSULTANT)
    offer = make_offer(employer, status=OfferStatus.LIVE, places=12, start_date=date(2030, 1, 7))
    # Approved on 1 December 2029 (the columns' defaults read the real clock).
    db.session.execute(update(Review).where(Review.offer_id == offer.id).values(decided_at=datetime(2029, 12, 1, 9, tzinfo=UTC)))
    clock.set(NOW)
    people = [(Gender.WOMAN, f"Kvinna {n}") for n in range(7)] + [(Gender.MAN, f"Man {n}") for n in range(2)]
    placements = [
        make_placement(employer, consultant, offer=offer, start_date=date(2030, 1, 7), end_date=date(2030, 3, 29),
                       participant=make_participant(consultant=consultant, gender=gender, name=name))
        for gender, name in people
    ]
    make_meeting(placement=placements[0], starts_at=datetime(2030, 1, 20, 9, tzinfo=UTC), status=MeetingStatus.CONFIRMED)
    db.session.commit()
    return placements


def _started_rows(rows: list[list[str]]) -> list[list[str]]:
    start = rows.index(["Placements started, by industry and gender"])
    end = rows.index([], start)
    return rows[start + 1:end]


def test_the_records_become_facts_in_a_fixed_number_of_queries(app, db, records):
    statements: list[str] = []

    def listener(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(_db.engine, "before_cursor_execute", listener)
    try:
        facts = load_facts(date(2030, 2, 20))
    finally:
        event.remove(_db.engine, "before_cursor_execute", listener)
    assert len(statements) == 7
    assert len(facts.placements) == 9 and len(facts.offers) == 1
    assert facts.offers[0].approved_on == date(2029, 12, 1) and facts.offers[0].places == 12
    assert facts.placements[0].follow_ups_held == (date(2030, 1, 20),)


def test_the_coordinator_sees_the_quarter_with_small_counts_hidden_and_nobody_named(client, login_as, records):
    login_as("coordinator", preferred_language="en")
    page = client.get("/dashboard/figures?period=2030-Q1").get_data(as_text=True)

    assert "Placements started, by industry and gender" in page
    assert "<svg" in page and 'role="img"' in page
    assert '<th scope="row">I Hotels and restaurants</th>' in page or "I " in page
    assert "fewer than 5" in page and ">hidden<" in page
    assert "Kvinna" not in page and "Man 0" not in page
    assert 'href="/dashboard/figures/export.csv?period=2030-Q1"' in page
    # Without a period: this quarter, chosen in the list.
    assert '<option value="2030-Q1" selected>' in client.get("/dashboard/figures").get_data(as_text=True)


def test_htmx_gets_only_the_figures_and_a_wrong_period_is_answered_beside_the_field(client, login_as, records):
    login_as("coordinator", preferred_language="en")
    fragment = client.get("/dashboard/figures?period=2030-01", headers={"HX-Request": "true"})
    body = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and body.lstrip().startswith('<div id="figures">') and "<html" not in body

    wrong = client.get("/dashboard/figures?period=2030-13")
    assert wrong.status_code == 422
    assert 'id="period-error"' in wrong.get_data(as_text=True)
    assert client.get("/dashboard/figures/export.csv?period=nonsense").status_code == 404


def test_the_csv_export_reads_back_with_the_same_suppression_and_is_audited(client, db, login_as, records):
    coordinator = login_as("coordinator", preferred_language="en")
    response = client.get("/dashboard/figures/export.csv?period=2030-Q1")

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'attachment; filename="brygga-figures-2030-Q1.csv"' == response.headers["Content-Disposition"]
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    started = _started_rows(rows)
    assert started[0] == ["Industry", "Woman", "Man", "Other", "Prefers not to say", "Total"]
    industry = started[1]
    assert industry[0].startswith("I ")
    assert industry[2] == "fewer than 5"  # two men
    assert industry[1] == "hidden"  # seven women: with the total it would give the two away
    assert industry[5] == "9" and started[-1][-1] == "9"
    assert not any(name in raw.decode("utf-8-sig") for name in ("Kvinna", "Man 0"))

    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "figures.exported")).one()
    assert event.actor_id == coordinator.id
    assert event.detail == {"period": "2030-Q1", "format": "csv"}


def test_the_xlsx_export_reads_back_with_the_same_suppression_and_is_audited(client, db, login_as, records):
    login_as("coordinator", preferred_language="sv")
    response = client.get("/dashboard/figures/export.xlsx?period=2030-Q1")

    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
    rows = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    rows = [row[: max((i + 1 for i, v in enumerate(row) if v != ""), default=0)] for row in rows]
    start = rows.index(["Påbörjade placeringar, per bransch och kön"])
    industry = rows[start + 2]
    assert industry[2] == "färre än 5" and industry[1] == "dolt" and industry[5] == 9
    assert db.session.scalars(select(AuditEvent).where(AuditEvent.action == "figures.exported")).one().detail["format"] == "xlsx"


@pytest.fixture
def hostile_figures(app):
    with app.test_request_context(), force_locale("en"):
        table = CountTable(
            key="hostile", title="=HYPERLINK(\"http://example.invalid\")", row_heading="+row",
            rows=(("a", "-1+2"), ("b", "@SUM(A1)"), ("c", "\tTab"), ("d", "\rReturn"), ("e", "Plain")),
            columns=(("x", "=cmd|' /C calc'!A0"),),
            counts=((7,), (3,), (0,), (12,), (9,)),
        )
        figures = Figures(parse_period("2030-Q1"), (table,), (Median("m", "-median", 3, None),))
        yield figures, export_words()


def test_every_cell_that_a_spreadsheet_would_run_is_neutralised_in_both_files(hostile_figures):
    figures, words = hostile_figures
    rows = list(csv.reader(io.StringIO(exports.to_csv(figures, words).decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(figures, words))).active
    cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]

    # OOXML writes a carriage return as _x000D_, which openpyxl leaves as it is.
    for texts in ([cell for row in rows for cell in row], [str(cell).replace("_x000D_", "\r") for cell in cells]):
        assert "'=HYPERLINK(\"http://example.invalid\")" in texts
        assert "'+row" in texts and "'-1+2" in texts and "'@SUM(A1)" in texts
        assert "'\tTab" in texts and "'\rReturn" in texts and "'=cmd|' /C calc'!A0" in texts and "'-median" in texts
        assert "Plain" in texts
        assert not any(text.startswith(exports.FORMULA_STARTS) for text in texts)
    # The XLSX keeps every text as text: no formula, and the counts as numbers.
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert 12 in cells and "fewer than 5" in cells


def test_the_coordinators_home_and_menu_lead_to_the_figures_and_nobody_else_sees_them(client, login_as):
    login_as("coordinator", preferred_language="en")
    home = client.get("/dashboard").get_data(as_text=True)
    assert 'href="/dashboard/figures">Figures for a month, a quarter or a year</a>' in home
    assert '<a class="menu-link" href="/dashboard/figures" >Figures</a>' in home
    for role in ("consultant", "employer"):
        login_as(role, preferred_language="en")
        assert "/dashboard/figures" not in client.get("/dashboard").get_data(as_text=True)
