"""How long Brygga keeps personal data: one table of periods, each a setting with its default and its reason.

The settings are read in portal/config.py (`BRYGGA_RETAIN_*`); `flask privacy enforce` erases or
de-identifies what is past its period, and the record of processing (record.py) names the period of
every kind of personal data from this table. The defaults are what a Swedish municipal
labour-market unit can defend: as short as the work allows, and the reason is written beside each.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext


@dataclass(frozen=True)
class RetentionPeriod:
    key: str
    setting: str  # the environment variable
    config_key: str  # where portal/config.py puts it
    default: int
    unit: str  # "months" or "days"
    covers: str
    why: str

    @property
    def value(self) -> int:
        return int(current_app.config[self.config_key])

    def cutoff(self, moment: datetime) -> datetime:
        """The instant before which a record is past this period, counted back from `moment`."""
        return months_before(moment, self.value) if self.unit == "months" else moment - timedelta(days=self.value)

    def describe(self, value: int | None = None) -> str:
        amount = self.value if value is None else value
        if self.unit == "months":
            return ngettext("%(num)d month", "%(num)d months", amount)
        return ngettext("%(num)d day", "%(num)d days", amount)


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the month's last day when it has fewer)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


PARTICIPANT = RetentionPeriod(
    "participant", "BRYGGA_RETAIN_PARTICIPANT_MONTHS", "RETAIN_PARTICIPANT_MONTHS", 24, "months",
    _l("A participant whose participation has ended, and everything about them: the record, interest, "
       "consents, placements, meetings, follow-ups. Counted from the day participation ended."),
    _l("Two years lets the consultant answer the person's and the employer's questions afterwards, issue "
       "the placement certificate again and lets the project report its results to the funder for the "
       "year the person left and the next. The unit's own case files and the project's reporting are kept "
       "elsewhere under their own rules, so Brygga, a tool for matching, need not keep more."),
)
CLOSED_INTEREST = RetentionPeriod(
    "closed_interest", "BRYGGA_RETAIN_CLOSED_INTEREST_MONTHS", "RETAIN_CLOSED_INTEREST_MONTHS", 6, "months",
    _l("Interest that never led to a meeting: declined, lapsed or taken back by the employer. Counted from "
       "the answer (or from when the interest was made, when nobody answered)."),
    _l("Six months covers the coordinator's follow-up of unanswered interest and the half-year report; "
       "after that, that an employer once asked about a person who said no serves nobody."),
)
MEETING = RetentionPeriod(
    "meeting", "BRYGGA_RETAIN_MEETING_MONTHS", "RETAIN_MEETING_MONTHS", 12, "months",
    _l("Meetings that did not take place (declined, cancelled, lapsed) are removed; held meetings lose "
       "their place details and reasons, and follow-up records lose what was written (what goes well, "
       "what to adjust, the next step, the participant's own words, the supervisor's comment). Counted "
       "from the meeting, or from the end of the placement for follow-up records. The levels per task "
       "stay for the placement certificate, as long as the participant is kept."),
    _l("A year after a placement ended the written notes no longer guide any follow-up, and they are "
       "the most sensitive part (the participant's own words); the certificate needs only the levels."),
)
OUTBOX = RetentionPeriod(
    "outbox", "BRYGGA_RETAIN_OUTBOX_DAYS", "RETAIN_OUTBOX_DAYS", 30, "days",
    _l("E-mail in the outbox once it was sent, or set aside as undeliverable: address, subject, text "
       "and attachments. Counted from the sending (or from when it was set aside)."),
    _l("The outbox is a queue, not an archive: a month lets the unit answer whether a message left and "
       "see to undeliverable mail; the mail itself is with its recipient."),
)
AUDIT_DETAIL = RetentionPeriod(
    "audit_detail", "BRYGGA_RETAIN_AUDIT_DETAIL_MONTHS", "RETAIN_AUDIT_DETAIL_MONTHS", 36, "months",
    _l("Who did what to whom in the audit log. After the period a row keeps what happened and when; who "
       "did it, to whom, and the detail are removed."),
    _l("Three years covers a participant's time in the programme and lets a person ask, after leaving, "
       "who read their data; it also lets the unit investigate a suspicion of wrongful access that comes "
       "up late. The events themselves stay, so the log still shows what was done and when."),
)
UNCONFIRMED_REGISTRATION = RetentionPeriod(
    "unconfirmed_registration", "BRYGGA_RETAIN_UNCONFIRMED_REGISTRATION_DAYS",
    "RETAIN_UNCONFIRMED_REGISTRATION_DAYS", 30, "days",
    _l("An employer's registration whose e-mail address was never confirmed: the organisation, its "
       "registrant's account and links. Counted from the registration."),
    _l("The confirmation link lasts days, not weeks; a month gives time to ask for a new one. Someone "
       "who never confirmed may not even be the person the address belongs to."),
)
SPENT_LINK = RetentionPeriod(
    "spent_link", "BRYGGA_RETAIN_SPENT_LINK_DAYS", "RETAIN_SPENT_LINK_DAYS", 30, "days",
    _l("Used or expired invitations, password resets and e-mail confirmations, requests to join an "
       "organisation (closed, or unanswered), and revoked calendar links. Counted from the use, the "
       "expiry, the closing or the request."),
    _l("A month lets support answer \"my link did not work\" and the coordinator send a lapsed "
       "invitation again; after that the row only names a person to no purpose."),
)

PERIODS: tuple[RetentionPeriod, ...] = (
    PARTICIPANT, CLOSED_INTEREST, MEETING, OUTBOX, AUDIT_DETAIL, UNCONFIRMED_REGISTRATION, SPENT_LINK,
)
BY_KEY = {period.key: period for period in PERIODS}


@dataclass(frozen=True)
class FixedRule:
    """How long data is kept where the code sets it and no setting does."""

    key: str
    text: str


FIXED_RULES: dict[str, FixedRule] = {
    rule.key: rule
    for rule in (
        FixedRule("account", _l("While the account is in use; removed with the person's account or organisation.")),
        FixedRule("organisation", _l("While the organisation takes part; removed on request, its offers kept de-identified.")),
        FixedRule("offer", _l("While the offer exists; the supervisor's details go when the organisation is removed.")),
        FixedRule("sign_ins", _l("The last 20 sign-ins of each account.")),
        FixedRule("form_resume", _l("12 hours, or until the person signs in again.")),
        FixedRule("second_factor", _l("Until the second factor is reset or the account removed.")),
    )
}


def retention_text(key: str) -> str:
    """What the record of processing says about a period or a fixed rule, in the reader's language."""
    if key in BY_KEY:
        period = BY_KEY[key]
        return f"{period.describe()} ({period.setting})"
    return str(FIXED_RULES[key].text)
