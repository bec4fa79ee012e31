"""Demo accounts: one known password, each account created once (loading twice changes nothing)."""

from __future__ import annotations

from dataclasses import dataclass

from portal.accounts.models import Role, User
from portal.accounts.services import create_user, find_user_by_email

# Fixed so the README can print them; the loader refuses when the app runs in production.
DEMO_PASSWORD = "demo-brygga-2026"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    # The authenticator key (base32) a staff account is enrolled with; empty for employers.
    totp_secret: str = ""


def ensure_user(*, email: str, name: str, role: Role, phone: str = "", organisation=None, unit=None) -> User:
    """The demo user with this address, created with the demo password if missing."""
    user = find_user_by_email(email)
    if user is None:
        user = create_user(
            email=email, name=name, role=role, password=DEMO_PASSWORD, phone=phone, organisation=organisation, unit=unit
        )
    return user
