"""The second step of a staff sign-in, as a person with an authenticator app takes it."""

from __future__ import annotations

import pyotp
from flask import current_app
from playwright.sync_api import expect
from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.extensions import db
from tests.helpers import totp_code_for

WORDS = {
    "sv": {"heading": "Skriv koden från din app", "code": "Kod", "sign_in": "Logga in",
           "enrol": "Ställ in tvåstegsverifiering", "enrol_code": "Kod från appen", "confirm": "Bekräfta och fortsätt",
           "codes": "Dina reservkoder", "continue": "Jag har sparat koderna, fortsätt"},
    "en": {"heading": "Type the code from your app", "code": "Code", "sign_in": "Sign in",
           "enrol": "Set up a second factor", "enrol_code": "Code from the app", "confirm": "Confirm and continue",
           "codes": "Your recovery codes", "continue": "I have kept the codes, continue"},
}


def _language(page) -> str:
    return page.locator("html").get_attribute("lang") or "sv"


def _is_staff(email: str) -> bool:
    with current_app.app_context():
        role = db.session.scalar(select(User.role).where(User.email == email.strip().lower()))
    return role in (Role.COORDINATOR, Role.CONSULTANT, Role.ADMIN)


def type_code_from_the_app(page, email: str, axe=None) -> None:
    """After the password: for staff, type the code their app shows now (nothing for employers)."""
    if not _is_staff(email):
        return
    words = WORDS[_language(page)]
    expect(page.get_by_role("heading", level=1)).to_have_text(words["heading"])
    if axe:
        axe(page)
    page.get_by_label(words["code"], exact=True).fill(totp_code_for(current_app, email))
    page.get_by_role("button", name=words["sign_in"], exact=True).click()


def set_up_the_app_from_the_page(page, axe=None) -> str:
    """On the enrolment page: read the key shown as text, add it to an "app" (pyotp), type its
    code, and continue past the recovery codes. Returns the key."""
    words = WORDS[_language(page)]
    expect(page.get_by_role("heading", level=1)).to_have_text(words["enrol"])
    if axe:
        axe(page)
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    page.get_by_label(words["enrol_code"]).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name=words["confirm"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["codes"])
    if axe:
        axe(page)
    page.get_by_role("link", name=words["continue"]).click()
    return secret
