"""Participants: the caseload, its scoping, the audit of every view, the form and its rules."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from portal.accounts.models import Role
from portal.audit.models import AuditEvent
from portal.clock import today_in_stockholm
from portal.participants.models import Gender, Participant
from portal.participants.states import Outcome, ParticipantStatus
from tests import factories
from tests.participant_factories import make_participant


def _events(db, action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


def _form(**overrides) -> dict:
    """A complete, valid registration as the browser posts it."""
    data = {
        "name": "Amina Yusuf",
        "birth_year": str(today_in_stockholm().year - 38),
        "gender": "woman",
        "wishes": "Vill laga mat och jobba i kök.",
        "industries": ["I", "G"],
        "tasks_done": ["i-wash-dishes"],
        "tasks_done_other": "Städa trappor\nBaka",
        "tasks_wanted": ["i-prepare-vegetables", "g-restock-shelves"],
        "tasks_wanted_other": "",
        "swedish_level": "a_little",
        "other_languages": ["so", "ar"],
        "hours_per_week_min": "10",
        "hours_per_week_max": "20",
        "times_of_day": ["daytime", "afternoon"],
        "available_from": "2027-01-15",
        "areas": ["centrum", "norrby"],
        "travel": ["bike", "public_transport"],
        "driving_licence": "no",
        "needs": ["instructions_shown", "no_heavy_lifting"],
        "notes": "Har två barn på förskolan.",
    }
    data.update(overrides)
    return data


def _page(response) -> str:
    return response.get_data(as_text=True)


# Registering


def test_a_consultant_registers_a_participant_into_their_own_caseload(client, db, login_as):
    consultant = login_as("consultant")

    response = client.post("/participants/new", data=_form())

    assert response.status_code == 303
    participant = db.session.scalar(select(Participant))
    assert response.location == f"/participants/{participant.id}"
    assert participant.consultant_id == consultant.id
    assert participant.status == ParticipantStatus.ACTIVE
    assert participant.gender == Gender.WOMAN
    assert participant.tasks_done == ["i-wash-dishes"]
    assert participant.tasks_done_other == ["Städa trappor", "Baka"]
    assert participant.tasks_wanted == ["i-prepare-vegetables", "g-restock-shelves"]
    assert participant.areas == ["centrum", "norrby"]
    assert participant.available_from == date(2027, 1, 15)
    assert participant.driving_licence is False
    (event,) = _events(db, "participant.registered")
    assert (event.actor_id, event.subject_type, event.subject_id) == (consultant.id, "participant", participant.id)


def test_bad_input_gets_422_with_the_error_summary_and_every_typed_value_kept(client, db, login_as):
    login_as("consultant", preferred_language="en")
    data = _form(birth_year="1950", hours_per_week_min="twenty", areas=[], gender="")

    response = client.post("/participants/new", data=data)

    assert response.status_code == 422
    page = _page(response)
    assert "<title>Error: Register a participant – Brygga</title>" in page
    summary = page.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "The programme is for people aged 25 to 64" in summary
    assert "Enter the fewest hours as a number, like 10" in summary
    assert "Choose at least one area the person can get to" in summary
    assert 'href="#areas-0"' in summary
    assert "Choose a gender" in summary
    # Every value typed or ticked is still there.
    assert 'value="Amina Yusuf"' in page
    assert 'value="1950"' in page
    assert 'value="twenty"' in page
    assert "Vill laga mat och jobba i kök." in page
    assert "Städa trappor\nBaka" in page
    assert "Har två barn på förskolan." in page
    for name, value in [("tasks_done", "i-wash-dishes"), ("needs", "no_heavy_lifting"), ("other_languages", "so")]:
        assert re.search(rf'<input checked class="choice-input" id="{name}-\d+" name="{name}" type="checkbox" value="{value}"', page), name
    assert db.session.scalar(select(Participant)) is None


def test_the_most_hours_must_not_be_fewer_than_the_fewest(client, db, login_as):
    login_as("consultant", preferred_language="en")
    response = client.post("/participants/new", data=_form(hours_per_week_min="30", hours_per_week_max="10"))
    assert response.status_code == 422
    assert "The most hours must be at least the fewest hours" in _page(response)


@pytest.mark.parametrize(
    ("age", "accepted"),
    [(24, False), (25, True), (40, True), (64, True), (65, False), (-1, False)],
)
def test_the_birth_year_must_fit_the_programmes_25_to_64(client, db, login_as, age, accepted):
    login_as("consultant", preferred_language="en")
    year = today_in_stockholm().year - age
    response = client.post("/participants/new", data=_form(birth_year=str(year)))
    assert response.status_code == (303 if accepted else 422)
    if not accepted:
        assert "Enter the year" in _page(response) or "aged 25 to 64" in _page(response)


def test_the_birth_year_message_is_in_swedish_for_a_swedish_user(client, db, login_as):
    login_as("consultant", preferred_language="sv")
    year = today_in_stockholm().year - 70
    response = client.post("/participants/new", data=_form(birth_year=str(year)))
    assert response.status_code == 422
    assert "Programmet är för personer som är 25 till 64 år" in _page(response)


def test_the_service_refuses_an_ineligible_birth_year_whoever_calls_it(db):
    from portal.errors import FieldError
    from portal.participants.services import ParticipantDetails, register_participant

    consultant = factories.make_user(role=Role.CONSULTANT)
    details = ParticipantDetails(
        name="X", birth_year=today_in_stockholm().year - 20, gender=Gender.MAN, swedish_level="none",
        hours_per_week_min=5, hours_per_week_max=10, available_from=date(2027, 1, 1),
        times_of_day=["daytime"], areas=["centrum"], travel=["walk"],
    )
    with pytest.raises(FieldError) as error:
        register_participant(consultant, details)
    assert error.value.field == "birth_year"


@pytest.mark.parametrize("field", ["notes", "wishes", "tasks_done_other"])
def test_a_personal_identity_number_in_free_text_gets_a_gentle_stop(client, db, login_as, field):
    login_as("consultant", preferred_language="en")
    response = client.post("/participants/new", data=_form(**{field: "Pnr 811228-9874, ring mamma"}))
    assert response.status_code == 422
    assert "This looks like a personal identity number" in _page(response)
    assert "811228-9874" in _page(response)  # kept, so the consultant sees what to remove


def test_a_phone_number_is_not_taken_for_a_personal_identity_number(client, db, login_as):
    login_as("consultant")
    response = client.post("/participants/new", data=_form(notes="Ring 070-1234567 efter tre"))
    assert response.status_code == 303


def test_only_consultants_register_participants(client, db, login_as):
    login_as("coordinator")
    assert client.get("/participants/new").status_code == 403
    assert client.post("/participants/new", data=_form()).status_code == 403


# Scoping


def test_another_consultants_participant_is_a_404_on_every_page(client, db, login_as):
    login_as("consultant")
    other = make_participant()
    db.session.commit()
    for method, url, data in [
        ("GET", f"/participants/{other.id}", None),
        ("GET", f"/participants/{other.id}/edit", None),
        ("POST", f"/participants/{other.id}/edit", _form()),
        ("POST", f"/participants/{other.id}/status", {"to": "paused"}),
        ("GET", f"/participants/{other.id}/consultant", None),
        ("GET", "/participants/999999", None),
    ]:
        assert client.open(url, method=method, data=data).status_code == 404, url
    assert db.session.get(Participant, other.id).status == ParticipantStatus.ACTIVE
    assert _events(db, "participant.viewed") == []


def test_employers_never_reach_a_participant_page(client, db, login_as):
    login_as("employer")
    participant = make_participant()
    db.session.commit()
    for url in ["/participants", "/participants/new", f"/participants/{participant.id}",
                f"/participants/{participant.id}/edit", f"/participants/{participant.id}/consultant"]:
        assert client.get(url).status_code == 403, url
    assert client.post(f"/participants/{participant.id}/status", data={"to": "paused"}).status_code == 403
    assert _events(db, "participant.viewed") == []
    assert _events(db, "participant.listed") == []


def test_the_caseload_lists_only_the_consultants_own_participants(client, db, login_as):
    consultant = login_as("consultant")
    mine = make_participant(consultant=consultant, name="Bashir Ali")
    make_participant(name="Someone Else")
    db.session.commit()
    page = _page(client.get("/participants"))
    assert "Bashir Ali" in page
    assert "Someone Else" not in page
    assert f"/participants/{mine.id}" in page


def test_the_coordinator_sees_every_caseload_and_can_filter_by_consultant(client, db, login_as):
    login_as("coordinator")
    first = make_participant(name="Bashir Ali")
    second = make_participant(name="Lena Ström")
    db.session.commit()
    page = _page(client.get("/participants"))
    assert "Bashir Ali" in page and "Lena Ström" in page
    filtered = _page(client.get(f"/participants?consultant={first.consultant_id}"))
    assert "Bashir Ali" in filtered and "Lena Ström" not in filtered
    assert second.consultant.name in page


def test_ended_participants_are_listed_only_when_asked_for(client, db, login_as):
    consultant = login_as("consultant")
    make_participant(consultant=consultant, name="Still Here")
    make_participant(consultant=consultant, name="Gone On", status=ParticipantStatus.ENDED, outcome=Outcome.JOB)
    db.session.commit()
    assert "Gone On" not in _page(client.get("/participants"))
    ended = _page(client.get("/participants?status=ended"))
    assert "Gone On" in ended and "Still Here" not in ended


# Every view is logged


def test_opening_a_record_writes_an_audit_row(client, db, login_as):
    consultant = login_as("consultant")
    participant = make_participant(consultant=consultant)
    db.session.commit()
    assert client.get(f"/participants/{participant.id}").status_code == 200
    (event,) = _events(db, "participant.viewed")
    assert (event.actor_id, event.subject_id, event.detail) == (consultant.id, participant.id, {"page": "record"})


def test_the_coordinator_looking_is_logged_too(client, db, login_as):
    coordinator = login_as("coordinator")
    participant = make_participant()
    db.session.commit()
    client.get(f"/participants/{participant.id}")
    client.get(f"/participants/{participant.id}/consultant")
    events = _events(db, "participant.viewed")
    assert [(e.actor_id, e.subject_id, e.detail["page"]) for e in events] == [
        (coordinator.id, participant.id, "record"),
        (coordinator.id, participant.id, "reassign"),
    ]


def test_the_edit_form_shows_the_record_so_it_is_logged(client, db, login_as):
    consultant = login_as("consultant")
    participant = make_participant(consultant=consultant)
    db.session.commit()
    client.get(f"/participants/{participant.id}/edit")
    (event,) = _events(db, "participant.viewed")
    assert event.detail == {"page": "edit"}


def test_a_caseload_page_is_one_audit_row_listing_every_participant_on_it(client, db, login_as):
    from portal.participants.queries import PAGE_SIZE

    consultant = login_as("consultant")
    people = [make_participant(consultant=consultant, name=f"Person {n:02d}") for n in range(PAGE_SIZE + 3)]
    db.session.commit()

    client.get("/participants")
    client.get("/participants?page=2")

    first, second = _events(db, "participant.listed")
    assert first.actor_id == consultant.id and first.subject_type == "participant" and first.subject_id is None
    assert first.detail == {"participant_ids": [p.id for p in people[:PAGE_SIZE]], "page": 1}
    assert second.detail == {"participant_ids": [p.id for p in people[PAGE_SIZE:]], "page": 2}


def test_an_empty_caseload_page_logs_nothing(client, db, login_as):
    login_as("consultant")
    assert client.get("/participants").status_code == 200
    assert _events(db, "participant.listed") == []


# Editing


def test_the_own_consultant_changes_the_details_and_the_audit_names_the_fields_not_values(client, db, login_as):
    consultant = login_as("consultant")
    participant = make_participant(consultant=consultant)
    db.session.commit()
    page = _page(client.get(f"/participants/{participant.id}/edit"))
    assert f'value="{participant.name}"' in page

    data = _form(name=participant.name, notes="Ny anteckning", swedish_level="everyday")
    response = client.post(f"/participants/{participant.id}/edit", data=data)

    assert response.status_code == 303
    db.session.expire_all()
    participant = db.session.get(Participant, participant.id)
    assert participant.notes == "Ny anteckning"
    (event,) = _events(db, "participant.updated")
    assert "notes" in event.detail["fields"] and "swedish_level" in event.detail["fields"]
    assert "Ny anteckning" not in str(event.detail)


def test_editing_with_a_mistake_keeps_the_typed_values(client, db, login_as):
    consultant = login_as("consultant", preferred_language="en")
    participant = make_participant(consultant=consultant)
    db.session.commit()
    response = client.post(f"/participants/{participant.id}/edit", data=_form(name="Ny Namn", travel=[]))
    assert response.status_code == 422
    assert 'value="Ny Namn"' in _page(response)
    assert "Choose at least one way the person can travel" in _page(response)
    db.session.expire_all()
    assert db.session.get(Participant, participant.id).name != "Ny Namn"


def test_the_coordinator_sees_but_does_not_edit(client, db, login_as):
    login_as("coordinator")
    participant = make_participant()
    db.session.commit()
    assert client.get(f"/participants/{participant.id}/edit").status_code == 403
    assert client.post(f"/participants/{participant.id}/status", data={"to": "paused"}).status_code == 403


# Status


def test_the_consultant_pauses_resumes_and_ends_with_an_outcome(client, db, login_as):
    consultant = login_as("consultant", preferred_language="en")
    participant = make_participant(consultant=consultant)
    db.session.commit()
    url = f"/participants/{participant.id}/status"

    assert client.post(url, data={"to": "paused"}).status_code == 303
    assert client.post(url, data={"to": "active"}).status_code == 303
    missing = client.post(url, data={"to": "ended"})
    assert missing.status_code == 422
    assert "Choose how the participation ended" in _page(missing)
    assert client.post(url, data={"to": "ended", "outcome": "studies"}).status_code == 303

    db.session.expire_all()
    participant = db.session.get(Participant, participant.id)
    assert (participant.status, participant.outcome) == (ParticipantStatus.ENDED, Outcome.STUDIES)
    moves = [(e.detail["from"], e.detail["to"]) for e in db.session.scalars(
        select(AuditEvent).where(AuditEvent.action.in_(
            ["participant.paused", "participant.active", "participant.ended"])).order_by(AuditEvent.id))]
    assert moves == [("active", "paused"), ("paused", "active"), ("active", "ended")]
    assert _events(db, "participant.ended")[0].detail["outcome"] == "studies"


def test_a_refused_status_change_keeps_the_view_audit_row_and_changes_nothing(client, db, login_as):
    consultant = login_as("consultant", preferred_language="en")
    participant = make_participant(consultant=consultant)
    db.session.commit()

    refused = client.post(f"/participants/{participant.id}/status", data={"to": "ended"})

    assert refused.status_code == 422
    assert participant.name in _page(refused)  # the page shows the record, so its view is logged
    db.session.expire_all()
    (viewed,) = _events(db, "participant.viewed")
    assert (viewed.subject_id, viewed.detail) == (participant.id, {"page": "record"})
    participant = db.session.get(Participant, participant.id)
    assert (participant.status, participant.outcome) == (ParticipantStatus.ACTIVE, None)
    assert _events(db, "participant.ended") == []


def test_placed_is_not_set_by_hand_and_ended_is_final(client, db, login_as):
    consultant = login_as("consultant")
    participant = make_participant(consultant=consultant)
    ended = make_participant(consultant=consultant, status=ParticipantStatus.ENDED, outcome=Outcome.JOB)
    db.session.commit()
    assert client.post(f"/participants/{participant.id}/status", data={"to": "placed"}).status_code == 400
    assert client.post(f"/participants/{ended.id}/status", data={"to": "active"}).status_code == 403


# Moving a participant to another consultant


def test_the_coordinator_moves_a_participant_and_the_move_is_audited(client, db, login_as):
    coordinator = login_as("coordinator")
    participant = make_participant()
    previous = participant.consultant_id
    new_consultant = factories.make_user(role=Role.CONSULTANT, name="Nora Berg")
    db.session.commit()
    page = _page(client.get(f"/participants/{participant.id}/consultant"))
    assert "Nora Berg" in page

    response = client.post(f"/participants/{participant.id}/consultant", data={"consultant": str(new_consultant.id)})

    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Participant, participant.id).consultant_id == new_consultant.id
    (event,) = _events(db, "participant.reassigned")
    assert (event.actor_id, event.detail) == (coordinator.id, {"from": previous, "to": new_consultant.id})


def test_moving_needs_a_consultant_to_be_chosen(client, db, login_as):
    login_as("coordinator", preferred_language="en")
    participant = make_participant()
    employer = factories.make_user(role=Role.EMPLOYER)
    db.session.commit()
    url = f"/participants/{participant.id}/consultant"
    assert "Choose the consultant who takes over" in _page(client.post(url, data={"consultant": ""}))
    assert client.post(url, data={"consultant": str(employer.id)}).status_code == 422
    assert client.post(url, data={"consultant": str(participant.consultant_id)}).status_code == 422
    assert _events(db, "participant.reassigned") == []


def test_after_a_move_the_old_consultant_gets_a_404_and_the_new_one_sees_the_record(app, db):
    from tests.conftest import sign_in_client

    old, new, coordinator = (factories.make_user(role=r) for r in (Role.CONSULTANT, Role.CONSULTANT, Role.COORDINATOR))
    participant = make_participant(consultant=old)
    db.session.commit()
    as_coordinator = app.test_client()
    sign_in_client(as_coordinator, coordinator)
    as_coordinator.post(f"/participants/{participant.id}/consultant", data={"consultant": str(new.id)})
    as_old, as_new = app.test_client(), app.test_client()
    sign_in_client(as_old, old)
    sign_in_client(as_new, new)
    assert as_old.get(f"/participants/{participant.id}").status_code == 404
    assert as_new.get(f"/participants/{participant.id}").status_code == 200


def test_a_consultant_cannot_move_their_own_participant(client, db, login_as):
    consultant = login_as("consultant")
    participant = make_participant(consultant=consultant)
    db.session.commit()
    assert client.get(f"/participants/{participant.id}/consultant").status_code == 403


# The record page


def test_the_record_shows_codes_as_words_in_the_users_language(client, db, login_as):
    consultant = login_as("consultant", preferred_language="en")
    participant = make_participant(
        consultant=consultant, needs=["no_heavy_lifting"], tasks_done=["i-wash-dishes"],
        tasks_wanted_other=["Baka bröd"], other_languages=["so"], areas=["soderang"],
    )
    db.session.commit()
    page = _page(client.get(f"/participants/{participant.id}"))
    for text in ["Cannot lift heavy things", "Wash up and put away crockery", "Baka bröd", "Somali", "Söderäng",
                 "Accommodation and food services", participant.notes]:
        assert text in page, text
