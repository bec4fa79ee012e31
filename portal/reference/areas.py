"""The municipality's areas: where a participant can get to, and where an offer lies.

No addresses: an area is coarse enough that it does not point at a person.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["Area", "area_name", "is_area", "load_areas"]


@dataclass(frozen=True, slots=True)
class Area:
    code: str
    name: str


@cache
def load_areas() -> tuple[Area, ...]:
    """Every area in file order, read once from the bundled JSON file."""
    text = resources.files(__package__).joinpath("data", "areas.json").read_text("utf-8")
    areas = tuple(Area(code=row["code"], name=row["name"]) for row in json.loads(text)["areas"])
    if len({area.code for area in areas}) != len(areas):
        raise ValueError("areas.json: two areas share a code")
    return areas


@cache
def _by_code() -> dict[str, Area]:
    return {area.code: area for area in load_areas()}


def is_area(code: str) -> bool:
    """Whether the code names one of the municipality's areas."""
    return code in _by_code()


def area_name(code: str) -> str:
    """The area's name; an unknown code (an area since removed) is shown as it is."""
    area = _by_code().get(code)
    return area.name if area else code
