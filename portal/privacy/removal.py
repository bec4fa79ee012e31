"""Removing an employer's user or a whole organisation: the people are de-identified, the offers stay.

A removed account keeps its row, so that offers, interest, meetings and the audit log keep their
links, but its name, e-mail address, phone and password are gone, its sessions end, and what
else named the person (sign-ins, reset links, invitations, mail to the address) is deleted or
emptied. The organisation's offers stay for the unit, with every trace of the person (the
supervisor's name, e-mail and phone, and the person's name, address or phone anywhere in the text)
replaced by a neutral text, in the working copy, its tasks and every snapshot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, select

from portal.accounts.models import Invitation, PasswordReset, SignIn, User
from portal.accounts.services import end_all_sessions
from portal.audit.services import record_event
from portal.clock import now
from portal.employers.models import EmailConfirmation, JoinRequest, Organisation, OrganisationKind
from portal.errors import FieldError
from portal.extensions import db
from portal.meetings.models import CalendarFeedLink, Meeting
from portal.offers.models import Offer, OfferSnapshot, OfferTask
from portal.offers.states import APPROVED_STATES
from portal.outbox.models import OutboxMessage

# What stands where a removed person's name, address or phone was. Stored, so in the unit's language.
REMOVED = "(borttagen)"
REMOVED_USER_NAME = "Borttagen användare"
REMOVED_ORGANISATION_NAME = "Borttagen enskild firma"
_OFFER_TEXT = ("title", "address", "public_transport", "hours_description", "adaptations_note",
               "supervisor_name", "supervisor_role", "supervisor_phone", "supervisor_email")
_TASK_TEXT = ("name", "description", "tools")
_SUPERVISOR_CLEARED = {"supervisor_name": REMOVED, "supervisor_phone": "", "supervisor_email": ""}


def removed_address(user: User) -> str:
    """A unique address that can receive nothing (.invalid is reserved, RFC 2606)."""
    return f"removed-{user.id}@removed.invalid"


def _needles(values: Iterable[str]) -> list[re.Pattern]:
    # Very short values (initials) would blank ordinary words: a name, address or phone is longer.
    return [re.compile(re.escape(value.strip()), re.IGNORECASE) for value in values if len(value.strip()) >= 3]


def _scrubbed(value: Any, needles: list[re.Pattern]) -> Any:
    if isinstance(value, str):
        for needle in needles:
            value = needle.sub(REMOVED, value)
        return value
    if isinstance(value, list):
        return [_scrubbed(item, needles) for item in value]
    if isinstance(value, dict):
        return {key: _scrubbed(item, needles) for key, item in value.items()}
    return value


def _de_identify_offers(organisation: Organisation, traces: list[str], *, every_supervisor: bool) -> None:
    """Replace the traces in the organisation's offers, their tasks and snapshots; and their meetings' free text."""
    needles = _needles(traces)
    lowered = {trace.strip().casefold() for trace in traces}
    offers = db.session.scalars(select(Offer).where(Offer.organisation_id == organisation.id)).all()
    for offer in offers:
        names_the_person = {offer.supervisor_name.strip().casefold(), offer.supervisor_email.strip().casefold()} & lowered
        changes = {field: _scrubbed(getattr(offer, field), needles) for field in _OFFER_TEXT}
        if every_supervisor or names_the_person:
            changes.update(_SUPERVISOR_CLEARED)
        for field, value in changes.items():
            if getattr(offer, field) != value:
                setattr(offer, field, value)
        for task in db.session.scalars(select(OfferTask).where(OfferTask.offer_id == offer.id)):
            for field in _TASK_TEXT:
                setattr(task, field, _scrubbed(getattr(task, field), needles))
        for snapshot in db.session.scalars(select(OfferSnapshot).where(OfferSnapshot.offer_id == offer.id)):
            data = _scrubbed(snapshot.data, needles)
            shown_supervisor = {str(data.get("supervisor_name", "")).casefold(), str(data.get("supervisor_email", "")).casefold()}
            if every_supervisor or shown_supervisor & lowered:
                data.update(_SUPERVISOR_CLEARED)
            if data != snapshot.data:
                snapshot.data = data
    for meeting in db.session.scalars(select(Meeting).where(Meeting.organisation_id == organisation.id)):
        meeting.location_details = _scrubbed(meeting.location_details, needles)
        meeting.last_reason = _scrubbed(meeting.last_reason, needles)


def _de_identify_account(user: User) -> list[str]:
    """Empty the account and what else names the person; returns what identified them, to find in offers."""
    traces = [user.name, user.email, user.phone]
    email = user.email
    user.name, user.email, user.phone = REMOVED_USER_NAME, removed_address(user), ""
    user.password_hash = None
    user.active = False
    user.deactivated_at = user.deactivated_at or now()
    user.removed_at = now()
    end_all_sessions(user)
    db.session.execute(delete(SignIn).where(SignIn.user_id == user.id))
    db.session.execute(delete(PasswordReset).where(PasswordReset.user_id == user.id))
    db.session.execute(delete(EmailConfirmation).where(EmailConfirmation.user_id == user.id))
    db.session.execute(delete(CalendarFeedLink).where(CalendarFeedLink.user_id == user.id))
    db.session.execute(delete(Invitation).where(Invitation.email == email))
    db.session.execute(delete(JoinRequest).where(JoinRequest.email == email))
    # Mail not sent yet is never sent; mail sent keeps when and which template, not the text or the address.
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.recipient == email, OutboxMessage.sent_at.is_(None)))
    for message in db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == email)):
        message.recipient, message.body_text, message.body_html, message.attachments = user.email, "", "", []
    return traces


def others_in_use(user: User) -> list[User]:
    organisation = user.organisation
    return [m for m in organisation.users if m.id != user.id and m.active and m.removed_at is None]


def has_live_offers(organisation: Organisation) -> bool:
    return db.session.scalar(
        select(Offer.id).where(Offer.organisation_id == organisation.id, Offer.status.in_(APPROVED_STATES)).limit(1)
    ) is not None


def remove_employer_user(user: User, *, actor: User, reason: str) -> None:
    """De-identify an employer's account for good; the organisation's offers stay, without the person in them.

    The last user in use of an organisation with live offers stays: the offers need someone to
    answer for them (close them first, or the coordinator removes the whole organisation)."""
    reason = reason.strip()
    if actor.id != user.id and not reason:
        raise FieldError("reason", _("Write why the account is removed."))
    organisation = user.organisation
    if organisation is not None and not others_in_use(user) and has_live_offers(organisation):
        raise FieldError("reason", _(
            "%(name)s is the last user of %(organisation)s, which has live offers. Close the offers first, or remove the whole organisation.",
            name=user.name, organisation=organisation.name,
        ))
    traces = _de_identify_account(user)
    if organisation is not None:
        _de_identify_offers(organisation, traces, every_supervisor=False)
    record_event("user.removed", user, actor=actor, detail={"reason": reason, "organisation": user.organisation_id})


def remove_organisation(organisation: Organisation, *, actor: User, reason: str) -> None:
    """De-identify the organisation's contact data and every user of it; its offers stay, de-identified."""
    reason = reason.strip()
    if not reason:
        raise FieldError("reason", _("Write why the organisation is removed."))
    traces: list[str] = []
    users = [user for user in organisation.users if user.removed_at is None]
    for user in users:
        traces += _de_identify_account(user)
        record_event("user.removed", user, actor=actor, detail={"organisation": organisation.id, "with_organisation": True})
    if organisation.kind == OrganisationKind.SOLE_TRADER:
        # A sole trader's name, number (a personnummer) and address are the person's own.
        traces += [organisation.name, organisation.organisation_number, organisation.street]
        organisation.name = REMOVED_ORGANISATION_NAME
        organisation.organisation_number = f"bort-{organisation.id}"
    organisation.street = organisation.postcode = organisation.town = ""
    organisation.removed_at = now()
    db.session.execute(delete(JoinRequest).where(JoinRequest.organisation_id == organisation.id))
    db.session.execute(delete(Invitation).where(Invitation.organisation_id == organisation.id))
    _de_identify_offers(organisation, [trace for trace in traces if trace], every_supervisor=True)
    record_event("organisation.removed", organisation, actor=actor, detail={"reason": reason, "users": [u.id for u in users]})
