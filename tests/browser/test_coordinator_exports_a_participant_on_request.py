"""A participant asks what Brygga holds about them: the coordinator opens the record, reads what the
export holds, downloads the PDF and the JSON file, and both hold the person's data and nobody
else's. Swedish and English, axe on every page."""

from __future__ import annotations

import json
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from portal.accounts.models import Role
from portal.clock import now
from portal.followups.services import record_follow_up
from portal.placements.certificate import TaskLevel
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.offer_steps import EN, SV, sign_in
from tests.meeting_factories import make_interest, make_meeting, make_placement
from tests.participant_factories import make_participant

WORDS = {
    "sv": {**SV, "export": "Ta ut allt som finns om personen (registerutdrag)", "heading": "Ta ut allt som finns om Amina Yusuf",
           "pdf": "Ladda ner PDF:en", "json": "Ladda ner JSON-filen", "pdf_title": "Allt Brygga har om Amina Yusuf",
           "log": "Vem som har sett eller ändrat uppgifterna"},
    "en": {**EN, "export": "Export everything held about the person", "heading": "Export everything held about Amina Yusuf",
           "pdf": "Download the PDF", "json": "Download the JSON file", "pdf_title": "Everything Brygga holds about Amina Yusuf",
           "log": "Who has seen or changed the record"},
}


def _download(page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return Path(info.value.path()).read_bytes()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_coordinator_exports_a_participant_on_request(app, db, browser, browser_context_args, language):
    w = WORDS[language]
    consultant = factories.make_user(role=Role.CONSULTANT, email="ahmed@kommun.se", name="Ahmed Hassan")
    factories.make_user(role=Role.COORDINATOR, email="karin@kommun.se", name="Karin Lindqvist", preferred_language=language)
    amina = make_participant(consultant, name="Amina Yusuf", notes="Vill börja på förmiddagar")
    make_participant(consultant, name="Bertil Qvist", notes="Bertils anteckning")
    make_interest(consultant=consultant, participant=amina)
    placement = make_placement(consultant=consultant, participant=amina)
    held = now().replace(microsecond=0) - timedelta(days=2)
    meeting = make_meeting(placement=placement, starts_at=held)
    record_follow_up(meeting, consultant, attended=["consultant", "participant"], goes_well="Kommer i tid", to_adjust="",
                     next_step="", participant_view="Jag trivs i köket", levels={placement.offer.tasks[0].id: TaskLevel.ON_OWN})
    db.session.commit()

    page = browser.new_context(**browser_context_args, accept_downloads=True).new_page()
    sign_in(page, "karin@kommun.se", w)
    page.goto(f"/participants/{amina.id}")
    page.get_by_role("link", name=w["export"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(w["heading"])
    check_axe(page)

    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(_download(page, w["pdf"]))).pages)
    assert w["pdf_title"] in text and w["log"] in text
    assert "Vill börja på förmiddagar" in text and "Jag trivs i köket" in text and "Ahmed Hassan" in text
    data = json.loads(_download(page, w["json"]))
    assert data["participant"]["name"] == "Amina Yusuf"
    assert data["follow_up_records"][0]["participant_view"] == "Jag trivs i köket"
    assert len(data["consents"]) == 1 and len(data["placements"]) == 1
    assert "participant.exported" in {row["action"] for row in data["audit"]}
    for trace in ("Bertil", "Qvist"):
        assert trace not in text and trace not in json.dumps(data, ensure_ascii=False)
