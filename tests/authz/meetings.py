"""Rows for meetings (booking, answering, moving, cancelling, the week view) and follow-up records."""

from tests.authz import CONSULTANT, EMPLOYER, Row, only


def _interest(world):
    return {"kind": "introduction", "subject_id": world.agreed_interest.id}


def _meeting(name):
    return lambda world: {"meeting_id": getattr(world, name).id}


def _placement(world):
    return {"placement_id": world.placement.id}


BOTH = (CONSULTANT, EMPLOYER)

ROWS = {
    ("meetings.index", "GET"): Row(only(*BOTH)),
    ("meetings.request_time", "GET"): Row(only(EMPLOYER), _interest),
    ("meetings.request_time", "POST"): Row(only(EMPLOYER, status=422), _interest),
    ("meetings.propose_times", "GET"): Row(only(CONSULTANT), _interest),
    ("meetings.propose_times", "POST"): Row(only(CONSULTANT, status=422), _interest),
    ("meetings.detail", "GET"): Row(only(*BOTH), _meeting("confirmed_meeting")),
    ("meetings.confirm", "POST"): Row(only(CONSULTANT, status=303), _meeting("requested_meeting")),
    ("meetings.choose", "POST"): Row(only(EMPLOYER, status=422), _meeting("proposed_meeting")),
    # The employer cannot answer their own request: only the consultant declines it.
    ("meetings.decline", "GET"): Row(only(CONSULTANT), _meeting("requested_meeting")),
    ("meetings.decline", "POST"): Row(only(CONSULTANT, status=303), _meeting("requested_meeting")),
    ("meetings.move", "GET"): Row(only(*BOTH), _meeting("confirmed_meeting")),
    ("meetings.move", "POST"): Row(only(*BOTH, status=422), _meeting("confirmed_meeting")),
    ("meetings.cancel", "GET"): Row(only(*BOTH), _meeting("confirmed_meeting")),
    ("meetings.cancel", "POST"): Row(only(*BOTH, status=422), _meeting("confirmed_meeting")),
    ("meetings.next_follow_up", "GET"): Row(only(CONSULTANT), _meeting("follow_up_meeting")),
    ("meetings.next_follow_up", "POST"): Row(only(CONSULTANT, status=422), _meeting("follow_up_meeting")),
    ("followups.record", "GET"): Row(only(CONSULTANT), _meeting("past_follow_up")),
    ("followups.record", "POST"): Row(only(CONSULTANT, status=422), _meeting("past_follow_up")),
    ("followups.supervisor_view", "GET"): Row(only(EMPLOYER), _meeting("past_follow_up")),
    ("followups.supervisor_view", "POST"): Row(only(EMPLOYER, status=422), _meeting("past_follow_up")),
    ("followups.placement", "GET"): Row(only(*BOTH), _placement),
    # The certificate names the participant in full: the consultant's alone.
    ("followups.certificate", "GET"): Row(only(CONSULTANT), _placement),
}
