"""The record of processing (GDPR art. 30), generated from the code.

Every column of every table is marked here: as holding a kind of personal data (each kind says why
it is held, on what legal basis, who can see it and for how long, the last from retention.py), or as
not personal. tests/test_privacy_record.py fails when a model has a column that is not marked, or a
mark names a column that does not exist, so the data-protection officer reads what the code holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.privacy.retention import PERIODS, retention_text


@dataclass(frozen=True)
class Audience:
    key: str
    label: str


SELF = Audience("self", _l("the person themself"))
CONSULTANT = Audience("consultant", _l("the participant's consultant"))
CONSULTANTS = Audience("consultants", _l("consultants"))
COORDINATOR = Audience("coordinator", _l("coordinators"))
EMPLOYER_OWN = Audience("employer", _l("the employer's own users"))
EMPLOYER_CARDS = Audience("employer_cards", _l("employers, only as anonymous candidate cards (k-anonymous)"))
MATCHING_ONLY = Audience("matching_only", _l("no one: only matching reads it, to choose the next cards"))
EMPLOYER_AFTER_CONSENT = Audience(
    "employer_after_consent", _l("the employer, once the participant agreed to meet (first name only)")
)

PUBLIC_TASK = _l("Art. 6.1 e GDPR: a task in the public interest, the municipality's labour-market work.")
PUBLIC_TASK_HEALTH = _l(
    "Art. 6.1 e GDPR, and art. 9.2 b GDPR (social protection) where a need at work reveals health."
)
STATISTICS_BASIS = _l("Art. 6.1 e GDPR: the project's reporting to its funder (ESF, SCB's participant file).")
SECURITY_BASIS = _l(
    "Art. 6.1 e and art. 32 GDPR: security of processing, and follow-up of access to data covered by secrecy."
)
SECRECY_CONSENT = _l(
    "Art. 6.1 e GDPR; the participant's consent lifts secrecy towards one employer (OSL 12 kap. 2 §)."
)


@dataclass(frozen=True)
class DataKind:
    key: str
    title: str
    purpose: str
    legal_basis: str
    seen_by: tuple[Audience, ...]
    retention: tuple[str, ...]  # keys of retention periods or fixed rules, in the order they apply


KINDS: tuple[DataKind, ...] = (
    DataKind("participant_identity", _l("Who the participant is"),
             _l("The consultant knows whom they work with; the coordinator follows the caseloads."),
             PUBLIC_TASK, (CONSULTANT, COORDINATOR, EMPLOYER_AFTER_CONSENT), ("participant",)),
    DataKind("participant_profile", _l("What the participant wants and can do"),
             _l("To match the participant with tasks and workplaces that fit."),
             PUBLIC_TASK, (CONSULTANT, COORDINATOR, EMPLOYER_CARDS), ("participant",)),
    DataKind("participant_needs", _l("Needs at work"),
             _l("To find workplaces that can make the adaptations the participant needs (needs, never diagnoses)."),
             PUBLIC_TASK_HEALTH, (CONSULTANT, COORDINATOR, EMPLOYER_CARDS), ("participant",)),
    DataKind("participant_statistics", _l("Birth year and gender"),
             _l("Statistics the project reports; never matched on, never shown to employers."),
             STATISTICS_BASIS, (CONSULTANT, COORDINATOR), ("participant",)),
    DataKind("consultant_notes", _l("The consultant's notes"),
             _l("The consultant's own working notes about the participant."),
             PUBLIC_TASK_HEALTH, (CONSULTANT, COORDINATOR), ("participant",)),
    DataKind("interest", _l("Employers' interest in a candidate, and proposals"),
             _l("An employer asks to meet a candidate, or the unit puts a participant forward; the consultant answers."),
             PUBLIC_TASK, (CONSULTANT, COORDINATOR, EMPLOYER_CARDS), ("closed_interest", "participant")),
    DataKind("candidate_disclosure", _l("What each employer was shown of a candidate"),
             _l("To keep candidate cards anonymous over time: each card is chosen against everything the "
                "organisation was already shown under the same pseudonym."),
             PUBLIC_TASK, (MATCHING_ONLY,), ("participant",)),
    DataKind("consent", _l("Consent to meet an employer"),
             _l("The participant's consent to share their first name and meet one employer, and its withdrawal."),
             SECRECY_CONSENT, (CONSULTANT, COORDINATOR), ("participant",)),
    DataKind("placement", _l("Placements and levels per task"),
             _l("The placement, its follow-up and the placement certificate."),
             PUBLIC_TASK, (CONSULTANT, COORDINATOR, EMPLOYER_AFTER_CONSENT), ("participant",)),
    DataKind("meeting", _l("Meetings"),
             _l("Booking introductions and follow-ups with the employer and sending calendar invitations."),
             PUBLIC_TASK, (CONSULTANT, COORDINATOR, EMPLOYER_AFTER_CONSENT), ("meeting", "participant")),
    DataKind("follow_up_notes", _l("What was said at follow-ups"),
             _l("To follow up how the placement goes; the participant's own words are never shown to the employer."),
             PUBLIC_TASK_HEALTH, (CONSULTANT, COORDINATOR, EMPLOYER_AFTER_CONSENT), ("meeting", "participant")),
    DataKind("account", _l("User accounts"),
             _l("To sign staff and employers in, reach them by e-mail and phone, and say who did what."),
             PUBLIC_TASK, (SELF, COORDINATOR, EMPLOYER_OWN), ("account", "second_factor")),
    DataKind("sign_in", _l("Sign-ins"),
             _l("Each person sees their recent sign-ins (time, address, browser) and can spot someone else's."),
             SECURITY_BASIS, (SELF,), ("sign_ins",)),
    DataKind("staff_times", _l("Consultants' working times"),
             _l("Free times for booking; the note on a blocked day is the consultant's own."),
             PUBLIC_TASK, (SELF, CONSULTANTS, EMPLOYER_AFTER_CONSENT), ("account",)),
    DataKind("organisation", _l("Employer organisations"),
             _l("Vetting employers; a sole trader's organisation number is a personnummer, shown masked to all but coordinators."),
             PUBLIC_TASK, (COORDINATOR, EMPLOYER_OWN, CONSULTANTS), ("unconfirmed_registration", "organisation")),
    DataKind("offer_people", _l("Supervisors and authors of offers"),
             _l("Who supervises at the workplace and who wrote, submitted and reviewed an offer."),
             PUBLIC_TASK, (EMPLOYER_OWN, COORDINATOR, CONSULTANTS), ("offer",)),
    DataKind("links", _l("Invitations, reset links and requests to join"),
             _l("Single-use links (only their hashes are kept) and requests to join an organisation."),
             PUBLIC_TASK, (COORDINATOR, EMPLOYER_OWN), ("spent_link", "unconfirmed_registration")),
    DataKind("outbox", _l("E-mail on its way"),
             _l("Sending e-mail after the change that caused it, with retries; undeliverable mail is shown to the coordinator."),
             PUBLIC_TASK, (COORDINATOR,), ("outbox",)),
    DataKind("audit", _l("The audit log"),
             _l("Every change and every view of participant data, so that access can be followed up (loggkontroll)."),
             SECURITY_BASIS, (COORDINATOR,), ("audit_detail",)),
    DataKind("form_resume", _l("A form kept after a session ended"),
             _l("What someone typed when their session ended, given back after they sign in again."),
             PUBLIC_TASK, (SELF,), ("form_resume",)),
)
BY_KEY = {kind.key: kind for kind in KINDS}


@dataclass(frozen=True)
class Table:
    """One table's marks: its columns that hold personal data, by kind, and those that do not."""

    name: str
    personal: dict[str, tuple[str, ...]]
    not_personal: tuple[str, ...]


TIMES = ("created_at", "updated_at")
TABLES: tuple[Table, ...] = (
    Table("participant", {
        "participant_identity": ("name", "consultant_id", "unit_id", "project_id", "status", "outcome", "created_at",
                                 "updated_at", "ended_at"),
        "participant_profile": (
            "wishes", "industries", "tasks_done", "tasks_done_other", "tasks_wanted", "tasks_wanted_other",
            "swedish_level", "other_languages", "hours_per_week_min", "hours_per_week_max", "times_of_day",
            "available_from", "areas", "travel", "driving_licence",
        ),
        "participant_needs": ("needs",),
        "participant_statistics": ("birth_year", "gender"),
        "consultant_notes": ("notes",),
    }, ("id",)),
    Table("interest", {
        "interest": ("participant_id", "employer_user_id", "message", "status", "created_at", "answered_by_id",
                     "answered_at", "reminded_at"),
    }, ("id", "offer_id", "organisation_id")),
    Table("proposal", {"interest": ("participant_id", "proposed_by_id", "proposed_at")}, ("id", "offer_id")),
    Table("candidate_disclosure", {
        "candidate_disclosure": ("participant_id", "consistent_ids", "shown", "first_shown_at", "updated_at"),
    }, ("id", "organisation_id")),
    Table("consent", {
        "consent": ("participant_id", "given_at", "method", "covers", "recorded_by_id", "recorded_at", "withdrawn_at",
                    "withdrawal_recorded_by_id"),
    }, ("id", "interest_id")),
    Table("placement", {
        "placement": ("participant_id", "consultant_id", "kind", "start_date", "end_date", "follow_up_cadence", "status",
                      "outcome", "created_at", "recorded_by_id"),
    }, ("id", "offer_id", "organisation_id", "interest_id")),
    Table("task_assessment", {"placement": ("level", "assessed_on", "assessed_by_id")}, ("id", "record_id", "offer_task_id")),
    Table("meeting", {
        "meeting": ("consultant_id", "starts_at", "ends_at", "status", "location_kind", "location_details",
                    "employer_contact_id", "with_supervisor", "with_participant", "requested_by_id", "hold_expires_at",
                    "last_reason", "reminded_at", *TIMES),
    }, ("id", "kind", "interest_id", "placement_id", "organisation_id", "ical_uid", "sequence", "idempotency_key")),
    Table("meeting_proposal", {"meeting": ("starts_at", "ends_at")}, ("id", "meeting_id")),
    Table("follow_up_record", {
        "follow_up_notes": ("attended", "goes_well", "to_adjust", "next_step", "participant_view", "supervisor_comment",
                            "recorded_by_id", "supervisor_added_by_id", *TIMES),
    }, ("id", "meeting_id", "placement_id")),
    Table("user_account", {
        "account": ("email", "name", "phone", "password_hash", "role", "organisation_id", "unit_id", "preferred_language",
                    "active", "deactivated_at", "created_at", "last_sign_in_at", "removed_at"),
    }, ("id", "session_token")),
    Table("second_factor", {"account": ("user_id", "secret", "created_at", "confirmed_at", "last_used_step", "failures")}, ()),
    Table("recovery_code", {"account": ("user_id", "code_hash", "used_at")}, ("id",)),
    Table("calendar_feed_link", {"account": ("user_id", "created_at", "revoked_at")}, ("id", "token_hash")),
    Table("sign_in", {"sign_in": ("user_id", "signed_in_at", "address", "browser")}, ("id",)),
    Table("availability_window", {
        "staff_times": ("consultant_id", "weekday", "on_date", "start_time", "end_time", "valid_from", "valid_to"),
    }, ("id", "created_at")),
    Table("blocked_day", {"staff_times": ("consultant_id", "first_day", "last_day", "note")}, ("id", "created_at")),
    Table("booking_settings", {"staff_times": ("consultant_id",)},
          ("id", "lengths_minutes", "buffer_minutes", "notice_working_days", "horizon_weeks", "updated_at")),
    Table("organisation", {
        "organisation": ("name", "organisation_number", "street", "postcode", "town", "rejection_reason"),
    }, ("id", "kind", "industry", "status", "created_at", "pending_since", "decided_at", "removed_at", "unit_id")),
    Table("offer", {
        "offer_people": ("created_by_id", "supervisor_name", "supervisor_role", "supervisor_phone", "supervisor_email"),
    }, ("id", "organisation_id", "status", "version", "title", "industry", "address", "area", "public_transport",
        "places", "pair_placement", "days", "times_of_day", "hours_description", "hours_per_week", "start_date",
        "length_weeks", "end_date", "adaptations", "adaptations_note", "placement_kind", "support_kind",
        "pending_snapshot_id", "live_snapshot_id", *TIMES)),
    # A snapshot's data copies the offer, the supervisor's details included.
    Table("offer_snapshot", {"offer_people": ("data", "submitted_by_id")},
          ("id", "offer_id", "number", "offer_version", "submitted_at")),
    Table("offer_task", {}, ("id", "offer_id", "position", "example_id", "family", "name", "description", "frequency",
                             "physical_demand", "swedish_needed", "can_be_shown", "tools")),
    Table("review", {"offer_people": ("reviewer_id",)}, ("id", "offer_id", "snapshot_id", "decision", "reason", "decided_at")),
    Table("review_comment", {}, ("id", "review_id", "field", "text")),
    Table("invitation", {"links": ("email", "name", "invited_by_id", "created_at", "used_at")},
          ("id", "role", "organisation_id", "unit_id", "language", "token_hash", "expires_at")),
    Table("password_reset", {"links": ("user_id", "created_at", "used_at")}, ("id", "token_hash", "expires_at")),
    # A unit's contact person is a member of its staff: their name and how employers reach them.
    Table("unit", {"account": ("contact_name", "contact_email", "contact_phone")},
          ("id", "name", "municipality_code", "email_name", "opens_at", "closes_at", "created_at")),
    Table("project", {}, ("id", "name", "esf_number", "reports_to_esf", "starts_on", "ends_on", "target_group", "created_at")),
    Table("project_unit", {}, ("project_id", "unit_id")),
    Table("email_confirmation", {"links": ("user_id", "created_at", "used_at")}, ("id", "token_hash", "expires_at")),
    Table("join_request", {"links": ("email", "name", "created_at", "closed_at")}, ("id", "organisation_id")),
    Table("outbox_message", {
        "outbox": ("recipient", "subject", "body_text", "body_html", "attachments", "last_error", "about_participant_id"),
    }, ("id", "locale", "template", "created_at", "due_at", "attempts", "message_failures", "sent_at",
        "forget_body_when_sent", "dead_at")),
    Table("audit_event", {"audit": ("actor_id", "subject_id", "detail")},
          ("id", "at", "action", "subject_type", "deidentified_at")),
    Table("audit_participant", {"audit": ("participant_id",)}, ("audit_event_id",)),
    Table("form_resume", {"form_resume": ("data", "path")}, ("id", "key_hash", "cookie_hash", "created_at")),
)
TABLES_BY_NAME = {table.name: table for table in TABLES}


@dataclass(frozen=True)
class RecordEntry:
    kind: DataKind
    columns: list[str]  # "table.column"
    seen_by: list[str]
    retention: list[str]


def record_entries() -> list[RecordEntry]:
    """The record, kind by kind, in the reader's language: where each kind is held, who sees it, how long."""
    entries = []
    for kind in KINDS:
        columns = [
            f"{table.name}.{column}"
            for table in TABLES
            for column in table.personal.get(kind.key, ())
        ]
        entries.append(RecordEntry(
            kind, columns, [str(audience.label) for audience in kind.seen_by], [retention_text(key) for key in kind.retention]
        ))
    return entries


def record_markdown() -> str:
    """The record as Markdown (`flask privacy record`), in the current locale."""
    title, note = _("Record of processing (GDPR art. 30)"), _("Generated from the code: every column of every table is marked as personal data or not.")
    purpose, basis, seen, kept, held = _("Purpose"), _("Legal basis"), _("Who can see it"), _("How long it is kept"), _("Where it is held")
    lines = [f"# {title}", "", note, ""]
    for entry in record_entries():
        where = ", ".join(f"`{column}`" for column in entry.columns)
        lines += [
            f"## {entry.kind.title}",
            "",
            f"- **{purpose}:** {entry.kind.purpose}",
            f"- **{basis}:** {entry.kind.legal_basis}",
            f"- **{seen}:** {', '.join(entry.seen_by)}",
            f"- **{kept}:** {'; '.join(entry.retention)}",
            f"- **{held}:** {where}",
            "",
        ]
    periods, setting, period_word, covers, why = _("Retention periods"), _("Setting"), _("Period"), _("What it covers"), _("Why")
    lines += [f"## {periods}", "", f"| {setting} | {period_word} | {covers} | {why} |", "|---|---|---|---|"]
    for period in PERIODS:
        lines.append(f"| `{period.setting}` | {period.describe()} | {period.covers} | {period.why} |")
    return "\n".join(lines) + "\n"
