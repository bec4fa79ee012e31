"""Follow-up records (journey 7), the supervisor's view, what employers see, and the placement certificate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from portal.accounts.models import Role
from portal.audit.models import AuditEvent
from portal.errors import FieldError
from portal.followups import services
from portal.placements.certificate import TaskLevel
from tests.conftest import sign_in_client
from tests.factories import make_user
from tests.meeting_factories import make_meeting, make_placement

NOW = datetime(2030, 1, 7, 14, 0, tzinfo=UTC)
HELD = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)


@pytest.fixture
def afternoon(clock):
    clock.set(NOW)
    return clock


def _client(app, user):
    client = app.test_client()
    sign_in_client(client, user)
    return client


def _record(meeting, placement, levels):
    return services.record_follow_up(
        meeting, placement.consultant, attended=["consultant", "participant", "supervisor"],
        goes_well="Kommer i tid", to_adjust="Kortare pass", next_step="Prova kassan",
        participant_view="Jag trivs men är trött", levels=levels,
    )


def test_the_consultant_records_a_follow_up_with_a_level_per_task(db, afternoon):
    placement = make_placement()
    meeting = make_meeting(placement=placement, starts_at=HELD)
    first, second = placement.offer.tasks
    record = _record(meeting, placement, {first.id: TaskLevel.WITH_SUPPORT, second.id: None})
    assert [(a.offer_task_id, a.level) for a in record.assessments] == [(first.id, TaskLevel.WITH_SUPPORT)]
    assert record.assessments[0].assessed_on.isoformat() == "2030-01-07"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "follow_up.recorded"))
    assert "trött" not in str(event.detail)


def test_a_follow_up_cannot_be_recorded_before_it_has_taken_place(db, afternoon):
    placement = make_placement()
    meeting = make_meeting(placement=placement, starts_at=NOW + timedelta(days=1))
    with pytest.raises(FieldError):
        _record(meeting, placement, {})


def test_the_supervisor_adds_to_the_record_and_never_sees_the_participants_view(app, db, afternoon):
    placement = make_placement()
    meeting = make_meeting(placement=placement, starts_at=HELD)
    first = placement.offer.tasks[0]
    _record(meeting, placement, {first.id: TaskLevel.WITH_SUPPORT})
    supervisor = meeting.employer_contact
    db.session.commit()
    client = _client(app, supervisor)
    response = client.post(f"/follow-ups/meetings/{meeting.id}/supervisor", data={f"task_{first.id}": "partly_on_own", "comment": "Bra jobbat"})
    assert response.status_code == 303
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Bra jobbat" in page and "Kommer i tid" in page and "Delvis självständigt" in page
    assert "trött" not in page
    assert "trött" in _client(app, placement.consultant).get(f"/meetings/{meeting.id}").get_data(as_text=True)


def test_another_organisations_employer_cannot_see_or_add_to_the_record(app, db, afternoon):
    placement = make_placement()
    meeting = make_meeting(placement=placement, starts_at=HELD)
    stranger = make_user(role=Role.EMPLOYER)
    db.session.commit()
    client = _client(app, stranger)
    assert client.get(f"/meetings/{meeting.id}").status_code == 404
    assert client.get(f"/follow-ups/meetings/{meeting.id}/supervisor").status_code == 404
    assert client.get(f"/follow-ups/placements/{placement.id}").status_code == 404


def test_a_bad_record_gets_422_and_keeps_what_was_typed(app, db, afternoon):
    placement = make_placement()
    meeting = make_meeting(placement=placement, starts_at=HELD)
    db.session.commit()
    response = _client(app, placement.consultant).post(
        f"/follow-ups/meetings/{meeting.id}/record",
        data={"goes_well": "Kommer i tid", "participant_view": "Trivs", f"task_{placement.offer.tasks[0].id}": "on_own"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Välj vilka som var med" in html and "Kommer i tid" in html and "Trivs" in html
    assert 'checked class="choice-input"' in html


def test_the_best_level_and_the_date_it_was_first_reached(db, afternoon):
    placement = make_placement()
    first, second = placement.offer.tasks
    early = make_meeting(placement=placement, starts_at=HELD - timedelta(days=14))
    later = make_meeting(placement=placement, starts_at=HELD)
    _record(early, placement, {first.id: TaskLevel.ON_OWN, second.id: TaskLevel.WITH_SUPPORT})
    _record(later, placement, {first.id: TaskLevel.PARTLY_ON_OWN, second.id: TaskLevel.PARTLY_ON_OWN})
    best = {a.name: (a.level, a.reached_on.isoformat()) for a in services.best_achievements(placement)}
    assert best == {first.name: (TaskLevel.ON_OWN, "2029-12-24"), second.name: (TaskLevel.PARTLY_ON_OWN, "2030-01-07")}


def test_the_consultant_downloads_the_certificate_in_swedish_or_english_and_it_is_audited(app, db, afternoon):
    placement = make_placement()
    meeting = make_meeting(placement=placement, starts_at=HELD)
    _record(meeting, placement, {placement.offer.tasks[0].id: TaskLevel.ON_OWN})
    db.session.commit()
    client = _client(app, placement.consultant)
    swedish = client.get(f"/follow-ups/placements/{placement.id}/certificate.pdf")
    assert swedish.status_code == 200 and swedish.mimetype == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(swedish.data)).pages)
    assert "Praktikintyg" in text and "Amina Yusuf" in text and "Diska" in text and "Självständigt" in text
    english = client.get(f"/follow-ups/placements/{placement.id}/certificate.pdf?lang=en")
    assert "Placement certificate" in "".join(p.extract_text() for p in PdfReader(BytesIO(english.data)).pages)
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "placement.certificate_generated").order_by(AuditEvent.id)
    ).all()
    assert [e.detail["locale"] for e in events] == ["sv", "en"]


def test_employers_cannot_download_the_certificate(app, db, afternoon):
    placement = make_placement()
    meeting = make_meeting(placement=placement, starts_at=HELD)
    db.session.commit()
    assert _client(app, meeting.employer_contact).get(f"/follow-ups/placements/{placement.id}/certificate.pdf").status_code == 403
