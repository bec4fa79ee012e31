"""Demo interest, consent, a proposal and a placement: every answer shown, loaded once, pages render."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.accounts.services import find_user_by_email
from portal.interest.models import Consent, Interest, Proposal
from portal.interest.states import InterestStatus
from portal.participants.states import ParticipantStatus
from portal.placements.models import Placement
from portal.placements.states import PlacementStatus
from tests.conftest import sign_in_client


def _load(app):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output


def _counts(db):
    return [db.session.scalar(select(func.count()).select_from(model)) for model in (Interest, Consent, Proposal, Placement)]


def test_loading_twice_adds_nothing_and_every_answer_is_there(app, db):
    _load(app)
    first = _counts(db)
    _load(app)
    assert _counts(db) == first
    statuses = sorted(i.status.value for i in db.session.scalars(select(Interest)))
    assert statuses.count("agreed") >= 3 and {"declined", "open", "lapsed"} <= set(statuses)
    assert any(c.withdrawn_at is not None for c in db.session.scalars(select(Consent)))
    [placement] = db.session.scalars(select(Placement).where(Placement.status == PlacementStatus.ACTIVE)).all()
    assert placement.status == PlacementStatus.ACTIVE and placement.organisation.name == "Kafé Solrosen AB"
    assert placement.consultant.email == "konsulent@demo.brygga.se"
    assert placement.participant.status == ParticipantStatus.PLACED
    assert db.session.scalar(select(func.count()).select_from(Proposal)) == 1


def test_the_pages_render_for_each_role(app, db, client):
    _load(app)
    employer = find_user_by_email("arbetsgivare@demo.brygga.se")
    placement = db.session.scalars(select(Placement).where(Placement.status == PlacementStatus.ACTIVE)).one()
    sign_in_client(client, employer)
    html = client.get(f"/offers/{placement.offer_id}/candidates").get_data(as_text=True)
    assert html.count('class="card candidate"') >= 5
    assert "Föreslagen av arbetsmarknadsenheten" in html or "Suggested by the labour-market unit" in html
    assert placement.participant.name not in html
    placements = client.get("/placements").get_data(as_text=True)
    assert placement.participant.name.split()[0] in placements and placement.participant.name not in placements
    assert client.get(f"/placements/{placement.id}").status_code == 200

    open_interest = db.session.scalars(
        select(Interest).where(Interest.status == InterestStatus.OPEN, Interest.offer_id == placement.offer_id)
    ).one()
    sign_in_client(client, find_user_by_email("konsulent@demo.brygga.se"))
    assert f"/interest/{open_interest.id}" in client.get("/interest").get_data(as_text=True)
    assert placement.participant.name in client.get("/placements").get_data(as_text=True)
    assert client.get(f"/placements/{placement.id}").status_code == 200
    assert client.get(f"/interest/{placement.interest_id}").status_code == 200

    sign_in_client(client, find_user_by_email("koordinator@demo.brygga.se"))
    assert placement.participant.name in client.get("/placements").get_data(as_text=True)
    assert client.get(f"/offers/{placement.offer_id}/candidates").status_code == 200
