"""The fonts shipped in fonts/ and how a PDF picks them, so that a name in any script is drawn.

The body font covers Latin (Swedish, Somali …), Greek and Cyrillic. Any other character comes
from the first fallback font that has it. Only the fallbacks a document needs are loaded, so
a certificate in Latin script does not parse the large CJK fonts. Licences: fonts/README.md.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF

FONTS = Path(__file__).resolve().parent / "fonts"
BODY = "NotoSans"
_BODY_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
_STYLES = ("", "B")  # a family's files, in this order
FALLBACKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Arabic, Persian, Dari, Pashto, Sorani, Urdu
    ("NotoSansArabic", ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf")),
    ("NotoSansEthiopic", ("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf")),  # Tigrinya, Amharic
    ("NotoSansHebrew", ("NotoSansHebrew-Regular.ttf",)),
    ("NotoSansThai", ("NotoSansThai-Regular.ttf",)),
    ("NotoSansArmenian", ("NotoSansArmenian-Regular.ttf",)),
    ("NotoSansGeorgian", ("NotoSansGeorgian-Regular.ttf",)),
    ("NotoSansDevanagari", ("NotoSansDevanagari-Regular.ttf",)),
    ("NotoSansBengali", ("NotoSansBengali-Regular.ttf",)),
    ("NotoSansTamil", ("NotoSansTamil-Regular.ttf",)),
    ("NotoSansMyanmar", ("NotoSansMyanmar-Regular.ttf",)),
    ("NotoSansKhmer", ("NotoSansKhmer-Regular.ttf",)),
    ("DroidSansFallback", ("DroidSansFallbackFull.ttf",)),  # Chinese, Japanese
    ("NanumGothic", ("NanumGothic.ttf",)),  # Korean
)


def add_fonts(pdf: FPDF, text: str) -> None:
    """Register the body font and the fallbacks this text needs, and turn on shaping."""
    for style, filename in zip(_STYLES, _BODY_FILES, strict=True):
        pdf.add_font(BODY, style, str(FONTS / filename))
    fallbacks = fallbacks_needed(text)
    for family, filenames in fallbacks:
        for style, filename in zip(_STYLES, filenames, strict=False):
            pdf.add_font(family, style, str(FONTS / filename))
    if fallbacks:
        # A bold name in a script that has no bold font is still drawn, in regular.
        pdf.set_fallback_fonts([family for family, _ in fallbacks], exact_match=False)
    # Shaping (HarfBuzz, via uharfbuzz) joins Arabic letters, orders right-to-left runs
    # and places Ge'ez, Indic and Thai vowel marks.
    pdf.set_text_shaping(True)


def fallbacks_needed(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The fallback fonts fpdf2 would pick from for this text, in order."""
    uncovered = {ord(char) for char in text} - _coverage(_BODY_FILES[0])
    needed = []
    for family, filenames in FALLBACKS:
        if not uncovered:
            break
        if uncovered & _coverage(filenames[0]):
            needed.append((family, filenames))
            uncovered -= _coverage(filenames[0])
    return needed


def unsupported_characters(text: str) -> frozenset[str]:
    """Characters no shipped font can draw: fpdf2 would leave them out of the PDF."""
    covered = _coverage(_BODY_FILES[0]).union(*(_coverage(files[0]) for _, files in FALLBACKS))
    return frozenset(
        char
        for char in text
        if ord(char) not in covered and not char.isspace() and unicodedata.category(char) not in {"Cc", "Cf"}
    )


@contextlib.contextmanager
def quiet_subsetter() -> Iterator[None]:
    """Silence fontTools' line per table it drops while subsetting (NanumGothic's TSI* hinting sources)."""
    logger = logging.getLogger("fontTools.subset")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


@functools.cache
def _coverage(filename: str) -> frozenset[int]:
    with TTFont(FONTS / filename, lazy=True) as font:
        return frozenset(font.getBestCmap())
