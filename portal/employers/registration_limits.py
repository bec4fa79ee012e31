"""Registration limits: per client address, and per organisation number, so one organisation's members get few join requests."""

from __future__ import annotations

from flask import request

from portal.employers.orgnr import InvalidOrganisationNumber, parse_organisation_number
from portal.web.rate_limits import accepted, digest, per_client_address, per_form_value


def organisation_number_key() -> str:
    """The organisation number typed, in its one written form ("" when it is not a number at all)."""
    try:
        number = parse_organisation_number(request.form.get("organisation_number", ""))
    except InvalidOrganisationNumber:
        return ""
    return "organisation:" + digest(number.normalised)


# Every post per address; accepted registrations per address, and per organisation number (a
# registration for a number that is already registered mails that organisation's members).
registration_limits = (
    per_client_address("LOGIN_RATE_LIMIT"),
    per_client_address("REGISTRATION_RATE_LIMIT", deduct_when=accepted),
    per_form_value("JOIN_REQUEST_RATE_LIMIT", organisation_number_key, deduct_when=accepted),
)
