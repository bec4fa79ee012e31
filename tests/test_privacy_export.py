"""A participant's export under GDPR art. 15: everything held about them, as JSON and as a readable PDF."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from portal.accounts.models import Role
from portal.audit.models import AuditEvent
from portal.followups import services as followups
from portal.interest.models import Proposal
from portal.interest.services import express_interest
from portal.outbox.models import OutboxMessage
from portal.placements.certificate import TaskLevel
from tests.conftest import sign_in_client
from tests.factories import make_user
from tests.interest_factories import live_offer
from tests.meeting_factories import make_interest, make_meeting, make_placement
from tests.participant_factories import make_participant

HELD = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)


@pytest.fixture
def afternoon(clock):
    clock.set(datetime(2030, 1, 7, 14, 0, tzinfo=UTC))
    return clock


def _client(app, user):
    client = app.test_client()
    sign_in_client(client, user)
    return client


def _person_with_data_in_every_table(consultant, employer, *, name: str, words: str, hour: int):
    """A participant with an interest (and its mail), a consent, a proposal, a placement, meetings and a follow-up record."""
    participant = make_participant(consultant=consultant, name=name, notes=f"Anteckning om {name}")
    offer = live_offer(employer, title=f"Kök för {name.split()[0]}")
    express_interest(offer, participant, employer=employer, message=f"Vi vill träffa {name.split()[0]}s kort")
    agreed = make_interest(employer, consultant, participant=participant)
    make_meeting(interest=agreed, starts_at=datetime(2030, 1, 8, hour, tzinfo=UTC))
    from portal.extensions import db

    db.session.add(Proposal(offer_id=offer.id, participant_id=participant.id, proposed_by_id=consultant.id))
    placement = make_placement(employer, consultant, participant=participant)
    meeting = make_meeting(placement=placement, starts_at=HELD.replace(hour=hour))
    followups.record_follow_up(
        meeting, consultant, attended=["consultant", "participant"], goes_well="Kommer i tid", to_adjust="",
        next_step="Prova kassan", participant_view=words, levels={placement.offer.tasks[0].id: TaskLevel.ON_OWN},
    )
    db.session.flush()
    return participant


@pytest.fixture
def people(app, db, afternoon):
    consultant, employer = make_user(role=Role.CONSULTANT), make_user(role=Role.EMPLOYER)
    amina = _person_with_data_in_every_table(consultant, employer, name="Amina Yusuf", words="Jag trivs men är trött", hour=8)
    bertil = _person_with_data_in_every_table(consultant, employer, name="Bertil Qvist", words="Bertils egna ord", hour=10)
    db.session.commit()
    # The consultant opens Amina's record and the caseload (one row names both).
    viewer = _client(app, consultant)
    assert viewer.get(f"/participants/{amina.id}").status_code == 200
    assert viewer.get("/participants").status_code == 200
    return consultant, amina, bertil


def _json_of(client, participant):
    response = client.get(f"/participants/{participant.id}/export.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response.headers["Cache-Control"]
    return response.get_data(as_text=True)


def _pdf_text(client, participant) -> str:
    response = client.get(f"/participants/{participant.id}/export.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.data)).pages)


def test_the_json_export_holds_every_table_about_the_person_and_nobody_else(app, db, people):
    consultant, amina, bertil = people
    coordinator = make_user(role=Role.COORDINATOR)
    db.session.commit()
    text = _json_of(_client(app, coordinator), amina)
    data = json.loads(text)
    assert data["format"] == "brygga-participant-export"
    assert data["participant"]["name"] == "Amina Yusuf" and data["participant"]["notes"] == "Anteckning om Amina Yusuf"
    assert data["participant"]["consultant"]["name"] == consultant.name
    assert len(data["consents"]) == 1 and data["consents"][0]["covers"]
    assert len(data["interests"]) == 2
    assert {i["offer_title"] for i in data["interests"]} >= {"Kök för Amina"}
    assert all(i["organisation"] for i in data["interests"])
    assert [p["offer_title"] for p in data["proposals"]] == ["Kök för Amina"]
    assert len(data["placements"]) == 1 and data["placements"][0]["kind"] == "praktik"
    assert len(data["meetings"]) == 2
    [record] = data["follow_up_records"]
    assert record["participant_view"] == "Jag trivs men är trött"
    assert record["assessments"][0]["level"] == "on_own" and record["assessments"][0]["task"]
    actions = [row["action"] for row in data["audit"]]
    assert "participant.viewed" in actions and "participant.listed" in actions and "interest.expressed" in actions
    assert any(row["actor"] and row["actor"]["name"] == consultant.name for row in data["audit"])
    [mail] = data["emails"]
    assert mail["template"] == "interest_expressed" and mail["recipient"] == consultant.email and "Amina" in mail["body_text"]
    # Nothing of Bertil's: not his name, his words, his notes, his offer, nor his id in a row's participant.
    for trace in ("Bertil", "Qvist", "Bertils egna ord", "Kök för Bertil"):
        assert trace not in text
    for section in ("consents", "interests", "proposals", "placements"):
        assert {row["participant_id"] for row in data[section]} == {amina.id}
    assert all("participant_ids" not in row["detail"] for row in data["audit"])


def test_the_pdf_is_readable_in_the_coordinators_language(app, db, people):
    consultant, amina, _ = people
    swedish = make_user(role=Role.COORDINATOR)
    english = make_user(role=Role.COORDINATOR, preferred_language="en")
    db.session.commit()
    text = _pdf_text(_client(app, swedish), amina)
    assert "Allt Brygga har om Amina Yusuf" in text
    assert "Jag trivs men är trött" in text and "Anteckning om Amina Yusuf" in text
    assert "Vem som har sett eller ändrat uppgifterna" in text and "Självständigt" in text
    assert "Bertil" not in text
    assert f"{consultant.name} (Konsulent)" in text, "who viewed the record, by name and role"
    english_text = _pdf_text(_client(app, english), amina)
    assert "Everything Brygga holds about Amina Yusuf" in english_text and "Who has seen or changed the record" in english_text
    assert "On their own" in english_text


def test_every_download_is_audited_with_its_format(app, db, people):
    _, amina, _ = people
    coordinator = make_user(role=Role.COORDINATOR)
    db.session.commit()
    client = _client(app, coordinator)
    _json_of(client, amina)
    _pdf_text(client, amina)
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "participant.exported").order_by(AuditEvent.id)
    ).all()
    assert [(e.subject_id, e.actor_id, e.detail["format"]) for e in events] == [
        (amina.id, coordinator.id, "json"), (amina.id, coordinator.id, "pdf"),
    ]


def test_the_export_page_explains_what_it_holds_and_is_linked_from_the_record_for_the_coordinator_only(app, db, people):
    consultant, amina, _ = people
    coordinator = make_user(role=Role.COORDINATOR)
    db.session.commit()
    client = _client(app, coordinator)
    record = client.get(f"/participants/{amina.id}").get_data(as_text=True)
    assert f'href="/participants/{amina.id}/export"' in record
    page = client.get(f"/participants/{amina.id}/export")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "artikel 15" in html and "hur varje arbetsuppgift har gått: 1." in html
    assert f'href="/participants/{amina.id}/export.pdf"' in html and f'href="/participants/{amina.id}/export.json"' in html
    own = _client(app, consultant)
    assert f"/participants/{amina.id}/export" not in own.get(f"/participants/{amina.id}").get_data(as_text=True)
    for path in ("export", "export.pdf", "export.json"):
        assert own.get(f"/participants/{amina.id}/{path}").status_code == 403
    assert client.get("/participants/999999/export.json").status_code == 404


def test_mail_about_a_participant_names_them_in_the_outbox(db, afternoon):
    participant, offer = make_participant(), live_offer()
    express_interest(offer, participant, employer=offer.created_by)
    message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.template == "interest_expressed"))
    assert message.about_participant_id == participant.id


def test_the_export_says_which_employers_were_shown_the_persons_card_and_not_whom_else_it_could_be(app, db, people):
    from portal.matching.models import CandidateDisclosure

    _, amina, bertil = people
    employer = make_user(role=Role.EMPLOYER)
    db.session.add(CandidateDisclosure(organisation_id=employer.organisation_id, participant_id=amina.id,
                                       consistent_ids=[amina.id, bertil.id], shown={"1": [0, 0, 0, 0, 0]}))
    coordinator = make_user(role=Role.COORDINATOR)
    db.session.commit()
    data = json.loads(_json_of(_client(app, coordinator), amina))
    [shown] = data["shown_to_employers"]
    assert shown["organisation"] == employer.organisation.name and shown["first_shown_at"]
    assert set(shown) == {"organisation", "first_shown_at", "updated_at"}  # not the ids it could have been
    assert employer.organisation.name in _pdf_text(_client(app, coordinator), amina)
