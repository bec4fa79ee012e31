"""Find wording in an offer that may discriminate or that does not fit a low-threshold job.

The rules live in ``data/wording_checks.json``. Each pattern is a regular expression
with three conventions, expanded here before compiling: a space stands for one or
more whitespace characters, ``{dash}`` for a hyphen, en dash or em dash with optional
spaces around it, and ``{age}`` for a two-digit age from 15 to 99. Every pattern is
wrapped in word boundaries, so "han" never matches inside "hantera". Swedish and
English patterns both run on every text, since an employer may write either.
"""

from __future__ import annotations

import heapq
import itertools
import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from re import _constants as _c
from re import _parser
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
    """Return the flagged places in the text in reading order, at most MAX_ISSUES (linear in the text's length).

    One pass of a candidate scan finds every place where some rule's pattern can begin (see
    ``_Scanner``); only there are the rules' own patterns tried. Hits arrive by where they start,
    so removing a hit inside a longer one, and stopping after MAX_ISSUES, happen in the same pass.
    """
    if not text:
        return []
    scanner = _scanner()
    sentence_ends = _SentenceEnds(text)
    last_end: dict[int, int] = {}  # where each pattern's previous hit ended, as finditer would resume
    kept: list[WordingIssue] = []
    furthest_end = -1
    for start, candidates in scanner.candidates(text):
        at_start: list[tuple[int, int, WordingRule]] = []
        for index, order, rule, pattern in candidates:
            if start < last_end.get(index, 0):
                continue
            match = pattern.match(text, start)
            if match is None or match.end() == start:
                continue
            last_end[index] = match.end()
            if not (rule.negatable and _is_negated(text, start, match.end(), sentence_ends)):
                at_start.append((match.end(), order, rule))
        # Longest first at each start, so a phrase such as "inte äldre än 30 år" hides the
        # shorter hits inside it and each place is reported once: a hit lies inside one kept
        # before it exactly when it ends by the furthest end kept so far.
        if len(at_start) > 1:
            at_start.sort(key=lambda hit: (-hit[0], hit[1]))
        for end, _, rule in at_start:
            if end > furthest_end:
                kept.append(WordingIssue(rule.id, rule.category, start, end, text[start:end]))
                furthest_end = end
                if len(kept) >= MAX_ISSUES:
                    return kept
    return kept


MAX_ISSUES = 200
"""More places than this in one text are not reported: the employer has plenty to rewrite already."""

# Each pattern's possible beginnings are read up to this many characters, fewer when a
# pattern can begin in too many ways (ages, dashes) for a short list.
_LONGEST_BEGINNING, _SHORTEST_BEGINNING, _MOST_BEGINNINGS = 10, 3, 64
_SPACE, _SPACES, _DIGIT = r"\s", r"\s+", r"\d"  # any whitespace, a run of it, any digit
_ASCII_NOT_WORD = r"[\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]"  # \W among ASCII characters
_WORD_ENDS = r"(?!\w)"
_WORD = r"\w"
_KEY_LENGTH = 3  # which patterns to try at a place is looked up by its first three characters


class _Scanner:
    """Finds, in one pass, every place where some pattern can begin, and which patterns to try there.

    Each pattern's possible beginnings ("körkort", "tjej", "15-", "är\\s+mins") are read from its
    parsed form once and joined into one lookahead shaped like a trie, so the engine rejects a
    place after one character compare per branch: the scan costs a few nanoseconds a character,
    and a pattern is tried only where one of its beginnings stands. The text is lowercased
    first, because case-insensitive branches cannot be rejected that quickly.
    """

    def __init__(self, rules: tuple[WordingRule, ...]):
        self.patterns: list[tuple[int, WordingRule, re.Pattern[str]]] = []
        self._beginnings: list[tuple[int, tuple[re.Pattern[str], ...]]] = []  # (pattern index, pieces)
        beginnings: set[tuple[str, ...]] = set()
        for order, rule in enumerate(rules):
            for pattern in rule.compiled:
                index = len(self.patterns)
                self.patterns.append((order, rule, pattern))
                for beginning in _beginnings(pattern.pattern):
                    if not beginning or beginning[0] in (_WORD, _WORD + "+"):
                        raise ValueError(f"{rule.id}: a pattern that can begin anywhere cannot be scanned for")
                    beginnings.add(beginning)
                    self._beginnings.append((index, tuple(map(re.compile, beginning[:_KEY_LENGTH]))))
        # A place where a match can begin follows a character that is not part of a word (or is
        # the very start). Searching for that character first lets the engine skip the rest
        # quickly: ASCII ones from a table, other ones (rare) in a second search.
        branches = _trie_branches(beginnings)
        self._scans = tuple(
            (
                re.compile(rf"{_ASCII_NOT_WORD}(?:{branches})", flags),
                re.compile(rf"[^\x00-\x7f](?<=\W)(?:{branches})", flags),
                re.compile(rf"(?:{branches})", flags),
            )
            for flags in (0, re.IGNORECASE)
        )
        self._to_try: dict[str, list[tuple[int, int, WordingRule, re.Pattern[str]]]] = {}

    def candidates(self, text: str):
        """Yield (offset, [(index, order, rule, pattern) to try there]) in reading order."""
        lowered = text.lower()
        if len(lowered) == len(text) and not any(char in lowered for char in _case_exceptions()):
            (after_ascii, after_other, at_start), seen = self._scans[0], lowered
        else:  # a letter whose lowercase is longer or matches others: slower, but the same places
            (after_ascii, after_other, at_start), seen = self._scans[1], text
        starts = heapq.merge(
            (found.start() + 1 for found in after_ascii.finditer(seen)),
            (found.start() + 1 for found in after_other.finditer(seen)),
        )
        if at_start.match(seen):
            starts = itertools.chain((0,), starts)
        to_try = self._to_try
        for start in starts:
            key = seen[start : start + _KEY_LENGTH]
            patterns = to_try.get(key)
            if patterns is None:  # worked out once for each few characters a place begins with
                lowered_key = key.lower()
                indexes = sorted({i for i, pieces in self._beginnings if _may_begin(pieces, lowered_key)})
                patterns = to_try[key] = [(i, *self.patterns[i]) for i in indexes]
            yield start, patterns


def _may_begin(pieces: tuple[re.Pattern[str], ...], key: str) -> bool:
    """Whether a beginning's first pieces fit the characters a place begins with."""
    for piece, char in zip(pieces, key):
        if piece.pattern == _WORD_ENDS:
            return True  # takes no character: what follows is not compared
        if piece.pattern.endswith("+"):
            return bool(piece.fullmatch(char))  # a run of any length: what follows is not compared
        if not piece.fullmatch(char):
            return False
    return True


@cache
def _scanner() -> _Scanner:
    return _Scanner(load_rules())


@cache
def _case_exceptions() -> tuple[str, ...]:
    """Characters a case-insensitive pattern matches although their lowercase differs ("ſ" for "s")."""
    from re import _casefix  # the engine's own table of them

    letters = {chr(code) for code in range(ord("a"), ord("z") + 1)} | set("åäöéü")
    found: set[str] = set()
    for key, others in _casefix._EXTRA_CASES.items():
        group = {chr(key), *map(chr, others)}
        if group & letters:
            found |= {char for char in group if char.lower() not in letters}
    return tuple(sorted(found))


def _beginnings(pattern: str) -> set[tuple[str, ...]]:
    """Every way a match can begin, as tuples of pieces of pattern: escaped characters, \\s, \\s+, \\d."""
    tree = list(_parser.parse(pattern, _FLAGS))
    for length in range(_LONGEST_BEGINNING, _SHORTEST_BEGINNING - 1, -1):
        try:
            growing, done = _walk(tree, {()}, set(), length)
            return growing | done
        except _TooMany:
            continue
    raise ValueError(f"too many ways to begin: {pattern!r}")


class _TooMany(Exception):
    pass


def _piece_of(items) -> str | None:
    """One character class as a piece of pattern, or None for a wide one (where a beginning stops)."""
    parts: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            parts.append(re.escape(chr(av).lower()))
        elif op is _c.RANGE and av[1] - av[0] <= 30:
            parts.extend(re.escape(chr(code).lower()) for code in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av in (_c.CATEGORY_SPACE, _c.CATEGORY_UNI_SPACE):
            parts.append(_SPACE)
        elif op is _c.CATEGORY and av in (_c.CATEGORY_DIGIT, _c.CATEGORY_UNI_DIGIT):
            parts.append(_DIGIT)
        else:
            return None
    unique = sorted(set(parts))
    return unique[0] if len(unique) == 1 else "[" + "".join(unique) + "]"


def _single_piece(items) -> str | None:
    if len(items) != 1 or items[0][0] not in (_c.LITERAL, _c.IN, _c.CATEGORY):
        return None
    op, av = items[0]
    return _piece_of(av if op is _c.IN else [(op, av)])


def _is_word_class(items) -> bool:
    return len(items) == 1 and items[0] in (
        (_c.IN, [(_c.CATEGORY, _c.CATEGORY_WORD)]),
        (_c.IN, [(_c.CATEGORY, _c.CATEGORY_UNI_WORD)]),
    )


def _walk(items, growing: set[tuple[str, ...]], done: set[tuple[str, ...]], length: int):
    """Extend the beginnings still growing by the items; return (still growing, complete)."""
    for op, av in items:
        if not growing:
            break
        if op in (_c.LITERAL, _c.IN, _c.CATEGORY):
            piece = _single_piece([(op, av)])
            if piece is None:
                return set(), done | growing
            growing = {b + (piece,) for b in growing}
        elif op is _c.SUBPATTERN:
            growing, done = _walk(av[-1], growing, done, length)
        elif op is _c.BRANCH:
            grown: set[tuple[str, ...]] = set()
            for branch in av[1]:
                more, done = _walk(branch, set(growing), done, length)
                grown |= more
            growing = grown
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, high, item = av
            piece = _single_piece(item) or (_WORD if _is_word_class(item) else None)
            if high == _c.MAXREPEAT and piece is not None:
                # \s+, \d+ or \w+ stays one piece; with none allowed (\s*), the beginning also goes on without it
                growing = {b + (piece + "+",) for b in growing} | (growing if low == 0 else set())
            elif low == high <= length:
                for _ in range(low):
                    growing, done = _walk(item, growing, done, length)
            else:
                once, done = _walk(item, set(growing), done, length)
                if (low, high) == (1, 1):
                    growing = once
                elif (low, high) == (0, 1):
                    growing = growing | once
                else:  # after one repetition the beginning stops; with none, it goes on
                    done = done | once
                    growing = growing if low == 0 else set()
        elif op is _c.ASSERT_NOT and av[0] == 1 and _is_word_class(av[1]):
            growing = {b + (_WORD_ENDS,) for b in growing}  # (?!\w): the word ends here
        elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue  # takes no characters
        else:
            return set(), done | growing
        full = {b for b in growing if len(b) >= length}
        done, growing = done | full, growing - full
        if len(growing) + len(done) > _MOST_BEGINNINGS:
            raise _TooMany
    return growing, done


def _trie_branches(beginnings: set[tuple[str, ...]]) -> str:
    """One branch per first piece, which the engine rejects with one compare, then the rest as a trie."""
    branches = []
    for first in sorted({b[0] for b in beginnings}):
        rest = _trie_pattern({b[1:] for b in beginnings if b[0] == first})
        branches.append(first + (f"(?={rest})" if rest else ""))
    return "|".join(branches)


def _trie_pattern(beginnings: set[tuple[str, ...]]) -> str:
    if () in beginnings:
        return ""
    branches = []
    for first in sorted({b[0] for b in beginnings}):
        rest = _trie_pattern({b[1:] for b in beginnings if b[0] == first})
        branches.append(first + (f"(?:{rest})" if rest else ""))
    return "|".join(branches)


def _compile(pattern: str) -> re.Pattern[str]:
    body = pattern.replace(" ", r"\s+")
    for token, expansion in _TOKENS.items():
        body = body.replace(token, expansion)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", _FLAGS)


class _SentenceEnds:
    """Where each sentence ends, found once and only if a negatable hit needs them."""

    def __init__(self, text: str):
        self._text, self._ends = text, None

    def __call__(self) -> list[int]:
        if self._ends is None:
            self._ends = [m.end() for m in _SENTENCE_END.finditer(self._text)]
        return self._ends


def _is_negated(text: str, start: int, end: int, sentence_ends: _SentenceEnds) -> bool:
    # Only a few words either side count, so only a bounded stretch of the text is read.
    sentence_ends = sentence_ends()
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
