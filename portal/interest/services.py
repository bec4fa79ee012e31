"""Use cases for proposals, interest and consent. Flush, never commit; every change audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from flask_babel import gettext as _
from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.audit.services import record_event
from portal.clock import STOCKHOLM, now, today_in_stockholm
from portal.errors import FieldError
from portal.extensions import db
from portal.interest import queries
from portal.interest.models import Consent, ConsentMethod, Interest, Proposal
from portal.interest.states import INTEREST_MACHINE, InterestStatus
from portal.matching import service as matching
from portal.offers.models import Offer
from portal.offers.visibility import approved_title
from portal.outbox.services import queue_email
from portal.participants.models import Participant
from portal.participants.states import ParticipantStatus
from portal.transactions import all_or_nothing
from portal.web.links import external_url
from portal.workdays import working_days_between

REMIND_AFTER_WORKING_DAYS = 5
LAPSE_AFTER_WORKING_DAYS = 10


def first_name(participant: Participant) -> str:
    """The only part of the name an employer ever sees, and only with consent in force."""
    return (participant.name.split() or [""])[0]


def name_for_employer(interest: Interest | None) -> str | None:
    """The one rule for the participant's name outside the unit (pages, e-mail, .ics, calendar
    feeds): the first name while the consent given on this employer's interest is in force;
    otherwise nothing. A placement or meeting without an interest never shows it."""
    if interest is None or consent_in_force(interest) is None:
        return None
    return first_name(interest.participant)


# Views of participant data: one audit row per page.


def record_candidates_view(offer: Offer, participant_ids: Sequence[int], *, actor: User, page: str = "list") -> None:
    """One row for a page of candidate cards, listing every participant behind them."""
    record_event(
        "candidates.viewed", offer, actor=actor, detail={"participant_ids": list(participant_ids), "page": page}
    )


def record_fitting_offers_view(participant: Participant, offer_ids: Sequence[int], *, actor: User) -> None:
    """One row for the consultant's page of offers that fit this participant."""
    record_event("participant.offers_viewed", participant, actor=actor, detail={"offer_ids": list(offer_ids)})


# The employer's candidates page


# Which finished cards are listed (portal/interest/forms.py names them for the reader).
CANDIDATE_FILTERS = {
    "all": lambda candidate, asked: True,
    "proposed": lambda candidate, asked: candidate.proposed,
    "not_asked": lambda candidate, asked: candidate.participant_id not in asked,
    "asked": lambda candidate, asked: candidate.participant_id in asked,
}


@dataclass(frozen=True)
class CandidatesPage:
    live: bool  # candidates are matched only while the offer is live
    candidates: list[matching.Candidate]  # the cards listed, after the filter
    total: int  # every candidate of the offer
    interests: list[Interest]  # the employer's requests to meet, newest first
    asked: dict[int, Interest]  # by participant id (server-side only)


def candidates_page(offer: Offer, today: date, *, viewer: User, show: str = "all") -> CandidatesPage:
    """The offer's cards, proposed first, and the requests to meet.

    The cards are made k-anonymous first (over everything the organisation has been shown);
    `show` then only picks which of those finished cards are listed, so no filter narrows the
    anonymity set. An employer's view is recorded; the coordinator's is not.
    """
    candidates = matching.candidates_for_offer(
        offer, today, proposed_ids=proposed_ids(offer), remember=viewer.role == Role.EMPLOYER
    )
    interests = queries.interests_for_offer(offer)
    asked = {interest.participant_id: interest for interest in interests}
    keep = CANDIDATE_FILTERS.get(show, CANDIDATE_FILTERS["all"])
    listed = [candidate for candidate in candidates if keep(candidate, asked)]
    return CandidatesPage(matching.is_matchable(offer), listed, len(candidates), interests, asked)


def find_candidate(offer: Offer, pseudonym: str, today: date) -> matching.Candidate | None:
    """One of the offer's candidates, by the pseudonym the employer sees; None if it is not one.
    The card is shown to the employer, so it is recorded like the list."""
    candidates = matching.candidates_for_offer(offer, today, proposed_ids=proposed_ids(offer), remember=True)
    return next((candidate for candidate in candidates if candidate.pseudonym == pseudonym), None)


# Proposals


def propose_participant(offer: Offer, participant: Participant, *, actor: User) -> Proposal:
    """Put an active participant who fits forward for a live offer, once."""
    if not matching.is_matchable(offer):
        raise FieldError("offer", _("The offer is not live, so nobody can be proposed for it."))
    if participant.status != ParticipantStatus.ACTIVE:
        raise FieldError("offer", _("Only active participants can be proposed."))
    if not matching.fits(offer, participant, today_in_stockholm()):
        raise FieldError("offer", _("The participant does not fit this offer."))
    exists = db.session.scalar(
        select(Proposal.id).where(Proposal.offer_id == offer.id, Proposal.participant_id == participant.id)
    )
    if exists is not None:
        raise FieldError("offer", _("You have already proposed the participant for this offer."))
    proposal = Proposal(offer_id=offer.id, participant_id=participant.id, proposed_by_id=actor.id)
    db.session.add(proposal)
    db.session.flush()
    record_event("candidate.proposed", proposal, actor=actor, detail={"offer": offer.id, "participant": participant.id})
    return proposal


def proposed_ids(offer: Offer) -> frozenset[int]:
    return frozenset(db.session.scalars(select(Proposal.participant_id).where(Proposal.offer_id == offer.id)))


# Interest


def express_interest(offer: Offer, participant: Participant, *, employer: User, message: str = "") -> Interest:
    """The employer asks to meet a candidate; the consultant is told by e-mail."""
    exists = db.session.scalar(
        select(Interest.id).where(Interest.offer_id == offer.id, Interest.participant_id == participant.id)
    )
    if exists is not None:
        raise FieldError("message", _("You have already asked to meet this candidate for this offer."))
    interest = Interest(
        offer_id=offer.id,
        participant_id=participant.id,
        organisation_id=offer.organisation_id,
        employer_user_id=employer.id,
        message=(message or "").strip(),
    )
    db.session.add(interest)
    db.session.flush()
    record_event("interest.expressed", interest, actor=employer, detail={"offer": offer.id, "participant": participant.id})
    consultant = participant.consultant
    if consultant.active:
        queue_email(
            consultant.email,
            "interest_expressed",
            locale=consultant.preferred_language,
            about_participant_id=participant.id,
            user=consultant,
            organisation=offer.organisation.name,
            participant=participant.name,
            message=interest.message,
            link=external_url("interest.detail", interest_id=interest.id),
        )
    return interest


def ask_to_meet(offer: Offer, candidate: matching.Candidate, *, employer: User, message: str = "") -> Interest:
    """The employer asks to meet a card: the person behind it is found on the server, never named to them."""
    return express_interest(offer, db.session.get(Participant, candidate.participant_id), employer=employer, message=message)


def withdraw_interest(interest: Interest, *, actor: User) -> None:
    """The employer takes back an open request; it leaves the consultant's to-do list."""
    INTEREST_MACHINE.fire("withdraw", interest, actor=actor)
    db.session.flush()


@dataclass(frozen=True)
class ConsentDetails:
    method: ConsentMethod | None
    given_on: date | None
    covers: str


def _employer_told(interest: Interest) -> None:
    employer = interest.employer_user
    if not employer.active:
        return
    consultant = interest.participant.consultant
    agreed = interest.status == InterestStatus.AGREED
    queue_email(
        employer.email,
        "interest_answered",
        locale=employer.preferred_language,
        about_participant_id=interest.participant_id,
        user=employer,
        agreed=agreed,
        candidate=matching.candidate_name(interest.organisation_id, interest.participant_id),
        first_name=first_name(interest.participant) if agreed else "",
        consultant=consultant if agreed else None,
        title=approved_title(interest.offer),
        link=external_url("candidates.for_offer", offer_id=interest.offer_id),
    )


def answer_interest(interest: Interest, *, agrees: bool, actor: User, consent: ConsentDetails | None = None) -> None:
    """Record the participant's answer: consent to meet, or no (the employer learns no reason).

    All or nothing: a refused answer leaves no change behind (its page keeps only the view's audit row).
    """
    with all_or_nothing():
        _answer(interest, agrees=agrees, actor=actor, consent=consent)
    _employer_told(interest)


def _answer(interest: Interest, *, agrees: bool, actor: User, consent: ConsentDetails | None) -> None:
    if agrees:
        if consent is None or consent.method is None:
            raise FieldError("method", _("Choose how the participant gave their consent"))
        if consent.given_on is None:
            raise FieldError("given_on", _("Write the date of the consent"))
        if consent.given_on > today_in_stockholm():
            raise FieldError("given_on", _("The date of the consent cannot be in the future"))
        if not consent.covers.strip():
            raise FieldError("covers", _("Write what the consent covers"))
    INTEREST_MACHINE.fire("agree" if agrees else "decline", interest, actor=actor)
    interest.answered_by_id = actor.id
    interest.answered_at = now()
    if agrees:
        given_at = datetime.combine(consent.given_on, time(12), tzinfo=STOCKHOLM)
        db.session.add(
            Consent(
                participant_id=interest.participant_id,
                interest_id=interest.id,
                given_at=given_at,
                method=consent.method,
                covers=consent.covers.strip(),
                recorded_by_id=actor.id,
            )
        )
        db.session.flush()
        record_event("consent.recorded", interest, actor=actor, detail={"method": consent.method.value})
    db.session.flush()


def consent_in_force(interest: Interest) -> Consent | None:
    return next((c for c in interest.consents if c.in_force), None)


def withdraw_consent(interest: Interest, *, actor: User) -> Consent:
    """The participant takes their consent back: the employer stops seeing the first name and contact."""
    consent = consent_in_force(interest)
    if consent is None:
        raise FieldError("", _("There is no consent in force to withdraw."))
    consent.withdrawn_at = now()
    consent.withdrawal_recorded_by_id = actor.id
    db.session.flush()
    record_event("consent.withdrawn", interest, actor=actor, detail={"consent": consent.id})
    return consent


# The reminder and lapse job


def _working_days_open(interest: Interest, today: date) -> int:
    return working_days_between(interest.created_at.astimezone(STOCKHOLM).date(), today)


def remind_and_lapse(today: date | None = None) -> tuple[list[Interest], list[Interest]]:
    """Remind the consultant once after 5 working days; lapse after 10 and tell the employer. Idempotent."""
    today = today or today_in_stockholm()
    reminded, lapsed = [], []
    for interest in db.session.scalars(
        select(Interest).where(Interest.status == InterestStatus.OPEN).order_by(Interest.created_at, Interest.id)
    ):
        days = _working_days_open(interest, today)
        if days >= LAPSE_AFTER_WORKING_DAYS:
            INTEREST_MACHINE.fire("lapse", interest, detail={"working_days": days})
            db.session.flush()
            _employer_told(interest)
            lapsed.append(interest)
        elif days >= REMIND_AFTER_WORKING_DAYS and interest.reminded_at is None:
            interest.reminded_at = now()
            record_event("interest.reminded", interest, detail={"working_days": days})
            consultant = interest.participant.consultant
            if consultant.active:
                queue_email(
                    consultant.email,
                    "interest_reminder",
                    locale=consultant.preferred_language,
                    about_participant_id=interest.participant_id,
                    user=consultant,
                    organisation=interest.organisation.name,
                    participant=interest.participant.name,
                    days_left=LAPSE_AFTER_WORKING_DAYS - days,
                    link=external_url("interest.detail", interest_id=interest.id),
                )
            reminded.append(interest)
    db.session.flush()
    return reminded, lapsed


def proposed_offer_ids(participant: Participant) -> frozenset[int]:
    return frozenset(db.session.scalars(select(Proposal.offer_id).where(Proposal.participant_id == participant.id)))


def record_interest_list_view(participant_ids: Sequence[int], *, actor: User) -> None:
    """One row for the consultant's task list of open interests (an empty list: no row)."""
    if not participant_ids:
        return
    record_event(
        "interest.listed", actor=actor, subject_type=Participant.__tablename__, detail={"participant_ids": list(participant_ids)}
    )


def record_interest_view(interest: Interest, *, actor: User) -> None:
    record_event("interest.viewed", interest, actor=actor, detail={"participant": interest.participant_id})
