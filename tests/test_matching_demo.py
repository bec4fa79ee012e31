"""On the loaded demo, each live offer's first three candidates, as its employer sees them, have
done or want at least one of its tasks or a related one (issue: matching that finds the people
who can do the tasks)."""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.clock import today_in_stockholm
from portal.matching import service as matching
from portal.matching.engine import TaskFit, task_fits
from portal.matching.profiles import matchable_profile, offer_profile
from portal.offers.models import Offer
from portal.offers.states import OfferStatus
from portal.participants.models import Participant
from tests.conftest import sign_in_client


def test_the_first_three_candidates_of_every_live_demo_offer_fit_its_tasks(app, db, client):
    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    offers = list(db.session.scalars(select(Offer).where(Offer.status == OfferStatus.LIVE).order_by(Offer.id)))
    assert len(offers) >= 2
    active = {p.id: p for p in db.session.scalars(select(Participant))}
    for offer in offers:
        employer = db.session.scalar(
            select(User).where(User.organisation_id == offer.organisation_id, User.role == Role.EMPLOYER).order_by(User.id)
        )
        sign_in_client(client, employer)
        html = client.get(f"/offers/{offer.id}/candidates").get_data(as_text=True)
        shown = re.findall(r'<h3 id="card-(K-[0-9A-Z]{6})"', html)
        assert len(shown) >= 5, offer.title
        by_pseudonym = {matching.candidate_name(offer.organisation_id, pid): p for pid, p in active.items()}
        profile = offer_profile(offer.id, offer.live_snapshot.data)
        for pseudonym in shown[:3]:
            fits = task_fits(profile, matchable_profile(by_pseudonym[pseudonym]))
            assert any(fit is not TaskFit.NONE for fit in fits), (offer.title, pseudonym, fits)
        client.post("/sign-out")


def test_the_demo_offers_are_built_from_the_vocabulary(app, db):
    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    tasks = [task for offer in db.session.scalars(select(Offer)) for task in offer.tasks]
    assert all(task.family for task in tasks)
    assert sum(task.example_id is not None for task in tasks) >= 10  # picked from examples, link kept
    assert any(task.example_id is None for task in tasks)  # some in the employer's own words
    main = db.session.scalar(select(Offer).where(Offer.title == "Diskare och kökshjälp"))
    assert [t.example_id for t in main.tasks] == ["i-wash-dishes", "i-prepare-vegetables"]
    live = offer_profile(main.id, main.live_snapshot.data)
    assert [t.family for t in live.tasks] == ["dishwashing_kitchen", "dishwashing_kitchen"]
    today = today_in_stockholm()
    people = [matchable_profile(p) for p in matching.active_participants()]
    # Before, no candidate matched a single task of this offer; now several do.
    assert sum(any(f is not TaskFit.NONE for f in task_fits(live, p)) for p in people) >= 8
    assert len(matching.candidates_for_offer(main, today)) >= 10
