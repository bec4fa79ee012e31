"""Meeting pages: booking both ways without JavaScript, a taken time, values kept after errors, scoping, the week view."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from portal.accounts.models import Role
from portal.extensions import db as _db
from portal.interest.states import InterestStatus
from portal.meetings.models import Meeting
from portal.meetings.states import MeetingStatus
from tests.conftest import sign_in_client
from tests.factories import make_user
from tests.meeting_factories import (
    make_interest,
    make_meeting,
    make_placement,
    tuesday_window,
)

MONDAY = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
TUESDAY_9 = datetime(2030, 1, 8, 8, 0, tzinfo=UTC)


@pytest.fixture
def monday(clock):
    clock.set(MONDAY)
    return clock


def _signed_in(app, user):
    client = app.test_client()
    sign_in_client(client, user)
    return client


def _booking(**overrides):
    data = {"slot": TUESDAY_9.isoformat(), "length": "60", "location_kind": "workplace",
            "location_details": "Fika-rummet", "with_supervisor": "y", "key": "form-1"}
    data.update(overrides)
    return data


def test_an_employer_books_a_free_time_and_the_consultant_confirms(app, db, monday):
    interest = make_interest()
    consultant = interest.participant.consultant
    tuesday_window(consultant)
    db.session.commit()
    employer = _signed_in(app, interest.employer_user)
    page = employer.get(f"/meetings/introduction/{interest.id}/request")
    assert page.status_code == 200
    assert TUESDAY_9.isoformat() in page.get_data(as_text=True)
    response = employer.post(f"/meetings/introduction/{interest.id}/request", data=_booking())
    assert response.status_code == 303
    meeting = db.session.scalar(select(Meeting))
    assert meeting.status == MeetingStatus.REQUESTED and meeting.location_details == "Fika-rummet"
    assert meeting.with_supervisor and not meeting.with_participant
    confirmed = _signed_in(app, consultant).post(f"/meetings/{meeting.id}/confirm")
    assert confirmed.status_code == 303
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).status == MeetingStatus.CONFIRMED


def test_pressing_book_twice_makes_one_meeting(app, db, monday):
    interest = make_interest()
    tuesday_window(interest.participant.consultant)
    db.session.commit()
    employer = _signed_in(app, interest.employer_user)
    first = employer.post(f"/meetings/introduction/{interest.id}/request", data=_booking())
    second = employer.post(f"/meetings/introduction/{interest.id}/request", data=_booking())
    assert first.status_code == second.status_code == 303
    assert first.location == second.location
    assert db.session.scalar(select(func.count()).select_from(Meeting)) == 1


def test_a_time_taken_meanwhile_gets_the_message_and_the_form_keeps_its_values(app, db, monday):
    interest = make_interest()
    other = make_interest(consultant=interest.participant.consultant)
    tuesday_window(interest.participant.consultant)
    db.session.commit()
    _signed_in(app, other.employer_user).post(f"/meetings/introduction/{other.id}/request", data=_booking(key="other"))
    response = _signed_in(app, interest.employer_user).post(
        f"/meetings/introduction/{interest.id}/request",
        data=_booking(location_kind="phone", location_details="Ring 070-123 45 67"),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Den tiden hann någon annan boka — välj en annan" in html
    assert "error-summary" in html
    assert 'value="Ring 070-123 45 67"' in html
    assert 'checked class="choice-input" id="location_kind-1"' in html
    assert 'checked class="choice-input" id="slot-0" name="slot" required type="radio" value="2030-01-08T08:00:00+00:00"' in html
    assert db.session.scalar(select(func.count()).select_from(Meeting)) == 1


@pytest.mark.parametrize("slot", ["not-a-time", "2030-01-08T08:00:00"])  # garbage, and a time without its zone
def test_a_value_that_is_not_a_time_is_refused_as_such_not_as_taken(app, db, monday, slot):
    interest = make_interest()
    tuesday_window(interest.participant.consultant)
    db.session.commit()
    response = _signed_in(app, interest.employer_user).post(
        f"/meetings/introduction/{interest.id}/request", data=_booking(slot=slot)
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Välj en tid" in html and "hann någon annan boka" not in html
    assert db.session.scalar(select(func.count()).select_from(Meeting)) == 0


def test_an_employer_cannot_book_before_the_interest_is_agreed_or_for_another_organisation(app, db, monday):
    open_interest = make_interest(status=InterestStatus.OPEN)
    foreign = make_interest()
    db.session.commit()
    employer = _signed_in(app, open_interest.employer_user)
    assert employer.get(f"/meetings/introduction/{open_interest.id}/request").status_code == 403
    assert employer.get(f"/meetings/introduction/{foreign.id}/request").status_code == 404
    assert employer.get(f"/meetings/follow-up/{make_placement().id}/request").status_code == 404


def test_the_consultant_proposes_times_and_the_employer_picks_one(app, db, monday, mailbox):
    interest = make_interest()
    consultant = interest.participant.consultant
    db.session.commit()
    proposer = _signed_in(app, consultant)
    data = {"day_1": "2030-01-09", "time_1": "10:00", "day_2": "2030-01-10", "time_2": "13:30", "day_3": "", "time_3": "",
            "length": "60", "employer_contact": str(interest.employer_user_id), "location_kind": "video",
            "location_details": "https://meet.example.se/abc", "with_participant": "y", "key": "p-1"}
    response = proposer.post(f"/meetings/introduction/{interest.id}/propose", data=data)
    assert response.status_code == 303
    meeting = db.session.scalar(select(Meeting))
    assert meeting.status == MeetingStatus.PROPOSED
    employer = _signed_in(app, interest.employer_user)
    page = employer.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "13:30" in page
    chosen = employer.post(f"/meetings/{meeting.id}/choose", data={"proposal": str(meeting.proposals[1].id)})
    assert chosen.status_code == 303
    db.session.expire_all()
    meeting = db.session.get(Meeting, meeting.id)
    assert meeting.status == MeetingStatus.CONFIRMED
    assert meeting.starts_at == datetime(2030, 1, 10, 12, 30, tzinfo=UTC)


def test_a_bad_proposal_gets_422_and_keeps_what_was_typed(app, db, monday):
    interest = make_interest()
    db.session.commit()
    data = {"day_1": "2030-01-09", "time_1": "10:00", "day_2": "not a date", "time_2": "13:30",
            "length": "60", "employer_contact": str(interest.employer_user_id), "location_kind": "phone",
            "location_details": "Ring mig", "key": "p-2"}
    response = _signed_in(app, interest.participant.consultant).post(f"/meetings/introduction/{interest.id}/propose", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'value="not a date"' in html and 'value="Ring mig"' in html and 'value="2030-01-09"' in html
    assert html.count("<title>Fel:") == 1 or "Fel:" in html.split("</title>")[0]


def test_move_and_cancel_by_either_side_with_a_reason(app, db, monday):
    interest = make_interest()
    meeting = make_meeting(interest=interest)
    db.session.commit()
    employer = _signed_in(app, interest.employer_user)
    missing = employer.post(f"/meetings/{meeting.id}/move", data={"starts_on": "2030-01-15", "start_time": "09:00", "length": "60", "reason": ""})
    assert missing.status_code == 422 and 'value="2030-01-15"' in missing.get_data(as_text=True)
    moved = employer.post(f"/meetings/{meeting.id}/move", data={"starts_on": "2030-01-15", "start_time": "09:00", "length": "60", "reason": "Krock"})
    assert moved.status_code == 303
    cancelled = _signed_in(app, interest.participant.consultant).post(f"/meetings/{meeting.id}/cancel", data={"reason": "Sjuk"})
    assert cancelled.status_code == 303
    db.session.expire_all()
    meeting = db.session.get(Meeting, meeting.id)
    assert (meeting.status, meeting.sequence, meeting.last_reason) == (MeetingStatus.CANCELLED, 2, "Sjuk")


def test_another_consultants_meeting_is_not_found(app, db, monday):
    meeting = make_meeting(interest=make_interest())
    db.session.commit()
    stranger = _signed_in(app, make_user(role=Role.CONSULTANT))
    _db.session.commit()
    assert stranger.get(f"/meetings/{meeting.id}").status_code == 404
    assert stranger.post(f"/meetings/{meeting.id}/cancel", data={"reason": "x"}).status_code == 404


def test_the_week_view_is_a_table_in_stockholm_time_with_links_to_other_weeks(app, db, monday):
    interest = make_interest()
    make_meeting(interest=interest, starts_at=TUESDAY_9)
    db.session.commit()
    html = _signed_in(app, interest.employer_user).get("/meetings/?week=2030-01-07").get_data(as_text=True)
    assert "<caption>" in html and 'scope="row"' in html and 'scope="col"' in html
    assert "09:00" in html  # 08:00 UTC shown as Stockholm time
    assert "week=2029-12-31" in html and "week=2030-01-14" in html


def test_the_previous_and_next_week_links_fetch_only_the_week_with_htmx_and_push_the_url(app, db, monday):
    interest = make_interest()
    make_meeting(interest=interest, starts_at=TUESDAY_9)
    db.session.commit()
    employer = _signed_in(app, interest.employer_user)
    whole = employer.get("/meetings/?week=2030-01-07")
    assert 'hx-get="/meetings/?week=2030-01-14"' in whole.get_data(as_text=True)
    assert 'hx-push-url="true"' in whole.get_data(as_text=True)

    fragment = employer.get("/meetings/?week=2030-01-07", headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "HX-Request" in fragment.headers["Vary"]
    assert "<html" not in html and 'id="week-heading"' in html and "09:00" in html
    assert "Introduktionsmöte" in html and "Bekräftat" in html  # the macros and the status label work in the block

    boosted = employer.get("/meetings/?week=2030-01-07", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "<html" in boosted.get_data(as_text=True) and "HX-Request" in boosted.headers["Vary"]
    assert "HX-Request" in whole.headers["Vary"] and "<html" in whole.get_data(as_text=True)


def test_an_overdue_follow_up_shows_on_the_overview(app, db, monday):
    placement = make_placement()
    db.session.commit()
    html = _signed_in(app, placement.consultant).get("/meetings/").get_data(as_text=True)
    assert "En uppföljning skulle ha gjorts senast" in html


def test_the_next_follow_up_is_booked_in_one_step(app, db, monday):
    placement = make_placement()
    previous = make_meeting(placement=placement, starts_at=MONDAY - timedelta(days=2))
    db.session.commit()
    consultant = _signed_in(app, placement.consultant)
    form = consultant.get(f"/meetings/{previous.id}/next").get_data(as_text=True)
    assert 'value="2030-01-19"' in form  # two weeks after the last follow-up (the cadence)
    response = consultant.post(f"/meetings/{previous.id}/next", data={"starts_on": "2030-01-21", "start_time": "10:00", "length": "60", "key": "n-1"})
    assert response.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(Meeting).where(Meeting.status == MeetingStatus.CONFIRMED)) == 2
