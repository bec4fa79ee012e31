"""The home page says what needs each person now, in a fixed number of queries whatever the data size."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, select

from portal.accounts.models import Role
from portal.audit.models import AuditEvent
from portal.employers.states import VettingStatus
from portal.extensions import db as _db
from portal.interest.states import InterestStatus
from portal.meetings.states import MeetingStatus
from portal.offers.states import OfferStatus
from portal.outbox.models import OutboxMessage
from portal.participants.states import ParticipantStatus
from tests.conftest import sign_in_client
from tests.factories import make_organisation, make_user
from tests.meeting_factories import make_interest, make_meeting, make_placement
from tests.offer_factories import make_offer
from tests.participant_factories import make_participant

# A Tuesday morning: the factories' placements started 2029-12-03 with follow-ups every other
# week, so by now one is overdue; the factories' meetings start at 09:00 Stockholm time today.
TODAY = datetime(2030, 1, 8, 6, 0, tzinfo=UTC)


@pytest.fixture
def tuesday(clock):
    clock.set(TODAY)
    return clock


def _page(client) -> str:
    response = client.get("/dashboard")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _count_queries(client) -> int:
    statements: list[str] = []

    def listener(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(_db.engine, "before_cursor_execute", listener)
    try:
        assert client.get("/dashboard").status_code == 200
    finally:
        event.remove(_db.engine, "before_cursor_execute", listener)
    return len(statements)


# --- the employer -------------------------------------------------------------------------


def test_the_employer_sees_each_offer_with_what_it_waits_for(client, db, login_as, tuesday):
    employer = login_as("employer", preferred_language="en")
    draft = make_offer(employer, title="Diskare")
    sent_back = make_offer(employer, status=OfferStatus.CHANGES_REQUESTED, title="Lagerarbete")
    live = make_offer(employer, status=OfferStatus.LIVE, title="Kafébiträde")
    make_offer(employer, status=OfferStatus.CLOSED, title="Stängd uppgift")
    db.session.commit()
    page = _page(client)
    assert f'/offers/{draft.id}/check"' in page and "Check and send it for review" in page
    assert f'/offers/{sent_back.id}"' in page and "comments for you to answer" in page
    assert f'/offers/{live.id}/candidates"' in page
    assert "Stängd uppgift" not in page  # ended offers live on the offers page


def test_the_employer_sees_who_wants_to_meet_and_the_times_to_choose(client, db, login_as, tuesday):
    employer = login_as("employer", preferred_language="en")
    consultant = make_user(role=Role.CONSULTANT)
    with_consent = make_interest(employer, consultant, participant=make_participant(consultant=consultant, name="Amina Yusuf"))
    without_consent = make_interest(employer, consultant, consent=False,
                                    participant=make_participant(consultant=consultant, name="Layla Saleh"))
    booked = make_interest(employer, consultant, participant=make_participant(consultant=consultant, name="Omar Ali"))
    proposed = make_meeting(interest=booked, status=MeetingStatus.PROPOSED, starts_at=None, ends_at=None)
    later = make_meeting(interest=make_interest(employer, consultant), starts_at=TODAY + timedelta(days=2))
    db.session.commit()
    page = _page(client)
    assert "Amina" in page and "Yusuf" not in page
    assert "Layla" not in page and "Saleh" not in page  # no consent in force: the pseudonym only
    assert f"/introduction/{with_consent.id}/request" in page
    assert f"/introduction/{without_consent.id}/request" in page
    assert f"/meetings/{proposed.id}" in page and "choose one" in page
    assert f"/meetings/{later.id}" in page
    assert "Omar" in page and "Omar Ali" not in page  # consent in force: the first name, never the whole


def test_the_employer_is_told_whom_to_call(client, db, login_as, app, tuesday):
    login_as("employer", preferred_language="en")
    app.config["COORDINATOR_PHONE"] = "010-123 45 00"
    page = _page(client)
    assert 'href="tel:010-1234500"' in page


# --- the consultant -----------------------------------------------------------------------


def test_the_consultant_sees_interest_meetings_follow_ups_and_idle_participants(client, db, login_as, tuesday):
    consultant = login_as("consultant", preferred_language="en")
    employer = make_user(role=Role.EMPLOYER)
    waiting = make_interest(employer, consultant, status=InterestStatus.OPEN, consent=False,
                            participant=make_participant(consultant=consultant, name="Bo Berg"),
                            created_at=TODAY - timedelta(days=7))  # Tuesday a week ago: 5 working days
    requested = make_meeting(interest=make_interest(employer, consultant), status=MeetingStatus.REQUESTED,
                             starts_at=TODAY + timedelta(days=1), hold_expires_at=TODAY + timedelta(hours=5))
    today = make_meeting(interest=make_interest(employer, consultant))
    placement = make_placement(employer, consultant, participant=make_participant(consultant=consultant, name="Cilla Ek"))
    idle = make_participant(consultant=consultant, name="Dan Fors")
    make_participant(consultant=consultant, name="Eva Paus", status=ParticipantStatus.PAUSED)
    db.session.commit()
    page = _page(client)
    assert f"/interest/{waiting.id}" in page and "Bo Berg" in page and "waited 5 working days" in page
    assert f"/meetings/{requested.id}" in page and "1 held time lapses within a day" in page
    assert f"/meetings/{today.id}" in page
    assert f"/follow-ups/placements/{placement.id}" in page and "Cilla Ek" in page
    assert f"/participants/{idle.id}/offers" in page
    assert "Eva Paus" not in page


def test_the_consultants_home_is_logged_with_the_participants_it_names(client, db, login_as, tuesday):
    consultant = login_as("consultant", preferred_language="en")
    idle = make_participant(consultant=consultant, name="Dan Fors")
    db.session.commit()
    _page(client)
    row = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "home.viewed")).one()
    assert row.actor_id == consultant.id and row.detail["participant_ids"] == [idle.id]


def test_another_consultants_participants_are_not_on_the_home_page(client, db, login_as, tuesday):
    login_as("consultant", preferred_language="en")
    other = make_user(role=Role.CONSULTANT)
    make_participant(consultant=other, name="Frida Gren")
    db.session.commit()
    assert "Frida Gren" not in _page(client)


# --- the coordinator ----------------------------------------------------------------------


def test_the_coordinator_sees_the_queues_and_what_needs_attention(client, db, login_as, tuesday):
    login_as("coordinator", preferred_language="en")
    employer = make_user(role=Role.EMPLOYER)
    make_organisation(status=VettingStatus.PENDING, pending_since=TODAY - timedelta(days=7))
    make_offer(employer, status=OfferStatus.SUBMITTED)
    consultant = make_user(role=Role.CONSULTANT)
    make_interest(employer, consultant, status=InterestStatus.OPEN, created_at=TODAY - timedelta(days=14))
    make_interest(employer, consultant, status=InterestStatus.OPEN, created_at=TODAY - timedelta(days=1))
    make_placement(employer, consultant)
    db.session.add(OutboxMessage(recipient="x@example.se", locale="sv", subject="s", body_text="b", body_html="b",
                                 template="t", attempts=5, dead_at=TODAY))
    db.session.commit()
    page = _page(client)
    assert "1 employer waits for vetting" in page and "the longest for 5 working days" in page
    assert "1 offer waits for review" in page
    assert "1 interest unanswered for more than 5 working days" in page
    assert "1 follow-up overdue" in page
    assert "1 e-mail could not be delivered" in page
    assert not db.session.scalars(select(AuditEvent).where(AuditEvent.action == "home.viewed")).all()


def test_the_home_page_is_in_swedish_by_default(client, db, login_as, tuesday):
    login_as("coordinator")
    page = _page(client)
    assert "Väntar på dig" in page


# --- a fixed number of queries ------------------------------------------------------------


def _data(employer, consultant, n: int, first: int = 0) -> None:
    for i in range(first, first + n):
        participant = make_participant(consultant=consultant, name=f"Person {i} Test")
        interest = make_interest(employer, consultant, participant=participant,
                                 status=InterestStatus.AGREED if i % 2 else InterestStatus.OPEN)
        make_meeting(interest=interest, status=MeetingStatus.REQUESTED if i % 3 else MeetingStatus.CONFIRMED,
                     starts_at=TODAY + timedelta(hours=3 + i), hold_expires_at=TODAY + timedelta(hours=30))
        make_placement(employer, consultant, participant=make_participant(consultant=consultant, name=f"Placed {i}"))
        make_participant(consultant=consultant, name=f"Idle {i}")
        make_offer(employer, status=OfferStatus.SUBMITTED if i % 2 else OfferStatus.DRAFT)


@pytest.mark.parametrize("role", [Role.EMPLOYER, Role.CONSULTANT, Role.COORDINATOR])
def test_each_home_page_runs_the_same_number_of_queries_for_2_and_12_of_everything(app, db, role, tuesday):
    employer = make_user(role=Role.EMPLOYER)
    consultant = make_user(role=Role.CONSULTANT)
    coordinator = make_user(role=Role.COORDINATOR)
    user = {Role.EMPLOYER: employer, Role.CONSULTANT: consultant, Role.COORDINATOR: coordinator}[role]
    _data(employer, consultant, 2)
    db.session.commit()
    client = app.test_client()
    sign_in_client(client, user)
    client.get("/dashboard")  # warm the caches that load once per process
    small = _count_queries(client)
    _data(employer, consultant, 10, first=2)
    db.session.commit()
    db.session.expire_all()
    assert _count_queries(client) == small
    assert small <= 20, small
