"""Introductions hold a consultant's time and mail them: only with consent, one at a time, and a cap per organisation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.interest.services import withdraw_consent
from portal.meetings.models import Meeting
from portal.meetings.states import MeetingStatus
from portal.outbox.models import OutboxMessage
from tests.meeting_factories import make_interest, make_meeting, tuesday_window
from tests.test_meetings_routes import MONDAY, TUESDAY_9, _booking, _signed_in


@pytest.fixture
def monday(clock):
    clock.set(MONDAY)
    return clock


def _count(db, model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def test_no_introduction_after_consent_was_withdrawn(app, db, monday):
    interest = make_interest()
    tuesday_window(interest.participant.consultant)
    withdraw_consent(interest, actor=interest.participant.consultant)
    db.session.commit()
    mails = _count(db, OutboxMessage)
    response = _signed_in(app, interest.employer_user).post(f"/meetings/introduction/{interest.id}/request", data=_booking())
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "samtycke gäller inte längre" in html and 'id="slot-error"' in html
    assert _count(db, Meeting) == 0 and _count(db, OutboxMessage) == mails


def test_a_consultant_cannot_propose_an_introduction_without_consent_either(app, db, monday):
    interest = make_interest()
    consultant = interest.participant.consultant
    withdraw_consent(interest, actor=consultant)
    db.session.commit()
    response = _signed_in(app, consultant).post(
        f"/meetings/introduction/{interest.id}/propose",
        data={"day_1": "2030-01-09", "time_1": "10:00", "day_2": "2030-01-10", "time_2": "10:00", "length": "60",
              "employer_contact": str(interest.employer_user_id), "location_kind": "workplace", "key": "p-1"},
    )
    assert response.status_code == 422
    assert "samtycke gäller inte längre" in response.get_data(as_text=True)
    assert _count(db, Meeting) == 0


def test_one_open_or_confirmed_introduction_per_interest(app, db, monday):
    interest = make_interest()
    tuesday_window(interest.participant.consultant)
    db.session.commit()
    employer = _signed_in(app, interest.employer_user)
    assert employer.post(f"/meetings/introduction/{interest.id}/request", data=_booking(key="a")).status_code == 303
    later = (TUESDAY_9 + timedelta(hours=1)).isoformat()
    response = employer.post(f"/meetings/introduction/{interest.id}/request", data=_booking(key="b", slot=later))
    assert response.status_code == 422
    assert "redan bokad eller väntar på svar" in response.get_data(as_text=True)
    assert _count(db, Meeting) == 1


def test_a_declined_introduction_can_be_asked_for_again(app, db, monday):
    interest = make_interest()
    tuesday_window(interest.participant.consultant)
    make_meeting(interest=interest, status=MeetingStatus.DECLINED, starts_at=TUESDAY_9 + timedelta(days=7))
    db.session.commit()
    response = _signed_in(app, interest.employer_user).post(f"/meetings/introduction/{interest.id}/request", data=_booking())
    assert response.status_code == 303


def test_an_organisation_has_at_most_the_cap_of_introductions_waiting(app, db, monday):
    app.config["OPEN_INTRODUCTIONS_PER_ORGANISATION"] = 2
    try:
        first = make_interest()
        employer = first.employer_user
        second = make_interest(employer=employer, offer=first.offer)
        third = make_interest(employer=employer, offer=first.offer)
        for n, interest in enumerate((first, second)):
            make_meeting(interest=interest, status=MeetingStatus.REQUESTED, starts_at=TUESDAY_9 + timedelta(days=7 * (n + 1)))
        tuesday_window(third.participant.consultant)
        db.session.commit()
        response = _signed_in(app, employer).post(f"/meetings/introduction/{third.id}/request", data=_booking())
        assert response.status_code == 422
        assert "2 introduktioner som väntar" in response.get_data(as_text=True)
        assert _count(db, Meeting) == 2
    finally:
        app.config["OPEN_INTRODUCTIONS_PER_ORGANISATION"] = 10


@pytest.mark.parametrize(
    "slot",
    ["x", "", "9999-12-31T23:59:59-23:59", "9999-12-31T23:59:59+00:00", "2027-02-30T09:00:00+01:00",
     "2027-03-28T02:30:00", "2027-03-28T02:30:00+01:00", "0001-01-01T00:00:00+00:00", "²", "9" * 25],
)
def test_a_slot_that_is_no_free_time_is_answered_beside_the_field(app, db, monday, slot):
    interest = make_interest()
    tuesday_window(interest.participant.consultant)
    db.session.commit()
    response = _signed_in(app, interest.employer_user).post(f"/meetings/introduction/{interest.id}/request", data=_booking(slot=slot))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="slot-error"' in html
    assert _count(db, Meeting) == 0
