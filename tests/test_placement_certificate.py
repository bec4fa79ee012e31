"""The placement certificate: what a person did with concrete tasks, read back from the PDF."""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import io
import re
from datetime import date
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from portal.placements.certificate import (
    CertificateData,
    TaskAchievement,
    TaskLevel,
    missing_characters,
    render_certificate,
)
from portal.placements.typefaces import FONTS
from portal.reference.vocabulary import PlacementKind

PLACEMENTS = Path(__file__).resolve().parent.parent / "portal" / "placements"

TASKS = (
    TaskAchievement(
        "Plocka varor",
        "Plockar varor från lagret enligt plocklistan och lägger dem i backar.",
        TaskLevel.ON_OWN,
        date(2026, 12, 15),
    ),
    TaskAchievement("Diska", "Diskar i maskin och för hand och ställer in i skåpen.", "partly_on_own", date(2027, 1, 12)),
    TaskAchievement("Ta emot leveranser", "Kontrollerar följesedeln och bär in varor.", "with_support", date(2027, 2, 2)),
)


def certificate(**overrides) -> CertificateData:
    values = {
        "participant_name": "Amina Hassan Ali",
        "organisation_name": "Bageriet på Torget AB",
        "workplace_address": "Storgatan 12, 123 45 Ösby",
        "placement_kind": PlacementKind.PRAKTIK,
        "start_date": date(2026, 12, 1),
        "end_date": date(2027, 2, 28),
        "tasks": TASKS,
        "supervisor_name": "Åsa Öberg",
        "supervisor_role": "Butikschef",
        "consultant_name": "Johan Lindqvist",
        "unit_name": "Arbetsmarknadsenheten, Ösby kommun",
        "issued_on": date(2027, 3, 1),
    }
    values.update(overrides)
    return CertificateData(**values)


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text with runs of white space made single spaces (table cells wrap)."""
    return [" ".join(page.extract_text().split()) for page in read(pdf).pages]


def text_of(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def embedded_fonts(pdf: bytes) -> dict[str, TTFont]:
    """The fonts embedded in the PDF by base name without the subset prefix."""
    fonts = {}
    for page in read(pdf).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            data = descriptor["/FontFile2"].get_object().get_data()
            fonts[str(font["/BaseFont"]).split("+", 1)[-1]] = TTFont(io.BytesIO(data))
    return fonts


def test_the_swedish_certificate_says_who_where_when_and_what_they_did():
    text = text_of(render_certificate(certificate(), "sv"))

    for expected in [
        "Praktikintyg",
        "Amina Hassan Ali",
        "Arbetsplats Bageriet på Torget AB",
        "Adress Storgatan 12, 123 45 Ösby",
        "Form Praktik",
        "Period 1 december 2026 – 28 februari 2027",
        "Handledare Åsa Öberg, Butikschef",
        "Intyget visar vilka arbetsuppgifter Amina Hassan Ali har gjort på arbetsplatsen",
        "Arbetsuppgift Vad uppgiften innebär Högsta nivå Datum",
        "Plocka varor",
        "Plockar varor från lagret enligt plocklistan och lägger dem i backar.",
        "Självständigt Gör hela uppgiften själv, utan hjälp. 15 december 2026",
        "Diska",
        "Delvis självständigt Gör det mesta av uppgiften själv och frågar vid behov. 12 januari 2027",
        "Ta emot leveranser",
        "Med stöd Gör uppgiften när någon visar eller hjälper till. 2 februari 2027",
        "Underskrifter",
        "Ort och datum",
        "Åsa Öberg Butikschef, Bageriet på Torget AB",
        "Arbetsmarknadskonsulent",
        "Johan Lindqvist Arbetsmarknadsenheten, Ösby kommun",
        "Utfärdat 1 mars 2027 av Arbetsmarknadsenheten, Ösby kommun",
        "Sida 1 av 1",
    ]:
        assert expected in text
    assert text.count("Ort och datum") == 2


def test_the_english_certificate_says_the_same_in_english():
    text = text_of(render_certificate(certificate(), "en"))

    for expected in [
        "Placement certificate",
        "Workplace Bageriet på Torget AB",
        "Type Work placement",
        "Period 1 December 2026 – 28 February 2027",
        "Supervisor Åsa Öberg, Butikschef",
        "This certificate shows which work tasks Amina Hassan Ali has done at the workplace",
        "Task What the task involves Highest level Date",
        "Independently Does the whole task alone, without help. 15 December 2026",
        "Partly independently Does most of the task alone and asks when needed. 12 January 2027",
        "With support Does the task when someone shows or helps. 2 February 2027",
        "Signatures",
        "Supervisor",
        "Labour-market consultant",
        "Issued 1 March 2027 by Arbetsmarknadsenheten, Ösby kommun",
        "Page 1 of 1",
    ]:
        assert expected in text
    assert text.count("Place and date") == 2
    assert "Praktikintyg" not in text


def test_an_ongoing_placement_shows_its_start():
    assert "Period Från 1 december 2026 (pågår)" in text_of(render_certificate(certificate(end_date=None), "sv"))
    assert "Period From 1 December 2026 (ongoing)" in text_of(render_certificate(certificate(end_date=None), "en"))


# What would tell a reader why the person was in the programme: support schemes, benefits,
# health, the programme itself.
FORBIDDEN = [
    "bistånd", "funktionsnedsättning", "funktionshinder", "arbetsmarknadsåtgärd", "åtgärd", "lönebidrag",
    "nystartsjobb", "med stöd av", "anställning med stöd", "lågtröskel", "försörjningsstöd", "program",
    "social assistance", "welfare", "benefit", "disabilit", "impairment", "measure", "subsidi", "wage support",
    "low-threshold", "programme",
]  # fmt: skip


@pytest.mark.parametrize("locale", ["sv", "en"])
@pytest.mark.parametrize("kind", list(PlacementKind))
def test_the_certificate_never_says_why_the_person_was_in_the_programme(locale, kind):
    text = text_of(render_certificate(certificate(placement_kind=kind), locale)).lower()

    assert [word for word in FORBIDDEN if word in text] == []


@pytest.mark.parametrize(
    ("kind", "sv", "en"),
    [
        (PlacementKind.PRAKTIK, "Praktik", "Work placement"),
        (PlacementKind.ARBETSTRANING, "Arbetsträning", "Work training"),
        (PlacementKind.ANSTALLNING_MED_STOD, "Anställning", "Employment"),
        (PlacementKind.LAGTROSKELJOBB, "Anställning", "Employment"),
    ],
)
def test_the_kind_of_placement_is_named_without_the_support_scheme(kind, sv, en):
    assert f"Form {sv} Period" in text_of(render_certificate(certificate(placement_kind=kind), "sv"))
    assert f"Type {en} Period" in text_of(render_certificate(certificate(placement_kind=kind), "en"))


def test_a_participant_with_no_assessed_tasks_gets_a_sentence_instead_of_an_empty_table():
    sv = text_of(render_certificate(certificate(tasks=()), "sv"))
    en = text_of(render_certificate(certificate(tasks=()), "en"))

    assert "Inga arbetsuppgifter har bedömts ännu." in sv
    assert "Högsta nivå" not in sv
    assert "No tasks have been assessed yet." in en
    assert "Highest level" not in en
    assert "Underskrifter" in sv


def test_the_pdf_is_a_one_page_a4_pdf_with_its_metadata():
    pdf = render_certificate(certificate(), "sv")
    reader = read(pdf)

    assert pdf.startswith(b"%PDF-")
    assert len(reader.pages) == 1
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [595, 842]  # A4 in points
    assert reader.metadata.title == "Praktikintyg – Amina Hassan Ali"
    assert reader.metadata.producer == "Brygga"
    assert reader.metadata.author == "Arbetsmarknadsenheten, Ösby kommun"
    assert reader.metadata["/CreationDate"] == "D:20270301000000+01'00'"
    assert reader.trailer["/Root"]["/Lang"] == "sv-SE"
    assert read(render_certificate(certificate(), "en")).trailer["/Root"]["/Lang"] == "en-GB"


def test_the_same_certificate_gives_the_same_bytes():
    assert render_certificate(certificate(), "sv") == render_certificate(certificate(), "sv")


def test_a_long_task_list_flows_onto_a_second_page_with_the_table_header_repeated():
    tasks = tuple(
        TaskAchievement(f"Uppgift {n}", "Gör en sak som tar en stund att beskriva på två rader.", "on_own", date(2027, 1, n))
        for n in range(1, 15)
    )
    pages = page_texts(render_certificate(certificate(tasks=tasks), "sv"))

    assert len(pages) == 2
    header = "Arbetsuppgift Vad uppgiften innebär Högsta nivå Datum"
    assert header in pages[0] and header in pages[1]
    assert "Uppgift 1 " in pages[0]
    assert "Uppgift 14 " in pages[1] and "Uppgift 14 " not in pages[0]
    assert "Underskrifter" in pages[1]
    assert "Sida 1 av 2" in pages[0] and "Sida 2 av 2" in pages[1]
    assert all("Arbetsmarknadsenheten, Ösby kommun" in page for page in pages)


LEFT_TO_RIGHT_NAMES = {
    "Swedish": "Åsa Öberg-Ärlig",
    "Somali": "Cabdiraxmaan Xuseen Maxamed",
    "Cyrillic": "Фатима Иванова",
    "Greek": "Ελένη Παπαδοπούλου",
    "Chinese": "李小龍",
    "Japanese": "さくら",
    "Korean": "김민준",
    "Tigrinya": "ሳባ ተስፋይ",
    "Amharic": "አበበ በቀለ",
    "Thai": "ภัทรา",
    "Devanagari": "नेहा",
    "Armenian": "Արամ",
    "Georgian": "ნინო",
}


@pytest.mark.parametrize("name", LEFT_TO_RIGHT_NAMES.values(), ids=LEFT_TO_RIGHT_NAMES.keys())
def test_names_in_any_script_come_back_out_of_the_pdf(name):
    data = certificate(participant_name=name, supervisor_name=name, tasks=(dataclasses.replace(TASKS[0], name=name),))
    text = text_of(render_certificate(data, "sv"))

    assert missing_characters(data) == frozenset()
    # Title, introduction, task, supervisor twice, and the footer.
    assert text.count(name) >= 5


@pytest.mark.parametrize("name", ["محمد رضایی", "فاطمة الزهراء", "زهرا احمدی‌نژاد"], ids=["Persian", "Arabic", "Persian-ZWNJ"])
def test_right_to_left_names_are_shaped_and_their_letters_come_back(name):
    pdf = render_certificate(certificate(participant_name=name), "sv")
    text = text_of(pdf)
    fonts = embedded_fonts(pdf)

    assert missing_characters(certificate(participant_name=name)) == frozenset()
    # pypdf gives right-to-left words in visual order, so check each word, letters in reading order.
    for word in name.replace("\u200c", " ").split():
        assert word in text
    # Shaping picks the joined forms (initial, medial, final): without it only isolated letters are embedded.
    assert {"NotoSansArabic", "NotoSansArabicBold"} <= fonts.keys()
    joined = [g for g in fonts["NotoSansArabic"].getGlyphOrder() if re.fullmatch(r"uniFE[89A-F][0-9A-F]", g)]
    assert len(joined) >= 3


def test_a_latin_certificate_embeds_only_the_body_font():
    assert set(embedded_fonts(render_certificate(certificate(), "sv"))) == {"NotoSans", "NotoSansBold"}


def test_characters_no_font_can_draw_are_reported():
    assert missing_characters(certificate(participant_name="Amina \U00013000")) == {"\U00013000"}
    assert missing_characters(certificate()) == frozenset()


def test_the_input_is_checked():
    with pytest.raises(ValueError):
        certificate(end_date=date(2026, 11, 30))
    with pytest.raises(ValueError):
        TaskAchievement("Diska", "", "expert", date(2027, 1, 1))
    with pytest.raises(ValueError):
        certificate(placement_kind="volontär")
    with pytest.raises(ValueError):
        render_certificate(certificate(), "de")


def test_the_certificate_module_stays_free_of_flask_and_the_database():
    for path in (PLACEMENTS / "certificate.py", PLACEMENTS / "typefaces.py"):
        tree = ast.parse(path.read_text())
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not {name for name in imported if name.split(".")[0] in {"flask", "flask_babel", "sqlalchemy"}}, path


def test_every_shipped_font_is_listed_with_its_checksum_and_licence():
    readme = (FONTS / "README.md").read_text()
    rows = {
        cells[0]: cells
        for line in readme.splitlines()
        if line.startswith("| ") and (cells := [cell.strip() for cell in line.strip("|").split("|")])[0].endswith(".ttf")
    }
    fonts = sorted(FONTS.glob("*.ttf"))

    assert sorted(rows) == [font.name for font in fonts]
    for font in fonts:
        _, _, _, licence, licence_file, checksum = rows[font.name]
        assert licence in {"OFL-1.1", "Apache-2.0"}
        assert (FONTS / licence_file).is_file()
        assert checksum.strip("`") == hashlib.sha256(font.read_bytes()).hexdigest(), font.name
    assert sum(font.stat().st_size for font in fonts) < 15 * 1024 * 1024
