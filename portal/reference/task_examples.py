"""The task vocabulary: example low-threshold tasks per SNI section, grouped into task families.

Offers, participants and matching read the same codes: an example's id, and its family's code.
A task an employer writes in their own words is tied to a family too; `suggest_families` finds
the likely ones from its words (plain word matching with Swedish inflections, no service).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "FREQUENCIES",
    "NO_FAMILY",
    "PHYSICAL_DEMANDS",
    "SWEDISH_LEVELS",
    "TaskExample",
    "TaskFamily",
    "all_examples",
    "all_families",
    "examples_in_family",
    "family_by_code",
    "suggest_families",
    "example_by_id",
    "example_named",
    "examples_for_section",
]

# Ordered from least to most, so forms can list them in this order.
FREQUENCIES: tuple[str, ...] = ("daily", "weekly", "as_needed")
PHYSICAL_DEMANDS: tuple[str, ...] = ("light", "moderate", "heavy")
SWEDISH_LEVELS: tuple[str, ...] = ("none", "a_little", "everyday", "good")
# An offer task's family when the employer said that none fits: it then matches only people
# who did or want that very task (by its example or its name).
NO_FAMILY = "none"


@dataclass(frozen=True, slots=True)
class TaskFamily:
    """Tasks that are alike to do (dishwashing and kitchen help, cleaning, shelf filling …).

    `words_sv`/`words_en` are the beginnings of words that point at the family in a task
    someone wrote themselves ("städ" finds städa, städar, städning).
    """

    code: str
    name_sv: str
    name_en: str
    words_sv: tuple[str, ...]
    words_en: tuple[str, ...]

    def name(self, locale: object = "sv") -> str:
        return self.name_en if _is_english(locale) else self.name_sv


@dataclass(frozen=True, slots=True)
class TaskExample:
    """One example task; can_be_shown means it can be learnt by watching someone do it."""

    id: str
    section: str
    family: str
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
def _data() -> dict:
    return json.loads(resources.files(__package__).joinpath("data", "task_examples.json").read_text("utf-8"))


@cache
def all_families() -> tuple[TaskFamily, ...]:
    """Every task family in file order."""
    families = tuple(
        TaskFamily(
            code=row["code"],
            name_sv=row["name_sv"],
            name_en=row["name_en"],
            words_sv=tuple(word.lower() for word in row["words_sv"]),
            words_en=tuple(word.lower() for word in row["words_en"]),
        )
        for row in _data()["families"]
    )
    if len({family.code for family in families}) != len(families):
        raise ValueError("task_examples.json: two families share a code")
    return families


@cache
def _families_by_code() -> dict[str, TaskFamily]:
    return {family.code: family for family in all_families()}


def family_by_code(code: str | None) -> TaskFamily | None:
    return _families_by_code().get(code or "")


@cache
def all_examples() -> tuple[TaskExample, ...]:
    """Return every example in file order, read and checked once."""
    examples = tuple(TaskExample(**row) for row in _data()["tasks"])
    for example in examples:
        _check(example)
    return examples


def examples_in_family(code: str) -> tuple[TaskExample, ...]:
    """The examples of one family, in file order."""
    return tuple(example for example in all_examples() if example.family == code)


# Endings a short word beginning may take and still be the same word (kor, bilen, salar),
# so that "ko" never finds "kontor". Beginnings of four letters or more take any ending.
_SHORT_ENDINGS = frozenset({"", "a", "ar", "at", "ade", "e", "en", "et", "er", "or", "n", "na", "s", "arna", "orna", "erna", "ning"})
_WORD = re.compile(r"\w+", re.UNICODE)


# Swedish joins words: "trappstädning" ends in "städning". The last part of a compound counts
# when it is a beginning of four letters or more ("bil" must not find "lastbilen"), what comes
# before it could be a word of its own (three letters or more), and what follows is an ending.
_COMPOUND_HEAD = 3
_COMPOUND_TAIL = 4


def _ends_word(beginning: str, rest: str) -> bool:
    return len(beginning) >= 4 or rest in _SHORT_ENDINGS


def _matches(beginning: str, words: list[str], text: str) -> bool:
    if " " in beginning or "-" in beginning:
        return re.search(r"(?<!\w)" + re.escape(beginning), text) is not None
    for word in words:
        if word.startswith(beginning) and _ends_word(beginning, word[len(beginning):]):
            return True
        at = word.find(beginning, _COMPOUND_HEAD) if len(beginning) >= _COMPOUND_TAIL else -1
        if at >= _COMPOUND_HEAD and word[at + len(beginning):] in _SHORT_ENDINGS:
            return True
    return False


def suggest_families(text: str, limit: int = 3) -> list[TaskFamily]:
    """The families whose words a task's own name and description use most, best first.

    Swedish and English words both count (an employer may write either). Empty when nothing
    matches: the employer is then asked to pick a family or say that none fits.
    """
    text = " ".join(text.lower().split())
    words = _WORD.findall(text)
    scored = []
    for position, family in enumerate(all_families()):
        score = sum(_matches(beginning, words, text) for beginning in (*family.words_sv, *family.words_en))
        if score:
            scored.append((-score, position, family))
    return [family for _, _, family in sorted(scored)[:limit]]


@cache
def _by_section() -> dict[str, tuple[TaskExample, ...]]:
    grouped: dict[str, list[TaskExample]] = {}
    for example in all_examples():
        grouped.setdefault(example.section, []).append(example)
    return {section: tuple(examples) for section, examples in grouped.items()}


@cache
def _by_id() -> dict[str, TaskExample]:
    return {example.id: example for example in all_examples()}


@cache
def _by_name() -> dict[str, TaskExample]:
    named: dict[str, TaskExample] = {}
    for example in all_examples():
        for name in (example.name_sv, example.name_en):
            named.setdefault(_normal_name(name), example)
    return named


def _normal_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def example_named(name: str) -> TaskExample | None:
    """The example with exactly this name (Swedish or English, case and spaces aside), if any."""
    return _by_name().get(_normal_name(name))


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
    if family_by_code(example.family) is None:
        raise ValueError(f"{example.id}: unknown task family {example.family!r}")
    if not isinstance(example.can_be_shown, bool):
        raise ValueError(f"{example.id}: can_be_shown must be true or false")


def _is_english(locale: object) -> bool:
    return str(locale).replace("-", "_").split("_")[0].lower() == "en"
