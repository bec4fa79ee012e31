"""Rows for employer registration, vetting and colleagues."""

from tests.authz import ADMIN, ANONYMOUS, COORDINATOR, EMPLOYER, Row, everyone, only


def _employer_org(world):
    from portal.accounts.models import Role

    return {"organisation_id": world.users[Role.EMPLOYER].organisation_id}


def _pending_org(world):
    return {"organisation_id": world.pending_organisation.id}


SIGNED_IN_GO_TO_DASHBOARD = {ANONYMOUS: 200, EMPLOYER: 302, "consultant": 302, COORDINATOR: 302, ADMIN: 302}

ROWS = {
    ("employers.start", "GET"): Row(everyone(200)),
    ("employers.register", "GET"): Row(SIGNED_IN_GO_TO_DASHBOARD),
    ("employers.register", "POST"): Row({**SIGNED_IN_GO_TO_DASHBOARD, ANONYMOUS: 422}),
    ("employers.registered", "GET"): Row(everyone(200)),
    ("employers.confirm_email", "GET"): Row(everyone(404), {"token": "not-a-real-token"}),
    ("employers.confirm_email", "POST"): Row(everyone(404), {"token": "not-a-real-token"}),
    ("employers.resend_confirmation", "GET"): Row(everyone(200)),
    ("employers.resend_confirmation", "POST"): Row(everyone(422)),
    ("employers.queue", "GET"): Row(only(COORDINATOR)),
    # The employer opens their own organisation; another organisation's id is a 404 (tests/test_employers_vetting.py).
    ("employers.detail", "GET"): Row(only(EMPLOYER, COORDINATOR), _employer_org),
    ("employers.approve", "POST"): Row(only(COORDINATOR, status=303), _pending_org),
    ("employers.reject", "POST"): Row(only(COORDINATOR, status=422), _pending_org),
    ("employers.invite", "GET"): Row(only(EMPLOYER), _employer_org),
    ("employers.invite", "POST"): Row(only(EMPLOYER, status=422), _employer_org),
    # Another organisation's request, or one already answered, is a 404 (tests/test_employers_join_requests.py).
    ("employers.answer_join_request", "POST"): Row(only(EMPLOYER, status=404), lambda world: {**_employer_org(world), "join_request_id": 999999}),
    ("employers.leave", "GET"): Row(only(EMPLOYER), _employer_org),
    # The world's employer is the only user of their organisation, so leaving is refused with 422.
    ("employers.leave", "POST"): Row(only(EMPLOYER, status=422), _employer_org),
}

