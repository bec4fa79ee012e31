"""Interest, consent, withdrawal, the reminder and lapse job."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.accounts.models import Role
from portal.audit.models import AuditEvent
from portal.clock import STOCKHOLM
from portal.errors import FieldError
from portal.interest import services
from portal.interest.models import Consent, ConsentMethod, Interest
from portal.interest.states import InterestStatus
from portal.matching import service as matching
from portal.outbox.models import OutboxMessage
from portal.workflow import IllegalTransition
from tests.conftest import sign_in_client
from tests.factories import make_user
from tests.interest_factories import fitting_crowd, fitting_participant, live_offer

AGREED = services.ConsentDetails(method=ConsentMethod.PHONE, given_on=date(2026, 11, 2), covers="Träffa arbetsgivaren")


def _mail(template):
    return [m for m in services.db.session.scalars(select(OutboxMessage)) if m.template == template]


def test_employer_asks_to_meet_by_pseudonym_and_the_consultant_is_told(app, client, db, login_as):
    employer = login_as("employer", preferred_language="en")
    offer = live_offer(employer)
    person = fitting_participant(name="Amina Hassan")
    fitting_crowd()
    db.session.commit()
    name = matching.candidate_name(offer.organisation_id, person.id)

    page = client.get(f"/offers/{offer.id}/candidates/{name}/interest")
    assert page.status_code == 200 and "Amina" not in page.get_data(as_text=True)
    response = client.post(f"/offers/{offer.id}/candidates/{name}/interest", data={"message": "Tisdag passar"})
    assert response.status_code == 303

    [interest] = db.session.scalars(select(Interest)).all()
    assert (interest.participant_id, interest.message, interest.status) == (person.id, "Tisdag passar", InterestStatus.OPEN)
    [mail] = _mail("interest_expressed")
    assert mail.recipient == person.consultant.email and "Amina Hassan" in mail.body_text
    # A second request for the same candidate is refused with a clear message.
    again = client.post(f"/offers/{offer.id}/candidates/{name}/interest", data={"message": "Igen"})
    assert again.status_code == 422
    assert "already asked to meet this candidate" in again.get_data(as_text=True)
    assert "Igen" in again.get_data(as_text=True)


def test_an_unknown_pseudonym_is_404_and_a_too_long_message_is_422_with_the_text_kept(client, db, login_as):
    employer = login_as("employer", preferred_language="en")
    offer = live_offer(employer)
    person = fitting_participant()
    fitting_crowd()
    db.session.commit()
    assert client.get(f"/offers/{offer.id}/candidates/K-000000/interest").status_code == 404
    name = matching.candidate_name(offer.organisation_id, person.id)
    long = "x" * 1001
    response = client.post(f"/offers/{offer.id}/candidates/{name}/interest", data={"message": long})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "error-summary" in html and long in html and "<title>Error:" in html


def test_the_consultant_records_consent_and_the_employer_sees_first_name_and_contact(client, db, login_as):
    consultant = login_as("consultant", preferred_language="en", phone="070-111 22 33")
    offer = live_offer()
    person = fitting_participant(consultant, name="Amina Hassan")
    interest = services.express_interest(offer, person, employer=offer.created_by)
    db.session.commit()

    assert "Amina Hassan" in client.get("/interest").get_data(as_text=True)
    response = client.post(
        f"/interest/{interest.id}",
        data={"answer": "agrees", "method": "phone", "given_on": "2026-11-02", "covers": "Träffa arbetsgivaren"},
    )
    assert response.status_code == 303
    db.session.refresh(interest)
    assert interest.status == InterestStatus.AGREED and interest.answered_by_id == consultant.id
    [consent] = db.session.scalars(select(Consent)).all()
    assert (consent.method, consent.recorded_by_id, consent.covers) == (ConsentMethod.PHONE, consultant.id, "Träffa arbetsgivaren")
    [mail] = _mail("interest_answered")
    assert "Amina" in mail.body_text and "Hassan" not in mail.body_text and consultant.email in mail.body_text

    from tests.conftest import sign_in_client

    sign_in_client(client, offer.created_by)
    html = client.get(f"/offers/{offer.id}/candidates").get_data(as_text=True)
    assert "Amina" in html and "Hassan" not in html and consultant.email in html


def test_a_declined_interest_tells_the_employer_nothing_more(client, db, login_as):
    consultant = login_as("consultant", preferred_language="en")
    offer = live_offer()
    person = fitting_participant(consultant, name="Amina Hassan")
    interest = services.express_interest(offer, person, employer=offer.created_by)
    db.session.commit()
    assert client.post(f"/interest/{interest.id}", data={"answer": "declines"}).status_code == 303
    assert db.session.scalars(select(Consent)).all() == []
    [mail] = _mail("interest_answered")
    assert "Amina" not in mail.body_text and consultant.email not in mail.body_text
    from tests.conftest import sign_in_client

    sign_in_client(client, offer.created_by)
    html = client.get(f"/offers/{offer.id}/candidates").get_data(as_text=True)
    assert "inte tillgänglig just nu" in html and "Amina" not in html and consultant.email not in html


def test_agreeing_without_how_is_422_with_every_typed_value_kept(client, db, login_as):
    consultant = login_as("consultant", preferred_language="en")
    interest = services.express_interest(live_offer(), fitting_participant(consultant), employer=make_user(role=Role.EMPLOYER))
    db.session.commit()
    response = client.post(f"/interest/{interest.id}", data={"answer": "agrees", "given_on": "2026-11-02", "covers": "Bara ett möte"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Choose how the participant gave their consent" in html and "Bara ett möte" in html and "2026-11-02" in html
    db.session.refresh(interest)
    assert interest.status == InterestStatus.OPEN


def test_withdrawn_consent_hides_the_first_name_and_contact_again(client, db, login_as):
    consultant = login_as("consultant")
    offer = live_offer()
    interest = services.express_interest(offer, fitting_participant(consultant, name="Amina Hassan"), employer=offer.created_by)
    services.answer_interest(interest, agrees=True, actor=consultant, consent=AGREED)
    db.session.commit()
    assert client.post(f"/interest/{interest.id}/withdraw-consent").status_code == 303
    assert services.consent_in_force(interest) is None
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "consent.withdrawn")) is not None
    from tests.conftest import sign_in_client

    sign_in_client(client, offer.created_by)
    html = client.get(f"/offers/{offer.id}/candidates").get_data(as_text=True)
    assert "Amina" not in html and consultant.email not in html
    with pytest.raises(FieldError):
        services.withdraw_consent(interest, actor=consultant)


def test_another_consultants_interest_is_404(client, db, login_as):
    interest = services.express_interest(live_offer(), fitting_participant(), employer=make_user(role=Role.EMPLOYER))
    db.session.commit()
    login_as("consultant")
    assert client.get(f"/interest/{interest.id}").status_code == 404


def test_task_list_is_oldest_first_and_only_open_ones_of_the_caseload(client, db, login_as, clock):
    consultant = login_as("consultant", preferred_language="en")
    first = services.express_interest(live_offer(), fitting_participant(consultant, name="Först Person"), employer=make_user(role=Role.EMPLOYER))
    clock.advance(timedelta(hours=1))
    services.express_interest(live_offer(), fitting_participant(consultant, name="Sedan Person"), employer=make_user(role=Role.EMPLOYER))
    services.express_interest(live_offer(), fitting_participant(name="Annans Person"), employer=make_user(role=Role.EMPLOYER))
    db.session.commit()
    sign_in_client(client, consultant)  # an hour without activity ended the first session
    html = client.get("/interest").get_data(as_text=True)
    assert html.index("Först Person") < html.index("Sedan Person") and "Annans Person" not in html
    services.answer_interest(first, agrees=False, actor=consultant)
    db.session.commit()
    assert "Först Person" not in client.get("/interest").get_data(as_text=True)


def test_transitions_allowed_and_refused(db):
    consultant = make_user(role=Role.CONSULTANT)
    interest = services.express_interest(live_offer(), fitting_participant(consultant), employer=make_user(role=Role.EMPLOYER))
    services.answer_interest(interest, agrees=False, actor=consultant)
    assert interest.status == InterestStatus.DECLINED
    with pytest.raises(IllegalTransition):
        services.answer_interest(interest, agrees=True, actor=consultant, consent=AGREED)
    with pytest.raises(FieldError):
        other = services.express_interest(live_offer(), fitting_participant(consultant), employer=make_user(role=Role.EMPLOYER))
        services.answer_interest(other, agrees=True, actor=consultant, consent=services.ConsentDetails(None, None, ""))


def test_remind_once_after_5_working_days_then_lapse_after_10_idempotently(db):
    consultant = make_user(role=Role.CONSULTANT)
    interest = services.express_interest(live_offer(), fitting_participant(consultant), employer=make_user(role=Role.EMPLOYER))
    interest.created_at = datetime(2026, 11, 2, 9, tzinfo=STOCKHOLM)  # a Monday
    assert services.remind_and_lapse(date(2026, 11, 6)) == ([], [])  # 4 working days
    reminded, lapsed = services.remind_and_lapse(date(2026, 11, 9))  # 5
    assert reminded == [interest] and lapsed == [] and interest.reminded_at is not None
    assert services.remind_and_lapse(date(2026, 11, 10)) == ([], [])  # reminded once only
    assert len(_mail("interest_reminder")) == 1
    reminded, lapsed = services.remind_and_lapse(date(2026, 11, 16))  # 10
    assert lapsed == [interest] and interest.status == InterestStatus.LAPSED
    assert services.remind_and_lapse(date(2026, 11, 30)) == ([], [])
    [told] = _mail("interest_answered")
    assert told.recipient == interest.employer_user.email


def test_the_remind_command_runs(app, db):
    result = app.test_cli_runner().invoke(args=["interest", "remind"])
    assert result.exit_code == 0 and "Reminded 0, lapsed 0." in result.output


def test_the_employer_takes_back_an_open_request_and_the_consultant_no_longer_sees_it(client, db, login_as):
    employer = login_as("employer", preferred_language="en")
    consultant = make_user(role=Role.CONSULTANT)
    offer = live_offer(employer)
    interest = services.express_interest(offer, fitting_participant(consultant, name="Amina Hassan"), employer=employer)
    other = live_offer()
    foreign = services.express_interest(other, fitting_participant(consultant), employer=other.created_by)
    db.session.commit()
    name = matching.candidate_name(offer.organisation_id, interest.participant_id)
    assert "Take back the request" in client.get(f"/offers/{offer.id}/candidates").get_data(as_text=True)
    foreign_name = matching.candidate_name(other.organisation_id, foreign.participant_id)
    assert client.post(f"/offers/{other.id}/candidates/{foreign_name}/withdraw").status_code == 404
    assert client.post(f"/offers/{offer.id}/candidates/K-NOPE/withdraw").status_code == 404
    response = client.post(f"/offers/{offer.id}/candidates/{name}/withdraw")
    assert response.status_code == 303
    db.session.refresh(interest)
    assert interest.status == InterestStatus.WITHDRAWN
    html = client.get(f"/offers/{offer.id}/candidates").get_data(as_text=True)
    assert "you took the request back" in html and "Take back the request" not in html
    assert client.post(f"/offers/{offer.id}/candidates/{name}/withdraw").status_code == 403
    from tests.conftest import sign_in_client

    sign_in_client(client, consultant)
    tasks = client.get("/interest").get_data(as_text=True)
    assert "Amina Hassan" not in tasks and f"/interest/{foreign.id}" in tasks
