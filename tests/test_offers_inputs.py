"""Offer screens and bounds on what is sent: the stash of a signed-out editor, texts over their maximum."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from portal.accounts.models import Role
from portal.extensions import db as _db
from portal.offers import wording
from portal.offers.models import Offer
from portal.resume.models import FormResume
from tests import factories
from tests.offer_factories import COMPLETE, make_offer
from tests.test_offers import WORKPLACE, editing_then_signed_out, reload


def stashes() -> int:
    _db.session.expire_all()
    return _db.session.scalar(select(func.count()).select_from(FormResume))


# The stash of what was typed when the session had ended


def test_no_stash_for_an_offer_that_does_not_exist(app, db):
    anonymous = app.test_client()
    response = anonymous.post("/offers/999999/workplace", data={"title": "x" * 60_000})
    assert response.status_code == 303 and "/sign-in" in response.headers["Location"]
    assert stashes() == 0


def test_no_stash_from_a_browser_that_was_not_editing_the_offer(app, db):
    employer = factories.make_user(role=Role.EMPLOYER)
    offer = make_offer(employer)
    db.session.commit()
    anonymous = app.test_client()
    response = anonymous.post(f"/offers/{offer.id}/workplace", data={**WORKPLACE, "title": "Planterat"})
    assert response.status_code == 303 and "resume" not in response.headers["Location"]
    assert stashes() == 0
    html = anonymous.get(response.headers["Location"]).get_data(as_text=True)
    assert "inget sparades" in html


def test_a_mark_for_one_offer_does_not_let_another_be_stashed(app, db):
    employer = factories.make_user(role=Role.EMPLOYER)
    mine, other = make_offer(employer), make_offer(factories.make_user(role=Role.EMPLOYER))
    db.session.commit()
    client = editing_then_signed_out(app, employer, f"/offers/{mine.id}/workplace")
    client.post(f"/offers/{other.id}/workplace", data=WORKPLACE)
    assert stashes() == 0
    client.post(f"/offers/{mine.id}/workplace", data=WORKPLACE)
    assert stashes() == 1


def test_a_forged_mark_is_not_believed(app, db):
    from itsdangerous import URLSafeTimedSerializer

    employer = factories.make_user(role=Role.EMPLOYER)
    offer = make_offer(employer)
    db.session.commit()
    anonymous = app.test_client()
    forged = URLSafeTimedSerializer("not-the-secret", salt="brygga-offer-editing").dumps([offer.id])
    anonymous.set_cookie("brygga_editing", forged, path="/offers")
    anonymous.post(f"/offers/{offer.id}/workplace", data=WORKPLACE)
    assert stashes() == 0


def test_a_stash_over_64_kb_is_refused_with_a_page_in_the_users_language(app, db):
    employer = factories.make_user(role=Role.EMPLOYER)
    offer = make_offer(employer)
    db.session.commit()
    client = editing_then_signed_out(app, employer, f"/offers/{offer.id}/workplace")
    response = client.post(f"/offers/{offer.id}/workplace", data={**WORKPLACE, "public_transport": "buss " * 14_000})
    assert response.status_code == 413
    assert "för lång" in response.get_data(as_text=True)
    assert stashes() == 0


# Text over a field's maximum


def test_an_autosave_of_108_kb_in_one_field_is_refused_at_once(client, login_as, monkeypatch):
    employer = login_as("employer")
    offer = make_offer(employer)
    _db.session.commit()
    read = []
    monkeypatch.setattr(wording, "find_wording_issues", lambda text: read.append(len(text)) or [])
    started = time.perf_counter()
    response = client.post(f"/offers/{offer.id}/workplace/autosave", data={**WORKPLACE, "title": "körkort " * 13_500})
    assert time.perf_counter() - started < 2
    assert response.status_code == 422
    assert "Inte sparat" in response.get_data(as_text=True) and "120" in response.get_data(as_text=True)
    assert all(length <= 1000 for length in read), "the wording check never reads a text over its maximum"
    assert reload(offer.id).title == COMPLETE["title"]


def test_a_full_page_with_a_text_over_its_maximum_says_so_beside_the_field_and_keeps_it(client, login_as, monkeypatch):
    employer = login_as("employer")
    offer = make_offer(employer)
    _db.session.commit()
    read = []
    monkeypatch.setattr(wording, "find_wording_issues", lambda text: read.append(len(text)) or [])
    long_title = "Kökshjälp " * 200
    response = client.post(f"/offers/{offer.id}/workplace", data={**WORKPLACE, "title": long_title})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="title-error"' in html and "Använd högst 120 tecken" in html
    assert long_title.strip() in html
    assert 'maxlength="120"' in html
    assert max(read, default=0) <= 1000
    assert reload(offer.id).title == COMPLETE["title"]


def test_every_offer_text_field_names_its_maximum(app):
    from portal.offers.forms import STEP_FORMS, TaskForm

    with app.test_request_context("/"):
        for form_class in [*STEP_FORMS.values(), TaskForm]:
            for field in form_class(meta={"csrf": False}):
                if field.type in ("StringField", "TextAreaField", "EmailField"):
                    assert field.flags.maxlength, (form_class.__name__, field.name)


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, login_as):
    employer = login_as("employer")
    offer = make_offer(employer)
    _db.session.commit()
    response = client.post(f"/offers/{offer.id}/workplace/autosave", data={"title": "x" * 3_000_000})
    assert response.status_code == 413
    assert "för stort" in response.get_data(as_text=True)
    assert _db.session.get(Offer, offer.id).title == COMPLETE["title"]
