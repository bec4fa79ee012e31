"""The placement certificate (praktikintyg): what a person did with concrete tasks, as a PDF.

A pure module: plain frozen data in, PDF bytes out; no Flask, no database. The web layer
builds a CertificateData from the placement and its best task assessments and calls
render_certificate(). The certificate says what the person did and how independently,
never why they were in the programme.

Texts live in TEXTS below, one dict per locale, rather than in the gettext catalogue:
this module must work without a Flask request (and so without flask_babel), and a
certificate's wording is a document of its own that is reviewed as a whole.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal
from zoneinfo import ZoneInfo

from babel.dates import format_date
from fpdf import FPDF, FontFace
from fpdf.enums import TableBordersLayout, VAlign, XPos, YPos

from portal.placements.typefaces import (
    BODY,
    add_fonts,
    quiet_subsetter,
    unsupported_characters,
)
from portal.reference.vocabulary import PlacementKind

Locale = Literal["sv", "en"]

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PRODUCER = "Brygga"


class TaskLevel(enum.StrEnum):
    """How independently a person does a task (the supervisor's and consultant's assessment)."""

    WITH_SUPPORT = "with_support"
    PARTLY_ON_OWN = "partly_on_own"
    ON_OWN = "on_own"


@dataclass(frozen=True)
class TaskAchievement:
    """One task and the highest level reached in it, with the date it was first reached."""

    name: str
    description: str
    level: TaskLevel
    reached_on: date

    def __post_init__(self) -> None:
        object.__setattr__(self, "level", TaskLevel(self.level))


@dataclass(frozen=True)
class CertificateData:
    """Everything a certificate shows. end_date is None while the placement is still going on."""

    participant_name: str
    organisation_name: str
    workplace_address: str
    placement_kind: PlacementKind
    start_date: date
    end_date: date | None
    tasks: tuple[TaskAchievement, ...]
    supervisor_name: str
    supervisor_role: str
    consultant_name: str
    unit_name: str
    issued_on: date

    def __post_init__(self) -> None:
        object.__setattr__(self, "placement_kind", PlacementKind(self.placement_kind))
        object.__setattr__(self, "tasks", tuple(self.tasks))
        if self.end_date is not None and self.end_date < self.start_date:
            raise ValueError("end_date is before start_date")


# Subsidised employment and low-threshold jobs are both shown as plain employment: the
# name of a support scheme would tell a future employer why the person had support.
TEXTS: Mapping[str, Mapping[str, str]] = {
    "sv": {
        "title": "Praktikintyg",
        "name": "Namn",
        "workplace": "Arbetsplats",
        "address": "Adress",
        "kind": "Form",
        "period": "Period",
        "period_range": "{start} – {end}",
        "period_open": "Från {start} (pågår)",
        "supervisor": "Handledare",
        "intro": (
            "Intyget visar vilka arbetsuppgifter {name} har gjort på arbetsplatsen och hur "
            "självständigt. Handledaren och arbetsmarknadskonsulenten har bedömt uppgifterna "
            "tillsammans vid uppföljningar. För varje uppgift står den högsta nivå som har nåtts "
            "och datumet då den nåddes."
        ),
        "tasks": "Arbetsuppgifter",
        "col_task": "Arbetsuppgift",
        "col_description": "Vad uppgiften innebär",
        "col_level": "Högsta nivå",
        "col_date": "Datum",
        "no_tasks": (
            "Inga arbetsuppgifter har bedömts ännu. Intyget kan tas fram igen när handledaren "
            "och arbetsmarknadskonsulenten har följt upp arbetet."
        ),
        "level.with_support": "Med stöd\nGör uppgiften när någon visar eller hjälper till.",
        "level.partly_on_own": "Delvis självständigt\nGör det mesta av uppgiften själv och frågar vid behov.",
        "level.on_own": "Självständigt\nGör hela uppgiften själv, utan hjälp.",
        "signatures": "Underskrifter",
        "sign_supervisor": "Handledare",
        "sign_consultant": "Arbetsmarknadskonsulent",
        "place_and_date": "Ort och datum",
        "issued": "Utfärdat {date} av {unit}",
        "page": "Sida {page} av {pages}",
        "kind.praktik": "Praktik",
        "kind.arbetstraning": "Arbetsträning",
        "kind.anstallning_med_stod": "Anställning",
        "kind.lagtroskeljobb": "Anställning",
    },
    "en": {
        "title": "Placement certificate",
        "name": "Name",
        "workplace": "Workplace",
        "address": "Address",
        "kind": "Type",
        "period": "Period",
        "period_range": "{start} – {end}",
        "period_open": "From {start} (ongoing)",
        "supervisor": "Supervisor",
        "intro": (
            "This certificate shows which work tasks {name} has done at the workplace and how "
            "independently. The supervisor and the labour-market consultant assessed the tasks "
            "together at follow-up meetings. For each task it shows the highest level reached "
            "and the date it was reached."
        ),
        "tasks": "Work tasks",
        "col_task": "Task",
        "col_description": "What the task involves",
        "col_level": "Highest level",
        "col_date": "Date",
        "no_tasks": (
            "No tasks have been assessed yet. The certificate can be produced again once the "
            "supervisor and the labour-market consultant have followed up the work."
        ),
        "level.with_support": "With support\nDoes the task when someone shows or helps.",
        "level.partly_on_own": "Partly independently\nDoes most of the task alone and asks when needed.",
        "level.on_own": "Independently\nDoes the whole task alone, without help.",
        "signatures": "Signatures",
        "sign_supervisor": "Supervisor",
        "sign_consultant": "Labour-market consultant",
        "place_and_date": "Place and date",
        "issued": "Issued {date} by {unit}",
        "page": "Page {page} of {pages}",
        "kind.praktik": "Work placement",
        "kind.arbetstraning": "Work training",
        "kind.anstallning_med_stod": "Employment",
        "kind.lagtroskeljobb": "Employment",
    },
}

# Babel locales for dates: en_GB writes "1 December 2026", as Swedish readers expect.
_DATE_LOCALES = {"sv": "sv_SE", "en": "en_GB"}

_INK = (33, 37, 41)
_MUTED = (90, 96, 104)
_RULE = (150, 155, 160)
_HEAD_FILL = (232, 236, 240)

_SIGNATURE_BLOCK_HEIGHT = 70  # mm: heading, two lines with labels, name, role, issued line


def render_certificate(data: CertificateData, locale: Locale = "sv") -> bytes:
    """The certificate as PDF bytes, in Swedish or English."""
    if locale not in TEXTS:
        raise ValueError(f"unsupported locale: {locale!r}")
    texts = TEXTS[locale]
    pdf = _CertificatePDF(data, texts)
    _set_metadata(pdf, data, texts, locale)
    pdf.add_page()
    _write_title(pdf, data, texts)
    _write_facts(pdf, data, texts, locale)
    _write_tasks(pdf, data, texts, locale)
    _write_signatures(pdf, data, texts, locale)
    with quiet_subsetter():
        return bytes(pdf.output())


def missing_characters(data: CertificateData) -> frozenset[str]:
    """Characters in the data that no shipped font can draw (they would be left out of the PDF)."""
    return unsupported_characters(_text_of(data))


def format_day(day: date, locale: Locale) -> str:
    """A date written out in full, e.g. "1 december 2026" or "1 December 2026"."""
    return format_date(day, format="long", locale=_DATE_LOCALES[locale])


def _text_of(data: CertificateData) -> str:
    fields = [
        data.participant_name,
        data.organisation_name,
        data.workplace_address,
        data.supervisor_name,
        data.supervisor_role,
        data.consultant_name,
        data.unit_name,
    ]
    for task in data.tasks:
        fields += [task.name, task.description]
    return "".join(fields)


class _CertificatePDF(FPDF):
    def __init__(self, data: CertificateData, texts: Mapping[str, str]) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self._data = data
        self._texts = texts
        self.set_margins(left=20, top=22, right=20)
        self.set_auto_page_break(auto=True, margin=22)
        add_fonts(self, _text_of(data))
        self.alias_nb_pages("{pages}")

    def header(self) -> None:
        self.set_y(10)
        self.set_font(BODY, "", 8.5)
        self.set_text_color(*_MUTED)
        self.cell(0, 5, self._data.unit_name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*_RULE)
        self.set_line_width(0.2)
        self.line(self.l_margin, 16, self.w - self.r_margin, 16)
        self.set_y(self.t_margin)
        self.set_text_color(*_INK)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(BODY, "", 8)
        self.set_text_color(*_MUTED)
        left = f"{self._texts['title']} · {self._data.participant_name}"
        self.cell(self.epw * 0.75, 5, left)
        page = self._texts["page"].format(page=self.page_no(), pages="{pages}")
        self.cell(0, 5, page, align="R")
        self.set_text_color(*_INK)


def _set_metadata(pdf: FPDF, data: CertificateData, texts: Mapping[str, str], locale: Locale) -> None:
    pdf.set_title(f"{texts['title']} – {data.participant_name}")
    pdf.set_subject(f"{texts['title']}: {data.organisation_name}")
    pdf.set_author(data.unit_name)
    pdf.set_creator(PRODUCER)
    pdf.set_producer(PRODUCER)
    pdf.set_lang("sv-SE" if locale == "sv" else "en-GB")
    pdf.set_creation_date(datetime.combine(data.issued_on, time(0, 0), tzinfo=STOCKHOLM))


def _write_title(pdf: FPDF, data: CertificateData, texts: Mapping[str, str]) -> None:
    pdf.set_font(BODY, "B", 22)
    pdf.cell(0, 11, texts["title"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(BODY, "B", 15)
    pdf.multi_cell(0, 8, data.participant_name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def _write_facts(pdf: FPDF, data: CertificateData, texts: Mapping[str, str], locale: Locale) -> None:
    if data.end_date is None:
        period = texts["period_open"].format(start=format_day(data.start_date, locale))
    else:
        period = texts["period_range"].format(
            start=format_day(data.start_date, locale), end=format_day(data.end_date, locale)
        )
    supervisor = _joined(data.supervisor_name, data.supervisor_role)
    rows = [
        (texts["workplace"], data.organisation_name),
        (texts["address"], data.workplace_address),
        (texts["kind"], texts[f"kind.{data.placement_kind.value}"]),
        (texts["period"], period),
        (texts["supervisor"], supervisor),
    ]
    pdf.set_font(BODY, "", 10.5)
    label_style = FontFace(emphasis="BOLD", color=_MUTED)
    with pdf.table(
        col_widths=(32, 138),
        width=pdf.epw,
        first_row_as_headings=False,
        borders_layout=TableBordersLayout.NONE,
        text_align="LEFT",
        v_align=VAlign.T,
        line_height=5.6,
        padding=(0.8, 0, 0.8, 0),
    ) as table:
        for label, value in rows:
            if not value:
                continue
            row = table.row()
            row.cell(label, style=label_style)
            row.cell(value)
    pdf.ln(5)
    pdf.set_font(BODY, "", 10)
    intro = texts["intro"].format(name=data.participant_name)
    pdf.multi_cell(0, 5.2, intro, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(5)


def _write_tasks(pdf: FPDF, data: CertificateData, texts: Mapping[str, str], locale: Locale) -> None:
    pdf.set_font(BODY, "B", 13)
    pdf.cell(0, 8, texts["tasks"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    if not data.tasks:
        pdf.set_font(BODY, "", 10.5)
        pdf.multi_cell(0, 5.5, texts["no_tasks"], align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(6)
        return
    pdf.set_font(BODY, "", 9.5)
    pdf.set_draw_color(*_RULE)
    pdf.set_line_width(0.2)
    with pdf.table(
        col_widths=(36, 52, 48, 34),
        width=pdf.epw,
        headings_style=FontFace(emphasis="BOLD", fill_color=_HEAD_FILL),
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        text_align="LEFT",
        v_align=VAlign.T,
        line_height=4.8,
        padding=(1.8, 1.5),
        repeat_headings=1,
    ) as table:
        heading = table.row()
        for key in ("col_task", "col_description", "col_level", "col_date"):
            heading.cell(texts[key])
        for task in data.tasks:
            row = table.row()
            row.cell(task.name, style=FontFace(emphasis="BOLD"))
            row.cell(task.description)
            row.cell(texts[f"level.{task.level.value}"])
            row.cell(format_day(task.reached_on, locale))
    pdf.ln(6)


def _write_signatures(pdf: FPDF, data: CertificateData, texts: Mapping[str, str], locale: Locale) -> None:
    if pdf.get_y() + _SIGNATURE_BLOCK_HEIGHT > pdf.page_break_trigger:
        pdf.add_page()
    pdf.set_font(BODY, "B", 13)
    pdf.cell(0, 8, texts["signatures"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    top = pdf.get_y() + 2
    gap = 12
    width = (pdf.epw - gap) / 2
    blocks = (
        (texts["sign_supervisor"], data.supervisor_name, _joined(data.supervisor_role, data.organisation_name)),
        (texts["sign_consultant"], data.consultant_name, data.unit_name),
    )
    bottom = top
    for index, (heading, name, role) in enumerate(blocks):
        x = pdf.l_margin + index * (width + gap)
        bottom = max(bottom, _signature_block(pdf, x, top, width, heading, name, role, texts["place_and_date"]))
    pdf.set_xy(pdf.l_margin, bottom + 6)
    pdf.set_font(BODY, "", 9)
    pdf.set_text_color(*_MUTED)
    issued = texts["issued"].format(date=format_day(data.issued_on, locale), unit=data.unit_name)
    pdf.multi_cell(0, 5, issued, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*_INK)


def _signature_block(
    pdf: FPDF, x: float, top: float, width: float, heading: str, name: str, role: str, place_label: str
) -> float:
    """One signer's block: a line for place and date, a line to sign on with the name under it."""
    pdf.set_draw_color(*_INK)
    pdf.set_line_width(0.3)
    pdf.set_xy(x, top)
    pdf.set_font(BODY, "B", 10.5)
    pdf.cell(width, 6, heading)
    place_line = top + 18
    pdf.line(x + pdf.c_margin, place_line, x + width, place_line)
    pdf.set_xy(x, place_line + 0.8)
    pdf.set_font(BODY, "", 8.5)
    pdf.set_text_color(*_MUTED)
    pdf.cell(width, 4.5, place_label)
    pdf.set_text_color(*_INK)
    signature_line = place_line + 20
    pdf.line(x + pdf.c_margin, signature_line, x + width, signature_line)
    pdf.set_xy(x, signature_line + 0.8)
    pdf.set_font(BODY, "", 10)
    pdf.multi_cell(width, 5, name, new_x=XPos.LEFT, new_y=YPos.NEXT)
    if role:
        pdf.set_font(BODY, "", 8.5)
        pdf.set_text_color(*_MUTED)
        pdf.multi_cell(width, 4.5, role, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_text_color(*_INK)
    return pdf.get_y()


def _joined(*parts: str) -> str:
    return ", ".join(part for part in parts if part)
