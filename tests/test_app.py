"""The app factory, settings, health check, security headers and error pages."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from portal import create_app
from portal.config import ConfigurationError
from portal.web.security import CONTENT_SECURITY_POLICY


def test_production_without_secret_key_stops_with_a_clear_message(monkeypatch):
    monkeypatch.setenv("BRYGGA_ENV", "production")
    monkeypatch.delenv("BRYGGA_SECRET_KEY", raising=False)
    monkeypatch.setenv("BRYGGA_DATABASE_URL", "postgresql://db.example/brygga")
    with pytest.raises(ConfigurationError, match="BRYGGA_SECRET_KEY"):
        create_app()


def test_production_without_database_url_stops_with_a_clear_message(monkeypatch):
    monkeypatch.setenv("BRYGGA_ENV", "production")
    monkeypatch.setenv("BRYGGA_SECRET_KEY", "x" * 64)
    monkeypatch.delenv("BRYGGA_DATABASE_URL", raising=False)
    with pytest.raises(ConfigurationError, match="BRYGGA_DATABASE_URL"):
        create_app()


def test_development_generates_a_secret_key_once_into_the_instance_folder(monkeypatch, tmp_path):
    from portal.config import load_config

    monkeypatch.delenv("BRYGGA_SECRET_KEY", raising=False)
    monkeypatch.delenv("BRYGGA_ENV", raising=False)
    first = load_config(tmp_path)["SECRET_KEY"]
    second = load_config(tmp_path)["SECRET_KEY"]
    assert len(first) == 64
    assert first == second
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_postgres_urls_use_psycopg(monkeypatch, tmp_path):
    from portal.config import load_config

    monkeypatch.setenv("BRYGGA_DATABASE_URL", "postgres://u@h/db")
    assert load_config(tmp_path)["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    from portal.extensions import db

    def broken(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable"}


def test_every_response_has_the_security_headers(client):
    for path in ("/", "/sign-in", "/no-such-page", "/static/css/site.css"):
        response = client.get(path)
        response.close()
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_httponly_and_samesite_lax(client):
    response = client.get("/sign-in")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_session_cookie_is_secure_when_served_over_https(monkeypatch, tmp_path):
    from portal.config import load_config

    monkeypatch.setenv("BRYGGA_BASE_URL", "https://brygga.example.se")
    assert load_config(tmp_path)["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize(
    ("language", "title"),
    [("sv", "Sidan finns inte"), ("en", "Page not found")],
)
def test_404_page_is_in_the_layout_in_the_visitors_language(client, language, title):
    with client.session_transaction() as session:
        session["language"] = language
    response = client.get("/no-such-page")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert f"<title>{title} – Brygga</title>" in html
    assert f'<html lang="{language}">' in html
    assert 'href="/"' in html  # a way back
    assert "koordinator@example.se" in html  # who to contact


def test_405_page(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert "Det går inte att göra här" in response.get_data(as_text=True)


def test_413_page(client, app):
    response = client.post("/sign-in", data={"email": "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)})
    assert response.status_code == 413
    assert "Det du skickade är för stort" in response.get_data(as_text=True)


def test_500_page_hides_the_error_and_says_who_to_contact(app, db):
    fresh = create_app({key: app.config[key] for key in ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "SQLALCHEMY_ENGINE_OPTIONS")})

    @fresh.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    response = fresh.test_client().get("/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "secret detail" not in html
    assert "Något gick fel hos oss" in html
    assert "koordinator@example.se" in html


def test_the_readme_documents_every_setting():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    names = set(re.findall(r'"(BRYGGA_[A-Z_]+)"', (root / "portal" / "config.py").read_text("utf-8")))
    readme = (root / "README.md").read_text("utf-8")
    assert names, "no settings found in portal/config.py"
    assert sorted(name for name in names if f"`{name}`" not in readme) == []
