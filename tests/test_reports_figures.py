"""The figures for a period, computed from facts (pure), and the periods the chooser names."""

from __future__ import annotations

from datetime import date

import pytest
from flask_babel import force_locale

from portal.interest.states import InterestStatus
from portal.participants.models import Gender
from portal.participants.states import Outcome, ParticipantStatus
from portal.placements.states import FollowUpCadence
from portal.reference.vocabulary import PlacementKind
from portal.reports.figures import (
    ApprovalFact,
    Facts,
    InterestFact,
    OfferFact,
    ParticipantFact,
    PlacementFact,
    figures_for,
    follow_ups,
    live_offers,
    medians,
    participants_by_status,
    places,
    placements_ended,
    placements_started,
)
from portal.reports.periods import current_quarter, parse_period, periods_offered
from portal.reports.suppression import Cell, Hidden

Q1 = parse_period("2030-Q1")
TODAY = date(2030, 4, 15)


@pytest.fixture(autouse=True)
def english(app):
    with app.test_request_context(), force_locale("en"):
        yield


def _placement(gender=Gender.WOMAN, industry="I", **overrides) -> PlacementFact:
    values = {
        "offer_index": 0, "industry": industry, "kind": PlacementKind.PRAKTIK, "gender": gender,
        "start": date(2030, 1, 7), "end": date(2030, 3, 29), "started": True, "ended": False, "outcome": None,
        "cadence": FollowUpCadence.BIWEEKLY,
    }
    return PlacementFact(**{**values, **overrides})


def _row(table, code):
    return [code for code, _label in table.rows].index(code)


def _column(table, code):
    return [c for c, _label in table.columns].index(code)


def test_periods_are_read_from_the_url_and_anything_else_is_refused():
    assert parse_period("2030-03").first == date(2030, 3, 1) and parse_period("2030-03").last == date(2030, 3, 31)
    assert (Q1.first, Q1.last, Q1.key) == (date(2030, 1, 1), date(2030, 3, 31), "2030-Q1")
    assert parse_period("2028-02").last == date(2028, 2, 29)
    assert parse_period("2030").last == date(2030, 12, 31)
    assert parse_period("2030-12").last == date(2030, 12, 31)
    for wrong in ("", "2030-13", "2030-Q5", "30-01", "2030-1", "1999", "2030-Q1 OR 1=1", "２０３０"):
        assert parse_period(wrong) is None, wrong
    assert current_quarter(date(2030, 5, 2)).key == "2030-Q2"
    offered = periods_offered(date(2030, 2, 10))
    assert [p.key for p in offered["month"]][:3] == ["2030-02", "2030-01", "2029-12"]
    assert [p.key for p in offered["quarter"]][:3] == ["2030-Q1", "2029-Q4", "2029-Q3"]
    assert [p.key for p in offered["year"]] == ["2030", "2029", "2028"]


def test_an_offer_counts_as_live_when_it_was_approved_by_the_end_and_had_not_ended_before_the_start():
    facts = Facts(offers=[
        OfferFact("I", PlacementKind.PRAKTIK, 2, date(2029, 11, 1), None),
        OfferFact("I", PlacementKind.PRAKTIK, 1, date(2030, 2, 1), date(2030, 6, 1)),
        OfferFact("I", PlacementKind.ARBETSTRANING, 1, date(2030, 4, 1), None),  # approved after the quarter
        OfferFact("F", PlacementKind.PRAKTIK, 1, date(2029, 1, 1), date(2029, 12, 31)),  # ended before it
        OfferFact("F", PlacementKind.PRAKTIK, 1, None, None),  # never approved
    ])
    table = live_offers(facts, Q1)

    assert [code for code, _label in table.rows] == ["I"]
    assert table.counts == ((2, 0, 0, 0),)


def test_places_offered_are_filled_by_placements_running_in_the_period():
    facts = Facts(
        offers=[OfferFact("I", PlacementKind.PRAKTIK, 8, date(2029, 11, 1), None)],
        placements=[_placement() for _ in range(6)] + [_placement(start=date(2030, 5, 1), end=date(2030, 6, 1))],
    )
    table = places(facts, Q1)

    assert table.counts == ((6, 2),)
    # One industry: its 8 places offered are published, and so the 6 filled would give the 2 away.
    assert table.published.cells[0] == (Cell(None, Hidden.SECONDARY), Cell(None, Hidden.SMALL))
    assert table.published.row_totals[0] == Cell(8)


def test_placements_started_by_industry_and_gender_hide_small_counts_and_what_would_give_them_away():
    facts = Facts(placements=[_placement() for _ in range(7)] + [_placement(Gender.MAN) for _ in range(2)]
                  + [_placement(industry="F") for _ in range(6)] + [_placement(Gender.MAN, industry="F") for _ in range(8)]
                  + [_placement(start=date(2029, 12, 1))])  # started before the quarter
    table = placements_started(facts, Q1)
    published = table.published
    i, f = _row(table, "I"), _row(table, "F")
    woman, man = _column(table, Gender.WOMAN), _column(table, Gender.MAN)

    assert table.counts[i][woman] == 7 and table.counts[i][man] == 2
    assert published.cells[i][man] == Cell(None, Hidden.SMALL)
    # I's total (9) and the column of men (10) would give the 2 away: another cell in each is hidden.
    assert published.cells[i][woman].hidden == Hidden.SECONDARY
    assert published.cells[f][man].hidden == Hidden.SECONDARY
    assert published.total == Cell(23)


def test_participants_are_counted_by_status_and_gender_when_registered_by_the_end():
    facts = Facts(participants=[ParticipantFact(Gender.WOMAN, ParticipantStatus.ACTIVE, date(2030, 1, 5))] * 6
                  + [ParticipantFact(Gender.WOMAN, ParticipantStatus.ACTIVE, date(2030, 4, 5))] * 3)
    table = participants_by_status(facts, Q1)
    assert table.counts[_row(table, ParticipantStatus.ACTIVE)][_column(table, Gender.WOMAN)] == 6
    assert sum(map(sum, table.counts)) == 6


def test_placements_ended_are_counted_by_outcome():
    facts = Facts(placements=[_placement(ended=True, outcome=Outcome.JOB, end=date(2030, 2, 1))] * 5
                  + [_placement(ended=True, outcome=None, end=date(2030, 2, 1))])
    table = placements_ended(facts, Q1)
    assert table.counts[_row(table, Outcome.JOB)][_column(table, Gender.WOMAN)] == 5
    assert table.counts[_row(table, None)][_column(table, Gender.WOMAN)] == 1


def test_follow_ups_are_held_against_the_cadence_of_the_days_inside_the_period():
    # Weekly over the 28 days of February 2030: four owed; two held, so two missing.
    held = (date(2030, 2, 4), date(2030, 2, 11), date(2030, 1, 20))
    facts = Facts(placements=[_placement(cadence=FollowUpCadence.WEEKLY, follow_ups_held=held)])
    table = follow_ups(facts, parse_period("2030-02"), TODAY)
    weekly = _row(table, FollowUpCadence.WEEKLY)
    assert table.counts[weekly] == (2, 2)
    # Nothing is owed for days still to come.
    assert follow_ups(facts, parse_period("2030-02"), date(2030, 2, 1)).counts[weekly] == (0, 0)


def test_a_median_needs_five_cases():
    approvals = [ApprovalFact(date(2030, 1, 6), date(2030, 1, 6 + days)) for days in (1, 2, 3, 4)]  # Mon 7 .. Fri 10
    interests = [InterestFact(Gender.WOMAN, InterestStatus.AGREED, date(2030, 1, 7), date(2030, 1, 9))] * 5
    approval, answer = medians(Facts(approvals=approvals, interests=interests), Q1)
    assert (approval.cases, approval.days, approval.shown) == (4, None, False)
    assert approval.cases_shown is None  # four cases is itself a small count
    assert (answer.cases_shown, answer.days) == (5, 2)
    assert medians(Facts(), Q1)[0].cases_shown == 0


def test_the_figures_of_a_period_list_every_table():
    figures = figures_for(Facts(), Q1, TODAY)
    assert [t.key for t in figures.tables] == [
        "offers", "places", "participants", "interest", "introductions", "started", "ended", "follow_ups",
    ]
    assert all(t.published.total == Cell(0) for t in figures.tables)


def test_the_chart_draws_published_counts_only():
    from portal.reports.charts import BAR_AREA, bar_chart

    facts = Facts(placements=[_placement() for _ in range(7)] + [_placement(Gender.MAN) for _ in range(2)]
                  + [_placement(industry="F") for _ in range(6)] + [_placement(Gender.MAN, industry="F") for _ in range(8)]
                  + [_placement(industry="G") for _ in range(10)] + [_placement(Gender.MAN, industry="G") for _ in range(12)])
    table = placements_started(facts, Q1)
    chart = bar_chart(table, {Hidden.SMALL: "fewer than 5", Hidden.SECONDARY: "hidden"})

    assert [label.text for label in chart.row_labels] == [label for _code, label in table.rows]
    assert len(chart.bars) == len(table.rows) * len(table.columns)
    hidden = [bar for bar in chart.bars if bar.hidden]
    assert {bar.text for bar in hidden} == {"fewer than 5", "hidden"} and all(bar.width == 3 for bar in hidden)
    shown = {int(bar.text): bar.width for bar in chart.bars if not bar.hidden}
    # No bar's length carries a hidden count: the largest published count fills the area.
    assert 7 not in shown and 2 not in shown and shown[max(shown)] == BAR_AREA
