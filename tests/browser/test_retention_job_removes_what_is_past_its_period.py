"""The nightly retention job runs; the coordinator sees what is gone: a participant who ended more than
two years ago is no longer listed, an old audit row no longer says who or to whom, the run itself is
in the log, and the record of processing says how long each kind of data is kept. Swedish and
English, axe on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.audit.services import record_event
from portal.clock import now
from portal.participants.states import Outcome, ParticipantStatus
from portal.privacy.enforcement import enforce_retention
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.menu_steps import follow_menu_link
from tests.browser.offer_steps import EN, SV, sign_in
from tests.participant_factories import make_participant

WORDS = {
    "sv": {**SV, "log": "Loggkontroll", "action": "Händelse", "search": "Sök", "removed": "Borttaget efter gallringsfristen",
           "system": "Systemet", "record": "Registerförteckning", "kept": "24 månader (BRYGGA_RETAIN_PARTICIPANT_MONTHS)"},
    "en": {**EN, "log": "Audit log", "action": "Action", "search": "Search", "removed": "Removed after the retention period",
           "system": "The system", "record": "Record of processing", "kept": "24 months (BRYGGA_RETAIN_PARTICIPANT_MONTHS)"},
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_retention_job_runs_and_the_coordinator_sees_what_is_gone(app, db, browser, browser_context_args, language):
    w = WORDS[language]
    consultant = factories.make_user(role=Role.CONSULTANT, email="ahmed@kommun.se", name="Ahmed Hassan")
    factories.make_user(role=Role.COORDINATOR, email="karin@kommun.se", name="Karin Lindqvist", preferred_language=language)
    long_gone = make_participant(consultant, name="Layla Saleh")
    long_gone.status, long_gone.outcome = ParticipantStatus.ENDED, Outcome.JOB
    long_gone.ended_at = now() - timedelta(days=26 * 31)
    lately_ended = make_participant(consultant, name="Amina Yusuf")
    lately_ended.status, lately_ended.outcome, lately_ended.ended_at = ParticipantStatus.ENDED, Outcome.STUDIES, now() - timedelta(days=90)
    # The consultant read Amina's record four years ago: past the audit log's period.
    old_view = record_event("participant.viewed", lately_ended, actor=consultant, detail={"page": "record"})
    old_view.at = now() - timedelta(days=4 * 365)
    db.session.commit()

    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, "karin@kommun.se", w)
    page.goto("/participants?status=ended")
    expect(page.get_by_role("link", name="Layla Saleh")).to_be_visible()
    expect(page.get_by_role("link", name="Amina Yusuf")).to_be_visible()
    check_axe(page)

    # The nightly job (flask privacy enforce), with the clock where it is.
    enforce_retention()
    db.session.commit()

    page.goto("/participants?status=ended")
    expect(page.get_by_role("link", name="Amina Yusuf")).to_be_visible()
    expect(page.get_by_text("Layla Saleh")).to_have_count(0)

    follow_menu_link(page, w["log"])
    page.get_by_label(w["action"]).fill("participant.viewed")
    page.get_by_role("button", name=w["search"]).click()
    old_row = page.get_by_role("row").filter(has_text=w["removed"])
    expect(old_row).to_have_count(1)
    expect(old_row).not_to_contain_text("Ahmed Hassan")
    check_axe(page)

    page.get_by_label(w["action"]).fill("privacy.retention_enforced")
    page.get_by_role("button", name=w["search"]).click()
    run = page.get_by_role("row").filter(has_text="privacy.retention_enforced")
    expect(run).to_have_count(1)
    expect(run).to_contain_text(w["system"])

    page.get_by_role("link", name=w["record"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(w["record"])
    expect(page.get_by_text(w["kept"]).first).to_be_visible()
    expect(page.get_by_text("follow_up_record.participant_view")).to_be_visible()
    check_axe(page)
