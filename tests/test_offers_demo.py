"""The demo offers: every lifecycle state, comments and a resubmission; loading twice changes nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.demo.loader import load_demo
from portal.offers.models import Offer, OfferSnapshot
from portal.offers.states import OfferStatus
from portal.review.models import ReviewComment


def test_demo_has_offers_in_every_state_and_loads_idempotently(app, db):
    load_demo()
    count = db.session.scalar(select(func.count(Offer.id)))
    assert {offer.status for offer in db.session.scalars(select(Offer))} == set(OfferStatus)
    assert db.session.scalar(select(func.count(ReviewComment.id))) >= 3
    assert db.session.scalar(select(func.max(OfferSnapshot.number))) == 2
    assert len({offer.industry for offer in db.session.scalars(select(Offer))}) >= 3
    live_with_change = [o for o in db.session.scalars(select(Offer)) if o.status == OfferStatus.LIVE and o.pending_snapshot_id]
    assert live_with_change
    load_demo()
    assert db.session.scalar(select(func.count(Offer.id))) == count


def test_demo_pages_render_for_each_role(app, db):
    from portal.accounts.models import User
    from tests.conftest import sign_in_client

    load_demo()
    for email in ("koordinator@demo.brygga.se", "arbetsgivare@demo.brygga.se", "konsulent@demo.brygga.se"):
        client = app.test_client()
        sign_in_client(client, db.session.scalar(select(User).where(User.email == email)))
        assert client.get("/offers").status_code == 200
        for offer in db.session.scalars(select(Offer)):
            assert client.get(f"/offers/{offer.id}").status_code in (200, 404)
    client = app.test_client()
    sign_in_client(client, db.session.scalar(select(User).where(User.email == "koordinator@demo.brygga.se")))
    assert client.get("/review").status_code == 200
    for offer in db.session.scalars(select(Offer).where(Offer.pending_snapshot_id.is_not(None))):
        assert client.get(f"/review/{offer.id}").status_code == 200
