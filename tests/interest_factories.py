"""Factories for candidates and interest: flush, never commit."""

from __future__ import annotations

from portal.accounts.models import Role
from portal.interest import services
from portal.offers.states import OfferStatus
from tests.factories import make_user
from tests.offer_factories import make_offer
from tests.participant_factories import make_participant


def live_offer(employer=None, **overrides):
    employer = employer or make_user(role=Role.EMPLOYER)
    return make_offer(employer, status=OfferStatus.LIVE, **overrides)


def open_interest(offer=None, participant=None, *, employer=None, message=""):
    """An open interest by the offer's employer in a participant who fits it."""
    offer = offer or live_offer(employer)
    participant = participant or make_participant()
    return services.express_interest(offer, participant, employer=employer or offer.created_by, message=message)


def fitting_participant(consultant=None, **overrides):
    """A participant who fits live_offer() and has done its task ("Diska")."""
    return make_participant(consultant, **{"tasks_done_other": ["Diska"], **overrides})


def fitting_crowd(consultant=None, n: int = 4, **overrides):
    """People exactly like fitting_participant(): with one of those, k = 5 share every card, so
    a test about something else sees the cards shown rather than left out."""
    return [fitting_participant(consultant, **overrides) for _ in range(n)]
