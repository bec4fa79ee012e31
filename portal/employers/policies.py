"""Who may do what with an employer organisation; the vetting machine decides the state rules."""

from __future__ import annotations

from portal.accounts.models import Role
from portal.employers.models import Organisation
from portal.employers.states import INVITING_STATES, VETTING_TRANSITIONS, VettingStatus


def can_submit_offers(organisation: Organisation | None) -> bool:
    """Only an approved organisation's offers go to review; drafts can be written before that."""
    return organisation is not None and organisation.status == VettingStatus.APPROVED


def can_vet_organisations(user) -> bool:
    """The employment coordinator vets organisations."""
    return user.is_authenticated and user.role == Role.COORDINATOR


def can_decide_on_organisation(user, organisation: Organisation) -> bool:
    """The coordinator decides while the organisation waits in the queue."""
    return VETTING_TRANSITIONS.can("approve", organisation, user)


def is_member(user, organisation: Organisation) -> bool:
    """An active employer user of this organisation."""
    return (
        user.is_authenticated
        and user.role == Role.EMPLOYER
        and user.active
        and user.organisation_id == organisation.id
    )


def can_see_full_organisation_number(user) -> bool:
    """Only the coordinator sees a sole trader's personnummer in full."""
    return can_vet_organisations(user)


def can_invite_colleagues(user, organisation: Organisation) -> bool:
    """Members invite colleagues, unless the organisation was turned down."""
    return is_member(user, organisation) and organisation.status in INVITING_STATES


def can_leave_organisation(user, organisation: Organisation) -> bool:
    """Members may leave their organisation (the last active one is refused by the service)."""
    return is_member(user, organisation)
