"""Employer use cases: register, confirm the e-mail, vet, invite colleagues, leave. Services flush; the request commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from portal.accounts.models import Invitation, Role, User
from portal.accounts.passwords import hash_password
from portal.accounts.services import (
    create_user,
    end_all_sessions,
    find_user_by_email,
    invite_user,
)
from portal.accounts.tokens import new_token
from portal.audit.services import record_event
from portal.clock import now
from portal.employers.models import (
    EmailConfirmation,
    JoinRequest,
    Organisation,
    OrganisationKind,
)
from portal.employers.orgnr import parse_organisation_number
from portal.employers.states import VETTING_TRANSITIONS, VettingStatus
from portal.errors import FieldError
from portal.extensions import db
from portal.outbox.services import queue_email
from portal.units.services import installation_unit
from portal.web.links import external_url

CONFIRMATION_HOURS = 48


@dataclass(frozen=True)
class RegistrationDetails:
    """What the person typed on the registration form."""

    organisation_name: str
    organisation_number: str
    kind: OrganisationKind
    industry: str
    street: str
    postcode: str
    town: str
    contact_name: str
    email: str
    phone: str
    password: str
    language: str


@dataclass(frozen=True)
class Registration:
    """The outcome: a new organisation and user, or (duplicate) nothing new and the members told."""

    organisation: Organisation | None
    user: User | None

    @property
    def duplicate(self) -> bool:
        return self.organisation is None


def find_organisation_by_number(normalised: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.organisation_number == normalised))


def normalise_postcode(postcode: str) -> str:
    """Swedish postcodes as they are printed: "123 45"."""
    digits = "".join(ch for ch in postcode if ch.isdigit())
    return f"{digits[:3]} {digits[3:]}" if len(digits) == 5 else postcode.strip()


def register_organisation(details: RegistrationDetails) -> Registration:
    """Register an organisation and its first user, unconfirmed until the e-mail link is opened."""
    number = parse_organisation_number(details.organisation_number)
    if number.is_personal_number and details.kind != OrganisationKind.SOLE_TRADER:
        raise FieldError(
            "organisation_number",
            _("This is a personal identity number. Only a sole trader registers with one: choose “Sole trader”, or enter the organisation number."),
        )
    if details.kind == OrganisationKind.SOLE_TRADER and not number.is_personal_number:
        raise FieldError(
            "organisation_number",
            _("A sole trader's business number is the owner's personal identity number (personnummer). Enter it, or choose another kind of organisation."),
        )
    existing = find_organisation_by_number(number.normalised)
    account = find_user_by_email(details.email)
    if existing is not None or account is not None:
        # Nothing on the page tells a stranger that the address or the number is known: the same
        # answer as a new registration, after the same work (a password hash). The facts go to
        # the address by e-mail, where only its owner reads them.
        hash_password(details.password)
        if account is not None:
            _tell_account_holder(account)
        else:
            ask_to_join(existing, name=details.contact_name, email=details.email)
            _tell_asker_the_organisation_is_registered(existing, name=details.contact_name, email=details.email, language=details.language)
        return Registration(organisation=None, user=None)
    organisation = Organisation(
        name=details.organisation_name.strip(),
        organisation_number=number.normalised,
        kind=details.kind,
        industry=details.industry,
        street=details.street.strip(),
        postcode=normalise_postcode(details.postcode),
        town=details.town.strip(),
        status=VettingStatus.UNCONFIRMED,
        unit=installation_unit(),
    )
    db.session.add(organisation)
    db.session.flush()
    user = create_user(
        email=details.email,
        name=details.contact_name,
        role=Role.EMPLOYER,
        password=details.password,
        organisation=organisation,
        phone=details.phone.strip(),
        preferred_language=details.language,
    )
    # No sign-in until the address is confirmed: the confirmation link switches the account on.
    user.active = False
    record_event("organisation.registered", organisation, actor=user, detail={"kind": details.kind.value})
    send_confirmation(user)
    return Registration(organisation=organisation, user=user)


def _tell_account_holder(account: User) -> None:
    """Someone registered with an address that has an account: tell its owner how to get in."""
    queue_email(
        account.email,
        "registration_account_exists",
        locale=account.preferred_language,
        user=account,
        sign_in_link=external_url("accounts.sign_in"),
        reset_link=external_url("accounts.forgot_password"),
    )
    record_event("user.registration_attempted", account)


def _tell_asker_the_organisation_is_registered(organisation: Organisation, *, name: str, email: str, language: str) -> None:
    queue_email(
        email.strip().lower(),
        "registration_organisation_exists",
        locale=language,
        name=name.strip(),
        organisation=organisation,
    )


def _reachable_members(organisation: Organisation) -> list[User]:
    # While the organisation is unconfirmed its registrant is not yet active, but is the one to ask.
    return [
        user
        for user in organisation.users
        if user.active or organisation.status == VettingStatus.UNCONFIRMED
    ]


def open_join_requests(organisation: Organisation) -> list[JoinRequest]:
    """The requests to join the organisation that no member has answered yet, oldest first."""
    return list(
        db.session.scalars(
            select(JoinRequest)
            .where(JoinRequest.organisation_id == organisation.id, JoinRequest.closed_at.is_(None))
            .order_by(JoinRequest.created_at, JoinRequest.id)
        )
    )


def ask_to_join(organisation: Organisation, *, name: str, email: str) -> JoinRequest | None:
    """Record a request to join and tell the members, in a fixed text with no word the asker chose.

    One open request per address and organisation, and at most JOIN_REQUESTS_PER_DAY new open
    ones a day for an organisation, so nobody can fill its members' inboxes. A request over
    either limit is dropped without a word on the page (None): the page must not tell a stranger
    that the organisation exists; the asker's e-mail says what happens next.
    """
    address = email.strip().lower()
    waiting = open_join_requests(organisation)
    if any(request.email == address for request in waiting):
        return None
    today = [request for request in waiting if request.created_at > now() - timedelta(days=1)]
    if len(today) >= current_app.config["JOIN_REQUESTS_PER_DAY"]:
        record_event("organisation.join_request_dropped", organisation, detail={"reason": "daily_limit"})
        return None
    join_request = JoinRequest(organisation=organisation, email=address, name=" ".join(name.split()))
    db.session.add(join_request)
    db.session.flush()
    link = external_url("employers.invite", organisation_id=organisation.id)
    for member in _reachable_members(organisation):
        queue_email(
            member.email,
            "employer_join_request",
            locale=member.preferred_language,
            member=member,
            organisation=organisation,
            link=link,
        )
    record_event("organisation.join_requested", organisation, detail={"email": address, "join_request_id": join_request.id})
    return join_request


def answer_join_request(member: User, join_request: JoinRequest, *, invite: bool, language: str) -> None:
    """A member invites the person who asked, or sets the request aside; either closes it."""
    if invite:
        invite_colleague(
            inviter=member, organisation=join_request.organisation, name=join_request.name, email=join_request.email, language=language
        )
    else:
        join_request.closed_at = now()
        record_event("organisation.join_request_dismissed", join_request.organisation, actor=member, detail={"join_request_id": join_request.id})


def _close_join_requests(organisation: Organisation, email: str) -> None:
    for request in open_join_requests(organisation):
        if request.email == email.strip().lower():
            request.closed_at = now()


# E-mail confirmation


def send_confirmation(user: User) -> EmailConfirmation:
    """Queue a fresh single-use link (valid 48 hours); earlier links stop working."""
    for earlier in _open_confirmations(user):
        earlier.expires_at = now()
    token, token_hash = new_token()
    issued = now()
    confirmation = EmailConfirmation(
        user=user, token_hash=token_hash, created_at=issued, expires_at=issued + timedelta(hours=CONFIRMATION_HOURS)
    )
    db.session.add(confirmation)
    db.session.flush()
    queue_email(
        user.email,
        "employer_confirm_email",
        single_use_link=True,
        locale=user.preferred_language,
        user=user,
        organisation=user.organisation,
        link=external_url("employers.confirm_email", token=token),
        hours=CONFIRMATION_HOURS,
    )
    return confirmation


def _open_confirmations(user: User) -> list[EmailConfirmation]:
    return list(
        db.session.scalars(
            select(EmailConfirmation).where(EmailConfirmation.user_id == user.id, EmailConfirmation.still_usable())
        )
    )


def usable_confirmation(token: str) -> EmailConfirmation | None:
    """The confirmation behind a link, if it is unused, not expired and still waited for."""
    confirmation = EmailConfirmation.usable(token)
    if confirmation is None:
        return None
    organisation = confirmation.user.organisation
    if organisation is None or organisation.status != VettingStatus.UNCONFIRMED:
        return None
    return confirmation


def confirm_email(confirmation: EmailConfirmation) -> Organisation:
    """Use up the link, switch the account on and put the organisation in the coordinator's queue."""
    user = confirmation.user
    organisation = user.organisation
    confirmation.use()
    user.active = True
    record_event("user.email_confirmed", user, actor=user)
    VETTING_TRANSITIONS.fire("confirm_email", organisation, actor=user)
    organisation.pending_since = now()
    _tell_coordinators(organisation)
    return organisation


def _tell_coordinators(organisation: Organisation) -> None:
    coordinators = db.session.scalars(
        select(User).where(User.role == Role.COORDINATOR, User.active.is_(True)).order_by(User.id)
    ).all()
    recipients = [(c.email, c.preferred_language) for c in coordinators] or [
        (current_app.config["COORDINATOR_EMAIL"], current_app.config["BABEL_DEFAULT_LOCALE"])
    ]
    link = external_url("employers.detail", organisation_id=organisation.id)
    for email, language in recipients:
        queue_email(email, "employer_waiting_for_vetting", locale=language, organisation=organisation, link=link)


def awaits_confirmation(user: User) -> bool:
    """A registrant whose organisation still waits for the e-mail confirmation (the account is off until then)."""
    return (
        not user.active
        and user.role == Role.EMPLOYER
        and user.organisation is not None
        and user.organisation.status == VettingStatus.UNCONFIRMED
    )


def awaiting_confirmation(email: str) -> User | None:
    """The registrant behind this address if their organisation still waits for the e-mail confirmation."""
    user = find_user_by_email(email)
    return user if user is not None and awaits_confirmation(user) else None


def resend_confirmation(email: str) -> None:
    """Send a new link if a registration waits for this address; say nothing either way."""
    user = awaiting_confirmation(email)
    if user is not None:
        send_confirmation(user)
        record_event("user.confirmation_resent", user)


# Vetting


def approve_organisation(organisation: Organisation, *, coordinator: User) -> None:
    """Approve a waiting organisation and tell its users."""
    VETTING_TRANSITIONS.fire("approve", organisation, actor=coordinator)
    organisation.decided_at = now()
    organisation.rejection_reason = None
    _tell_members(organisation, "employer_approved")


def reject_organisation(organisation: Organisation, *, coordinator: User, reason: str) -> None:
    """Turn down a waiting organisation; the reason is kept, audited and sent to its users."""
    reason = (reason or "").strip()
    if not reason:
        raise FieldError("reason", _("Write why the organisation is not approved"))
    VETTING_TRANSITIONS.fire("reject", organisation, actor=coordinator, detail={"reason": reason})
    organisation.decided_at = now()
    organisation.rejection_reason = reason
    _tell_members(organisation, "employer_rejected")


def _tell_members(organisation: Organisation, template: str) -> None:
    link = external_url("accounts.sign_in")
    for member in organisation.users:
        if member.active:
            queue_email(
                member.email,
                template,
                locale=member.preferred_language,
                member=member,
                organisation=organisation,
                link=link,
            )


# Colleagues


def invite_colleague(*, inviter: User, organisation: Organisation, name: str, email: str, language: str) -> Invitation:
    """Invite a colleague (a supervisor, say) to become an employer user of the organisation."""
    _close_join_requests(organisation, email)
    return invite_user(
        inviter=inviter,
        email=email,
        name=name,
        role=Role.EMPLOYER,
        language=language,
        organisation=organisation,
    )


def leave_organisation(user: User) -> None:
    """Deactivate the user's account and end their sessions; the last active user cannot leave."""
    organisation = user.organisation
    others = [member for member in organisation.users if member.active and member.id != user.id]
    if not others:
        raise FieldError(
            "confirm",
            _("You are the only active user of %(organisation)s, so you cannot leave. Invite a colleague first, or contact the employment coordinator.", organisation=organisation.name),
        )
    user.active = False
    end_all_sessions(user)
    record_event("organisation.member_left", organisation, actor=user, detail={"user_id": user.id})
    record_event("user.deactivated", user, actor=user, detail={"why": "left_organisation"})
