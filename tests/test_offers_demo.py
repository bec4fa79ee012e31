"""The demo offers: every lifecycle state, comments and a resubmission; loading twice changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.accounts.models import Role, User
from portal.demo.loader import load_demo
from portal.offers.models import Offer, OfferSnapshot
from portal.offers.states import OfferStatus
from portal.review.models import ReviewComment
from tests.conftest import sign_in_client


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


def _expected_detail_status(user, offer) -> int:
    """The one right answer for each role: own organisation's offers; live approved ones; everything ever sent."""
    if user.role == Role.EMPLOYER:
        return 200 if offer.organisation_id == user.organisation_id else 404
    if user.role == Role.CONSULTANT:
        return 200 if offer.status == OfferStatus.LIVE and offer.live_snapshot_id else 404
    return 404 if offer.status == OfferStatus.DRAFT else 200


@pytest.mark.parametrize("email", ["koordinator@demo.brygga.se", "arbetsgivare@demo.brygga.se", "konsulent@demo.brygga.se"])
def test_demo_offer_pages_answer_each_role_with_the_one_right_status(app, db, email):
    load_demo()
    user = db.session.scalar(select(User).where(User.email == email))
    client = app.test_client()
    sign_in_client(client, user)
    assert client.get("/offers").status_code == 200
    answers = {offer.id: client.get(f"/offers/{offer.id}").status_code for offer in db.session.scalars(select(Offer))}
    expected = {offer.id: _expected_detail_status(user, offer) for offer in db.session.scalars(select(Offer))}
    assert answers == expected
    assert set(answers.values()) == {200, 404}, "each role reaches some demo offers and not others"


def test_demo_review_pages_open_for_the_coordinator(app, db):
    load_demo()
    client = app.test_client()
    sign_in_client(client, db.session.scalar(select(User).where(User.email == "koordinator@demo.brygga.se")))
    assert client.get("/review").status_code == 200
    waiting = list(db.session.scalars(select(Offer).where(Offer.pending_snapshot_id.is_not(None))))
    assert waiting
    for offer in waiting:
        assert client.get(f"/review/{offer.id}").status_code == 200
