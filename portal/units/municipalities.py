"""Sweden's 290 municipalities with their official four-digit codes (SCB) and their county."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "municipalities.json"


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    county: str  # the county's name, such as "Blekinge län"


@cache
def municipalities() -> dict[str, Municipality]:
    """Every municipality by code, in code order."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    counties = data["counties"]
    return {
        row["code"]: Municipality(row["code"], row["name"], counties[row["county"]])
        for row in sorted(data["municipalities"], key=lambda row: row["code"])
    }


def municipality(code: str) -> Municipality | None:
    return municipalities().get(code.strip())
