"""Per-employer pseudonyms for candidates.

HMAC-SHA256 keyed with a server secret, over the employer and the participant, so
that one employer always sees the same name for a person and two employers cannot
link their candidates. Six characters of Crockford's base32 (no I, L, O or U), so
the name can be read out on the phone to a consultant. The UI adds "Kandidat".
Six characters give 2^30 names: among 2,000 candidates of one employer the chance
that two share a name is about 0.2 %, so never use a pseudonym as a lookup key.
"""

from __future__ import annotations

import hashlib
import hmac

CROCKFORD_BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PSEUDONYM_LENGTH = 6
_CONTEXT = b"brygga/candidate-pseudonym/v1"


def pseudonym(secret: bytes, employer_org_id: int, participant_id: int) -> str:
    """A stable, employer-specific name such as "K-7F3QXM"."""
    if not secret:
        raise ValueError("the pseudonym secret must not be empty")
    message = b"%s:%d:%d" % (_CONTEXT, employer_org_id, participant_id)
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big") >> (64 - 5 * PSEUDONYM_LENGTH)
    chars = []
    for _ in range(PSEUDONYM_LENGTH):
        number, index = divmod(number, 32)
        chars.append(CROCKFORD_BASE32[index])
    return "K-" + "".join(reversed(chars))
