"""Nothing identifying leaves in mail or calendars: one rule for the name an employer may see
(the first name while the consent on their interest is in force), and no participant name in
any e-mail subject (subjects travel and are stored in clear, and show on lock screens)."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.interest import services as interest_services
from portal.interest.models import Interest
from portal.meetings.invitations import calendar_event, participant_label
from portal.meetings.states import MeetingStatus
from portal.offers.models import Offer
from portal.outbox.delivery import build_email
from portal.outbox.models import OutboxMessage
from portal.participants.models import Participant
from portal.placements.services import participant_name_for
from tests.interest_factories import open_interest
from tests.meeting_factories import make_interest, make_meeting, make_placement

_UTC = datetime(2030, 1, 1).astimezone().tzinfo


def _texts(message: OutboxMessage) -> list[str]:
    """Every decoded text part and attachment of the message as it would be sent."""
    email = build_email(message, "brygga@example.se")
    texts = [str(email["Subject"])]
    for part in email.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        texts.append(payload.decode(part.get_content_charset() or "utf-8", errors="replace"))
    return texts


def _word(token: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(token)}(?!\w)")


def test_the_whole_demo_through_the_outbox_names_no_participant_to_employers_or_in_subjects(app, db):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    for command in (["interest", "remind"], ["bookings", "remind"]):
        assert runner.invoke(args=command).exit_code == 0, command
    messages = list(db.session.scalars(select(OutboxMessage)))
    assert len(messages) >= 10
    people = list(db.session.scalars(select(Participant)))
    # Words that are also the names of staff, employers or supervisors (a consultant called Nilsson,
    # a supervisor called Johan) may appear for their own sake; a participant's full name never may.
    own_names = {w for (n,) in db.session.execute(select(User.name)) for w in n.split()}
    own_names |= {w for (n,) in db.session.execute(select(Offer.supervisor_name)) for w in (n or "").split()}
    employers = {u.email: u.organisation_id for u in db.session.scalars(select(User).where(User.role == Role.EMPLOYER))}
    # When each organisation could see each person's first name: from a consent until it was withdrawn.
    consented: dict[tuple[int, int], list[tuple[datetime, datetime | None]]] = {}
    for interest in db.session.scalars(select(Interest)):
        for consent in interest.consents:
            consented.setdefault((interest.organisation_id, interest.participant_id), []).append(
                (consent.recorded_at, consent.withdrawn_at))
    found = []
    for message in messages:
        subject, *parts = _texts(message)
        for person in people:
            tokens = [t for t in person.name.split() if t not in own_names]
            if _word(person.name).search(subject) or any(_word(t).search(subject) for t in tokens):
                found.append((message.template if hasattr(message, "template") else message.subject, "subject", person.name))
            organisation = employers.get(message.recipient)
            if organisation is None:
                continue
            # Two people may share a first name: the one the employer may see covers both.
            allowed_first = any(
                given <= message.created_at and (gone is None or gone > message.created_at)
                for other in people if other.name.split()[0] == person.name.split()[0]
                for given, gone in consented.get((organisation, other.id), [])
            )
            for text in parts:
                if _word(person.name).search(text):
                    found.append((message.subject, "full name to an employer", person.name))
                for token in tokens[1:] + ([] if allowed_first else tokens[:1]):
                    if _word(token).search(text):
                        found.append((message.subject, f"{token!r} to an employer", person.name))
    assert found == [], "\n".join(map(str, found))


def test_subjects_to_the_consultant_do_not_name_the_participant(app, db):
    interest = open_interest()
    db.session.flush()
    subjects = [m.subject for m in db.session.scalars(select(OutboxMessage))]
    name = interest.participant.name
    assert subjects and all(name.split()[0] not in s and name not in s for s in subjects)
    body = db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == interest.participant.consultant.email)).first()
    assert body is not None and name in body.body_text  # the body may name the person to their consultant


@pytest.mark.parametrize("consent, withdrawn, shown", [
    (True, False, "Amina"),   # agreed, consent in force
    (True, True, None),       # consent withdrawn since
    (False, False, None),     # never agreed
])
def test_one_rule_for_the_name_on_pages_mail_and_calendars(app, db, consent, withdrawn, shown):
    interest = make_interest(consent=consent)
    if withdrawn:
        interest_services.withdraw_consent(interest, actor=interest.participant.consultant)
    placement = make_placement(employer=interest.employer_user, participant=interest.participant, interest_id=interest.id)
    db.session.flush()
    db.session.refresh(placement)
    meeting = make_meeting(placement=placement, status=MeetingStatus.CONFIRMED)
    employer = interest.employer_user
    assert interest_services.name_for_employer(interest) == shown
    with force_locale("en"):
        assert str(participant_name_for(employer, placement)) == (shown or "Name not shared")
        assert participant_label(meeting) == (shown or "the candidate")
    description = calendar_event(meeting, locale="en").description
    assert ("Amina" in description) == (shown is not None)
    assert "Yusuf" not in description


def test_a_follow_up_without_an_interest_never_names_the_person(db):
    placement = make_placement()
    meeting = make_meeting(placement=placement)
    with force_locale("en"):
        assert participant_label(meeting) == "the candidate"
