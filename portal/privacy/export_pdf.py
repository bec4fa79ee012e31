"""The readable half of a participant's export: the JSON export's contents as a PDF, in the reader's language.

It draws with the certificate's shipped fonts (portal/placements/typefaces.py), so a name or a
note in any script is drawn. Labels are the gettext catalogue's, in the request's locale (the
coordinator's language); codes are shown as the words the pages use for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from babel.dates import format_date, format_datetime
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from fpdf import FPDF, FontFace
from fpdf.enums import TableBordersLayout, VAlign, XPos, YPos

from portal.clock import STOCKHOLM
from portal.followups.forms import level_choices
from portal.interest.forms import CONSENT_METHOD_LABELS
from portal.interest.forms import STATUS_LABELS as INTEREST_STATUS_LABELS
from portal.meetings.routes import STATUS_LABELS as MEETING_STATUS_LABELS
from portal.offers.fields import PLACEMENT_LABELS
from portal.participants import fields
from portal.placements.forms import STATUS_LABELS as PLACEMENT_STATUS_LABELS
from portal.placements.typefaces import BODY, add_fonts, quiet_subsetter

_INK = (33, 37, 41)
_MUTED = (90, 96, 104)

Shown = Callable[[Any], str]


def _label_of(mapping: Mapping) -> Shown:
    by_code = {getattr(code, "value", code): label for code, label in mapping.items()}
    return lambda code: str(by_code.get(code, code or ""))


def _name(person: dict | None) -> str:
    return person["name"] if person else ""


ROLE_LABELS = {"employer": _l("Employer"), "consultant": _l("Consultant"), "coordinator": _l("Employment coordinator")}


def _actor(person: dict | None) -> str:
    """Who did it, and in which role: "Ahmed Hassan (Konsulent)"; nobody when a job did it."""
    if not person:
        return str(_l("The system (a scheduled job)"))
    return f"{person['name']} ({ROLE_LABELS.get(person['role'], person['role'])})"


def _assessments(rows: list[dict[str, Any]]) -> str:
    levels = {choice.value: str(choice.label) for choice in level_choices()}
    return "; ".join(f"{row['task']}: {levels.get(row['level'], row['level'])}" for row in rows)


# Per section: (key in the export, label, how the value is shown (None: as it is)).
FIELDS: dict[str, list[tuple[str, Any, Shown | None]]] = {
    "consents": [
        ("given_at", _l("Consent given"), None),
        ("method", _l("How"), _label_of(CONSENT_METHOD_LABELS)),
        ("covers", _l("What it covers"), None),
        ("recorded_by", _l("Recorded by"), _name),
        ("withdrawn_at", _l("Withdrawn"), None),
    ],
    "interests": [
        ("offer_title", _l("Offer"), None),
        ("organisation", _l("Employer"), None),
        ("created_at", _l("Asked"), None),
        ("status", _l("Status"), _label_of(INTEREST_STATUS_LABELS)),
        ("message", _l("Message"), None),
        ("answered_at", _l("Answered"), None),
    ],
    "proposals": [
        ("offer_title", _l("Offer"), None),
        ("organisation", _l("Employer"), None),
        ("proposed_at", _l("Proposed"), None),
        ("proposed_by", _l("Proposed by"), _name),
    ],
    "placements": [
        ("offer_title", _l("Offer"), None),
        ("organisation", _l("Employer"), None),
        ("kind", _l("Kind"), _label_of(PLACEMENT_LABELS)),
        ("start_date", _l("Starts"), None),
        ("end_date", _l("Ends"), None),
        ("status", _l("Status"), _label_of(PLACEMENT_STATUS_LABELS)),
        ("outcome", _l("Outcome"), _label_of(fields.OUTCOME_LABELS)),
        ("consultant", _l("Consultant"), _name),
    ],
    "meetings": [
        ("offer_title", _l("Offer"), None),
        ("organisation", _l("Employer"), None),
        ("starts_at", _l("Starts"), None),
        ("ends_at", _l("Ends"), None),
        ("status", _l("Status"), _label_of(MEETING_STATUS_LABELS)),
        ("location_details", _l("Where"), None),
        ("consultant", _l("Consultant"), _name),
        ("employer_contact", _l("Employer contact"), _name),
        ("last_reason", _l("Reason"), None),
    ],
    "follow_up_records": [
        ("created_at", _l("Recorded"), None),
        ("goes_well", _l("What goes well"), None),
        ("to_adjust", _l("What to adjust"), None),
        ("next_step", _l("Next step"), None),
        ("participant_view", _l("In the participant's own words"), None),
        ("supervisor_comment", _l("The supervisor's comment"), None),
        ("assessments", _l("Tasks"), _assessments),
    ],
    "shown_to_employers": [
        ("organisation", _l("Employer"), None),
        ("first_shown_at", _l("First shown"), None),
        ("updated_at", _l("Last changed"), None),
    ],
    "audit": [
        ("at", _l("When"), None),
        ("action", _l("What"), None),
        ("actor", _l("Who"), _actor),
    ],
    "emails": [
        ("created_at", _l("Written"), None),
        ("sent_at", _l("Sent"), None),
        ("recipient", _l("To"), None),
        ("subject", _l("Subject"), None),
        ("body_text", _l("Text"), None),
    ],
}
HEADINGS = {
    "consents": _l("Consents"),
    "interests": _l("Employers' interest"),
    "proposals": _l("Proposed for offers"),
    "placements": _l("Placements"),
    "meetings": _l("Meetings"),
    "follow_up_records": _l("Follow-up records"),
    "shown_to_employers": _l("Employers shown the person's anonymous candidate card"),
    "audit": _l("Who has seen or changed the record"),
    "emails": _l("E-mail sent about the person"),
}
_DATE_KEYS = {"start_date", "end_date", "available_from", "assessed_on"}


def _shown(key: str, value: Any, how: Shown | None) -> str:
    if how is not None:
        return how(value)
    if value is None or value == "" or value == []:
        return ""
    locale = str(get_locale() or "sv")
    if isinstance(value, str) and (key.endswith("_at") or key == "at"):
        return format_datetime(datetime.fromisoformat(value).astimezone(STOCKHOLM), "short", locale=locale)
    if isinstance(value, str) and key in _DATE_KEYS:
        return format_date(date.fromisoformat(value), "long", locale=locale)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _participant_rows(person: dict[str, Any]) -> list[tuple[str, str]]:
    shown = fields.shown(SimpleNamespace(**person))
    gender, swedish = _label_of(fields.GENDER_LABELS), _label_of(fields.SWEDISH_LABELS)
    status, outcome = _label_of(fields.STATUS_LABELS), _label_of(fields.OUTCOME_LABELS)
    return [
        (_("Name"), person["name"]),
        (_("Year of birth"), str(person["birth_year"])),
        (_("Gender"), gender(person["gender"])),
        (_("Status"), status(person["status"])),
        (_("Outcome"), outcome(person["outcome"]) if person["outcome"] else ""),
        (_("Consultant"), _name(person["consultant"])),
        (_("In their own words"), person["wishes"]),
        (_("Industries that interest the person"), ", ".join(shown["industries"])),
        (_("Tasks the person has done"), ", ".join(shown["tasks_done"])),
        (_("Tasks the person wants to try"), ", ".join(shown["tasks_wanted"])),
        (_("Swedish"), swedish(person["swedish_level"])),
        (_("Other languages"), ", ".join(shown["languages"])),
        (_("Hours a week"), _("%(min)s to %(max)s hours", min=person["hours_per_week_min"], max=person["hours_per_week_max"])),
        (_("Times of day"), ", ".join(shown["times_of_day"])),
        (_("Can start from"), _shown("available_from", person["available_from"], None)),
        (_("Areas the person can get to"), ", ".join(shown["areas"])),
        (_("How the person can travel"), ", ".join(shown["travel"])),
        (_("Driving licence"), _("Yes") if person["driving_licence"] else _("No")),
        (_("Needs at work"), ", ".join(shown["needs"])),
        (_("Notes"), person["notes"]),
        (_("Registered"), _shown("created_at", person["created_at"], None)),
    ]


class _ExportPDF(FPDF):
    def __init__(self, title: str, text: str) -> None:
        super().__init__(format="A4")
        self.export_title = title
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=18)
        add_fonts(self, text)
        self.set_text_color(*_INK)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(BODY, "", 8)
        self.set_text_color(*_MUTED)
        page = _("Page %(page)s", page=self.page_no())
        self.cell(0, 5, f"{self.export_title} · {page}", align="C")
        self.set_text_color(*_INK)


def _all_text(data: Any) -> Iterable[str]:
    if isinstance(data, dict):
        for value in data.values():
            yield from _all_text(value)
    elif isinstance(data, list):
        for value in data:
            yield from _all_text(value)
    elif isinstance(data, str):
        yield data


def _table(pdf: FPDF, rows: list[tuple[str, str]]) -> None:
    pdf.set_font(BODY, "", 9.5)
    with pdf.table(
        col_widths=(45, 125), width=pdf.epw, first_row_as_headings=False, borders_layout=TableBordersLayout.NONE,
        text_align="LEFT", v_align=VAlign.T, line_height=5, padding=(0.6, 0, 0.6, 0),
    ) as table:
        for label, value in rows:
            if value:
                row = table.row()
                row.cell(label, style=FontFace(emphasis="BOLD", color=_MUTED))
                row.cell(value)


def render_export_pdf(data: dict[str, Any]) -> bytes:
    """The export as a PDF in the request's language."""
    person = data["participant"]
    title = _("Everything Brygga holds about %(name)s", name=person["name"])
    headings = {section: str(heading) for section, heading in HEADINGS.items()}
    pdf = _ExportPDF(title, " ".join([title, *headings.values(), *_all_text(data)]))
    pdf.set_title(title)
    pdf.set_author(_name(data["exported_by"]))
    pdf.set_lang(str(get_locale() or "sv"))
    pdf.set_creator("Brygga")
    pdf.add_page()
    pdf.set_font(BODY, "B", 17)
    pdf.multi_cell(0, 8, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(BODY, "", 9.5)
    pdf.set_text_color(*_MUTED)
    pdf.multi_cell(
        0, 5,
        _("Extract made %(when)s by %(who)s, under the General Data Protection Regulation (article 15). The same data is in the JSON file, with every column of every row.",
          when=_shown("exported_at", data["exported_at"], None), who=_name(data["exported_by"])),
        new_x=XPos.LMARGIN, new_y=YPos.NEXT,
    )
    pdf.set_text_color(*_INK)
    _section(pdf, _("The participant's record"))
    _table(pdf, _participant_rows(person))
    for section in HEADINGS:
        rows = data[section]
        _section(pdf, f"{headings[section]} ({len(rows)})")
        if not rows:
            pdf.set_font(BODY, "", 9.5)
            pdf.multi_cell(0, 5, _("None."), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for row in rows:
            _table(pdf, [(str(label), _shown(key, row.get(key), how)) for key, label, how in FIELDS[section]])
            pdf.ln(2)
    with quiet_subsetter():
        return bytes(pdf.output())


def _section(pdf: FPDF, heading: str) -> None:
    pdf.ln(3)
    pdf.set_font(BODY, "B", 12.5)
    pdf.multi_cell(0, 7, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
