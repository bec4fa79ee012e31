"""Demo interest, consent, a proposal and a placement for the demo's live offers.

On Kafé Solrosen's live offer the demo employer (arbetsgivare@demo.brygga.se) finds every
kind of answer: two who agreed (one of them now placed, active for a few weeks), one who
declined, one still open (on the demo consultant's to-do list), one that lapsed, one whose
consent was withdrawn, and a candidate proposed by the unit. Enough candidates stay
active for at least five cards. Loading twice adds nothing: an offer that already has
interest is left as it is.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.clock import now, today_in_stockholm
from portal.employers.models import Organisation
from portal.extensions import db
from portal.interest import services
from portal.interest.models import ConsentMethod, Interest
from portal.interest.states import INTEREST_MACHINE
from portal.matching import service as matching
from portal.offers.models import Offer
from portal.offers.states import OfferStatus
from portal.participants.models import Participant
from portal.placements.services import change_placement_status, record_placement
from portal.placements.states import FollowUpCadence, PlacementStatus
from portal.reference.vocabulary import PlacementKind

KAFE = ("556677-8899", "Diskare och kökshjälp")
KOST = ("212000-0142", "Servering på äldreboendet")
PLACING_CONSULTANT = "konsulent@demo.brygga.se"
COVERS = "Att träffa arbetsgivaren, och att arbetsgivaren får veta förnamnet och konsulentens kontaktuppgifter."


def _offer(number: str, title: str) -> Offer | None:
    return db.session.scalar(
        select(Offer)
        .join(Organisation, Organisation.id == Offer.organisation_id)
        .where(Organisation.organisation_number == number, Offer.title == title, Offer.status == OfferStatus.LIVE)
    )


def _employer(offer: Offer) -> User:
    return db.session.scalar(
        select(User).where(User.organisation_id == offer.organisation_id, User.role == Role.EMPLOYER).order_by(User.id)
    )


def _ask(offer: Offer, participant: Participant, employer: User, days_ago: int, message: str = "") -> Interest:
    interest = services.express_interest(offer, participant, employer=employer, message=message)
    interest.created_at = now() - timedelta(days=days_ago)
    return interest


def _agree(interest: Interest, days_ago: int) -> None:
    consent = services.ConsentDetails(
        method=ConsentMethod.IN_PERSON, given_on=today_in_stockholm() - timedelta(days=days_ago), covers=COVERS
    )
    services.answer_interest(interest, agrees=True, actor=interest.participant.consultant, consent=consent)


def load() -> bool:
    """Add the demo interest, consent, proposal and placement if the Kafé offer has none yet."""
    offer = _offer(*KAFE)
    if offer is None:
        return False
    if db.session.scalar(select(Interest.id).where(Interest.offer_id == offer.id)) is not None:
        return False
    employer = _employer(offer)
    today = today_in_stockholm()
    people = [db.session.get(Participant, c.participant_id) for c in matching.candidates_for_offer(offer, today)]
    placing = next((p for p in people if p.consultant.email == PLACING_CONSULTANT), None)
    if employer is None or placing is None or len(people) < 12:
        return False
    # One for each answer: the person to be placed first, then the next candidates in turn.
    others = [p for p in people if p is not placing]
    own = [p for p in others if p.consultant.email == PLACING_CONSULTANT]
    open_one = own[0] if own else others[0]
    others = [p for p in others if p is not open_one]
    agreed, declined, lapsed, withdrawn = others[:4]
    # The unit proposes someone who has done or wants the offer's tasks, as a consultant would.
    proposed = next((p for p in others[4:] if matching.fits_a_task(offer, p)), others[4])

    placed = _ask(offer, placing, employer, 30, "Vi skulle gärna träffas en förmiddag.")
    _agree(placed, 27)
    placement = record_placement(
        offer, placing, actor=placing.consultant, kind=PlacementKind.PRAKTIK,
        start_date=today - timedelta(weeks=3), end_date=today + timedelta(weeks=9), cadence=FollowUpCadence.BIWEEKLY,
    )
    change_placement_status(placement, PlacementStatus.ACTIVE, actor=placing.consultant)

    _agree(_ask(offer, agreed, employer, 9, "Passar det en tisdag?"), 6)
    services.answer_interest(_ask(offer, declined, employer, 8), agrees=False, actor=declined.consultant)
    _ask(offer, open_one, employer, 2, "Vi har plats från nästa månad.")
    old = _ask(offer, lapsed, employer, 21)
    INTEREST_MACHINE.fire("lapse", old, detail={"working_days": 15})
    gone = _ask(offer, withdrawn, employer, 12)
    _agree(gone, 10)
    services.withdraw_consent(gone, actor=withdrawn.consultant)
    services.propose_participant(offer, proposed, actor=proposed.consultant)

    # The municipal kitchen has one open request too, for the second consultant's list.
    kost = _offer(*KOST)
    if kost is not None:
        kost_employer = _employer(kost)
        asked = {p.id for p in (placing, agreed, declined, open_one, lapsed, withdrawn)}
        candidates = [
            db.session.get(Participant, c.participant_id) for c in matching.candidates_for_offer(kost, today)
        ]
        pick = next((p for p in candidates if p.id not in asked), None)
        if kost_employer is not None and pick is not None:
            _ask(kost, pick, kost_employer, 3)
    db.session.flush()
    return True
