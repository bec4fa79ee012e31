"""Demo meetings: loaded with the demo, twice without change, and the ended placement's certificate downloads."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.accounts.services import find_user_by_email
from portal.followups.models import FollowUpRecord
from portal.meetings.models import Meeting
from portal.meetings.states import MeetingStatus
from portal.placements.models import Placement
from portal.placements.states import PlacementStatus
from tests.conftest import sign_in_client


def _load(app):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output


def test_the_demo_has_each_kind_of_meeting_and_loads_twice_without_change(app, db):
    _load(app)
    states = sorted(db.session.scalars(select(Meeting.status)))
    assert MeetingStatus.REQUESTED in states and MeetingStatus.CANCELLED in states and states.count(MeetingStatus.CONFIRMED) >= 3
    assert db.session.scalar(select(func.count()).select_from(Meeting).where(Meeting.sequence == 1, Meeting.status == MeetingStatus.CONFIRMED)) == 1
    counts = (db.session.scalar(select(func.count()).select_from(Meeting)), db.session.scalar(select(func.count()).select_from(FollowUpRecord)))
    _load(app)
    assert counts == (db.session.scalar(select(func.count()).select_from(Meeting)), db.session.scalar(select(func.count()).select_from(FollowUpRecord)))


def test_the_ended_demo_placement_has_a_certificate(app, db):
    _load(app)
    # The meetings demo's own, made before the year of history (portal/demo/history.py) adds more.
    ended = db.session.scalar(select(Placement).where(Placement.status == PlacementStatus.ENDED).order_by(Placement.id))
    client = app.test_client()
    sign_in_client(client, find_user_by_email("konsulent@demo.brygga.se"))
    response = client.get(f"/follow-ups/placements/{ended.id}/certificate.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert client.get("/meetings/").status_code == 200
