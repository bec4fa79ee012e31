"""The thin service around pure matching: loads profiles, runs the engine, builds safe cards.

The pure modules beside it (profiles, engine, anonymity, pseudonym) never import Flask or
the database; this one does, with models.py (the record of what employers were shown), and
nothing else in the package may. Other packages go through
this module only: it loads, runs the engine and builds cards; the mapping of records to
profiles lives in profiles.py.

Population for k-anonymity: the ACTIVE participants who pass the offer's hard constraints.
An employer knows a card's person is one of them (paused, placed and ended people are not
candidates for anyone, and those who fail the constraints are not candidates for this offer),
so counting anyone else would make a card look safer than it is. Across views, each card is
counted among the people consistent with everything the organisation was shown before under
its pseudonym (models.CandidateDisclosure).

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

from portal.clock import now
from portal.employers.models import Organisation
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
    UsesAdaptations,
)
from portal.matching.engine import Match, Reason, TaskFit, match, offers_for, task_fits  # noqa: F401
from portal.matching.models import CandidateDisclosure
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
    offer: Offer,
    today: date,
    *,
    proposed_ids: frozenset[int] = frozenset(),
    k: int = anonymity.DEFAULT_K,
    remember: bool = False,
) -> list[Candidate]:
    """The offer's candidates, proposed ones first, then best first, ties by pseudonym.

    Each card keeps at least k people consistent with everything the offer's organisation has
    been shown under its pseudonym (candidate_disclosure), counted among the people who pass the
    offer; a card that cannot is left out. `remember` is for the employer's own views: what they
    are shown is recorded, so later views are generalised against it. Others (the coordinator
    looking over the employer's shoulder, the demo) see the same cards and record nothing.
    """
    data = live_snapshot_data(offer)
    if data is None:
        return []
    profile = offer_profile(offer.id, data)
    people = [matchable_profile(p) for p in active_participants()]
    records = _disclosures(offer.organisation_id, lock=remember)
    earlier = {pid: frozenset(record.consistent_ids) for pid, record in records.items()}
    matches, disclosed = anonymity.candidate_disclosures(profile, people, earlier, today, k)
    if remember:
        _remember(offer, disclosed, records)
    task_names = tuple(task.name for task in profile.tasks)
    candidates = [
        Candidate(
            participant_id=pid,
            pseudonym=candidate_name(offer.organisation_id, pid),
            score=matches[pid].score,
            card=shown.card,
            reasons=anonymity.reasons_for_display(matches[pid].reasons, shown.card),
            proposed=pid in proposed_ids,
            task_names=task_names,
        )
        for pid, shown in disclosed.items()
        if shown.card is not None
    ]
    # By pseudonym, not id, on equal scores: ids follow registration order, which an employer could know.
    candidates.sort(key=lambda c: (not c.proposed, -c.score, c.pseudonym))
    return candidates


def _disclosures(organisation_id: int, *, lock: bool) -> dict[int, CandidateDisclosure]:
    """What the organisation has been shown, by participant id. Locked for a view that records,
    so two simultaneous views of one organisation narrow the sets one after the other."""
    if lock:
        db.session.execute(select(Organisation.id).where(Organisation.id == organisation_id).with_for_update())
    rows = db.session.scalars(select(CandidateDisclosure).where(CandidateDisclosure.organisation_id == organisation_id))
    return {row.participant_id: row for row in rows}


def _remember(offer: Offer, disclosed: dict[int, anonymity.Disclosure], records: dict[int, CandidateDisclosure]) -> None:
    """Record the cards shown; a row is written only where the set or the shown levels changed."""
    key = str(offer.id)
    for pid, shown in disclosed.items():
        if shown.card is None:
            continue
        consistent = sorted(shown.consistent)
        levels = list(shown.card.levels)
        record = records.get(pid)
        if record is None:
            db.session.add(
                CandidateDisclosure(
                    organisation_id=offer.organisation_id, participant_id=pid,
                    consistent_ids=consistent, shown={key: levels},
                )
            )
        elif record.consistent_ids != consistent or record.shown.get(key) != levels:
            record.consistent_ids = consistent
            record.shown = {**record.shown, key: levels}
            record.updated_at = now()
    db.session.flush()


def forget_disclosures(participant_id: int) -> int:
    """Erase what every employer was shown of this person (with the person). Other people's
    sets may keep the id: it names no one once the participant row is gone."""
    rows = db.session.scalars(select(CandidateDisclosure).where(CandidateDisclosure.participant_id == participant_id))
    count = 0
    for row in rows:
        db.session.delete(row)
        count += 1
    db.session.flush()
    return count


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
