"""Candidates for an employer's offer, offers that fit a participant, proposals."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event, func, select

from portal.accounts.models import Role
from portal.audit.models import AuditEvent
from portal.clock import today_in_stockholm
from portal.errors import FieldError
from portal.extensions import db as _db
from portal.interest import services
from portal.matching import profiles
from portal.matching import service as matching
from portal.offers.models import OfferSnapshot
from portal.offers.visibility import approved_data
from portal.participants.states import ParticipantStatus
from tests.factories import make_user
from tests.interest_factories import fitting_participant, live_offer
from tests.offer_factories import make_offer
from tests.participant_factories import make_participant


def _events(action):
    return list(_db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_employer_sees_pseudonymous_cards_with_reasons_and_nothing_identifying(client, db, login_as):
    employer = login_as("employer", preferred_language="en")
    offer = live_offer(employer)
    people = [fitting_participant(name=f"Zelda Unik{n}", notes="Hemlig anteckning", wishes="Mina egna ord") for n in range(6)]
    db.session.commit()

    page = client.get(f"/offers/{offer.id}/candidates")

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert html.count("Candidate K-") == 6
    assert "Has done: Diska" in html and "Swedish" in html
    for secret in ("Zelda", "Unik", "Hemlig", "Mina egna ord", "1985", "Woman", "centrum"):
        assert secret not in html
    assert matching.candidate_name(offer.organisation_id, people[0].id) in html


def test_one_audit_row_per_page_lists_every_candidate(client, db, login_as):
    employer = login_as("employer")
    offer = live_offer(employer)
    people = [make_participant() for _ in range(5)]
    db.session.commit()

    client.get(f"/offers/{offer.id}/candidates")

    rows = _events("candidates.viewed")
    assert len(rows) == 1
    assert sorted(rows[0].detail["participant_ids"]) == sorted(p.id for p in people)


def test_paused_participants_and_people_who_do_not_fit_are_not_candidates(db, app):
    offer = live_offer()
    fits = make_participant()
    make_participant(status=ParticipantStatus.PAUSED)
    make_participant(hours_per_week_min=30, hours_per_week_max=40)  # offer has 12 hours
    with app.test_request_context():
        ids = [c.participant_id for c in matching.candidates_for_offer(offer, today_in_stockholm(), k=1)]
    assert ids == [fits.id]


def test_cards_are_generalised_until_k_people_share_them(db, app):
    offer = live_offer()
    alike = [make_participant() for _ in range(5)]
    odd = make_participant(hours_per_week_min=11)
    with app.test_request_context():
        cards = {c.participant_id: c for c in matching.candidates_for_offer(offer, today_in_stockholm())}
    assert cards[alike[0].id].card.levels == (0, 0, 0, 0, 0)
    assert cards[odd.id].card.levels[2] > 0 and not cards[odd.id].card.shows_nothing
    assert not any(reason.key == "can_work_hours" for reason in cards[odd.id].reasons)


def test_a_card_fewer_than_k_people_could_be_is_left_out(db, app):
    offer = live_offer()
    people = [make_participant() for _ in range(4)]  # only four pass the offer
    make_participant(status=ParticipantStatus.PAUSED)  # not a candidate, so not counted
    make_participant(hours_per_week_min=30, hours_per_week_max=40)  # does not pass, not counted
    with app.test_request_context():
        assert matching.candidates_for_offer(offer, today_in_stockholm()) == []
        make_participant()
        shown = matching.candidates_for_offer(offer, today_in_stockholm())
    assert {c.participant_id for c in shown} > {p.id for p in people}


def _count_queries(client, url):
    statements = []

    def listener(conn, cursor, statement, *args):
        statements.append(statement)

    engine = _db.engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len(statements)


def test_the_page_runs_the_same_number_of_queries_for_10_and_200_participants(client, db, login_as):
    employer = login_as("employer")
    offer = live_offer(employer)
    consultant = make_user(role=Role.CONSULTANT)
    people = [make_participant(consultant=consultant) for _ in range(10)]
    services.propose_participant(offer, people[0], actor=consultant)
    services.express_interest(offer, people[1], employer=employer)
    db.session.commit()
    url = f"/offers/{offer.id}/candidates"
    client.get(url)  # warm up: the first request loads things once per process and records the cards
    few = _count_queries(client, url)
    for _ in range(190):
        make_participant(consultant=consultant)
    db.session.commit()
    client.get(url)  # the new people's cards are recorded (one batched insert)
    many = _count_queries(client, url)
    assert few == many


def test_consultants_cannot_see_an_offers_candidates_and_another_organisation_gets_404(client, db, login_as):
    offer = live_offer()
    db.session.commit()
    login_as("employer")
    assert client.get(f"/offers/{offer.id}/candidates").status_code == 404
    login_as("consultant")
    assert client.get(f"/offers/{offer.id}/candidates").status_code == 403
    login_as("coordinator")
    assert client.get(f"/offers/{offer.id}/candidates").status_code == 200


def test_consultant_sees_offers_that_fit_best_first_and_proposes(client, db, login_as):
    consultant = login_as("consultant", preferred_language="en")
    participant = fitting_participant(consultant=consultant)
    fitting = live_offer(title="Diskare på Solrosen")
    live_offer(title="Helgjobb", times_of_day=["weekend"])  # does not fit
    db.session.commit()

    page = client.get(f"/participants/{participant.id}/offers").get_data(as_text=True)
    assert "Diskare på Solrosen" in page and "Helgjobb" not in page
    assert "Has done: Diska" in page
    assert len(_events("participant.offers_viewed")) == 1

    response = client.post(f"/participants/{participant.id}/offers/{fitting.id}/propose")
    assert response.status_code == 303
    assert services.proposed_ids(fitting) == {participant.id}
    assert len(_events("candidate.proposed")) == 1


def test_a_proposed_candidate_comes_first_marked_as_suggested(client, db, login_as):
    employer = login_as("employer", preferred_language="en")
    offer = live_offer(employer)
    consultant = make_user(role=Role.CONSULTANT)
    people = [fitting_participant(consultant=consultant) for _ in range(5)]
    # The last one wants restaurants and more: without the proposal it would not be first.
    services.propose_participant(offer, people[-1], actor=consultant)
    db.session.commit()
    html = client.get(f"/offers/{offer.id}/candidates").get_data(as_text=True)
    first = html.index("Candidate K-")
    assert html.index(matching.candidate_name(offer.organisation_id, people[-1].id)) < first + 40
    assert html.count("Suggested by the labour-market unit") == 1


def test_proposing_twice_or_someone_who_does_not_fit_is_refused(db):
    offer = live_offer()
    consultant = make_user(role=Role.CONSULTANT)
    person = make_participant(consultant=consultant)
    services.propose_participant(offer, person, actor=consultant)
    with pytest.raises(FieldError):
        services.propose_participant(offer, person, actor=consultant)
    with pytest.raises(FieldError):
        services.propose_participant(offer, make_participant(consultant=consultant, times_of_day=["evening"]), actor=consultant)
    with pytest.raises(FieldError):
        services.propose_participant(make_offer(offer.created_by), make_participant(consultant=consultant), actor=consultant)


def test_another_consultants_participant_is_404_and_an_employer_403(client, db, login_as):
    other = make_participant()
    mine_for_employer = make_participant()
    db.session.commit()
    login_as("consultant")
    assert client.get(f"/participants/{other.id}/offers").status_code == 404
    login_as("employer")
    assert client.get(f"/participants/{mine_for_employer.id}/offers").status_code == 403


def test_offer_profile_reads_the_approved_snapshot_not_the_working_copy(db, app):
    offer = live_offer()
    offer.hours_per_week = 40  # changed after approval, not yet reviewed
    db.session.flush()
    events_before = db.session.scalar(select(func.count()).select_from(AuditEvent))
    profile = profiles.offer_profile(offer.id, approved_data(offer))
    assert (profile.hours_per_week_min, profile.hours_per_week_max) == (12, 12)
    # Building a profile reads; it writes nothing, not even an audit row.
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == events_before


def test_the_workplace_must_be_within_reach(db, app):
    offer = live_offer(area="hamnen")
    near = fitting_participant(areas=["hamnen", "centrum"])
    far = fitting_participant(areas=["centrum"])
    ids = {c.participant_id for c in matching.candidates_for_offer(offer, today_in_stockholm(), k=1)}
    assert near.id in ids and far.id not in ids
    assert profiles.offer_profile(offer.id, approved_data(offer)).area == "hamnen"
    assert offer.id not in {f.offer.id for f in matching.offers_for_participant(far, today_in_stockholm())}


def test_an_offer_approved_before_areas_were_asked_reaches_everyone(db, app):
    offer = live_offer(area="hamnen")
    snapshot = db.session.get(OfferSnapshot, offer.live_snapshot_id)
    snapshot.data = {key: value for key, value in snapshot.data.items() if key != "area"}
    db.session.flush()
    far = fitting_participant(areas=["centrum"])
    assert profiles.offer_profile(offer.id, approved_data(offer)).area == profiles.UNKNOWN_AREA
    assert far.id in {c.participant_id for c in matching.candidates_for_offer(offer, today_in_stockholm(), k=1)}


def test_the_area_is_asked_stored_in_the_snapshot_and_shown(client, db, login_as):
    employer = login_as("employer", preferred_language="en")
    offer = make_offer(employer)
    offer.area = None
    db.session.commit()
    html = client.get(f"/offers/{offer.id}/check").get_data(as_text=True)
    assert "Choose the area the workplace is in" in html
    form = client.get(f"/offers/{offer.id}/workplace").get_data(as_text=True)
    assert "Area of the workplace" in form and '<option value="hamnen">Hamnen</option>' in form
    offer.area = "hamnen"
    db.session.commit()
    html = client.get(f"/offers/{offer.id}/check").get_data(as_text=True)
    assert "Area of the workplace" in html and "Hamnen" in html
    from portal.offers import services as offer_services

    snapshot = offer_services.submit_offer(offer, employer)
    assert snapshot.data["area"] == "hamnen"


# The candidate list filtered without a reload


def _card(html: str, pseudonym: str) -> str:
    start = html.index(f'id="card-{pseudonym}"')
    return html[start : html.index("</article>", start)]


def test_the_filter_answers_htmx_with_the_list_and_a_plain_get_with_the_whole_page(client, db, login_as):
    employer = login_as("employer", preferred_language="en")
    offer = live_offer(employer)
    consultant = make_user(role=Role.CONSULTANT)
    people = [fitting_participant(consultant=consultant) for _ in range(5)]
    services.propose_participant(offer, people[0], actor=consultant)
    db.session.commit()
    proposed = matching.candidate_name(offer.organisation_id, people[0].id)
    url = f"/offers/{offer.id}/candidates?show=proposed"

    page = client.get(url)
    fragment = client.get(url, headers={"HX-Request": "true"})
    boosted = client.get(url, headers={"HX-Request": "true", "HX-Boosted": "true"})

    assert (page.status_code, fragment.status_code, boosted.status_code) == (200, 200, 200)
    for response in (page, fragment, boosted):
        assert "HX-Request" in response.headers["Vary"]
    whole, part = page.get_data(as_text=True), fragment.get_data(as_text=True)
    assert "<html" in whole and "<html" in boosted.get_data(as_text=True)
    assert part.lstrip().startswith('<div id="candidate-list">') and "<html" not in part
    assert 'hx-push-url="true"' in whole and re.search(r'<input checked[^>]*value="proposed"', whole)
    for html in (whole, part):
        assert html.count("Candidate K-") == 1 and proposed in html
    # Each answer is one page view: one audit row naming exactly the card listed.
    assert [e.detail["participant_ids"] for e in _events("candidates.viewed")] == [[people[0].id]] * 3


def test_a_filter_only_picks_among_the_finished_cards_and_never_changes_one(client, db, login_as):
    employer = login_as("employer", preferred_language="en")
    offer = live_offer(employer)
    people = [fitting_participant() for _ in range(6)]
    asked = people[2]
    services.express_interest(offer, asked, employer=employer)
    db.session.commit()
    name = matching.candidate_name(offer.organisation_id, asked.id)

    every = client.get(f"/offers/{offer.id}/candidates").get_data(as_text=True)
    only_asked = client.get(f"/offers/{offer.id}/candidates?show=asked", headers={"HX-Request": "true"}).get_data(as_text=True)
    not_asked = client.get(f"/offers/{offer.id}/candidates?show=not_asked").get_data(as_text=True)
    unknown = client.get(f"/offers/{offer.id}/candidates?show=everyone-in-hamnen").get_data(as_text=True)

    assert _card(only_asked, name) == _card(every, name)  # the same generalised card, whatever the filter
    assert only_asked.count("Candidate K-") == 1
    assert f'id="card-{name}"' not in not_asked and not_asked.count('class="card candidate"') == 5
    assert unknown.count('class="card candidate"') == 6


def test_cards_say_per_task_whether_the_person_did_it_or_something_like_it(client, db, login_as):
    """live_offer's one task "Diska" is written in the employer's words and tied to dishwashing."""
    employer = login_as("employer", preferred_language="en")
    offer = live_offer(employer)
    for n in range(6):  # six alike, so k-anonymity lets the card show the task precisely
        fitting_participant(name=f"Person {n}", tasks_done_other=[], tasks_done=["i-prepare-vegetables"])
    db.session.commit()

    html = client.get(f"/offers/{offer.id}/candidates").get_data(as_text=True)
    assert html.count("Candidate K-") == 6
    assert html.count("<dt>Task: Diska</dt><dd>Has done similar tasks</dd>") == 6
    assert html.count("Has done similar tasks: dishwashing and kitchen help") == 6


def test_cards_of_a_task_tied_to_no_family_count_only_the_task_itself(client, db, login_as):
    employer = login_as("employer", preferred_language="en")
    offer = live_offer(employer)
    for n in range(6):
        fitting_participant(name=f"Person {n}", tasks_done_other=[], tasks_done=["i-prepare-vegetables"])
    db.session.commit()
    # The same offer, but the employer said that no family fits its task, and it was approved so.
    offer.live_snapshot.data = {**offer.live_snapshot.data,
                                "tasks": [{**offer.live_snapshot.data["tasks"][0], "family": "none"}]}
    db.session.commit()

    html = client.get(f"/offers/{offer.id}/candidates").get_data(as_text=True)
    assert html.count("<dt>Task: Diska</dt><dd>Not yet</dd>") == 6
    assert "similar tasks" not in html
