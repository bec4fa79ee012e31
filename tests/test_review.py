"""The coordinator's review: queue, decisions, e-mails, comments beside fields, diff, stale and concurrent decisions."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal.accounts.models import Role
from portal.extensions import db as _db
from portal.offers import fields as F
from portal.offers import services as offer_services
from portal.offers.models import Offer
from portal.offers.states import OfferStatus
from portal.review import services
from portal.review.models import Decision, Review
from tests import factories
from tests.conftest import BACKEND, sign_in_client
from tests.offer_factories import TASK, make_offer


@pytest.fixture
def coordinator(login_as):
    return login_as("coordinator")


@pytest.fixture
def employer(db):
    user = factories.make_user(role=Role.EMPLOYER)
    db.session.commit()
    return user


def reload(offer_id: int) -> Offer:
    _db.session.expire_all()
    return _db.session.get(Offer, offer_id)


def decide(client, offer, decision, **data):
    return client.post(
        f"/review/{offer.id}", data={"snapshot_id": offer.pending_snapshot_id, "decision": decision, **data}
    )


# The queue


def test_queue_is_oldest_first_with_working_days_waited(client, coordinator, employer, monkeypatch):
    newer = make_offer(employer, status=OfferStatus.SUBMITTED, title="Nyare")
    older = make_offer(employer, status=OfferStatus.SUBMITTED, title="Äldre")
    # Sent Thursday 17 December 2026 and Wednesday 23 December; today is Monday 28 December.
    older.pending_snapshot.submitted_at = datetime(2026, 12, 17, 9, 0, tzinfo=UTC)
    newer.pending_snapshot.submitted_at = datetime(2026, 12, 23, 9, 0, tzinfo=UTC)
    _db.session.commit()
    monkeypatch.setattr(services, "today_in_stockholm", lambda: date(2026, 12, 28))
    items = services.review_queue(coordinator)
    assert [item.offer.id for item in items] == [older.id, newer.id]
    # 18, 21, 22, 23 and 28 December count; weekends, Christmas Eve, Christmas Day and Boxing Day do not.
    assert [item.working_days_waited for item in items] == [5, 1]
    html = client.get("/review").get_data(as_text=True)
    assert html.index("Äldre") < html.index("Nyare")
    assert "5 arbetsdagar" in html and "1 arbetsdag<" in html


def test_queue_leaves_out_decided_offers_and_drafts(coordinator, employer):
    make_offer(employer)
    make_offer(employer, status=OfferStatus.LIVE)
    waiting = make_offer(employer, status=OfferStatus.SUBMITTED)
    assert [item.offer.id for item in services.review_queue(coordinator)] == [waiting.id]


# The review page


def test_review_page_shows_the_offer_with_a_comment_box_beside_every_field_and_task(client, coordinator, employer):
    offer = make_offer(employer, status=OfferStatus.SUBMITTED, tasks=2)
    _db.session.commit()
    html = client.get(f"/review/{offer.id}").get_data(as_text=True)
    for path in F.comment_paths(offer.pending_snapshot.data):
        assert f'name="comment-{path}"' in html
    assert f'name="snapshot_id" type="hidden" value="{offer.pending_snapshot_id}"' in html
    assert "Diskare i restaurangkök" in html


def test_review_page_shows_wording_flags(client, coordinator, employer):
    offer = make_offer(employer, status=OfferStatus.SUBMITTED, title="Ung kökshjälp sökes")
    _db.session.commit()
    html = client.get(f"/review/{offer.id}").get_data(as_text=True)
    assert 'id="wording-title"' in html
    assert "Ordvalskontrollen hittade" in html


# Decisions


def test_approve_makes_the_offer_live_and_tells_each_employer_user_in_their_language(client, coordinator, db):
    organisation = factories.make_organisation()
    swede = factories.make_user(role=Role.EMPLOYER, organisation=organisation)
    english = factories.make_user(role=Role.EMPLOYER, organisation=organisation, preferred_language="en")
    offer = make_offer(swede, status=OfferStatus.SUBMITTED)
    db.session.commit()
    response = decide(client, offer, "approved")
    assert response.status_code == 303
    offer = reload(offer.id)
    assert offer.status == OfferStatus.LIVE
    assert offer.live_snapshot_id is not None and offer.pending_snapshot_id is None
    from portal.outbox.models import OutboxMessage

    messages = {m.recipient: m for m in db.session.scalars(select(OutboxMessage))}
    assert "är godkänt" in messages[swede.email].subject
    assert "has been approved" in messages[english.email].subject
    assert f"/offers/{offer.id}" in messages[english.email].body_text


def test_request_changes_needs_at_least_one_comment(client, coordinator, employer):
    offer = make_offer(employer, status=OfferStatus.SUBMITTED)
    _db.session.commit()
    response = decide(client, offer, "changes_requested", reason="Se över", **{"comment-title": "  "})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Skriv minst en kommentar" in html
    assert "Se över" in html
    assert reload(offer.id).status == OfferStatus.SUBMITTED


@pytest.mark.parametrize(
    ("comment", "message"),
    [("Fel\x00adress", "Ta bort de osynliga styrtecknen"), ("å" * 2001, "Använd högst 2000 tecken")],
)
def test_a_comment_box_refuses_control_characters_and_text_over_its_maximum(client, coordinator, employer, comment, message):
    offer = make_offer(employer, status=OfferStatus.SUBMITTED)
    _db.session.commit()
    response = decide(client, offer, "changes_requested", **{"comment-address": comment, "comment-title": "Kortare namn"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html and "Kortare namn" in html
    assert reload(offer.id).status == OfferStatus.SUBMITTED


def test_reject_needs_a_reason_and_keeps_the_typed_comments(client, coordinator, employer):
    offer = make_offer(employer, status=OfferStatus.SUBMITTED)
    _db.session.commit()
    response = decide(client, offer, "rejected", **{"comment-address": "Fel adress"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Skriv varför erbjudandet inte godkänns" in html
    assert "Fel adress" in html
    response = decide(client, offer, "rejected", reason="Inte ett lågtröskelarbete")
    assert response.status_code == 303
    offer = reload(offer.id)
    assert offer.status == OfferStatus.REJECTED
    assert offer.live_snapshot_id is None


def test_no_decision_chosen_is_422_in_english_for_an_english_coordinator(client, login_as, employer):
    login_as("coordinator", preferred_language="en")
    offer = make_offer(employer, status=OfferStatus.SUBMITTED)
    _db.session.commit()
    response = client.post(f"/review/{offer.id}", data={"snapshot_id": offer.pending_snapshot_id, "comment-title": "Keep me"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "<title>Error:" in html and "Choose a decision" in html and "Keep me" in html


# The whole round: comments beside the fields, resubmission, diff, history


def test_changes_requested_round_trip(client, app, db):
    employer = factories.make_user(role=Role.EMPLOYER)
    coordinator = factories.make_user(role=Role.COORDINATOR)
    offer = make_offer(employer, status=OfferStatus.SUBMITTED, tasks=2)
    db.session.commit()
    task_id = offer.tasks[0].id
    sign_in_client(client, coordinator)
    response = decide(
        client, offer, "changes_requested",
        **{"comment-hours_description": "Skriv klockslag", f"comment-tasks.{task_id}": "Beskriv enklare"},
    )
    assert response.status_code == 303
    offer = reload(offer.id)
    assert offer.status == OfferStatus.CHANGES_REQUESTED
    from portal.outbox.models import OutboxMessage

    mail = db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == employer.email)).one()
    assert "Arbetstider: Skriv klockslag" in mail.body_text
    assert "Uppgiften ”Diska”: Beskriv enklare" in mail.body_text

    # The employer sees each comment beside the field it is about.
    employer_client = app.test_client()
    sign_in_client(employer_client, employer)
    schedule = employer_client.get(f"/offers/{offer.id}/schedule").get_data(as_text=True)
    comment_at = schedule.index("Skriv klockslag")
    assert schedule.index('id="hours_description"') > comment_at > schedule.index('id="times_of_day"')
    task_page = employer_client.get(f"/offers/{offer.id}/tasks/{task_id}").get_data(as_text=True)
    assert "Beskriv enklare" in task_page
    check = employer_client.get(f"/offers/{offer.id}/check").get_data(as_text=True)
    assert "Skriv klockslag" in check and "Beskriv enklare" in check

    # They fix both, and send it again.
    employer_client.post(
        f"/offers/{offer.id}/schedule",
        data={"days": ["mon", "tue", "wed"], "times_of_day": ["daytime"], "hours_description": "kl. 8.00–12.00",
              "hours_per_week": "12", "start_date": "2027-03-01", "length_weeks": "12"},
    )
    employer_client.post(f"/offers/{offer.id}/tasks/{task_id}", data={**TASK, "can_be_shown": "yes", "description": "Diska i maskin."})
    assert employer_client.post(f"/offers/{offer.id}/submit").status_code == 303
    offer = reload(offer.id)
    assert offer.status == OfferStatus.SUBMITTED
    assert offer.pending_snapshot.number == 2
    # Comments no longer stand once the offer is sent again; the history keeps them.
    assert "Skriv klockslag" not in employer_client.get(f"/offers/{offer.id}/schedule").get_data(as_text=True)
    assert "Skriv klockslag" in employer_client.get(f"/offers/{offer.id}").get_data(as_text=True)

    # The coordinator sees exactly what changed, old beside new, and approves.
    page = client.get(f"/review/{offer.id}").get_data(as_text=True)
    diff_table = page.split('class="table diff-table"')[1].split("</table>")[0]
    assert "8–12" in diff_table and "kl. 8.00–12.00" in diff_table
    assert "Diska i maskin." in diff_table
    assert "Adress" not in diff_table and "Antal platser" not in diff_table
    assert decide(client, offer, "approved").status_code == 303
    offer = reload(offer.id)
    assert offer.status == OfferStatus.LIVE
    assert offer.live_snapshot.data["hours_description"] == "kl. 8.00–12.00"
    assert [r.decision for r in db.session.scalars(select(Review).order_by(Review.id))] == [
        Decision.CHANGES_REQUESTED, Decision.APPROVED
    ]


def test_diff_matches_tasks_by_id_and_reports_added_and_removed_tasks(app, db):
    employer = factories.make_user(role=Role.EMPLOYER)
    offer = make_offer(employer, tasks=2)
    old = F.offer_data(offer)
    offer_services.remove_task(offer.tasks[1])
    offer_services.add_task(offer, {**TASK, "name": "Torka bord"})
    offer_services.save_offer_answers(offer, {"places": 3, "days": ["tue", "mon", "wed"]})
    with app.test_request_context():
        changes = {c.path: c for c in F.diff(old, F.offer_data(offer))}
    removed = [c for c in changes.values() if c.new is None]
    added = [c for c in changes.values() if c.old is None]
    assert changes["places"].old == "2" and changes["places"].new == "3"
    assert "days" not in changes, "the same days in another order are no change"
    assert [c.old for c in removed] == ["Uppgift 2"]
    assert [c.new for c in added] == ["Torka bord"]
    assert len(changes) == 3


# A live offer changed: the approved version stays until the change is approved


def test_change_to_a_live_offer_is_reviewed_while_the_approved_version_stays(client, coordinator, employer):
    offer = make_offer(employer, status=OfferStatus.LIVE)
    approved = offer.live_snapshot_id
    offer_services.add_task(offer, {**TASK, "name": "Bära kassar", "physical_demand": "heavy"})
    offer_services.submit_offer(offer, employer)
    _db.session.commit()
    offer = reload(offer.id)
    assert offer.status == OfferStatus.LIVE and offer.live_snapshot_id == approved
    assert [item.offer.id for item in services.review_queue(coordinator)] == [offer.id]
    response = decide(client, offer, "changes_requested", **{"comment-title": "Vi pratar"})
    assert response.status_code == 303
    offer = reload(offer.id)
    assert offer.status == OfferStatus.LIVE and offer.live_snapshot_id == approved
    offer_services.save_offer_answers(offer, {"title": "Ny titel"})
    offer_services.submit_offer(offer, employer)
    _db.session.commit()
    assert decide(client, reload(offer.id), "approved").status_code == 303
    offer = reload(offer.id)
    assert offer.status == OfferStatus.LIVE
    assert offer.live_snapshot.data["title"] == "Ny titel"
    assert [t["name"] for t in offer.live_snapshot.data["tasks"]] == ["Diska", "Bära kassar"]


# Out-of-date and concurrent decisions


def test_decision_on_an_out_of_date_version_is_refused_and_shows_the_new_one(client, coordinator, employer):
    offer = make_offer(employer, status=OfferStatus.SUBMITTED)
    _db.session.commit()
    seen = offer.pending_snapshot_id
    # The employer changes the offer and sends it again while the coordinator reads.
    offer_services.save_offer_answers(offer, {"title": "Ändrad under tiden"})
    offer_services.submit_offer(offer, employer)
    _db.session.commit()
    response = client.post(f"/review/{offer.id}", data={"snapshot_id": seen, "decision": "approved"})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "arbetsgivaren ändrade erbjudandet" in html
    assert "Ändrad under tiden" in html
    offer = reload(offer.id)
    assert f'name="snapshot_id" type="hidden" value="{offer.pending_snapshot_id}"' in html
    assert offer.status == OfferStatus.SUBMITTED
    assert _db.session.scalar(select(Review)) is None


def test_decision_after_another_coordinator_decided_is_refused(client, coordinator, employer):
    offer = make_offer(employer, status=OfferStatus.SUBMITTED)
    _db.session.commit()
    seen = offer.pending_snapshot_id
    other = factories.make_user(role=Role.COORDINATOR)
    services.decide(offer, snapshot_id=seen, decision=Decision.APPROVED, reason="", comments={}, reviewer=other)
    _db.session.commit()
    response = client.post(f"/review/{offer.id}", data={"snapshot_id": seen, "decision": "rejected", "reason": "Nej"})
    assert response.status_code == 409
    assert "någon annan har redan beslutat" in response.get_data(as_text=True)
    assert reload(offer.id).status == OfferStatus.LIVE


def test_conditional_update_refuses_a_decision_when_the_row_changed_after_it_was_read(app, db, employer):
    """Two coordinators load the same version; the first commits; the second's UPDATE … WHERE version = :v finds no row."""
    offer = make_offer(employer, status=OfferStatus.SUBMITTED)
    reviewer = factories.make_user(role=Role.COORDINATOR)
    db.session.commit()
    offer_id, snapshot_id, reviewer_id = offer.id, offer.pending_snapshot_id, reviewer.id
    with Session(db.engine) as first, Session(db.engine) as second:
        offer_a = first.get(Offer, offer_id)
        offer_b = second.get(Offer, offer_id)
        assert offer_a.version == offer_b.version
        # The first coordinator's decision lands.
        offer_a.status = OfferStatus.LIVE
        offer_a.pending_snapshot_id = None
        first.commit()
        # The second, on the version it read, updates nothing.
        offer_b.status = OfferStatus.REJECTED
        offer_b.pending_snapshot_id = None
        from sqlalchemy.orm.exc import StaleDataError

        with pytest.raises(StaleDataError):
            second.flush()
        second.rollback()
    assert reload(offer_id).status == OfferStatus.LIVE
    assert reviewer_id and snapshot_id


def test_decide_turns_a_lost_race_into_decision_conflict(db, employer):
    offer = make_offer(employer, status=OfferStatus.SUBMITTED)
    reviewer = factories.make_user(role=Role.COORDINATOR)
    db.session.commit()
    offer = db.session.get(Offer, offer.id)
    snapshot_id = offer.pending_snapshot_id
    # Someone else's transaction changes the row after this one read it.
    with db.engine.begin() as connection:
        connection.execute(update(Offer.__table__).where(Offer.__table__.c.id == offer.id).values(version=Offer.__table__.c.version + 1))
    with pytest.raises(services.DecisionConflict):
        services.decide(offer, snapshot_id=snapshot_id, decision=Decision.APPROVED, reason="", comments={}, reviewer=reviewer)
    db.session.rollback()
    assert reload(offer.id).status == OfferStatus.SUBMITTED
    assert db.session.scalar(select(Review)) is None


@pytest.mark.skipif(BACKEND != "postgresql", reason="needs real concurrent transactions")
def test_two_decisions_at_the_same_moment_only_one_wins_on_postgresql(app, db, employer):
    """The second UPDATE waits for the first transaction's row lock, then re-checks version and matches no row."""
    offer = make_offer(employer, status=OfferStatus.SUBMITTED)
    db.session.commit()
    offer_id = offer.id
    results: dict[str, str] = {}
    barrier = threading.Barrier(2)

    def coordinator(name: str, status: str) -> None:
        with app.app_context():
            with Session(_db.engine) as session:
                loaded = session.get(Offer, offer_id)
                barrier.wait()
                loaded.status = OfferStatus(status)
                loaded.pending_snapshot_id = None
                try:
                    session.commit()
                    results[name] = "won"
                except Exception as error:  # StaleDataError
                    session.rollback()
                    results[name] = type(error).__name__

    threads = [threading.Thread(target=coordinator, args=("a", "live")), threading.Thread(target=coordinator, args=("b", "rejected"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results.values()) == ["StaleDataError", "won"]
    final = reload(offer_id).status
    assert final == (OfferStatus.LIVE if results["a"] == "won" else OfferStatus.REJECTED)


# The queue refreshed with htmx


def test_queue_refresh_answers_htmx_with_the_table_and_a_plain_request_with_the_page(client, coordinator, employer):
    make_offer(employer, status=OfferStatus.SUBMITTED, title="Väntar på granskning")
    _db.session.commit()
    page = client.get("/review")
    html = page.get_data(as_text=True)
    assert html.startswith("<!doctype html>") and "<h1>" in html
    assert 'hx-get="/review" hx-trigger="every 60s"' in html
    assert '<a href="/review">Uppdatera listan</a>' in html  # without JavaScript, a link reloads the page
    fragment = client.get("/review", headers={"HX-Request": "true"})
    body = fragment.get_data(as_text=True)
    assert fragment.status_code == 200
    assert body.lstrip().startswith('<div id="review-queue"') and "Väntar på granskning" in body
    assert "<h1>" not in body and "<html" not in body
    boosted = client.get("/review", headers={"HX-Request": "true", "HX-Boosted": "true"}).get_data(as_text=True)
    assert boosted.startswith("<!doctype html>")
    assert "HX-Request" in page.headers["Vary"] and "HX-Request" in fragment.headers["Vary"]
