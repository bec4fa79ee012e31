"""The consultant proposes times and the employer picks one; the meeting is moved and cancelled and the
invitations say so; a consultant records a follow-up and produces the placement certificate."""

from __future__ import annotations

from datetime import timedelta

import icalendar
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.clock import now, today_in_stockholm
from portal.outbox.delivery import send_due
from portal.workdays import add_working_days
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.menu_steps import follow_menu_link
from tests.browser.test_employer_books_an_introduction import sign_in, sign_out
from tests.meeting_factories import make_interest, make_meeting, make_placement


def _calendar(message):
    part = next(p for p in message.iter_attachments() if p.get_content_type() == "text/calendar")
    return part.get_param("method"), icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")[0]


def test_consultant_proposes_times_the_employer_picks_one_then_it_is_moved_and_cancelled(page, db, mailbox):
    consultant = factories.make_user(role=Role.CONSULTANT, name="Ahmed Hassan", email="ahmed@kommun.se")
    employer = factories.make_user(role=Role.EMPLOYER, name="Eva Berg", email="eva@solrosen.se")
    make_interest(employer, consultant)
    db.session.commit()
    first, second = add_working_days(today_in_stockholm(), 3), add_working_days(today_in_stockholm(), 4)

    sign_in(page, "ahmed@kommun.se")
    follow_menu_link(page, "Möten")
    check_axe(page)
    page.get_by_role("link", name="Föreslå tider").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Föreslå tider")
    check_axe(page)
    page.get_by_label("Datum, första tiden").fill(first.isoformat())
    page.get_by_label("Klockslag, första tiden").fill("10:00")
    page.get_by_label("Datum, andra tiden").fill(second.isoformat())
    page.get_by_label("Klockslag, andra tiden").fill("13:30")
    page.get_by_label("Via videolänk").check()
    page.get_by_label("Mer information (frivilligt)").fill("https://video.example.se/rum-4")
    page.get_by_role("button", name="Skicka tiderna").click()
    expect(page.get_by_text("Tiderna är skickade till arbetsgivaren.")).to_be_visible()
    check_axe(page)
    sign_out(page)

    sign_in(page, "eva@solrosen.se")
    follow_menu_link(page, "Möten")
    page.get_by_role("link", name="Introduktionsmöte: Diskare i restaurangkök").first.click()
    check_axe(page)
    page.get_by_label("13:30", exact=False).check()
    page.get_by_role("button", name="Boka den här tiden").click()
    expect(page.get_by_text("Mötet är bekräftat. Alla får en kalenderinbjudan.")).to_be_visible()
    check_axe(page)

    # The employer moves it, with a reason.
    page.get_by_role("link", name="Flytta mötet").click()
    check_axe(page)
    page.get_by_label("Anledning").fill("")
    page.get_by_role("button", name="Flytta mötet").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv en kort anledning")
    check_axe(page)
    page.get_by_label("Tid", exact=True).fill("14:30")
    page.get_by_label("Anledning").fill("Handledaren är på kurs")
    page.get_by_role("button", name="Flytta mötet").click()
    expect(page.get_by_text("Mötet är flyttat. Alla får en ny inbjudan.")).to_be_visible()
    check_axe(page)

    # Then cancels it.
    page.get_by_role("link", name="Ställ in mötet").click()
    check_axe(page)
    page.get_by_label("Anledning").fill("Platsen är tillsatt")
    page.get_by_role("button", name="Ställ in mötet").click()
    expect(page.get_by_text("Mötet är inställt. Alla har fått veta det.")).to_be_visible()
    check_axe(page)

    send_due()
    to_eva = [m for m in mailbox.messages if m["To"] == "eva@solrosen.se" and m.get_content_type() == "multipart/mixed"]
    methods = [(m["Subject"].split(":")[0], *_calendar(m)[:1], int(_calendar(m)[1]["SEQUENCE"])) for m in to_eva]
    assert methods == [("Inbjudan", "REQUEST", 0), ("Flyttat", "REQUEST", 1), ("Inställt", "CANCEL", 2)]
    assert len({str(_calendar(m)[1]["UID"]) for m in to_eva}) == 1
    assert "Handledaren är på kurs" in mailbox.text_of(to_eva[1])


def test_consultant_records_a_follow_up_and_produces_the_certificate(page, db):
    consultant = factories.make_user(role=Role.CONSULTANT, name="Ahmed Hassan", email="ahmed@kommun.se")
    employer = factories.make_user(role=Role.EMPLOYER, name="Eva Berg", email="eva@solrosen.se")
    placement = make_placement(employer, consultant, start_date=today_in_stockholm() - timedelta(weeks=4),
                               end_date=today_in_stockholm() + timedelta(weeks=4))
    meeting = make_meeting(placement=placement, starts_at=now().replace(microsecond=0) - timedelta(days=1))
    db.session.commit()

    sign_in(page, "ahmed@kommun.se")
    page.goto(f"/meetings/{meeting.id}")
    check_axe(page)
    page.get_by_role("link", name="Dokumentera uppföljningen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dokumentera uppföljningen")
    check_axe(page)

    # A mistake first: nobody ticked as taking part. What was typed is kept.
    page.get_by_label("Det här går bra").fill("Kommer i tid")
    page.get_by_label("Deltagarens egen bild").fill("Jag trivs")
    page.locator("input[name^=task_][value=on_own]").first.check()
    page.get_by_role("button", name="Spara dokumentationen").click()
    expect(page.get_by_role("alert")).to_contain_text("Välj vilka som var med")
    expect(page.get_by_label("Det här går bra")).to_have_value("Kommer i tid")
    expect(page.locator("input[name^=task_][value=on_own]").first).to_be_checked()
    check_axe(page)

    page.get_by_label("Konsulenten", exact=True).check()
    page.get_by_label("Deltagaren", exact=True).check()
    page.get_by_role("button", name="Spara dokumentationen").click()
    expect(page.get_by_text("Uppföljningen är dokumenterad.")).to_be_visible()
    check_axe(page)

    page.get_by_role("link", name="Alla uppföljningar för den här platsen").click()
    check_axe(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner praktikintyget (pdf, svenska)").click()
    assert download.value.suggested_filename == "praktikintyg.pdf"
