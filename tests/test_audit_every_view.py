"""Every GET page that shows participant data writes exactly one audit row, naming the participants.

Each GET endpoint of the app is classified here, with the reason: a new GET route that is in
neither list fails `test_every_get_route_is_classified`, so a page cannot forget its audit row
by being forgotten here. The visits reuse the authorization matrix's records and URLs (World), and
go in as every role the matrix lets in (200).
"""

from __future__ import annotations

import pytest
from flask import url_for
from sqlalchemy import func, select

from portal.accounts.models import Role
from portal.audit.models import AuditEvent, AuditParticipant
from tests import factories
from tests.conftest import sign_in_client
from tests.test_authorization_matrix import MATRIX

# endpoint: why it shows participant data (and so writes one row)
SHOWS_PARTICIPANT_DATA = {
    "participants.index": "the caseload: names of every participant on the page",
    "participants.detail": "the participant's record",
    "participants.edit": "the record in its edit form",
    "participants.reassign": "the participant's name and consultant",
    "privacy.erase": "the participant's name and what still holds their erasure",
    "candidates.for_offer": "candidate cards built from participants (pseudonymised, still personal data)",
    "candidates.express_interest": "one candidate card",
    "candidates.for_participant": "the offers fitting one participant",
    "interest.tasks": "the consultant's open interests, naming participants",
    "interest.detail": "one interest in a participant",
    "placements.index": "placements, naming participants",
    "placements.new": "the form lists the consultant's participants by name",
    "placements.detail": "one placement of a participant",
    "meetings.detail": "a meeting about one participant; a follow-up's page shows their record and own words",
    "meetings.calendar_feed": "the feed lists the meetings about participants",
    "followups.record": "the follow-up record form, with what the participant said",
    "followups.supervisor_view": "the supervisor's form, with the record's levels",
    "followups.placement": "the placement's follow-ups and what the participant has learnt",
    "followups.certificate": "the certificate names the participant in full",
    "audit.search": "the log's follow-up lists participants by name; a participant search writes its row",
    "export.page": "the participant's name and how many rows of each kind the export holds",
    "export.pdf": "everything held about the participant (the row is participant.exported)",
    "export.json": "everything held about the participant (the row is participant.exported)",
    "site.dashboard": "the home page: a consultant's names participants; an employer's, candidates to meet",
}
# (endpoint, role) of a page above that shows that role no participant data, and why.
ROLES_SHOWN_NONE = {
    ("site.dashboard", "coordinator"): "the coordinator's home shows counts only",
    ("site.dashboard", "admin"): "the administrator's home counts units and projects",
}

# endpoint: why it shows none
SHOWS_NONE = {
    "accounts.session_status": "how long the session has left, as JSON",
    "accounts.sign_ins": "the person's own sign-ins: times, addresses, browsers",
    "second_factor.code": "the code step of a staff sign-in",
    "second_factor.enrol": "the QR code and key of the person's own second factor",
    "second_factor.reset": "a colleague's name and whether their second factor is set up",
    "site.security_txt": "how to report a vulnerability",
    "processing_record.show": "the record of processing: kinds of data, purposes and periods, no one's data",
    "cookies.page": "the cookies Brygga sets",
    "accessibility.statement": "the accessibility statement and its report form: no participant data",
    "removal.remove_user": "an employer's account: its name",
    "removal.remove_organisation": "an organisation's name",
    "reports.figures": "counts for a period, small ones suppressed: nobody is named",
    "reports.export": "the same counts as a file; each download writes its own audit row (figures.exported)",
    "site.undelivered_mail": "addresses, subjects and reasons of mail the outbox set aside; subjects name no participant",
    "static": "files",
    "site.home": "start page",
    "site.healthz": "health check",
    "accounts.sign_in": "form",
    "accounts.forgot_password": "form",
    "accounts.reset_password": "form",
    "accounts.accept_invitation": "form",
    "accounts.change_password": "form",
    "accounts.staff": "staff accounts, no participants",
    "admin.units": "units and their contact people",
    "admin.projects": "projects and their units",
    "admin.invite_coordinator": "a unit's name and a form",
    "employers.start": "public page",
    "employers.register": "form",
    "employers.registered": "public page",
    "employers.confirm_email": "form",
    "employers.resend_confirmation": "form",
    "employers.queue": "organisations",
    "employers.detail": "one organisation",
    "employers.invite": "form",
    "employers.leave": "form",
    "offers.index": "offers",
    "offers.new": "form",
    "offers.step": "offer form",
    "offers.check_answers": "offer",
    "offers.detail": "offer",
    "offers.delete": "offer",
    "offers.tasks": "offer tasks",
    "offers.new_task": "offer tasks",
    "offers.edit_task": "offer tasks",
    "offers.task_examples": "offer tasks",
    "review.queue": "offers to review",
    "review.offer": "one offer",
    "participants.new": "an empty form",
    "meetings.index": "meetings by kind and offer title, no participant named",
    "meetings.request_time": "the consultant's free times",
    "meetings.propose_times": "times and employer contacts",
    "meetings.decline": "the meeting's kind only",
    "meetings.move": "the meeting's kind and time",
    "meetings.cancel": "the meeting's kind and time",
    "meetings.next_follow_up": "a time form",
    "meetings.calendar_link": "the user's own link",
    "availability.availability": "the consultant's own times",
    "availability.add_weekly_window": "form",
    "availability.add_one_off_window": "form",
    "availability.edit_window": "form",
    "availability.remove_window": "form",
    "availability.block_days": "form",
    "availability.unblock_days": "form",
    "availability.booking_settings": "form",
}


def _get_endpoints(app) -> set[str]:
    return {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods}


def test_every_get_route_is_classified(app):
    endpoints = _get_endpoints(app)
    assert not SHOWS_PARTICIPANT_DATA.keys() & SHOWS_NONE.keys()
    unclassified = sorted(endpoints - SHOWS_PARTICIPANT_DATA.keys() - SHOWS_NONE.keys())
    stale = sorted((SHOWS_PARTICIPANT_DATA.keys() | SHOWS_NONE.keys()) - endpoints)
    assert not unclassified, f"GET routes that say neither whether they show participant data: {unclassified}"
    assert not stale, f"classified routes that no longer exist: {stale}"


def _rows() -> int:
    from portal.extensions import db

    return db.session.scalar(select(func.count()).select_from(AuditEvent))


def _feed_values(world, role):
    from portal.meetings.feeds import create_feed_link, feed_url

    return {"token": feed_url(create_feed_link(world.users[role])).rsplit("/", 1)[1].removesuffix(".ics")}


VISITS = [
    (endpoint, role)
    for endpoint in sorted(SHOWS_PARTICIPANT_DATA)
    if endpoint != "meetings.calendar_feed"
    for role, status in MATRIX[(endpoint, "GET")].expected.items()
    if status == 200 and (endpoint, role) not in ROLES_SHOWN_NONE
] + [("meetings.calendar_feed", "consultant"), ("meetings.calendar_feed", "employer")]
# The log's page shows participants only when searched for one: its test is in test_audit_log.py.
VISITS.remove(("audit.search", "coordinator"))


def test_every_page_with_participant_data_is_visited_by_someone():
    visited = {endpoint for endpoint, _ in VISITS}
    assert visited == SHOWS_PARTICIPANT_DATA.keys() - {"audit.search"}


@pytest.mark.parametrize("endpoint,role", VISITS, ids=lambda v: v)
def test_a_page_with_participant_data_writes_one_audit_row(app, db, endpoint, role):
    world = factories.make_world()
    if endpoint == "meetings.calendar_feed":
        values = _feed_values(world, Role(role))
    else:
        row = MATRIX[(endpoint, "GET")]
        values = row.values(world) if callable(row.values) else row.values
    db.session.commit()
    client = app.test_client()
    if endpoint != "meetings.calendar_feed":
        sign_in_client(client, world.users[Role(role)])
    with app.test_request_context():
        url = url_for(endpoint, **values)
    before = db.session.scalar(select(func.max(AuditEvent.id))) or 0
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    db.session.expire_all()
    new = list(db.session.scalars(select(AuditEvent).where(AuditEvent.id > before)))
    assert len(new) == 1, [e.action for e in new]
    event = new[0]
    assert event.actor_id == world.users[Role(role)].id
    links = db.session.scalars(select(AuditParticipant.participant_id).where(AuditParticipant.audit_event_id == event.id)).all()
    # A page of candidate cards may be empty (the world's offer may match no one): then it names no one.
    assert links or event.detail.get("participant_ids") == [], f"{event.action} names no participant"
