"""Rate limits per client address and per account, the trusted proxies, and the 429 answer.

These run in one process on the limiter's memory storage; tests/test_rate_limits_redis.py runs
the same limits across two app processes sharing Redis. Client addresses are documentation
addresses (192.0.2.0/24, RFC 5737) set in the WSGI environ: nothing is sent anywhere.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from portal import create_app
from portal.accounts.models import Role
from portal.accounts.sign_in_limits import KNOWN_BROWSER_COOKIE
from portal.config import ConfigurationError, load_config
from portal.extensions import db as _db
from portal.outbox.models import OutboxMessage
from portal.resume.models import FormResume
from tests import factories
from tests.conftest import sign_in_client
from tests.offer_factories import make_offer

PASSWORD = factories.DEFAULT_PASSWORD


def address(n: int) -> dict:
    return {"REMOTE_ADDR": f"192.0.2.{n}"}


def sign_in_from(client, n: int, email: str, password: str = "wrong password!", **headers):
    return client.post("/sign-in", data={"email": email, "password": password}, environ_base=address(n), headers=headers)


def count(db, model) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model))


def retry_after(response) -> int:
    return int(response.headers["Retry-After"])


# Sign-in per account


def test_failed_sign_ins_from_many_addresses_against_one_account_are_limited(client, db, rate_limits):
    """Old main: all 12 answered 422 (per address only). Now the 11th failure for the account is a 429."""
    user = factories.make_user(email="eva@example.se")
    db.session.commit()
    answers = [sign_in_from(client, n, "  Eva@Example.se ").status_code for n in range(1, 13)]
    assert answers == [422] * 10 + [429, 429]
    # The account stays closed to unknown browsers for the window, even with the right password…
    response = sign_in_from(client, 50, user.email, PASSWORD)
    assert response.status_code == 429
    assert 14 * 60 < retry_after(response) <= 15 * 60, "the per-account window is 15 minutes"
    # …while another account is not touched.
    other = factories.make_user(email="olle@example.se")
    db.session.commit()
    assert sign_in_from(client, 13, other.email, PASSWORD).status_code == 303


def test_a_browser_that_signed_in_before_is_not_locked_out_by_someone_guessing(app, db, rate_limits):
    """The guesser fills the account's count for unknown browsers; the person's own browser still gets in."""
    user = factories.make_user(email="eva@example.se")
    db.session.commit()
    own_browser = app.test_client()
    assert sign_in_from(own_browser, 100, user.email, PASSWORD).status_code == 303
    assert own_browser.get_cookie(KNOWN_BROWSER_COOKIE, path="/sign-in") is not None
    assert own_browser.post("/sign-out", environ_base=address(100)).status_code == 303

    guesser = app.test_client()
    assert [sign_in_from(guesser, n, user.email).status_code for n in range(1, 12)][-1] == 429
    assert sign_in_from(guesser, 60, user.email, PASSWORD).status_code == 429

    assert sign_in_from(own_browser, 100, user.email, PASSWORD).status_code == 303
    # A cookie of this browser for another account, or a forged one, counts as unknown.
    forger = app.test_client()
    forger.set_cookie(KNOWN_BROWSER_COOKIE, "eyJhY2NvdW50IjoiMSJ9.forged", path="/sign-in")
    assert sign_in_from(forger, 61, user.email, PASSWORD).status_code == 429


def test_a_known_browser_has_its_own_limit_for_the_account(app, db, rate_limits):
    user = factories.make_user(email="eva@example.se")
    db.session.commit()
    own_browser = app.test_client()
    assert sign_in_from(own_browser, 100, user.email, PASSWORD).status_code == 303
    own_browser.post("/sign-out", environ_base=address(100))
    answers = [sign_in_from(own_browser, 100 + n, user.email).status_code for n in range(11)]
    assert answers == [422] * 10 + [429]


def test_the_right_password_does_not_count_against_the_account(client, db, rate_limits):
    user = factories.make_user(email="eva@example.se")
    db.session.commit()
    for n in range(12):
        assert sign_in_from(client, n + 1, user.email, PASSWORD).status_code == 303
        client.post("/sign-out", environ_base=address(n + 1))
    client.delete_cookie(KNOWN_BROWSER_COOKIE, path="/sign-in")
    assert sign_in_from(client, 99, user.email).status_code == 422


# Password reset and confirmation links per account


def test_password_reset_mails_are_limited_per_account_across_addresses(client, db, rate_limits):
    """Old main: 12 addresses asked 12 reset mails for one account. Now 5 an hour, then 429."""
    user = factories.make_user(email="eva@example.se")
    db.session.commit()
    answers = [
        client.post("/password/forgot", data={"email": "EVA@example.se"}, environ_base=address(n)).status_code
        for n in range(1, 8)
    ]
    assert answers == [200] * 5 + [429, 429]
    assert count(db, OutboxMessage) == 5
    assert user.email  # the account itself is untouched


def test_reset_and_new_confirmation_link_share_the_account_count(client, db, rate_limits):
    factories.make_user(email="eva@example.se")
    db.session.commit()
    for n in range(3):
        assert client.post("/password/forgot", data={"email": "eva@example.se"}, environ_base=address(n)).status_code == 200
    for n in range(2):
        assert client.post("/offer-a-placement/new-link", data={"email": "eva@example.se"}, environ_base=address(10 + n)).status_code == 200
    response = client.post("/offer-a-placement/new-link", data={"email": "eva@example.se"}, environ_base=address(20))
    assert response.status_code == 429


# Registration, join requests, the stash, e-mailed links


REGISTRATION = {
    "organisation_name": "Verkstan i Norrby AB",
    "organisation_number": "5567890123",
    "kind": "company",
    "industry": "C",
    "street": "Storgatan 1",
    "postcode": "12345",
    "town": "Norrby",
    "contact_name": "Maja Ek",
    "email": "maja@verkstan.se",
    "phone": "070-123 45 67",
    "password": PASSWORD,
}


def organisation_number(n: int) -> str:
    """A valid organisation number (Luhn check digit) of its own for each n."""
    digits = f"55600{n:04d}"
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return digits + str((10 - total % 10) % 10)


def test_join_requests_to_one_organisation_are_limited_per_organisation_number(client, db, rate_limits):
    """Old main: every registration with a registered number mailed the members, without end. Now 3 a day per number."""
    organisation = factories.make_organisation(organisation_number="556789-0123")
    factories.make_user(role=Role.EMPLOYER, organisation=organisation, email="eva@verkstan.se")
    db.session.commit()
    answers = []
    for n, number in enumerate(["5567890123", "556789-0123", "16556789-0123", "556789 0123"]):
        data = {**REGISTRATION, "organisation_number": number, "email": f"asker{n}@example.se"}
        answers.append(client.post("/offer-a-placement/register", data=data, environ_base=address(n)).status_code)
    assert answers == [303, 303, 303, 429]
    # The members were asked three times (each asker is also told, by e-mail, that the organisation exists).
    to_members = db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == "eva@verkstan.se")).all()
    assert len(to_members) == 3


def test_accepted_registrations_are_limited_per_address_but_mistakes_are_not_counted(client, db, rate_limits, app):
    app.config["LOGIN_RATE_LIMIT"] = "100 per minute"
    try:
        for _ in range(12):
            refused = client.post("/offer-a-placement/register", data={**REGISTRATION, "postcode": ""}, environ_base=address(1))
            assert refused.status_code == 422
        answers = []
        for n in range(11):
            data = {**REGISTRATION, "organisation_number": organisation_number(n), "email": f"m{n}@example.se"}
            answers.append(client.post("/offer-a-placement/register", data=data, environ_base=address(1)).status_code)
    finally:
        app.config["LOGIN_RATE_LIMIT"] = "10 per minute"
    assert answers.count(429) == 1 and answers[-1] == 429
    assert client.post("/offer-a-placement/register", data={**REGISTRATION, "organisation_number": organisation_number(50), "email": "x@example.se"}, environ_base=address(2)).status_code != 429


def test_anonymous_stash_posts_are_limited_per_address(app, db, rate_limits):
    """Old main: every anonymous post to an offer screen wrote a stash row, without end. Now 10 an hour per address."""
    employer = factories.make_user(role=Role.EMPLOYER)
    offer = make_offer(employer)
    db.session.commit()
    client = app.test_client()
    # A stash is kept only for a browser that was editing the offer: open it, then the session ends.
    sign_in_client(client, employer)
    assert client.get(f"/offers/{offer.id}/workplace").status_code == 200
    with client.session_transaction() as session:
        session.clear()
    answers = [
        client.post(f"/offers/{offer.id}/workplace", data={"title": f"Skrivet {n}"}, environ_base=address(1)).status_code
        for n in range(12)
    ]
    assert answers == [303] * 10 + [429, 429]
    assert count(db, FormResume) == 10
    # Every screen shares the count; another address has its own.
    assert client.post(f"/offers/{offer.id}/tasks/new", data={"title": "x"}, environ_base=address(1)).status_code == 429
    assert client.post(f"/offers/{offer.id}/workplace", data={"title": "y"}, environ_base=address(2)).status_code == 303


def test_posts_to_e_mailed_links_are_limited_per_address(client, db, rate_limits):
    answers = [
        client.post(f"/password/reset/guess{n}", data={"password": "x"}, environ_base=address(1)).status_code
        for n in range(31)
    ]
    assert answers == [404] * 30 + [429]
    assert client.post("/invitation/guess", data={}, environ_base=address(1)).status_code == 404
    for path in ("/invitation/guess", "/offer-a-placement/confirm/guess"):
        statuses = {client.post(path, data={}, environ_base=address(3)).status_code for _ in range(31)}
        assert 429 in statuses, path


# Trusted proxies


@pytest.fixture
def app_behind(database, smtp_server):
    """An app with PROXY_HOPS set, on the test database (its pool closed after the test)."""
    made_apps = []

    def _make(hops: int):
        made = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test-secret-key",
                "SQLALCHEMY_DATABASE_URI": database["SQLALCHEMY_DATABASE_URI"],
                "SQLALCHEMY_ENGINE_OPTIONS": database["SQLALCHEMY_ENGINE_OPTIONS"],
                "WTF_CSRF_ENABLED": False,
                "PROXY_HOPS": hops,
                "MAIL_DELIVERY": "smtp",
                "SMTP_HOST": "127.0.0.1",
                "SMTP_PORT": smtp_server.port,
            }
        )
        made_apps.append(made)
        return made

    yield _make
    for made in made_apps:
        with made.app_context():
            _db.engine.dispose()


def _failed_sign_ins(client, forwarded_for: str, count_: int) -> list[int]:
    # A new address each time for the account: only the per-address limit is in play.
    return [
        client.post(
            "/sign-in",
            data={"email": f"p{forwarded_for}-{n}@example.se", "password": "wrong password!"},
            headers={"X-Forwarded-For": forwarded_for, "X-Forwarded-Proto": "https"},
        ).status_code
        for n in range(count_)
    ]


def test_behind_one_proxy_the_forwarded_address_is_the_client(app_behind, db, rate_limits):
    """Old main: behind the TLS proxy every client was the proxy's address, so one person's mistakes locked out everyone."""
    client = app_behind(1).test_client()
    assert _failed_sign_ins(client, "198.51.100.7", 11) == [422] * 10 + [429]
    assert _failed_sign_ins(client, "198.51.100.8", 1) == [422], "another person behind the same proxy is not locked out"
    # The proxy's X-Forwarded-Proto is believed too: the redirect after sign-in stays on https.
    user = factories.make_user()
    db.session.commit()
    response = client.post(
        "/sign-in", data={"email": user.email, "password": PASSWORD},
        headers={"X-Forwarded-For": "198.51.100.9", "X-Forwarded-Proto": "https"},
    )
    assert response.status_code == 303


def test_without_trusted_proxies_x_forwarded_for_is_ignored(app_behind, db, rate_limits):
    client = app_behind(0).test_client()
    assert _failed_sign_ins(client, "198.51.100.7", 10) == [422] * 10
    assert _failed_sign_ins(client, "198.51.100.8", 1) == [429], "a header a client sets itself changes nothing"


def test_proxy_hops_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BRYGGA_PROXY_HOPS", "1")
    assert load_config(tmp_path)["PROXY_HOPS"] == 1
    monkeypatch.delenv("BRYGGA_PROXY_HOPS")
    assert load_config(tmp_path)["PROXY_HOPS"] == 0


def test_the_forwarded_scheme_is_believed_only_behind_a_trusted_proxy(app_behind):
    for hops, scheme in ((1, "https"), (0, "http")):
        made = app_behind(hops)

        @made.get("/_probe")
        def probe():
            from flask import request

            return f"{request.scheme} {request.remote_addr}"

        body = made.test_client().get("/_probe", headers={"X-Forwarded-For": "198.51.100.1", "X-Forwarded-Proto": "https"}).get_data(as_text=True)
        assert body == (f"{scheme} 198.51.100.1" if hops else f"{scheme} 127.0.0.1")


# Production needs shared storage


def test_production_refuses_to_start_on_memory_storage(monkeypatch):
    """Old main: production started on memory://, so each process counted its own ten tries."""
    monkeypatch.setenv("BRYGGA_ENV", "production")
    monkeypatch.setenv("BRYGGA_SECRET_KEY", "x" * 64)
    monkeypatch.setenv("BRYGGA_DATABASE_URL", "postgresql://db.example/brygga")
    monkeypatch.delenv("BRYGGA_RATELIMIT_STORAGE_URI", raising=False)
    with pytest.raises(ConfigurationError, match=r"BRYGGA_RATELIMIT_STORAGE_URI .*'memory://'.*redis://"):
        create_app()
    monkeypatch.setenv("BRYGGA_RATELIMIT_STORAGE_URI", "memory://")
    with pytest.raises(ConfigurationError, match="Redis"):
        create_app()


def test_production_starts_with_redis_storage(monkeypatch, tmp_path):
    monkeypatch.setenv("BRYGGA_ENV", "production")
    monkeypatch.setenv("BRYGGA_SECRET_KEY", "x" * 64)
    monkeypatch.setenv("BRYGGA_DATABASE_URL", "postgresql://db.example/brygga")
    monkeypatch.setenv("BRYGGA_RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/0")
    assert load_config(tmp_path)["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"


def test_development_may_use_memory_storage(monkeypatch, tmp_path):
    monkeypatch.delenv("BRYGGA_ENV", raising=False)
    monkeypatch.delenv("BRYGGA_RATELIMIT_STORAGE_URI", raising=False)
    assert load_config(tmp_path)["RATELIMIT_STORAGE_URI"] == "memory://"


# The 429 answer


def _limited(client, **headers):
    for n in range(10):
        sign_in_from(client, 1, f"p{n}@example.se")
    return sign_in_from(client, 1, "p10@example.se", **headers)


def test_the_429_page_says_in_swedish_when_to_try_again(client, db, rate_limits):
    response = _limited(client)
    assert response.status_code == 429
    seconds = retry_after(response)
    assert 1 <= seconds <= 60
    page = response.get_data(as_text=True)
    assert '<html lang="sv">' in page
    assert "<h1>För många försök</h1>" in page
    assert "Försök igen om 1 minut, kl. " in page
    assert re.search(r"kl\. [0-2][0-9]:[0-5][0-9]\.", page)


def test_the_429_page_in_english(client, db, rate_limits):
    client.post("/language", data={"language": "en", "next": "/sign-in"})
    response = _limited(client)
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "<h1>Too many attempts</h1>" in page
    assert "Try again in 1 minute, at " in page
    assert response.headers["Retry-After"].isdigit()


def test_an_htmx_request_gets_the_notice_alone(client, db, rate_limits):
    response = _limited(client, **{"HX-Request": "true"})
    assert response.status_code == 429
    assert "Retry-After" in response.headers
    fragment = response.get_data(as_text=True)
    assert "<html" not in fragment
    assert 'role="alert"' in fragment and "Försök igen om 1 minut" in fragment
    # A boosted form post (hx-boost on <body>) gets the whole page, which htmx is told to swap.
    boosted = sign_in_from(client, 1, "p11@example.se", **{"HX-Request": "true", "HX-Boosted": "true"})
    assert boosted.status_code == 429 and "<h1>För många försök</h1>" in boosted.get_data(as_text=True)


def test_htmx_swaps_a_429_answer(client, db):
    page = client.get("/sign-in").get_data(as_text=True)
    assert '{"code": "429", "swap": true}' in page


@pytest.mark.parametrize(
    ("seconds", "swedish", "english"),
    [
        (1, "1 minut", "1 minute"),
        (60, "1 minut", "1 minute"),
        (61, "2 minuter", "2 minutes"),
        (899, "15 minuter", "15 minutes"),
        (90 * 60, "90 minuter", "90 minutes"),
        (90 * 60 + 1, "2 timmar", "2 hours"),
        (86400, "24 timmar", "24 hours"),
    ],
)
def test_the_wait_in_words_is_rounded_up(app, seconds, swedish, english):
    from flask_babel import force_locale

    from portal.web.rate_limits import wait_in_words

    with app.test_request_context():
        with force_locale("sv"):
            assert wait_in_words(seconds) == swedish
        with force_locale("en"):
            assert wait_in_words(seconds) == english
