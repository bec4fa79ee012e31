"""What the candidate stories share: a live offer, people who fit it, and their consultant."""

from __future__ import annotations

from portal.accounts.models import Role
from tests import factories
from tests.interest_factories import fitting_participant, live_offer

EMPLOYER = "eva@solrosen.se"
CONSULTANT = "ahmed@kommun.se"


def world(db, *, names=("Hodan Warsame", "Selam Tesfay", "Rania Haddad", "Olena Kovalenko", "Malee Srisuk", "Iryna Bondarenko")):
    """An employer with a live offer ("Diskare i restaurangkök"), and a consultant with people who fit it."""
    employer = factories.make_user(role=Role.EMPLOYER, email=EMPLOYER, name="Eva Berg")
    consultant = factories.make_user(
        role=Role.CONSULTANT, email=CONSULTANT, name="Ahmed Hassan", phone="010-123 45 11"
    )
    offer = live_offer(employer)
    people = [fitting_participant(consultant, name=name) for name in names]
    db.session.commit()
    return offer, people
