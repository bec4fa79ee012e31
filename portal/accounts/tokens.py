"""Single-use secret tokens: the link carries the token, the database only its hash."""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> tuple[str, str]:
    """A fresh token for a link, and the hash to store."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    # Tokens are long and random, so a fast hash suffices (no dictionary to guess from).
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
