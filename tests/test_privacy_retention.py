"""The retention job: what is past its period is erased or de-identified, what is not stays, a second run does nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from portal.accounts.models import Invitation, PasswordReset, Role, User
from portal.audit.models import AuditEvent, AuditParticipant
from portal.audit.services import record_event
from portal.clock import now
from portal.employers.models import EmailConfirmation, JoinRequest, Organisation
from portal.employers.states import VettingStatus
from portal.followups.models import FollowUpRecord
from portal.interest.models import Interest
from portal.interest.states import InterestStatus
from portal.meetings.models import CalendarFeedLink, Meeting, MeetingProposal
from portal.meetings.states import MeetingStatus
from portal.outbox.models import OutboxMessage
from portal.participants.models import Participant
from portal.participants.states import Outcome, ParticipantStatus
from portal.placements.states import PlacementStatus
from portal.privacy import retention
from portal.privacy.enforcement import KINDS, enforce_retention
from tests import factories
from tests.conftest import BACKEND
from tests.meeting_factories import make_interest, make_meeting, make_placement
from tests.participant_factories import make_participant

LONG_AGO = timedelta(days=4 * 365)
LATELY = timedelta(days=3)


def _counts(results) -> dict[str, int]:
    return {result.kind.key: result.count for result in results if result.count}


def _run_twice(db) -> dict[str, int]:
    """Run the job; check that a second run handles nothing; return the first run's counts."""
    first = _counts(enforce_retention())
    assert _counts(enforce_retention()) == {}
    return first


def _count(db, model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_the_defaults_in_the_config_are_those_of_the_table(app, monkeypatch):
    from pathlib import Path

    from portal.config import load_config

    for period in retention.PERIODS:
        monkeypatch.delenv(period.setting, raising=False)
    config = load_config(Path(app.instance_path))
    assert {p.config_key: p.default for p in retention.PERIODS} == {p.config_key: config[p.config_key] for p in retention.PERIODS}
    monkeypatch.setenv("BRYGGA_RETAIN_OUTBOX_DAYS", "7")
    assert load_config(Path(app.instance_path))["RETAIN_OUTBOX_DAYS"] == 7


def test_a_period_under_one_stops_the_app_at_start(app, monkeypatch):
    from pathlib import Path

    from portal.config import ConfigurationError, load_config

    monkeypatch.setenv("BRYGGA_RETAIN_PARTICIPANT_MONTHS", "0")
    with pytest.raises(ConfigurationError, match="BRYGGA_RETAIN_PARTICIPANT_MONTHS must be at least 1"):
        load_config(Path(app.instance_path))


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert retention.months_before(datetime(2026, 12, 8, 1, tzinfo=UTC), 24) == datetime(2024, 12, 8, 1, tzinfo=UTC)
    assert retention.months_before(datetime(2026, 3, 31, tzinfo=UTC), 1) == datetime(2026, 2, 28, tzinfo=UTC)
    assert retention.months_before(datetime(2026, 1, 15, tzinfo=UTC), 13) == datetime(2024, 12, 15, tzinfo=UTC)


def test_closed_interest_past_its_period_is_deleted_and_agreed_or_recent_interest_stays(db):
    old = now() - timedelta(days=200)
    declined = make_interest(status=InterestStatus.DECLINED, consent=False, answered_at=old)
    lapsed_without_answer = make_interest(status=InterestStatus.LAPSED, consent=False, created_at=old)
    recent = make_interest(status=InterestStatus.DECLINED, consent=False, answered_at=now() - timedelta(days=100))
    agreed = make_interest(status=InterestStatus.AGREED, answered_at=old)
    db.session.commit()
    gone = {declined.id, lapsed_without_answer.id}
    kept = {recent.id, agreed.id}

    assert _run_twice(db) == {"closed_interest": 2}
    left = set(db.session.scalars(select(Interest.id)))
    assert left == kept and not left & gone


def test_meetings_that_did_not_take_place_are_deleted_and_held_ones_lose_their_details(db):
    placement = make_placement()
    old = now() - timedelta(days=400)
    cancelled = make_meeting(placement=placement, status=MeetingStatus.CANCELLED, starts_at=old, updated_at=old,
                             last_reason="Sjuk")
    db.session.add(MeetingProposal(meeting_id=cancelled.id, starts_at=old, ends_at=old + timedelta(hours=1)))
    held = make_meeting(placement=placement, status=MeetingStatus.CONFIRMED, starts_at=old,
                        location_details="Storgatan 1, fråga efter Lena", last_reason="Flyttad: semester")
    recent_cancelled = make_meeting(placement=placement, status=MeetingStatus.CANCELLED, starts_at=now() - LATELY,
                                    updated_at=now() - LATELY)
    recent_held = make_meeting(placement=placement, status=MeetingStatus.CONFIRMED, starts_at=now() - LATELY,
                               location_details="Storgatan 1")
    db.session.commit()
    cancelled_id = cancelled.id

    assert _run_twice(db) == {"meetings_not_held": 1, "meeting_details": 1}
    assert db.session.get(Meeting, cancelled_id) is None
    assert _count(db, MeetingProposal) == 0
    db.session.expire_all()
    assert (held.location_details, held.last_reason) == ("", "")
    assert recent_cancelled.status == MeetingStatus.CANCELLED
    assert recent_held.location_details == "Storgatan 1"


def _record(meeting, placement) -> FollowUpRecord:
    from portal.extensions import db

    record = FollowUpRecord(
        meeting_id=meeting.id, placement_id=placement.id, goes_well="Diskar snabbt", to_adjust="Pauser",
        next_step="Fler pass", participant_view="Jag trivs men är trött", supervisor_comment="Bra jobbat",
        recorded_by_id=placement.consultant_id,
    )
    db.session.add(record)
    db.session.flush()
    return record


def test_follow_up_text_is_emptied_a_period_after_the_placement_ended(db):
    ended_long_ago = make_placement(status=PlacementStatus.ENDED, end_date=date.today() - timedelta(days=500))
    ended_lately = make_placement(status=PlacementStatus.ENDED, end_date=date.today() - timedelta(days=30))
    running = make_placement(status=PlacementStatus.ACTIVE, end_date=date.today() - timedelta(days=500))
    old = _record(make_meeting(placement=ended_long_ago, starts_at=now() - timedelta(days=600)), ended_long_ago)
    kept = [
        _record(make_meeting(placement=p, starts_at=now() - timedelta(days=60)), p) for p in (ended_lately, running)
    ]
    db.session.commit()

    counts = _run_twice(db)
    assert counts["follow_up_text"] == 1
    db.session.expire_all()
    assert (old.goes_well, old.to_adjust, old.next_step, old.participant_view, old.supervisor_comment) == ("",) * 5
    assert [record.participant_view for record in kept] == ["Jag trivs men är trött"] * 2


def test_sent_and_dead_mail_is_deleted_after_its_period_and_waiting_mail_stays(db):
    def message(**values) -> OutboxMessage:
        row = OutboxMessage(recipient="lena@example.se", locale="sv", subject="Hej", body_text="Text", body_html="<p>Text</p>",
                            template="t", **values)
        db.session.add(row)
        return row

    sent_old = message(sent_at=now() - timedelta(days=31))
    dead_old = message(dead_at=now() - timedelta(days=40))
    sent_lately = message(sent_at=now() - LATELY)
    waiting = message(created_at=now() - timedelta(days=90), due_at=now() - timedelta(days=90))
    db.session.commit()
    ids = (sent_old.id, dead_old.id, sent_lately.id, waiting.id)

    assert _run_twice(db) == {"outbox": 2}
    assert set(db.session.scalars(select(OutboxMessage.id))) == {ids[2], ids[3]}


def test_audit_rows_past_the_period_keep_the_event_and_lose_who_and_whom(db):
    consultant = factories.make_user(role=Role.CONSULTANT)
    participant = make_participant(consultant)
    old = record_event("participant.viewed", participant, actor=consultant, detail={"page": "record"})
    old.at = now() - LONG_AGO
    recent = record_event("participant.viewed", participant, actor=consultant, detail={"page": "record"})
    db.session.commit()

    assert _run_twice(db) == {"audit_detail": 1}
    db.session.expire_all()
    assert (old.action, old.subject_type) == ("participant.viewed", "participant")
    assert (old.actor_id, old.subject_id, old.detail) == (None, None, {})
    assert old.deidentified_at is not None
    assert (recent.actor_id, recent.subject_id, recent.detail) == (consultant.id, participant.id, {"page": "record"})
    links = set(db.session.scalars(select(AuditParticipant.audit_event_id)))
    assert old.id not in links and recent.id in links


def test_audit_rows_stay_append_only_outside_the_retention_job(db):
    from sqlalchemy import update

    event = record_event("participant.viewed", subject_type="participant", subject_id=1)
    db.session.commit()
    with pytest.raises(PermissionError):
        db.session.execute(update(AuditEvent).where(AuditEvent.id == event.id).values(detail={}))
    db.session.rollback()


def test_unconfirmed_registrations_past_the_period_are_deleted_with_their_registrant(db):
    from portal.accounts.tokens import hash_token

    old = now() - timedelta(days=31)
    stale = factories.make_organisation(status=VettingStatus.UNCONFIRMED, created_at=old)
    registrant = factories.make_user(role=Role.EMPLOYER, organisation=stale, active=False)
    db.session.add(EmailConfirmation(user_id=registrant.id, token_hash=hash_token("x"), expires_at=now() + timedelta(days=1)))
    fresh = factories.make_organisation(status=VettingStatus.UNCONFIRMED)
    factories.make_user(role=Role.EMPLOYER, organisation=fresh, active=False)
    approved_old = factories.make_organisation(status=VettingStatus.APPROVED, created_at=old)
    db.session.commit()
    registrant_id = registrant.id

    assert _run_twice(db) == {"unconfirmed_registrations": 1}
    assert set(db.session.scalars(select(Organisation.id))) == {fresh.id, approved_old.id}
    assert db.session.get(User, registrant_id) is None
    assert _count(db, EmailConfirmation) == 0


def test_spent_links_and_old_join_requests_are_deleted_and_usable_ones_stay(db):
    from portal.accounts.tokens import hash_token

    user = factories.make_user(role=Role.EMPLOYER)
    long_ago, lately = now() - timedelta(days=45), now() - LATELY

    def invitation(name, **values) -> Invitation:
        row = Invitation(email=f"{name}@example.se", name=name, role=Role.CONSULTANT, token_hash=hash_token(name), **values)
        db.session.add(row)
        return row

    used_long_ago = invitation("used", expires_at=long_ago + timedelta(days=7), used_at=long_ago)
    expired_long_ago = invitation("expired", expires_at=long_ago)
    expired_lately = invitation("lately", expires_at=lately)
    usable = invitation("usable", expires_at=now() + timedelta(days=3))
    db.session.add(PasswordReset(user_id=user.id, token_hash=hash_token("reset"), expires_at=long_ago, used_at=long_ago))
    db.session.add(JoinRequest(organisation_id=user.organisation_id, email="a@example.se", name="A", created_at=long_ago))
    db.session.add(JoinRequest(organisation_id=user.organisation_id, email="b@example.se", name="B", created_at=lately))
    db.session.add(CalendarFeedLink(user_id=user.id, token_hash=hash_token("feed"), revoked_at=long_ago))
    db.session.add(CalendarFeedLink(user_id=user.id, token_hash=hash_token("feed2")))
    db.session.commit()
    kept = {expired_lately.id, usable.id}
    gone = {used_long_ago.id, expired_long_ago.id}

    assert _run_twice(db) == {"invitations": 2, "password_resets": 1, "join_requests": 1, "calendar_links": 1}
    assert set(db.session.scalars(select(Invitation.id))) == kept
    assert not gone & kept
    assert list(db.session.scalars(select(JoinRequest.name))) == ["B"]
    assert _count(db, CalendarFeedLink) == 1


def _ended(consultant, name: str, ended_at: datetime) -> Participant:
    from portal.extensions import db

    participant = make_participant(consultant, name=name)
    participant.status, participant.outcome, participant.ended_at = ParticipantStatus.ENDED, Outcome.JOB, ended_at
    db.session.flush()
    return participant


def test_participants_ended_past_the_period_are_erased_and_the_others_stay(db):
    consultant = factories.make_user(role=Role.CONSULTANT)
    gone = _ended(consultant, "Layla Saleh", now() - timedelta(days=25 * 31))
    ended_lately = _ended(consultant, "Amina Yusuf", now() - timedelta(days=300))
    active = make_participant(consultant, name="Omar Ali")
    db.session.commit()
    gone_id = gone.id

    assert _run_twice(db) == {"participants": 1}
    names = set(db.session.scalars(select(Participant.name)))
    assert "Layla Saleh" not in names
    assert {"Amina Yusuf", "Omar Ali"} <= names
    assert db.session.get(Participant, ended_lately.id).status == ParticipantStatus.ENDED
    assert db.session.get(Participant, active.id) is not None
    assert gone_id not in set(db.session.scalars(select(Participant.id).where(Participant.status == ParticipantStatus.ENDED)))


def test_a_participant_who_ends_gets_the_time_the_period_counts_from(db):
    from portal.participants.services import change_status

    consultant = factories.make_user(role=Role.CONSULTANT)
    participant = make_participant(consultant)
    change_status(participant, ParticipantStatus.ENDED, actor=consultant, outcome=Outcome.STUDIES)
    assert participant.ended_at is not None and abs(participant.ended_at - now()) < timedelta(minutes=1)


def test_each_run_writes_one_audit_row_with_its_counts_and_a_dry_run_changes_nothing(db):
    message = OutboxMessage(recipient="lena@example.se", locale="sv", subject="Hej", body_text="x", body_html="x",
                            template="t", sent_at=now() - timedelta(days=60))
    db.session.add(message)
    db.session.commit()

    dry = enforce_retention(dry_run=True)
    assert _counts(dry) == {"outbox": 1}
    assert _count(db, OutboxMessage) == 1
    assert _count(db, AuditEvent, AuditEvent.action == "privacy.retention_enforced") == 0

    enforce_retention()
    enforce_retention()
    rows = list(db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "privacy.retention_enforced").order_by(AuditEvent.id)
    ))
    assert [row.detail["counts"]["outbox"] for row in rows] == [1, 0]
    assert set(rows[0].detail["counts"]) == {kind.key for kind in KINDS}


def test_many_rows_go_in_batches_each_reported(db):
    for n in range(7):
        db.session.add(OutboxMessage(recipient=f"p{n}@example.se", locale="sv", subject="Hej", body_text="x",
                                     body_html="x", template="t", sent_at=now() - timedelta(days=60)))
    db.session.commit()
    seen: list[tuple[str, int, int]] = []
    batches: list[int] = []

    enforce_retention(batch_size=3, progress=lambda kind, done, total: seen.append((kind.key, done, total)),
                      after_batch=lambda: batches.append(1))
    assert seen == [("outbox", 3, 7), ("outbox", 6, 7), ("outbox", 7, 7)]
    assert len(batches) == 3
    assert _count(db, OutboxMessage) == 0


def test_the_periods_are_read_from_the_settings(app, db):
    db.session.add(OutboxMessage(recipient="lena@example.se", locale="sv", subject="Hej", body_text="x", body_html="x",
                                 template="t", sent_at=now() - timedelta(days=10)))
    db.session.commit()
    assert _counts(enforce_retention(dry_run=True)) == {}
    app.config["RETAIN_OUTBOX_DAYS"] = 7
    try:
        assert _counts(enforce_retention(dry_run=True)) == {"outbox": 1}
    finally:
        app.config["RETAIN_OUTBOX_DAYS"] = retention.OUTBOX.default


def test_the_command_reports_each_kind_with_progress_and_a_second_run_says_nothing_was_due(app, db):
    for n in range(3):
        db.session.add(OutboxMessage(recipient=f"p{n}@example.se", locale="sv", subject="Hej", body_text="x",
                                     body_html="x", template="t", sent_at=now() - timedelta(days=60)))
    db.session.commit()
    runner = app.test_cli_runner()

    dry = runner.invoke(args=["privacy", "enforce", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Dry run: nothing was changed." in dry.output
    assert "sent or undeliverable e-mail (before " in dry.output and ": 3 due" in dry.output
    assert _count(db, OutboxMessage) == 3

    first = runner.invoke(args=["privacy", "enforce", "--batch-size", "2"])
    assert first.exit_code == 0, first.output
    assert "  sent or undeliverable e-mail: 2/3\n  sent or undeliverable e-mail: 3/3\n" in first.output
    assert ": 3 deleted" in first.output
    assert "Nothing was due" not in first.output
    db.session.expire_all()
    assert _count(db, OutboxMessage) == 0

    second = runner.invoke(args=["privacy", "enforce"])
    assert second.exit_code == 0, second.output
    assert "Nothing was due: nothing changed." in second.output
    assert not [line for line in second.output.splitlines() if line.startswith("  ")]  # no batch, no progress


def test_a_participant_under_a_hold_is_left_as_is_and_counted_as_held_back(app, db):
    from portal.interest.states import InterestStatus

    consultant = factories.make_user(role=Role.CONSULTANT)
    held = _ended(consultant, "Layla Saleh", now() - timedelta(days=25 * 31))
    # An employer still waits for an answer: erasure waits until the consultant answers.
    make_interest(consultant=consultant, participant=held, status=InterestStatus.OPEN, consent=False)
    db.session.commit()

    results = {result.kind.key: result for result in enforce_retention()}
    assert (results["participants"].count, results["participants"].held) == (0, 1)
    assert db.session.get(Participant, held.id).name == "Layla Saleh"
    output = app.test_cli_runner().invoke(args=["privacy", "enforce"]).output
    assert "ended participants (before " in output and ": 0 erased, 1 held back until a hold is over" in output


def test_spent_email_confirmations_and_stale_kept_forms_are_deleted(db):
    from portal.accounts.tokens import hash_token
    from portal.resume.models import FormResume

    user = factories.make_user(role=Role.EMPLOYER)
    db.session.add(EmailConfirmation(user_id=user.id, token_hash=hash_token("old"), expires_at=now() - timedelta(days=40)))
    db.session.add(EmailConfirmation(user_id=user.id, token_hash=hash_token("new"), expires_at=now() + timedelta(days=2)))
    db.session.add(FormResume(key_hash="a" * 64, cookie_hash="b" * 64, path="/offers/1/steps/workplace",
                              data={"title": ["Disk"]}, created_at=now() - timedelta(hours=13)))
    db.session.add(FormResume(key_hash="c" * 64, cookie_hash="d" * 64, path="/offers/1/steps/workplace",
                              data={"title": ["Disk"]}, created_at=now() - timedelta(hours=1)))
    db.session.commit()

    assert _run_twice(db) == {"email_confirmations": 1, "form_resume": 1}
    assert _count(db, EmailConfirmation) == 1 and _count(db, FormResume) == 1


def test_the_batch_size_must_be_at_least_one(app, db):
    result = app.test_cli_runner().invoke(args=["privacy", "enforce", "--batch-size", "0"])
    assert result.exit_code == 2 and "--batch-size" in result.output


@pytest.mark.skipif(BACKEND != "postgresql", reason="the query plan read is PostgreSQL's")
def test_the_audit_rows_due_are_found_through_their_index_on_postgresql(db):
    from sqlalchemy import text

    from portal.privacy.enforcement import KINDS

    kind = next(kind for kind in KINDS if kind.key == "audit_detail")
    for n in range(20):
        record_event("participant.viewed", subject_type="participant", subject_id=n)
    db.session.flush()
    query = select(func.count()).select_from(AuditEvent).where(kind.due(now()))
    compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
    # A small table might be read whole; without sequential scans the plan shows which index serves.
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    plan = "\n".join(row[0] for row in db.session.execute(text(f"EXPLAIN {compiled}")))
    assert "ix_audit_event_deidentified_at_at" in plan, plan
