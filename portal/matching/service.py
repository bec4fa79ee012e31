"""The thin service around pure matching: loads profiles, runs the engine, builds safe cards.

The pure modules beside it (profiles, engine, anonymity, pseudonym) never import Flask or
the database; this one does, and nothing else in the package may. Other packages go through
this module only: it loads, runs the engine and builds cards; the mapping of records to
profiles lives in profiles.py.

Population for k-anonymity: every ACTIVE participant, whatever their consultant. The
cards an employer sees must not single anyone out among the people the unit could put
forward, and that is everyone active; paused, placed and ended people are not candidates
for anyone, so counting them would make a card look safer than it is.

Queries per page are fixed: all active participants come in ONE query (the population
needs them all, so the hard constraints SQL could check -- status, start, hours -- are
checked by the engine on those rows rather than by a second, narrower query); proposals
and interests for the offer come in one query each.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app
from sqlalchemy import select

from portal.extensions import db
from portal.matching import anonymity

# What the rest of the portal reads from matching comes through this module: the card's
# values (to word them) and the reasons, named here so no other package reaches past it.
from portal.matching.anonymity import (  # noqa: F401
    DisplayedCard,
    Hours,
    HoursRange,
    StartWindow,
    SwedishAtLeast,
    TaskCount,
    TaskCounts,
    TaskExperience,
)
from portal.matching.engine import Match, Reason, TaskFit, match, offers_for, task_fits  # noqa: F401
from portal.matching.profiles import matchable_profile, offer_profile
from portal.matching.pseudonym import pseudonym
from portal.offers.models import Offer, OfferSnapshot
from portal.offers.states import OfferStatus
from portal.offers.visibility import approved_data
from portal.participants.models import Participant
from portal.participants.states import ParticipantStatus


def pseudonym_secret() -> bytes:
    """The HMAC key for pseudonyms, derived from the app secret so it never equals it."""
    return hashlib.sha256((str(current_app.config["SECRET_KEY"]) + "pseudonym").encode()).digest()


def candidate_name(organisation_id: int, participant_id: int) -> str:
    return pseudonym(pseudonym_secret(), organisation_id, participant_id)


def is_matchable(offer: Offer) -> bool:
    """Candidates are matched only for a live offer with an approved snapshot."""
    return offer.status == OfferStatus.LIVE and offer.live_snapshot_id is not None


def live_snapshot_data(offer: Offer) -> dict[str, Any] | None:
    """What the coordinator approved, if the offer is live now; None otherwise (nothing to match)."""
    return approved_data(offer) if offer.status == OfferStatus.LIVE else None


def fits(offer: Offer, participant: Participant, today: date) -> bool:
    """Whether the participant passes the live offer's hard constraints (False if it is not live)."""
    data = live_snapshot_data(offer)
    return data is not None and match(offer_profile(offer.id, data), matchable_profile(participant), today).passes


def fits_a_task(offer: Offer, participant: Participant) -> bool:
    """Whether the person has done or wants one of the live offer's tasks, or a related one."""
    data = live_snapshot_data(offer)
    if data is None:
        return False
    fits = task_fits(offer_profile(offer.id, data), matchable_profile(participant))
    return any(fit is not TaskFit.NONE for fit in fits)


def active_participants() -> list[Participant]:
    """Every active participant, in one query: the population and the candidate pool."""
    return list(
        db.session.scalars(
            select(Participant).where(Participant.status == ParticipantStatus.ACTIVE).order_by(Participant.id)
        )
    )


@dataclass(frozen=True)
class Candidate:
    """One card for an employer. participant_id stays on the server: templates never print it."""

    participant_id: int
    pseudonym: str
    score: int
    card: anonymity.DisplayedCard
    reasons: tuple[Reason, ...]
    proposed: bool
    task_names: tuple[str, ...] = ()  # the offer's tasks as approved, in the card's order


def candidates_for_offer(
    offer: Offer, today: date, *, proposed_ids: frozenset[int] = frozenset(), k: int = anonymity.DEFAULT_K
) -> list[Candidate]:
    """The offer's candidates, proposed ones first, then best first, each card k-anonymous."""
    data = live_snapshot_data(offer)
    if data is None:
        return []
    profile = offer_profile(offer.id, data)
    people = [matchable_profile(p) for p in active_participants()]
    population = [anonymity.card_for(profile, p, today) for p in people]
    matches: list[tuple[Match, anonymity.CardAttributes]] = []
    for person, card in zip(people, population):
        result = match(profile, person, today)
        if result.passes:
            matches.append((result, card))
    matches.sort(key=lambda mc: (mc[0].participant_id not in proposed_ids, -mc[0].score, mc[0].participant_id))
    shown = anonymity.generalise_for_display([card for _, card in matches], population, today, k=k)
    return [
        Candidate(
            participant_id=result.participant_id,
            pseudonym=candidate_name(offer.organisation_id, result.participant_id),
            score=result.score,
            card=displayed,
            reasons=anonymity.reasons_for_display(result.reasons, displayed),
            proposed=result.participant_id in proposed_ids,
            task_names=tuple(task.name for task in profile.tasks),
        )
        for (result, _), displayed in zip(matches, shown)
    ]


@dataclass(frozen=True)
class FittingOffer:
    offer: Offer
    match: Match


def offers_for_participant(participant: Participant, today: date) -> list[FittingOffer]:
    """Live offers this participant passes, best first; the consultant sees every reason.

    The offers are matched on their approved snapshots, loaded in one query."""
    offers = list(
        db.session.scalars(
            select(Offer).where(Offer.status == OfferStatus.LIVE, Offer.live_snapshot_id.is_not(None))
        )
    )
    data = dict(
        db.session.execute(
            select(OfferSnapshot.offer_id, OfferSnapshot.data).where(
                OfferSnapshot.id.in_([o.live_snapshot_id for o in offers])
            )
        ).tuples().all()
    )
    by_id = {o.id: o for o in offers}
    profiles = [offer_profile(o.id, data[o.id]) for o in offers]
    return [FittingOffer(by_id[m.offer_id], m) for m in offers_for(matchable_profile(participant), profiles, today)]
