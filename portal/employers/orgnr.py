"""Check and normalise Swedish organisation numbers, including a sole trader's personnummer.

Canonical stored forms:

- a legal entity: ten digits with a hyphen after the sixth, ``"556016-0680"``;
  the ``16`` prefix of the twelve-digit form is dropped.
- a personnummer (enskild firma): the full birth date, a hyphen and the last
  four digits, ``"19811218-9876"``. The century is written out so that the
  same person typed with ten or twelve digits normalises to the same string,
  and the ``+`` of people aged 100 or more is not needed any more.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from stdnum import luhn
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.se import orgnr as stdnum_orgnr
from stdnum.se import personnummer as stdnum_personnummer

__all__ = [
    "ERROR_CODES",
    "InvalidOrganisationNumber",
    "OrganisationNumber",
    "parse_organisation_number",
]

ERROR_CODES = frozenset({"empty", "format", "length", "checksum", "date"})
"""Every code that ``InvalidOrganisationNumber.code`` can take."""

# Copy-pasted numbers often carry an en dash, a minus sign or a non-breaking space.
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-"})
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_SHAPE = re.compile(r"(?P<head>\d{6}|\d{8})(?P<sep>[-+]?)(?P<tail>\d{4})")

# Twelve-digit forms: "16" marks a legal entity, "18"/"19"/"20" a century of birth.
_ORGANISATION_PREFIX = "16"
_CENTURY_PREFIXES = frozenset({"18", "19", "20"})


class InvalidOrganisationNumber(ValueError):
    """Raised when a number is not a valid organisationsnummer or personnummer."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class OrganisationNumber:
    """A validated organisationsnummer, or the personnummer of a sole trader."""

    normalised: str
    is_personal_number: bool

    def masked(self) -> str:
        """Return the number safe to show: a personnummer as "YYMMDD-****"."""
        if not self.is_personal_number:
            return self.normalised
        return f"{self.normalised[2:8]}-****"

    def __str__(self) -> str:
        return self.normalised


def parse_organisation_number(
    raw: str, *, today: datetime.date | None = None
) -> OrganisationNumber:
    """Validate what a user typed and return it in canonical form."""
    text = _SPACES.sub("", (raw or "").translate(_DASHES))
    if not text:
        raise InvalidOrganisationNumber("empty")
    match = _SHAPE.fullmatch(text)
    if match is None:
        digits = text.replace("-", "").replace("+", "")
        if digits.isdigit() and len(digits) not in (10, 12):
            raise InvalidOrganisationNumber("length")
        raise InvalidOrganisationNumber("format")
    head, sep, tail = match.group("head", "sep", "tail")
    today = today or datetime.date.today()

    if len(head) == 8:
        prefix, head = head[:2], head[2:]
        if prefix == _ORGANISATION_PREFIX:
            if sep == "+":
                raise InvalidOrganisationNumber("format")
            return _organisation(head + tail)
        if prefix not in _CENTURY_PREFIXES:
            raise InvalidOrganisationNumber("format")
        return _personal(prefix + head + "-" + tail, today=today)

    # In a legal entity's number the "month" digits are 20 or more; in a personnummer they never are.
    if int(head[2]) >= 2:
        if sep == "+":
            raise InvalidOrganisationNumber("format")
        return _organisation(head + tail)
    century = _century(head[:2], plus=sep == "+", today=today)
    return _personal(century + head + "-" + tail, today=today)


def _organisation(digits: str) -> OrganisationNumber:
    """Check a legal entity's ten digits."""
    if int(digits[2]) < 2:
        # A "16" prefix in front of a birth date is neither form.
        raise InvalidOrganisationNumber("format")
    try:
        stdnum_orgnr.validate(digits)
    except InvalidChecksum:
        raise InvalidOrganisationNumber("checksum") from None
    except ValidationError:
        raise InvalidOrganisationNumber("format") from None
    return OrganisationNumber(stdnum_orgnr.format(digits), is_personal_number=False)


def _personal(number: str, *, today: datetime.date) -> OrganisationNumber:
    """Check a personnummer written as YYYYMMDD-NNNN."""
    try:
        born = stdnum_personnummer.get_birth_date(number)
    except ValidationError:
        # Samordningsnummer (day + 60) land here too: a sole trader needs a personnummer.
        raise InvalidOrganisationNumber("date") from None
    if born > today:
        raise InvalidOrganisationNumber("date")
    if not luhn.is_valid(number[2:8] + number[9:]):
        raise InvalidOrganisationNumber("checksum")
    return OrganisationNumber(number, is_personal_number=True)


def _century(yy: str, *, plus: bool, today: datetime.date) -> str:
    """Return the century digits for a ten-digit personnummer, as Skatteverket reads it."""
    century = today.year // 100
    if int(yy) > today.year % 100:
        century -= 1
    if plus:
        century -= 1
    return str(century)
