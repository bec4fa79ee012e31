"""Example low-threshold tasks per SNI section, offered to employers as a starting point."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "FREQUENCIES",
    "PHYSICAL_DEMANDS",
    "SWEDISH_LEVELS",
    "TaskExample",
    "all_examples",
    "example_by_id",
    "examples_for_section",
]

# Ordered from least to most, so forms can list them in this order.
FREQUENCIES: tuple[str, ...] = ("daily", "weekly", "as_needed")
PHYSICAL_DEMANDS: tuple[str, ...] = ("light", "moderate", "heavy")
SWEDISH_LEVELS: tuple[str, ...] = ("none", "a_little", "everyday", "good")


@dataclass(frozen=True, slots=True)
class TaskExample:
    """One example task; can_be_shown means it can be learnt by watching someone do it."""

    id: str
    section: str
    name_sv: str
    name_en: str
    description_sv: str
    description_en: str
    frequency: str
    physical_demand: str
    swedish_needed: str
    can_be_shown: bool
    tools_sv: str
    tools_en: str

    def name(self, locale: object = "sv") -> str:
        """Return the task's name in the locale's language."""
        return self.name_en if _is_english(locale) else self.name_sv

    def description(self, locale: object = "sv") -> str:
        """Return the plain-language description in the locale's language."""
        return self.description_en if _is_english(locale) else self.description_sv

    def tools(self, locale: object = "sv") -> str:
        """Return the tools and protective gear in the locale's language."""
        return self.tools_en if _is_english(locale) else self.tools_sv


@cache
def all_examples() -> tuple[TaskExample, ...]:
    """Return every example in file order, read and checked once."""
    text = resources.files(__package__).joinpath("data", "task_examples.json").read_text("utf-8")
    examples = tuple(TaskExample(**row) for row in json.loads(text)["tasks"])
    for example in examples:
        _check(example)
    return examples


@cache
def _by_section() -> dict[str, tuple[TaskExample, ...]]:
    grouped: dict[str, list[TaskExample]] = {}
    for example in all_examples():
        grouped.setdefault(example.section, []).append(example)
    return {section: tuple(examples) for section, examples in grouped.items()}


@cache
def _by_id() -> dict[str, TaskExample]:
    return {example.id: example for example in all_examples()}


def examples_for_section(code: str) -> tuple[TaskExample, ...]:
    """Return the examples for an SNI section, empty when the section has none."""
    return _by_section().get(code.strip().upper(), ())


def example_by_id(example_id: str) -> TaskExample | None:
    """Return the example with this id, or None if there is none."""
    return _by_id().get(example_id)


def _check(example: TaskExample) -> None:
    # A typo in the data file should fail at start-up, not show up as a blank select in a form.
    if example.frequency not in FREQUENCIES:
        raise ValueError(f"{example.id}: unknown frequency {example.frequency!r}")
    if example.physical_demand not in PHYSICAL_DEMANDS:
        raise ValueError(f"{example.id}: unknown physical demand {example.physical_demand!r}")
    if example.swedish_needed not in SWEDISH_LEVELS:
        raise ValueError(f"{example.id}: unknown Swedish level {example.swedish_needed!r}")
    if not isinstance(example.can_be_shown, bool):
        raise ValueError(f"{example.id}: can_be_shown must be true or false")


def _is_english(locale: object) -> bool:
    return str(locale).replace("-", "_").split("_")[0].lower() == "en"
