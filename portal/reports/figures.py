"""The figures for a period, computed from facts read off the records (pure: no database, no clock).

Each figure is a count table over fixed dimensions (industry, kind, status, answer, outcome,
cadence by gender), published only through small-number suppression, or a median with the
number of cases behind it. Industries without any count in a table are left out; every other
dimension lists all its values, so two views never differ by a chosen filter.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from portal.interest.states import InterestStatus
from portal.participants.fields import GENDER_LABELS, OUTCOME_LABELS, STATUS_LABELS
from portal.participants.models import Gender
from portal.participants.states import Outcome, ParticipantStatus
from portal.placements.states import FollowUpCadence
from portal.reference.sni import is_section, load_sections, section_by_code
from portal.reference.vocabulary import PlacementKind
from portal.reports.periods import Period, periods_of_year
from portal.reports.suppression import SMALLEST_SHOWN, Hidden, SuppressedTable, TableEquations, is_small, suppress, suppress_jointly
from portal.workdays import working_days_between

# The days between follow-ups each cadence asks for (as meetings' CADENCE_DAYS).
CADENCE_DAYS = {FollowUpCadence.WEEKLY: 7, FollowUpCadence.BIWEEKLY: 14, FollowUpCadence.MONTHLY: 28}
KIND_LABELS = {
    PlacementKind.PRAKTIK: _l("Work placement"),
    PlacementKind.ARBETSTRANING: _l("Work training"),
    PlacementKind.ANSTALLNING_MED_STOD: _l("Subsidised employment"),
    PlacementKind.LAGTROSKELJOBB: _l("Low-threshold job"),
}
INTEREST_LABELS = {
    InterestStatus.OPEN: _l("Not answered yet"),
    InterestStatus.AGREED: _l("Wants to meet"),
    InterestStatus.DECLINED: _l("Declined"),
    InterestStatus.LAPSED: _l("Lapsed unanswered"),
    InterestStatus.WITHDRAWN: _l("Withdrawn by the employer"),
}
CADENCE_LABELS = {
    FollowUpCadence.WEEKLY: _l("Weekly"),
    FollowUpCadence.BIWEEKLY: _l("Every other week"),
    FollowUpCadence.MONTHLY: _l("Monthly"),
}
GENDERS = tuple(Gender)


# --- the facts, one per record, as the queries read them ----------------------------------


@dataclass(frozen=True)
class OfferFact:
    industry: str  # SNI section code, "" when not given
    kind: PlacementKind | None
    places: int
    approved_on: date | None  # its first approval
    ended_on: date | None  # the last day it could take anyone: its end date, or when it was closed


@dataclass(frozen=True)
class ParticipantFact:
    gender: Gender
    status: ParticipantStatus
    registered_on: date


@dataclass(frozen=True)
class InterestFact:
    gender: Gender
    status: InterestStatus
    created_on: date
    answered_on: date | None


@dataclass(frozen=True)
class IntroductionFact:
    industry: str
    gender: Gender
    held_on: date


@dataclass(frozen=True)
class PlacementFact:
    offer_index: int | None  # which OfferFact it fills, if that offer is among them
    industry: str
    kind: PlacementKind
    gender: Gender
    start: date
    end: date
    started: bool  # it has begun (active or ended), not only planned
    ended: bool
    outcome: Outcome | None
    cadence: FollowUpCadence
    follow_ups_held: tuple[date, ...] = ()


@dataclass(frozen=True)
class ApprovalFact:
    submitted_on: date
    approved_on: date


@dataclass(frozen=True)
class Facts:
    offers: Sequence[OfferFact] = ()
    participants: Sequence[ParticipantFact] = ()
    interests: Sequence[InterestFact] = ()
    introductions: Sequence[IntroductionFact] = ()
    placements: Sequence[PlacementFact] = ()
    approvals: Sequence[ApprovalFact] = ()


# --- what is published ---------------------------------------------------------------------


@dataclass(frozen=True)
class CountTable:
    key: str  # names it in the page's anchors and in the export
    title: str
    row_heading: str
    rows: tuple[tuple[Hashable, str], ...]  # (code, label)
    columns: tuple[tuple[Hashable, str], ...]
    counts: tuple[tuple[int, ...], ...] = field(repr=False)  # never shown: only `published` is
    # Set when the table was suppressed together with the other periods of its year.
    jointly: SuppressedTable | None = field(default=None, repr=False, compare=False)

    @cached_property
    def published(self) -> SuppressedTable:
        return self.jointly if self.jointly is not None else suppress(self.counts)


@dataclass(frozen=True)
class Median:
    key: str
    title: str
    cases: int
    days: float | None  # None when there are fewer than SMALLEST_SHOWN cases
    # The cases add up over periods like the additive tables: hidden too where a sum would give away a small one.
    cases_hidden: bool = False

    @property
    def shown(self) -> bool:
        return self.days is not None

    @property
    def cases_shown(self) -> int | None:
        """The number of cases, unless it is itself a small count or hidden with the year (then None)."""
        return None if is_small(self.cases) or self.cases_hidden else self.cases

    @property
    def cases_hidden_as(self) -> str:
        return Hidden.SMALL if is_small(self.cases) else Hidden.SECONDARY


@dataclass(frozen=True)
class Figures:
    period: Period
    tables: tuple[CountTable, ...]
    medians: tuple[Median, ...]


def _industry_label(code: str) -> str:
    if not is_section(code):
        return str(_l("Industry not given"))
    section = section_by_code(code)
    return f"{section.code} {section.name(get_locale() or 'sv')}"


def _gender_columns() -> tuple[tuple[Hashable, str], ...]:
    return tuple((gender, str(GENDER_LABELS[gender])) for gender in GENDERS)


def _table(key, title, row_heading, row_codes, columns, counter: Counter, *, keep_empty_rows=True) -> CountTable:
    counts = [tuple(counter[(row, column)] for column, _label in columns) for row, _label in row_codes]
    kept = [(row, line) for row, line in zip(row_codes, counts, strict=True) if keep_empty_rows or any(line)]
    return CountTable(
        key=key,
        title=str(title),
        row_heading=str(row_heading),
        rows=tuple(row for row, _line in kept),
        columns=tuple(columns),
        counts=tuple(line for _row, line in kept),
    )


def _industries(codes: Iterable[str]) -> tuple[tuple[str, str], ...]:
    present = set(codes)
    ordered = [section.code for section in load_sections() if section.code in present]
    ordered += sorted(code for code in present if code not in ordered)
    return tuple((code, _industry_label(code)) for code in ordered)


def offer_was_live(offer: OfferFact, period: Period) -> bool:
    if offer.approved_on is None or offer.approved_on > period.last:
        return False
    return offer.ended_on is None or offer.ended_on >= period.first


def live_offers(facts: Facts, period: Period) -> CountTable:
    live = [o for o in facts.offers if offer_was_live(o, period) and o.kind is not None]
    columns = tuple((kind, str(KIND_LABELS[kind])) for kind in PlacementKind)
    counter = Counter((o.industry, o.kind) for o in live)
    return _table("offers", _l("Live offers by industry and kind"), _l("Industry"),
                  _industries(o.industry for o in live), columns, counter, keep_empty_rows=False)


def places(facts: Facts, period: Period) -> CountTable:
    filling: Counter = Counter(
        p.offer_index for p in facts.placements if p.offer_index is not None and period.overlaps(p.start, p.end)
    )
    counter: Counter = Counter()
    industries = []
    for index, offer in enumerate(facts.offers):
        if not offer_was_live(offer, period):
            continue
        filled = min(filling[index], offer.places)
        counter[(offer.industry, "filled")] += filled
        counter[(offer.industry, "open")] += offer.places - filled
        industries.append(offer.industry)
    columns = (("filled", str(_l("Filled"))), ("open", str(_l("Not filled"))))
    return _table("places", _l("Places offered (the total) and filled, by industry"), _l("Industry"),
                  _industries(industries), columns, counter, keep_empty_rows=False)


def participants_by_status(facts: Facts, period: Period) -> CountTable:
    counter = Counter((p.status, p.gender) for p in facts.participants if p.registered_on <= period.last)
    rows = tuple((status, str(STATUS_LABELS[status])) for status in ParticipantStatus)
    return _table("participants", _l("Participants registered by the end of the period, by status today and gender"),
                  _l("Status"), rows, _gender_columns(), counter)


def interest_answers(facts: Facts, period: Period) -> CountTable:
    counter = Counter((i.status, i.gender) for i in facts.interests if period.contains(i.created_on))
    rows = tuple((status, str(INTEREST_LABELS[status])) for status in InterestStatus)
    return _table("interest", _l("Interest shown in the period, by answer and gender"), _l("Answer"),
                  rows, _gender_columns(), counter)


def introductions(facts: Facts, period: Period) -> CountTable:
    held = [m for m in facts.introductions if period.contains(m.held_on)]
    counter = Counter((m.industry, m.gender) for m in held)
    return _table("introductions", _l("Introductions held, by industry and gender"), _l("Industry"),
                  _industries(m.industry for m in held), _gender_columns(), counter, keep_empty_rows=False)


def placements_started(facts: Facts, period: Period) -> CountTable:
    started = [p for p in facts.placements if p.started and period.contains(p.start)]
    counter = Counter((p.industry, p.gender) for p in started)
    return _table("started", _l("Placements started, by industry and gender"), _l("Industry"),
                  _industries(p.industry for p in started), _gender_columns(), counter, keep_empty_rows=False)


def placements_ended(facts: Facts, period: Period) -> CountTable:
    counter = Counter((p.outcome, p.gender) for p in facts.placements if p.ended and period.contains(p.end))
    rows = (*((outcome, str(OUTCOME_LABELS[outcome])) for outcome in Outcome), (None, str(_l("No outcome recorded"))))
    return _table("ended", _l("Placements ended, by outcome and gender"), _l("Outcome"), rows, _gender_columns(), counter)


def follow_ups(facts: Facts, period: Period, today: date) -> CountTable:
    """Follow-ups held in the period against those the cadence asked for, by cadence.

    A running placement owes one follow-up per cadence step of its days inside the period (up to
    yesterday); held ones beyond that count as held, and what is owed and not held is missing.
    """
    counter: Counter = Counter()
    last = min(period.last, today - timedelta(days=1))
    for p in facts.placements:
        if not p.started:
            continue
        first, until = max(p.start, period.first), min(p.end, last)
        if until < first:
            continue
        owed = ((until - first).days + 1) // CADENCE_DAYS[p.cadence]
        held = sum(1 for day in p.follow_ups_held if first <= day <= until)
        counter[(p.cadence, "held")] += held
        counter[(p.cadence, "missing")] += max(0, owed - held)
    rows = tuple((cadence, str(CADENCE_LABELS[cadence])) for cadence in FollowUpCadence)
    columns = (("held", str(_l("Held"))), ("missing", str(_l("Due by the cadence, not held"))))
    return _table("follow_ups", _l("Follow-ups of running placements against their cadence"), _l("Cadence"),
                  rows, columns, counter)


def median_days(key: str, title, spans: Iterable[tuple[date, date]]) -> Median:
    days = [working_days_between(start, end) for start, end in spans]
    value = statistics.median(days) if len(days) >= SMALLEST_SHOWN else None
    return Median(key, str(title), len(days), value)


def medians(facts: Facts, period: Period) -> tuple[Median, ...]:
    return (
        median_days("approval", _l("Working days from an offer's submission to its approval"),
                    ((a.submitted_on, a.approved_on) for a in facts.approvals if period.contains(a.approved_on))),
        median_days("answer", _l("Working days from interest to its answer"),
                    ((i.created_on, i.answered_on) for i in facts.interests
                     if i.answered_on is not None and period.contains(i.answered_on))),
    )


FIGURES: tuple[Callable[[Facts, Period], CountTable], ...] = (
    live_offers, places, participants_by_status, interest_answers, introductions, placements_started, placements_ended,
)

# The tables whose cells add up across periods, and in which of their columns (None: all of them).
# They count events that fall on one day each (interest shown, an introduction held, a placement
# started or ended, a follow-up held), so a quarter's cell is the sum of its months' cells and a
# year's the sum of its quarters'. Published period by period, a hidden month would be the quarter
# minus the other two months: these tables are suppressed together over the whole calendar year.
# The others are stocks or are clamped, and no fixed sum links their periods: live offers and
# places count whatever overlaps the period (an offer live all quarter counts once in the quarter
# and once in each month), participants are those registered by the period's end (a quarter's
# table is its last month's), and follow-ups missing are owed per whole cadence step of the days
# inside the period and never below zero, so they do not add up (the held ones do).
ADDITIVE: dict[str, tuple[Hashable, ...] | None] = {
    "interest": None, "introductions": None, "started": None, "ended": None, "follow_ups": ("held",),
}


def _links(tables: Sequence[CountTable], columns: tuple[Hashable, ...] | None) -> list[dict[tuple[int, int], int]]:
    """The equations whole = sum of its parts, cell by cell, for the year's tables in the order of
    periods_of_year (the year, its quarters, its months). A row a part lacks is zero there.

    The margins' equations follow from the cells' and add nothing to what can be computed; they
    are listed so that a hidden month total is protected by a sibling month's total."""
    systems = [TableEquations(len(t.rows), len(t.columns)) for t in tables]
    sums = [(0, (1, 2, 3, 4))] + [(1 + q, (5 + 3 * q, 6 + 3 * q, 7 + 3 * q)) for q in range(4)]
    links = []

    def link(whole, parts, unknown_of):
        """unknown_of(table index) -> that table's unknown, or None where the part lacks it (zero)."""
        if unknown_of(whole) is None:
            return
        equation = {(whole, unknown_of(whole)): 1}
        equation.update({(part, unknown_of(part)): -1 for part in parts if unknown_of(part) is not None})
        links.append(equation)

    for whole, parts in sums:
        row_codes = [[code for code, _label in tables[t].rows] for t in range(len(tables))]
        for r, (row, _label) in enumerate(tables[whole].rows):
            for c, (column, _label) in enumerate(tables[whole].columns):
                if columns is None or column in columns:
                    link(whole, parts, lambda t: systems[t].cell(row_codes[t].index(row), c) if row in row_codes[t] else None)
            if columns is None:
                link(whole, parts, lambda t: systems[t].row_total(row_codes[t].index(row)) if row in row_codes[t] else None)
        for c, (column, _label) in enumerate(tables[whole].columns):
            if columns is None or column in columns:
                link(whole, parts, lambda t: systems[t].column_total(c) if tables[t].rows else None)
        if columns is None:
            link(whole, parts, lambda t: systems[t].total() if tables[t].rows else None)
    return links


def figures_for(facts: Facts, period: Period, today: date) -> Figures:
    """The figures of a period; the additive tables suppressed jointly with every period of its year."""
    tables = [figure(facts, period) for figure in FIGURES] + [follow_ups(facts, period, today)]
    year = periods_of_year(period.first.year)
    index = year.index(period)
    for i, table in enumerate(tables):
        if table.key not in ADDITIVE:
            continue
        figure = FIGURES[i] if i < len(FIGURES) else (lambda facts, p: follow_ups(facts, p, today))
        of_year = [figure(facts, p) for p in year]
        published = suppress_jointly([t.counts for t in of_year], _links(of_year, ADDITIVE[table.key]))
        tables[i] = replace(table, jointly=published[index])
    return Figures(period, tuple(tables), _medians_with_their_year(facts, period, year, index))


def _medians_with_their_year(facts: Facts, period: Period, year: list[Period], index: int) -> tuple[Median, ...]:
    """The medians, their numbers of cases suppressed jointly over the year as one-cell tables."""
    of_year = [medians(facts, p) for p in year]
    sums = [(0, (1, 2, 3, 4))] + [(1 + q, (5 + 3 * q, 6 + 3 * q, 7 + 3 * q)) for q in range(4)]
    links = [{(whole, 0): 1, **{(part, 0): -1 for part in parts}} for whole, parts in sums]
    result = []
    for m, median in enumerate(of_year[index]):
        published = suppress_jointly([((ms[m].cases,),) for ms in of_year], links)[index]
        result.append(replace(median, cases_hidden=not published.total.shown))
    return tuple(result)
