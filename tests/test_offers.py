"""The employer's offer wizard: screens that save, check answers, submission, lifecycle, autosave, resume."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from portal.accounts.models import Role
from portal.audit.models import AuditEvent
from portal.employers.states import VettingStatus
from portal.extensions import db as _db
from portal.offers import services
from portal.offers.models import Offer, OfferSnapshot
from portal.offers.states import OfferStatus
from portal.resume.models import FormResume
from tests import factories
from tests.authz.offers import FOREIGN
from tests.conftest import sign_in_client
from tests.offer_factories import COMPLETE, TASK, make_offer

WORKPLACE = {
    "title": "Kökshjälp",
    "industry": "I",
    "address": "Storgatan 1",
    "area": "centrum",
    "public_transport": "Buss 4 till Torget",
    "places": "2",
    "pair_placement": "yes",
}


@pytest.fixture
def employer(login_as):
    return login_as("employer")


def reload(offer_id: int) -> Offer:
    _db.session.expire_all()
    return _db.session.get(Offer, offer_id)


def new_offer(client) -> int:
    response = client.post("/offers/new")
    assert response.status_code == 303
    return int(re.search(r"/offers/(\d+)/workplace", response.headers["Location"]).group(1))


# The wizard without JavaScript


def test_start_creates_a_draft_and_opens_the_first_screen(client, employer):
    offer_id = new_offer(client)
    offer = reload(offer_id)
    assert offer.status == OfferStatus.DRAFT
    assert offer.organisation_id == employer.organisation_id
    assert client.get(f"/offers/{offer_id}/workplace").status_code == 200


def test_continue_saves_and_goes_to_the_next_screen(client, employer):
    offer_id = new_offer(client)
    response = client.post(f"/offers/{offer_id}/workplace", data=WORKPLACE)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/offers/{offer_id}/schedule")
    offer = reload(offer_id)
    assert (offer.title, offer.places, offer.pair_placement) == ("Kökshjälp", 2, True)


def test_continue_from_a_change_link_returns_to_check_answers(client, employer):
    offer_id = new_offer(client)
    response = client.post(f"/offers/{offer_id}/workplace", data={**WORKPLACE, "return_to": "check"})
    assert response.headers["Location"].endswith(f"/offers/{offer_id}/check")


def test_schedule_saves_days_and_computes_the_end_date(client, employer):
    offer_id = new_offer(client)
    response = client.post(
        f"/offers/{offer_id}/schedule",
        data={"days": ["mon", "fri"], "times_of_day": ["daytime"], "hours_description": "8–12",
              "hours_per_week": "8", "start_date": "2027-03-01", "length_weeks": "4"},
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/offers/{offer_id}/tasks")
    offer = reload(offer_id)
    assert offer.days == ["mon", "fri"]
    assert offer.end_date == date(2027, 3, 29)


def test_bad_input_gets_422_with_summary_in_swedish_and_every_typed_value_kept(client, employer):
    offer_id = new_offer(client)
    typed = {**WORKPLACE, "title": "", "places": "två", "address": "Storgatan 99"}
    response = client.post(f"/offers/{offer_id}/workplace", data=typed)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "<title>Fel:" in html
    assert 'class="error-summary"' in html
    assert "Skriv ett namn på erbjudandet" in html
    assert 'href="#title"' in html and 'href="#places"' in html
    assert 'value="två"' in html
    assert "Skriv hur många platser det finns, med siffror" in html
    assert "Not a valid" not in html and "Skriv ett tal från 1 till 50" not in html
    assert "Storgatan 99" in html
    assert "Buss 4 till Torget" in html
    # What could be stored was stored: the draft is never lost.
    offer = reload(offer_id)
    assert offer.address == "Storgatan 99"
    assert offer.places is None


def test_bad_input_message_is_in_english_for_an_english_user(client, login_as):
    login_as("employer", preferred_language="en")
    offer_id = new_offer(client)
    response = client.post(f"/offers/{offer_id}/workplace", data={**WORKPLACE, "title": ""})
    assert response.status_code == 422
    assert "Enter a name for the offer" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("step", "data", "message"),
    [
        ("schedule", {"hours_per_week": "99", "days": ["mon"]}, "Skriv ett antal timmar från 1 till 40"),
        ("schedule", {"start_date": "1 mars", "days": ["mon"]}, "Skriv ett startdatum"),
        ("placement", {"placement_kind": "anstallning_med_stod"}, "Välj lönebidrag eller nystartsjobb"),
        ("supervisor", {"supervisor_name": "Eva", "supervisor_role": "Chef"}, "telefonnummer eller en e-postadress"),
        ("supervisor", {"supervisor_name": "Eva", "supervisor_role": "Chef", "supervisor_email": "eva@"}, "rätt form"),
    ],
)
def test_each_screen_explains_bad_input_and_keeps_it(client, employer, step, data, message):
    offer_id = new_offer(client)
    response = client.post(f"/offers/{offer_id}/{step}", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html
    for value in data.values():
        for v in value if isinstance(value, list) else [value]:
            assert v in html


def test_task_form_422_keeps_the_half_written_task_and_posts_corrections_to_it(client, employer):
    offer_id = new_offer(client)
    response = client.post(f"/offers/{offer_id}/tasks/new", data={"name": "Diska", "description": ""})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'value="Diska"' in html
    offer = reload(offer_id)
    assert [t.name for t in offer.tasks] == ["Diska"]
    assert f'action="/offers/{offer_id}/tasks/{offer.tasks[0].id}"' in html
    response = client.post(f"/offers/{offer_id}/tasks/{offer.tasks[0].id}", data={**TASK, "can_be_shown": "yes"})
    assert response.status_code == 303
    assert len(reload(offer_id).tasks) == 1


def test_task_examples_for_the_industry_become_editable_tasks(client, employer):
    offer_id = new_offer(client)
    client.post(f"/offers/{offer_id}/workplace", data=WORKPLACE)
    page = client.get(f"/offers/{offer_id}/tasks/examples").get_data(as_text=True)
    example_ids = re.findall(r'name="examples" value="([^"]+)"', page)
    assert example_ids, "section I has examples"
    response = client.post(f"/offers/{offer_id}/tasks/examples?industry=I", data={"examples": example_ids[:2]})
    assert response.status_code == 303
    offer = reload(offer_id)
    assert [t.example_id for t in offer.tasks] == example_ids[:2]
    assert all(t.name and t.description and t.frequency for t in offer.tasks)
    task = offer.tasks[0]
    response = client.post(f"/offers/{offer_id}/tasks/{task.id}", data={**TASK, "can_be_shown": "no", "name": "Egen diskning"})
    assert response.status_code == 303
    assert reload(offer_id).tasks[0].name == "Egen diskning"


def test_task_examples_without_a_choice_is_422(client, employer):
    offer_id = new_offer(client)
    response = client.post(f"/offers/{offer_id}/tasks/examples?industry=I", data={})
    assert response.status_code == 422
    assert "Välj minst ett exempel" in response.get_data(as_text=True)


def test_removing_a_task(client, employer):
    offer = make_offer(employer, tasks=2)
    _db.session.commit()
    response = client.post(f"/offers/{offer.id}/tasks/{offer.tasks[1].id}/remove")
    assert response.status_code == 303
    assert len(reload(offer.id).tasks) == 1


def test_check_answers_lists_what_is_missing_with_links(client, employer):
    offer_id = new_offer(client)
    html = client.get(f"/offers/{offer_id}/check").get_data(as_text=True)
    assert f'href="/offers/{offer_id}/workplace?return_to=check#title"' in html
    assert "Lägg till minst en uppgift" in html


def test_submit_of_an_incomplete_offer_is_422_with_the_summary(client, employer):
    offer_id = new_offer(client)
    response = client.post(f"/offers/{offer_id}/submit")
    assert response.status_code == 422
    assert "<title>Fel:" in response.get_data(as_text=True)
    assert reload(offer_id).status == OfferStatus.DRAFT


def test_submit_takes_a_snapshot_and_puts_it_in_the_queue(client, employer):
    offer = make_offer(employer)
    _db.session.commit()
    html = client.get(f"/offers/{offer.id}/check").get_data(as_text=True)
    assert "Diskare i restaurangkök" in html and "Ändra" in html
    response = client.post(f"/offers/{offer.id}/submit")
    assert response.status_code == 303
    offer = reload(offer.id)
    assert offer.status == OfferStatus.SUBMITTED
    snapshot = offer.pending_snapshot
    assert snapshot.number == 1
    assert snapshot.data["title"] == "Diskare i restaurangkök"
    assert snapshot.data["tasks"][0]["name"] == "Diska"


def test_an_organisation_not_yet_approved_writes_drafts_but_cannot_submit(client, login_as):
    organisation = factories.make_organisation(status=VettingStatus.PENDING)
    employer = login_as("employer", organisation=organisation)
    offer = make_offer(employer)
    _db.session.commit()
    assert client.post(f"/offers/{offer.id}/workplace", data=WORKPLACE).status_code == 303
    html = client.get(f"/offers/{offer.id}/check").get_data(as_text=True)
    assert "när samordnaren har godkänt" in html or "godkänt din organisation" in html
    assert client.post(f"/offers/{offer.id}/submit").status_code == 403


def test_sending_the_same_version_again_is_refused(client, employer):
    offer = make_offer(employer, status=OfferStatus.SUBMITTED)
    _db.session.commit()
    response = client.post(f"/offers/{offer.id}/submit")
    assert response.status_code == 422
    assert len(reload(offer.id).snapshots) == 1


def test_changing_a_submitted_offer_and_sending_it_again_replaces_the_waiting_version(client, employer):
    offer = make_offer(employer, status=OfferStatus.SUBMITTED)
    _db.session.commit()
    first = offer.pending_snapshot_id
    client.post(f"/offers/{offer.id}/workplace", data={**WORKPLACE, "title": "Ny rubrik"})
    assert client.post(f"/offers/{offer.id}/submit").status_code == 303
    offer = reload(offer.id)
    assert offer.status == OfferStatus.SUBMITTED
    assert offer.pending_snapshot_id != first
    assert offer.pending_snapshot.data["title"] == "Ny rubrik"


# Who sees what


@pytest.mark.parametrize("endpoint", sorted(FOREIGN))
def test_another_organisations_offer_is_404(client, db, endpoint):
    from flask import url_for

    world = factories.make_world()
    db.session.commit()
    sign_in_client(client, world.users[Role.EMPLOYER])
    method, values = FOREIGN[endpoint]
    with client.application.test_request_context():
        url = url_for(endpoint, **values(world))
    assert client.open(url, method=method).status_code == 404


def test_lists_are_scoped(client, db):
    world = factories.make_world()
    live = make_offer(world.users[Role.EMPLOYER], status=OfferStatus.LIVE, title="Levande erbjudande")
    db.session.commit()
    sign_in_client(client, world.users[Role.EMPLOYER])
    html = client.get("/offers").get_data(as_text=True)
    assert f"/offers/{world.own_offer.id}\"" in html and f"/offers/{world.foreign_offer.id}\"" not in html
    consultant = factories.make_user(role=Role.CONSULTANT)
    db.session.commit()
    sign_in_client(client, consultant)
    html = client.get("/offers").get_data(as_text=True)
    assert "Levande erbjudande" in html and f"/offers/{world.own_offer.id}\"" not in html
    assert client.get(f"/offers/{live.id}").status_code == 200
    assert client.get(f"/offers/{live.id}/check").status_code == 403


def test_consultant_reads_the_approved_version_not_the_working_copy(client, db, login_as):
    employer = factories.make_user(role=Role.EMPLOYER)
    offer = make_offer(employer, status=OfferStatus.LIVE)
    services.save_offer_answers(offer, {"title": "Ändrad men inte granskad"})
    db.session.commit()
    login_as("consultant")
    html = client.get(f"/offers/{offer.id}").get_data(as_text=True)
    assert "Diskare i restaurangkök" in html
    assert "Ändrad men inte granskad" not in html


# Lifecycle


@pytest.mark.parametrize(
    ("start", "action", "end"),
    [
        (OfferStatus.LIVE, "pause", OfferStatus.PAUSED),
        (OfferStatus.PAUSED, "resume", OfferStatus.LIVE),
        (OfferStatus.LIVE, "mark_filled", OfferStatus.FILLED),
        (OfferStatus.PAUSED, "close", OfferStatus.CLOSED),
        (OfferStatus.SUBMITTED, "withdraw", OfferStatus.WITHDRAWN),
        (OfferStatus.CHANGES_REQUESTED, "withdraw", OfferStatus.WITHDRAWN),
    ],
)
def test_employer_moves_their_offer(client, employer, start, action, end):
    offer = make_offer(employer, status=start)
    _db.session.commit()
    response = client.post(f"/offers/{offer.id}/status", data={"action": action})
    assert response.status_code == 303
    offer = reload(offer.id)
    assert offer.status == end
    event = _db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == f"offer.{end.value}").order_by(AuditEvent.id.desc())
    ).first()
    assert event.actor_id == employer.id


@pytest.mark.parametrize(
    ("start", "action"),
    [
        (OfferStatus.DRAFT, "pause"),
        (OfferStatus.DRAFT, "withdraw"),
        (OfferStatus.SUBMITTED, "resume"),
        (OfferStatus.SUBMITTED, "pause"),
        (OfferStatus.LIVE, "withdraw"),
        (OfferStatus.LIVE, "resume"),
        (OfferStatus.CLOSED, "resume"),
        (OfferStatus.REJECTED, "close"),
        (OfferStatus.LIVE, "explode"),
    ],
)
def test_moves_the_table_does_not_allow_are_403(client, employer, start, action):
    offer = make_offer(employer, status=start)
    _db.session.commit()
    assert client.post(f"/offers/{offer.id}/status", data={"action": action}).status_code == 403
    assert reload(offer.id).status == start


def test_a_closed_offer_cannot_be_edited(client, employer):
    offer = make_offer(employer, status=OfferStatus.CLOSED)
    _db.session.commit()
    assert client.get(f"/offers/{offer.id}/workplace").status_code == 403
    assert client.post(f"/offers/{offer.id}/workplace", data=WORKPLACE).status_code == 403


def test_a_draft_is_deleted_only_after_confirming(client, employer):
    offer = make_offer(employer)
    _db.session.commit()
    page = client.get(f"/offers/{offer.id}/delete")
    assert page.status_code == 200
    assert reload(offer.id) is not None
    assert "Ja, ta bort utkastet" in page.get_data(as_text=True)
    assert client.post(f"/offers/{offer.id}/delete").status_code == 303
    assert reload(offer.id) is None


def test_a_sent_offer_cannot_be_deleted(client, employer):
    offer = make_offer(employer, status=OfferStatus.SUBMITTED)
    _db.session.commit()
    assert client.post(f"/offers/{offer.id}/delete").status_code == 403


def test_expire_closes_offers_past_their_end_date_once(db, app):
    employer = factories.make_user(role=Role.EMPLOYER)
    ended = make_offer(employer, status=OfferStatus.LIVE, start_date=date(2027, 1, 4), length_weeks=2)
    paused = make_offer(employer, status=OfferStatus.PAUSED, start_date=date(2027, 1, 4), length_weeks=2)
    running = make_offer(employer, status=OfferStatus.LIVE, start_date=date(2027, 1, 4), length_weeks=10)
    draft = make_offer(employer, start_date=date(2027, 1, 4), length_weeks=1)
    db.session.commit()
    assert {o.id for o in services.expire_offers(date(2027, 1, 19))} == {ended.id, paused.id}
    db.session.commit()
    assert services.expire_offers(date(2027, 1, 19)) == []
    assert (ended.status, paused.status, running.status, draft.status) == (
        OfferStatus.EXPIRED, OfferStatus.EXPIRED, OfferStatus.LIVE, OfferStatus.DRAFT
    )


def test_expire_cli_is_idempotent(app, db, monkeypatch):
    employer = factories.make_user(role=Role.EMPLOYER)
    make_offer(employer, status=OfferStatus.LIVE, start_date=date(2020, 1, 6), length_weeks=1)
    db.session.commit()
    runner = app.test_cli_runner()
    assert runner.invoke(args=["offers", "expire"]).output == "expired 1 offer(s)\n"
    assert runner.invoke(args=["offers", "expire"]).output == "expired 0 offer(s)\n"


def test_transitions_cli_prints_the_markdown_table(app):
    from portal.offers.lifecycle import render_transition_table_markdown

    result = app.test_cli_runner().invoke(args=["offers", "transitions"])
    assert result.output == render_transition_table_markdown()


# Autosave


def test_autosave_saves_without_requiring_answers_and_says_when(client, employer):
    offer_id = new_offer(client)
    response = client.post(f"/offers/{offer_id}/workplace/autosave", data={"title": "Halvfärdig", "places": ""},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert re.match(r"Sparat \d\d:\d\d\n", response.get_data(as_text=True))
    assert reload(offer_id).title == "Halvfärdig"


def test_autosave_skips_a_value_it_cannot_read_but_keeps_the_rest(client, employer):
    offer = make_offer(employer)
    _db.session.commit()
    client.post(f"/offers/{offer.id}/workplace/autosave", data={**WORKPLACE, "places": "x", "title": "Nytt"})
    offer = reload(offer.id)
    assert (offer.title, offer.places) == ("Nytt", 2)


def test_autosave_of_a_task_and_wording_flags_swapped_in_beside_the_field(client, employer):
    offer = make_offer(employer)
    _db.session.commit()
    task = offer.tasks[0]
    response = client.post(
        f"/offers/{offer.id}/tasks/{task.id}/autosave",
        data={**TASK, "description": "Du ska ha flytande svenska och körkort.", "can_be_shown": "yes"},
        headers={"HX-Request": "true"},
    )
    html = response.get_data(as_text=True)
    assert 'id="wording-description" class="wording-flags" hx-swap-oob="true"' in html
    assert "flytande svenska" in html
    assert reload(offer.id).tasks[0].description.startswith("Du ska ha")


def test_autosave_when_signed_out_says_nothing_was_saved(client, db):
    employer = factories.make_user(role=Role.EMPLOYER)
    offer = make_offer(employer)
    db.session.commit()
    response = client.post(f"/offers/{offer.id}/workplace/autosave", data={"title": "X"})
    assert "Inte sparat" in response.get_data(as_text=True)
    assert reload(offer.id).title == COMPLETE["title"]


def test_step_pages_carry_the_autosave_hooks_and_a_polite_status_region(client, employer):
    offer_id = new_offer(client)
    html = client.get(f"/offers/{offer_id}/workplace").get_data(as_text=True)
    assert f'hx-post="/offers/{offer_id}/workplace/autosave"' in html
    assert 'hx-trigger="input delay:1s, change delay:1s"' in html
    assert 'id="autosave-status" class="hint autosave-status" role="status"' in html


# Wording


def test_wording_flags_show_beside_the_field_without_blocking(client, employer):
    offer_id = new_offer(client)
    response = client.post(f"/offers/{offer_id}/workplace", data={**WORKPLACE, "title": "Ung och driven kökshjälp"})
    assert response.status_code == 303
    html = client.get(f"/offers/{offer_id}/workplace").get_data(as_text=True)
    flags = html.split('id="wording-title"')[1].split("</div>\n</div>")[0]
    assert "Ung" in flags and "Förslag:" in flags


# Session expiry


def editing_then_signed_out(app, employer, path):
    """A browser where the employer opened the screen, and whose session then ended."""
    client = app.test_client()
    sign_in_client(client, employer)
    assert client.get(path).status_code == 200
    with client.session_transaction() as session:
        session.clear()
    return client


def test_expired_session_keeps_what_was_typed_through_sign_in(app, db):
    employer = factories.make_user(role=Role.EMPLOYER)
    offer = make_offer(employer)
    db.session.commit()
    client = editing_then_signed_out(app, employer, f"/offers/{offer.id}/workplace")
    typed = {**WORKPLACE, "title": "Skrivet innan utloggning", "address": "Lillgatan 2"}
    response = client.post(f"/offers/{offer.id}/workplace", data=typed)
    assert response.status_code == 303
    assert "/sign-in?next=" in response.headers["Location"]
    assert reload(offer.id).title == COMPLETE["title"], "nothing is saved before the person is known"
    from urllib.parse import parse_qs, urlsplit

    sign_in = client.get(response.headers["Location"])
    assert "Du hade blivit utloggad" in sign_in.get_data(as_text=True)
    next_value = parse_qs(urlsplit(response.headers["Location"]).query)["next"][0]
    response = client.post(
        "/sign-in", data={"email": employer.email, "password": factories.DEFAULT_PASSWORD, "next": next_value}
    )
    assert response.status_code == 303
    assert response.headers["Location"].startswith(f"/offers/{offer.id}/workplace?resume=")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Skrivet innan utloggning" in html and "Lillgatan 2" in html
    assert "inte sparat än" in html
    assert reload(offer.id).title == COMPLETE["title"]
    # Pressing Continue then saves it.
    assert client.post(f"/offers/{offer.id}/workplace", data=typed).status_code == 303
    assert reload(offer.id).title == "Skrivet innan utloggning"
    assert db.session.scalar(select(FormResume)) is None, "the stash is used once"


def test_a_resume_link_without_the_browsers_cookie_shows_nothing(app, db, client):
    employer = factories.make_user(role=Role.EMPLOYER)
    offer = make_offer(employer)
    db.session.commit()
    attacker = app.test_client()
    response = attacker.post(f"/offers/{offer.id}/workplace", data={**WORKPLACE, "title": "Planterat"})
    target = response.headers["Location"].split("next=")[1]
    from urllib.parse import unquote

    sign_in_client(client, employer)
    html = client.get(unquote(target)).get_data(as_text=True)
    assert "Planterat" not in html


def test_a_stale_csrf_token_saves_nothing_and_keeps_the_typing(client, employer, csrf_enabled):
    offer = make_offer(employer)
    _db.session.commit()
    response = client.post(f"/offers/{offer.id}/workplace", data={**WORKPLACE, "title": "Nytt namn", "csrf_token": "old"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Nytt namn" in html
    assert reload(offer.id).title == COMPLETE["title"]


def test_new_task_is_resumed_after_sign_in_too(app, db):
    employer = factories.make_user(role=Role.EMPLOYER)
    offer = make_offer(employer)
    db.session.commit()
    client = editing_then_signed_out(app, employer, f"/offers/{offer.id}/tasks/new")
    response = client.post(f"/offers/{offer.id}/tasks/new", data={**TASK, "name": "Vika tvätt", "can_be_shown": "yes"})
    location = response.headers["Location"]
    from urllib.parse import parse_qs, urlsplit

    next_url = parse_qs(urlsplit(location).query)["next"][0]
    sign_in_client(client, employer)
    html = client.get(next_url).get_data(as_text=True)
    assert 'value="Vika tvätt"' in html


def test_snapshot_is_not_changed_by_later_edits(db):
    employer = factories.make_user(role=Role.EMPLOYER)
    offer = make_offer(employer, status=OfferStatus.SUBMITTED)
    services.save_offer_answers(offer, {"title": "Senare"})
    db.session.commit()
    snapshot = db.session.scalar(select(OfferSnapshot).where(OfferSnapshot.offer_id == offer.id))
    assert snapshot.data["title"] == COMPLETE["title"]


def test_an_autosave_and_continue_that_cross_both_save(db):
    """The offer's version moved between loading it and saving (the autosave of the same screen landed first)."""
    from sqlalchemy import update

    employer = factories.make_user(role=Role.EMPLOYER)
    offer = make_offer(employer)
    db.session.commit()
    offer = db.session.get(Offer, offer.id)
    with db.engine.begin() as connection:
        connection.execute(update(Offer.__table__).where(Offer.__table__.c.id == offer.id).values(version=Offer.__table__.c.version + 1, title="Autosparat"))
    services.save_offer_answers(offer, {"title": "Fortsätt"})
    services.save_task_answers(offer.tasks[0], {"name": "Diska mer"})
    db.session.commit()
    offer = reload(offer.id)
    assert (offer.title, offer.tasks[0].name) == ("Fortsätt", "Diska mer")
