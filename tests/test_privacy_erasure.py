"""Erasure on request (GDPR art. 17): the holds that make it wait, what it removes, what it keeps, and its page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.accounts.models import Role
from portal.audit.models import AuditEvent, AuditParticipant
from portal.audit.redaction import redacted_detail
from portal.audit.services import record_event
from portal.clock import now, today_in_stockholm
from portal.errors import FieldError
from portal.extensions import db as _db
from portal.followups.services import produce_certificate
from portal.interest.models import Interest
from portal.interest.states import InterestStatus
from portal.meetings.models import Meeting
from portal.meetings.states import MeetingStatus
from portal.offers.models import Offer
from portal.outbox.models import OutboxMessage
from portal.participants.models import Participant
from portal.placements.models import Placement
from portal.placements.states import PlacementStatus
from portal.privacy.erasure import ErasureRefused, erase_participant, erasure_holds
from tests.conftest import sign_in_client
from tests.factories import make_user
from tests.interest_factories import open_interest
from tests.meeting_factories import make_interest, make_meeting, make_placement
from tests.participant_factories import make_participant
from tests.privacy_factories import mark_all_mail_sent, person_with_everything

NAME = "Zaynab Okonkwo"


def _codes(participant) -> list[str]:
    return [hold.code for hold in erasure_holds(participant)]


# Holds


def test_a_participant_with_nothing_going_on_has_no_hold(db):
    assert _codes(make_participant()) == []


def test_a_running_placement_holds_the_erasure(db):
    planned = make_placement(status=PlacementStatus.PLANNED)
    active = make_placement(status=PlacementStatus.ACTIVE)
    assert _codes(planned.participant) == ["placement_running"]
    assert _codes(active.participant) == ["placement_running"]
    [hold] = erasure_holds(active.participant)
    assert active.organisation.name in hold.message


def test_an_ended_placement_holds_the_erasure_until_the_certificate_is_issued_or_a_month_has_passed(db):
    ended = today_in_stockholm() - timedelta(days=3)
    placement = make_placement(status=PlacementStatus.ENDED, start_date=ended - timedelta(days=60), end_date=ended)
    assert _codes(placement.participant) == ["certificate_due"]
    produce_certificate(placement, placement.consultant, "sv")
    assert _codes(placement.participant) == []

    long_ended = today_in_stockholm() - timedelta(days=31)
    old = make_placement(status=PlacementStatus.ENDED, start_date=long_ended - timedelta(days=60), end_date=long_ended)
    assert _codes(old.participant) == []


def test_an_open_interest_holds_the_erasure_until_it_is_answered(db):
    interest = open_interest()
    assert _codes(interest.participant) == ["interest_open"]
    interest.status = InterestStatus.DECLINED
    assert _codes(interest.participant) == []


@pytest.mark.parametrize("status", [MeetingStatus.REQUESTED, MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED])
def test_a_meeting_to_come_holds_the_erasure(db, status):
    interest = make_interest()
    starts_at = None if status == MeetingStatus.PROPOSED else now() + timedelta(days=2)
    make_meeting(interest=interest, status=status, starts_at=starts_at,
                 **({"ends_at": None} if starts_at is None else {}))
    assert _codes(interest.participant) == ["meeting_booked"]


def test_a_meeting_that_is_over_or_cancelled_holds_nothing(db):
    interest = make_interest()
    make_meeting(interest=interest, status=MeetingStatus.CONFIRMED, starts_at=now() - timedelta(days=2))
    make_meeting(interest=interest, status=MeetingStatus.CANCELLED, starts_at=now() + timedelta(days=2))
    assert _codes(interest.participant) == []


def test_erasure_is_refused_while_a_hold_applies_and_changes_nothing(db):
    placement = make_placement(status=PlacementStatus.ACTIVE)
    participant = placement.participant
    with pytest.raises(ErasureRefused) as refused:
        erase_participant(participant, reason="Begäran", actor=None)
    assert [h.code for h in refused.value.holds] == ["placement_running"]
    assert _db.session.get(Participant, participant.id) is not None
    assert _db.session.get(Placement, placement.id) is not None


def test_erasure_needs_a_reason(db):
    participant = make_participant()
    with pytest.raises(FieldError) as refused:
        erase_participant(participant, reason="  ", actor=None)
    assert refused.value.field == "reason"


# What erasure removes and keeps


def _count(model, *where) -> int:
    return _db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_erasure_removes_the_person_and_keeps_the_event_others_and_offers(db):
    person = person_with_everything(NAME)
    other = person_with_everything("Ingrid Marjatta", consultant=person.consultant, employer=person.employer,
                                   other_employer=person.other_employer)
    mark_all_mail_sent(but_last=2)
    pid, oid = person.participant.id, other.participant.id
    links_before = _count(AuditParticipant, AuditParticipant.participant_id == pid)
    other_counts = (_count(Interest, Interest.participant_id == oid), _count(Placement, Placement.participant_id == oid))
    outbox_before = _count(OutboxMessage)
    unsent_about_person = [m.id for m in _db.session.scalars(select(OutboxMessage).where(OutboxMessage.sent_at.is_(None)))]

    report = erase_participant(person.participant, reason=f"{NAME} ringde och bad om det", actor=person.consultant)

    assert _db.session.get(Participant, pid) is None
    assert _count(Interest, Interest.participant_id == pid) == _count(Placement, Placement.participant_id == pid) == 0
    assert _count(Meeting, Meeting.id.in_([person.introduction.id, person.follow_up.id])) == 0
    # Everyone else's, and the offers, stay.
    assert (_count(Interest, Interest.participant_id == oid), _count(Placement, Placement.participant_id == oid)) == other_counts
    assert _db.session.get(Offer, person.offer.id) is not None
    # Unsent mail about the person is not sent; sent mail keeps who and when, nothing else.
    assert _count(OutboxMessage) == outbox_before - report.deleted.get("outbox_message", 0)
    assert report.scrubbed["outbox_message"] > 0
    scrubbed = [m for m in _db.session.scalars(select(OutboxMessage)) if m.body_text == ""]
    assert scrubbed and all(m.recipient and m.sent_at and m.attachments == [] and NAME not in m.subject for m in scrubbed)
    assert all(_db.session.get(OutboxMessage, mid) is None or NAME.split()[0] not in _db.session.get(OutboxMessage, mid).body_text
               for mid in unsent_about_person)
    # The log keeps every row and link (by id), loses the reason that named the person, and gains one row.
    event = _db.session.get(AuditEvent, report.audit_event_id)
    assert (event.action, event.subject_type, event.subject_id, event.actor_id) == ("participant.erased", "participant", pid, person.consultant.id)
    assert event.detail["reason"] == "[raderat] ringde och bad om det"
    assert _count(AuditParticipant, AuditParticipant.participant_id == pid) == links_before + 1
    moved = _db.session.scalar(select(AuditEvent).where(AuditEvent.action == "meeting.moved", AuditEvent.subject_id == person.introduction.id))
    assert moved.detail == {"kind": "introduction", "redacted": True}


def test_the_reason_is_kept_to_its_maximum(db):
    participant = make_participant()
    report = erase_participant(participant, reason="x" * 600, actor=None)
    assert len(_db.session.get(AuditEvent, report.audit_event_id).detail["reason"]) == 500


def test_redaction_keeps_ids_and_codes_and_drops_free_text_and_names():
    detail = {"participant_ids": [3, 4], "from": "active", "to": "paused", "at": "2030-01-08T08:00:00+00:00",
              "reason": "sjuk", "note": "", "who": "Zaynab", "nested": {"text": "två ord", "page": "record"}}
    kept, changed = redacted_detail(detail, ["zaynab"])
    assert changed
    assert kept == {"participant_ids": [3, 4], "from": "active", "to": "paused", "at": "2030-01-08T08:00:00+00:00",
                    "note": "", "nested": {"page": "record"}, "redacted": True}
    assert redacted_detail({"page": "record"}, ["zaynab"]) == ({"page": "record"}, False)


def test_the_log_stays_append_only_for_everything_else(db):
    event = record_event("participant.viewed", subject_type="participant", subject_id=1, detail={"page": "record"})
    _db.session.flush()
    event.detail = {}
    with pytest.raises(PermissionError):
        _db.session.flush()
    _db.session.rollback()


# The page


def _coordinator_client(app, db):
    coordinator = make_user(role=Role.COORDINATOR)
    db.session.commit()
    client = app.test_client()
    sign_in_client(client, coordinator)
    return client, coordinator


def test_the_coordinator_finds_the_page_from_the_participant_and_the_consultant_does_not(app, db):
    participant = make_participant()
    client, _ = _coordinator_client(app, db)
    consultant = participant.consultant
    link = f"/participants/{participant.id}/erase"
    assert link in client.get(f"/participants/{participant.id}").get_data(as_text=True)
    own = app.test_client()
    sign_in_client(own, consultant)
    assert link not in own.get(f"/participants/{participant.id}").get_data(as_text=True)
    assert own.get(link).status_code == 403


def test_the_page_explains_the_hold_offers_no_button_and_refuses_a_post(app, db):
    placement = make_placement(status=PlacementStatus.ACTIVE)
    participant_id = placement.participant_id
    client, _ = _coordinator_client(app, db)
    page = client.get(f"/participants/{participant_id}/erase").get_data(as_text=True)
    assert "Uppgifterna kan inte raderas än" in page and placement.organisation.name in page
    assert 'name="reason"' not in page and "Radera uppgifterna</button>" not in page
    response = client.post(f"/participants/{participant_id}/erase", data={"reason": "Begäran", "confirm": "y"})
    assert response.status_code == 409
    assert _db.session.get(Participant, participant_id) is not None


def test_a_missing_reason_and_confirmation_are_shown_beside_the_fields_and_the_typed_text_kept(app, db):
    participant = make_participant()
    client, _ = _coordinator_client(app, db)
    response = client.post(f"/participants/{participant.id}/erase", data={"reason": "", "confirm": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Skriv varför uppgifterna raderas" in page and "Kryssa i rutan" in page
    too_long = client.post(f"/participants/{participant.id}/erase", data={"reason": "å" * 501, "confirm": "y"})
    assert too_long.status_code == 422 and "å" * 501 in too_long.get_data(as_text=True)
    assert _db.session.get(Participant, participant.id) is not None
    # Each refused page keeps its audit row (it showed the participant's name).
    assert _count(AuditEvent, AuditEvent.action == "participant.viewed", AuditEvent.subject_id == participant.id) == 2


def test_the_coordinator_erases_and_is_taken_to_the_participants(app, db):
    participant = make_participant(name=NAME)
    participant_id = participant.id
    client, coordinator = _coordinator_client(app, db)
    response = client.post(f"/participants/{participant_id}/erase", data={"reason": "Begäran per telefon 3/12", "confirm": "y"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/participants")
    assert "Deltagarens uppgifter är raderade" in client.get("/participants").get_data(as_text=True)
    _db.session.expire_all()
    assert _db.session.get(Participant, participant_id) is None
    erased = _db.session.scalar(select(AuditEvent).where(AuditEvent.action == "participant.erased"))
    assert erased.actor_id == coordinator.id and erased.detail["reason"] == "Begäran per telefon 3/12"


def test_a_table_added_later_with_a_participant_id_is_swept(db):
    # Such as what employers were shown of a candidate: no change to erasure is needed for it.
    from sqlalchemy import Column, Integer, Table, Text

    table = Table("later_participant_note", _db.metadata, Column("id", Integer, primary_key=True),
                  Column("participant_id", Integer), Column("note", Text))
    try:
        table.create(_db.session.connection())
        erased, kept = make_participant(), make_participant()
        _db.session.execute(table.insert(), [{"participant_id": erased.id, "note": "a"}, {"participant_id": kept.id, "note": "b"}])
        report = erase_participant(erased, reason="Begäran", actor=None)
        assert list(_db.session.execute(select(table.c.participant_id))) == [(kept.id,)]
        assert report.deleted["later_participant_note"] == 1
    finally:
        _db.session.rollback()
        table.drop(_db.engine, checkfirst=True)
        _db.metadata.remove(table)


def test_the_reason_loses_the_name_as_whole_words_only(db):
    participant = make_participant(name="Zaynab Lind")
    report = erase_participant(participant, reason="Zaynabs begäran, via Lindgrens AB; Zaynab Lind ringde", actor=None)
    assert _db.session.get(AuditEvent, report.audit_event_id).detail["reason"] == "[raderat] begäran, via Lindgrens AB; [raderat] ringde"


def test_the_log_still_answers_who_viewed_the_erased_participant_by_number(app, db):
    participant = make_participant(name=NAME)
    viewer = participant.consultant
    record_event("participant.viewed", participant, actor=viewer, detail={"page": "record"})
    participant_id = participant.id
    erase_participant(participant, reason="Begäran", actor=None)
    client, _ = _coordinator_client(app, db)
    response = client.get(f"/audit?participant_id={participant_id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "participant.viewed" in page and "participant.erased" in page and viewer.name in page
    assert NAME not in page


def test_what_employers_were_shown_of_the_person_goes_with_them(app, db):
    from portal.clock import today_in_stockholm
    from portal.matching import service as matching
    from portal.matching.models import CandidateDisclosure
    from tests.interest_factories import live_offer

    offer = live_offer()
    people = [make_participant() for _ in range(5)]
    with app.test_request_context():
        assert len(matching.candidates_for_offer(offer, today_in_stockholm(), remember=True)) == 5
    erase_participant(people[0], reason="Begäran", actor=None)
    left = {row.participant_id for row in _db.session.scalars(select(CandidateDisclosure))}
    assert left == {p.id for p in people[1:]}
