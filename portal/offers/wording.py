"""Find wording in an offer that may discriminate or that does not fit a low-threshold job.

The rules live in ``data/wording_checks.json``. Each pattern is a regular expression
with three conventions, expanded here before compiling: a space stands for one or
more whitespace characters, ``{dash}`` for a hyphen, en dash or em dash with optional
spaces around it, and ``{age}`` for a two-digit age from 15 to 99. Every pattern is
wrapped in word boundaries, so "han" never matches inside "hantera". Swedish and
English patterns both run on every text, since an employer may write either.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "CATEGORIES",
    "WordingIssue",
    "WordingRule",
    "category_name",
    "find_wording_issues",
    "load_rules",
    "rule_by_id",
]

CATEGORIES: tuple[str, ...] = (
    "sex",
    "gender_identity",
    "ethnicity",
    "religion",
    "disability",
    "sexual_orientation",
    "age",
    "contradicts_low_threshold",
)
"""The seven grounds of diskrimineringslagen, then demands that do not fit a low-threshold job."""

_TOKENS = {
    "{dash}": r"(?:\s*[-\u2010\u2011\u2012\u2013\u2014\u2212]\s*)",
    "{age}": r"(?:1[5-9]|[2-9]\d)",
}
_FLAGS = re.IGNORECASE | re.MULTILINE

# Words that, shortly before a negatable match in the same sentence, turn a demand into
# its opposite: "du behöver inte kunna flytande svenska", "no driving licence needed".
_NEGATION_BEFORE = re.compile(
    r"(?<!\w)(?:inte|ej|icke|ingen|inget|inga|utan|not|no|without|never|\w+n['\u2019]t)(?!\w)",
    _FLAGS,
)
_NEGATION_AFTER = re.compile(
    r"\W*(?:\w+\W+){0,3}?"
    r"(?:krävs\s+(?:inte|ej)|behövs\s+(?:inte|ej)|är\s+(?:inte|inget)\s+(?:ett\s+)?krav"
    r"|inget\s+krav|är\s+inte\s+(?:nödvändig|viktig)\w*"
    r"|(?:is\s+not|isn['\u2019]t|not)\s+(?:a\s+requirement|required|needed|necessary))(?!\w)",
    _FLAGS,
)
_SENTENCE_END = re.compile(r"[.!?\n]")
_NEGATION_WINDOW_WORDS = 6
_NEGATION_WINDOW_CHARS = 200  # far more than six words and a short phrase take


@dataclass(frozen=True, slots=True)
class WordingRule:
    """One check: its patterns and what to tell the employer, in Swedish and English."""

    id: str
    category: str
    negatable: bool
    patterns_sv: tuple[str, ...]
    patterns_en: tuple[str, ...]
    explanation_sv: str
    explanation_en: str
    suggestion_sv: str
    suggestion_en: str
    compiled: tuple[re.Pattern[str], ...] = field(repr=False, compare=False)

    def explanation(self, locale: object = "sv") -> str:
        """Say why the wording is a problem, in the locale's language."""
        return self.explanation_en if _is_english(locale) else self.explanation_sv

    def suggestion(self, locale: object = "sv") -> str:
        """Say what to write instead, in the locale's language."""
        return self.suggestion_en if _is_english(locale) else self.suggestion_sv


@dataclass(frozen=True, slots=True)
class WordingIssue:
    """One place in a text that a rule flags; start and end are offsets into that text."""

    rule_id: str
    category: str
    start: int
    end: int
    text: str

    @property
    def rule(self) -> WordingRule:
        """Return the rule that flagged this place."""
        return rule_by_id(self.rule_id)

    def explanation(self, locale: object = "sv") -> str:
        """Say why the wording is a problem, in the locale's language."""
        return self.rule.explanation(locale)

    def suggestion(self, locale: object = "sv") -> str:
        """Say what to write instead, in the locale's language."""
        return self.rule.suggestion(locale)

    def category_name(self, locale: object = "sv") -> str:
        """Name the category in the locale's language."""
        return category_name(self.category, locale)


@cache
def _data() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("data", "wording_checks.json").read_text("utf-8")
    return json.loads(text)


@cache
def load_rules() -> tuple[WordingRule, ...]:
    """Return every rule with its patterns compiled, read once from the JSON file."""
    rules = []
    for row in _data()["rules"]:
        if row["category"] not in CATEGORIES:
            raise ValueError(f"{row['id']}: unknown category {row['category']!r}")
        sv, en = tuple(row["patterns"]["sv"]), tuple(row["patterns"]["en"])
        rules.append(
            WordingRule(
                id=row["id"],
                category=row["category"],
                negatable=row["negatable"],
                patterns_sv=sv,
                patterns_en=en,
                explanation_sv=row["explanation"]["sv"],
                explanation_en=row["explanation"]["en"],
                suggestion_sv=row["suggestion"]["sv"],
                suggestion_en=row["suggestion"]["en"],
                compiled=tuple(_compile(pattern) for pattern in sv + en),
            )
        )
    return tuple(rules)


@cache
def _rules_by_id() -> dict[str, WordingRule]:
    return {rule.id: rule for rule in load_rules()}


def rule_by_id(rule_id: str) -> WordingRule:
    """Return the rule with this id; raise KeyError if there is none."""
    return _rules_by_id()[rule_id]


@cache
def _category_names() -> dict[str, tuple[str, str]]:
    return {row["code"]: (row["name_sv"], row["name_en"]) for row in _data()["categories"]}


def category_name(code: str, locale: object = "sv") -> str:
    """Name a category in the locale's language; raise KeyError for an unknown code."""
    name_sv, name_en = _category_names()[code]
    return name_en if _is_english(locale) else name_sv


def find_wording_issues(text: str) -> list[WordingIssue]:
    """Return every flagged place in the text, in reading order (linear in the text's length)."""
    if not text:
        return []
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]  # found once, searched by bisection
    found: list[tuple[int, int, int, WordingRule]] = []
    for order, rule in enumerate(load_rules()):
        for pattern in rule.compiled:
            for match in pattern.finditer(text):
                if match.end() > match.start() and not (
                    rule.negatable and _is_negated(text, match.start(), match.end(), sentence_ends)
                ):
                    found.append((match.start(), match.end(), order, rule))

    # Longest first at each start, so a phrase such as "inte äldre än 30 år" hides the
    # shorter hits inside it and each place is reported once. Every kept hit starts at or
    # before the next one, so a hit lies inside one of them exactly when it ends by the
    # furthest end kept so far: one pass.
    found.sort(key=lambda hit: (hit[0], hit[0] - hit[1], hit[2]))
    kept: list[tuple[int, int, int, WordingRule]] = []
    furthest_end = -1
    for hit in found:
        if hit[1] > furthest_end:
            kept.append(hit)
            furthest_end = hit[1]
    return [
        WordingIssue(rule.id, rule.category, start, end, text[start:end])
        for start, end, _, rule in kept
    ]


def _compile(pattern: str) -> re.Pattern[str]:
    body = pattern.replace(" ", r"\s+")
    for token, expansion in _TOKENS.items():
        body = body.replace(token, expansion)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", _FLAGS)


def _is_negated(text: str, start: int, end: int, sentence_ends: list[int]) -> bool:
    # Only a few words either side count, so only a bounded stretch of the text is read.
    sentence_start = sentence_ends[bisect_right(sentence_ends, start) - 1] if sentence_ends and sentence_ends[0] <= start else 0
    before = text[max(sentence_start, start - _NEGATION_WINDOW_CHARS) : start]
    if _NEGATION_BEFORE.search(" ".join(before.split()[-_NEGATION_WINDOW_WORDS:])):
        return True
    following = bisect_right(sentence_ends, end)
    # A sentence end counts from the character that ends it (the match's end is one past it).
    stop = sentence_ends[following] - 1 if following < len(sentence_ends) else len(text)
    return bool(_NEGATION_AFTER.match(text, end, min(stop, end + _NEGATION_WINDOW_CHARS)))


def _is_english(locale: object) -> bool:
    return str(locale).replace("-", "_").split("_")[0].lower() == "en"
