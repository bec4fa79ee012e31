"""Time-based one-time codes (TOTP, RFC 6238, via pyotp), the QR code that carries the secret
(drawn on the server as SVG by segno, so no request leaves for another host), and recovery codes."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta

import pyotp
import segno
from markupsafe import Markup, escape

ISSUER = "Brygga"
STEP_SECONDS = 30
# A code of the step before or after the current one is accepted too: phones' clocks drift.
STEPS_OF_DRIFT = 1
RECOVERY_CODES = 10
# 16 characters of 31 (no 0/o, 1/l/i) ≈ 79 bits: long enough that a fast hash is safe to store.
_RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
_RECOVERY_LENGTH = 16


def new_secret() -> str:
    """A fresh random secret (160 bits, base32), as authenticator apps expect."""
    return pyotp.random_base32(32)


def grouped(text: str, size: int = 4) -> str:
    """ABCDEFGH… as ABCD EFGH …, for typing the secret or a recovery code by hand."""
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


def provisioning_uri(secret: str, account: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret, interval=STEP_SECONDS).provisioning_uri(name=account, issuer_name=ISSUER)


def qr_svg(data: str, label: str) -> Markup:
    """The QR code as inline SVG with a text alternative (the secret is also shown as text)."""
    svg = segno.make(data, error="m").svg_inline(scale=5, dark="#000", light="#fff", border=4, omitsize=True)
    # Safe markup: segno draws only paths from the data's bits (no text of it), and the label is escaped.
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))  # nosec B704


def matching_step(secret: str, code: str, at: datetime) -> int | None:
    """The time step whose code this is (within the allowed drift), or None."""
    digits = re.sub(r"\s", "", code or "")
    if not re.fullmatch(r"\d{6}", digits):
        return None
    totp = pyotp.TOTP(secret, interval=STEP_SECONDS)
    for offset in (0, -1, 1) if STEPS_OF_DRIFT else (0,):
        moment = at + timedelta(seconds=offset * STEP_SECONDS)
        if hmac.compare_digest(totp.at(moment), digits):
            return totp.timecode(moment)
    return None


def new_recovery_codes() -> list[str]:
    """Ten fresh recovery codes, each shown once as xxxx-xxxx-xxxx-xxxx."""
    codes = ("".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH)) for _ in range(RECOVERY_CODES))
    return [grouped(code).replace(" ", "-") for code in codes]


def looks_like_recovery_code(code: str) -> bool:
    return len(_normalised_recovery_code(code)) == _RECOVERY_LENGTH


def _normalised_recovery_code(code: str) -> str:
    return re.sub(r"[\s\-]", "", (code or "").lower())


def hash_recovery_code(code: str) -> str:
    # ≈ 79 random bits: a fast hash cannot be reversed by guessing (as for link tokens).
    return hashlib.sha256(_normalised_recovery_code(code).encode("ascii", "replace")).hexdigest()
