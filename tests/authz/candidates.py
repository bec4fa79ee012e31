"""Rows for candidates, offers that fit, proposals, interest and consent."""

from tests.authz import CONSULTANT, COORDINATOR, EMPLOYER, SIGN_IN_REDIRECT, Row, only


def _own_offer(world):
    return {"offer_id": world.own_offer.id}


def _live_candidate(world):
    return {"offer_id": world.live_offer.id, "pseudonym": world.candidate_pseudonym}


def _own_participant(world):
    return {"participant_id": world.own_participant.id}


def _propose(world):
    return {"participant_id": world.own_participant.id, "offer_id": world.live_offer.id}


def _own_interest(world):
    return {"offer_id": world.live_offer.id, "pseudonym": world.own_interest_pseudonym}


def _interest(world):
    return {"interest_id": world.interest.id}


ROWS = {
    ("candidates.for_offer", "GET"): Row(only(EMPLOYER, COORDINATOR), _own_offer),
    ("candidates.express_interest", "GET"): Row(only(EMPLOYER), _live_candidate),
    ("candidates.express_interest", "POST"): Row(only(EMPLOYER, status=303), _live_candidate),
    ("candidates.for_participant", "GET"): Row(only(CONSULTANT, COORDINATOR), _own_participant),
    ("candidates.propose", "POST"): Row(only(CONSULTANT, status=303), _propose),
    ("candidates.withdraw_interest", "POST"): Row(only(EMPLOYER, status=303), _own_interest),
    ("interest.tasks", "GET"): Row(only(CONSULTANT)),
    # Posting nothing: the answer is missing.
    ("interest.detail", "GET"): Row(only(CONSULTANT, COORDINATOR), _interest),
    ("interest.detail", "POST"): Row(
        {"anonymous": SIGN_IN_REDIRECT, "employer": 403, "consultant": 422, "coordinator": 403, "admin": 403}, _interest
    ),
    ("interest.withdraw_consent", "POST"): Row(only(CONSULTANT, status=403, others=403), _interest),
}
