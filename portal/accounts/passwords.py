"""Password hashing (argon2id) and the rules a new password must meet."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


def hash_password(password: str) -> str:
    """An argon2id hash of the password."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> tuple[bool, str | None]:
    """Check a password; return (ok, new hash) where a new hash is given when the parameters changed."""
    if not password_hash:
        # Spend the same time as a real check, so unknown accounts cannot be told apart.
        _burn_time(password)
        return False, None
    try:
        _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False, None
    if _hasher.check_needs_rehash(password_hash):
        return True, _hasher.hash(password)
    return True, None


@cache
def _dummy_hash() -> str:
    return _hasher.hash("a dummy password that nobody has")


def _burn_time(password: str) -> None:
    try:
        _hasher.verify(_dummy_hash(), password)
    except VerificationError:
        pass


@cache
def _common_passwords() -> frozenset[str]:
    text = files("portal.accounts").joinpath("data/common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _core(password: str) -> str:
    # "Sommar2026!" is as weak as "sommar": strip the digits and marks people add to meet rules.
    return re.sub(r"[\W\d_]+$", "", re.sub(r"^[\W\d_]+", "", password.lower()))


def password_problems(password: str, *, email: str = "", min_length: int = 12) -> list[str]:
    """Stable codes for what is wrong with a new password: too_short, common, contains_email."""
    problems = []
    if len(password) < min_length:
        problems.append("too_short")
    lowered = password.lower()
    common = _common_passwords()
    if lowered in common or _core(password) in common or len(set(lowered)) <= 3:
        problems.append("common")
    local_part = email.split("@")[0].lower()
    if len(local_part) >= 4 and local_part in lowered:
        problems.append("contains_email")
    return problems
