"""The industry sections (avdelningar) of SCB's SNI 2025, which follows NACE Rev. 2.1."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["SniSection", "is_section", "load_sections", "section_by_code", "section_name"]


@dataclass(frozen=True, slots=True)
class SniSection:
    """One SNI section: a letter code and a short name in Swedish and English."""

    code: str
    name_sv: str
    name_en: str

    def name(self, locale: object = "sv") -> str:
        """Return the name in the locale's language, Swedish unless it is English."""
        return self.name_en if _language(locale) == "en" else self.name_sv


@cache
def load_sections() -> tuple[SniSection, ...]:
    """Return every section in code order, read once from the bundled JSON file."""
    text = resources.files(__package__).joinpath("data", "sni_sections.json").read_text("utf-8")
    return tuple(
        SniSection(code=row["code"], name_sv=row["name_sv"], name_en=row["name_en"])
        for row in json.loads(text)["sections"]
    )


@cache
def _by_code() -> dict[str, SniSection]:
    return {section.code: section for section in load_sections()}


def is_section(code: str) -> bool:
    """Tell whether the code names an SNI section."""
    return code.strip().upper() in _by_code()


def section_by_code(code: str) -> SniSection:
    """Return the section with this letter code; raise KeyError if there is none."""
    return _by_code()[code.strip().upper()]


def section_name(code: str, locale: object = "sv") -> str:
    """Return the section's name in the locale's language; raise KeyError for an unknown code."""
    return section_by_code(code).name(locale)


def _language(locale: object) -> str:
    # Accepts "en", "en_GB", "en-GB" and babel Locale objects alike.
    return str(locale).replace("-", "_").split("_")[0].lower()
