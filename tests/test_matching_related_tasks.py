"""Related tasks: a table a person can check by hand against portal/reference/data/task_examples.json.

Offer tasks come from approved snapshot data (offer_profile), as matching reads them live.
Each row: the offer task, what the person has done or wants, the task's fit, and the points.
Weights: tasks done 35, tasks wanted 20, for one task; a related task earns half.
"""

from dataclasses import replace

import pytest

from portal.matching.engine import (
    TASKS_DONE_WEIGHT,
    TASKS_WANTED_WEIGHT,
    TaskFit,
    match,
    task_fits,
)
from portal.matching.profiles import families_of, offer_profile
from tests.matching_factories import TODAY, make_offer, make_participant

DISHES = {"name": "Diska och ställa in porslin", "example_id": "i-wash-dishes", "family": "dishwashing_kitchen"}
# The employer edited the example's name; the link to the example stays.
DISHES_EDITED = {"name": "Diska i storköket", "example_id": "i-wash-dishes", "family": "dishwashing_kitchen"}
# Written from scratch, tied to the cleaning family by the employer.
CUSTOM_CLEANING = {"name": "Torka av maskinerna", "example_id": None, "family": "cleaning"}
# Written from scratch; the employer said no family fits.
CUSTOM_NONE = {"name": "Vattna krukväxterna i entrén", "example_id": None, "family": "none"}
# Approved before the link and the family were kept: the name finds the example.
OLD_BY_NAME = {"name": "Skala och skära grönsaker"}


def _fit_and_points(task, done=(), wanted=(), done_other=(), wanted_other=()):
    offer = replace(offer_profile(1, {"tasks": [task]}), **_passing_offer())
    person = make_participant(
        tasks_done=frozenset(done) | frozenset(done_other),
        tasks_wanted=frozenset(wanted) | frozenset(wanted_other),
        families_done=families_of(done, done_other),
        families_wanted=families_of(wanted, wanted_other),
    )
    result = match(offer, person, TODAY)
    components = dict(result.components)
    return task_fits(offer, person)[0], components["tasks_done"], components["tasks_wanted"], result


def _passing_offer():
    base = make_offer()
    return {f: getattr(base, f) for f in ("industry", "area", "reachable_by_public_transport", "hours_per_week_min",
                                          "hours_per_week_max", "times_of_day", "start_date", "end_date")}


TABLE = [
    # (case, task, done, wanted, fit, done points, wanted points)
    ("same task done", DISHES, ["i-wash-dishes"], [], TaskFit.DONE, 35, 0),
    ("same task wanted", DISHES, [], ["i-wash-dishes"], TaskFit.WANTED, 0, 20),
    ("same task done and wanted", DISHES, ["i-wash-dishes"], ["i-wash-dishes"], TaskFit.DONE, 35, 20),
    ("same family done", DISHES, ["i-prepare-vegetables"], [], TaskFit.DONE_RELATED, 17, 0),
    ("same family wanted", DISHES, [], ["c-bakery-help"], TaskFit.WANTED_RELATED, 0, 10),
    ("related done beats same wanted on the card", DISHES, ["i-prepare-vegetables"], ["i-wash-dishes"],
     TaskFit.DONE_RELATED, 17, 20),
    ("other family", DISHES, ["o-clean-offices"], [], TaskFit.NONE, 0, 0),
    ("edited example keeps its link", DISHES_EDITED, ["i-wash-dishes"], [], TaskFit.DONE, 35, 0),
    ("custom task tied to cleaning, person cleaned offices", CUSTOM_CLEANING, ["o-clean-offices"], [],
     TaskFit.DONE_RELATED, 17, 0),
    ("custom task tied to cleaning, person wants stairwells", CUSTOM_CLEANING, [], ["o-clean-stairwells"],
     TaskFit.WANTED_RELATED, 0, 10),
    ("custom task tied to none, person cleaned offices", CUSTOM_NONE, ["o-clean-offices"], [], TaskFit.NONE, 0, 0),
    ("custom task tied to none, person gardened", CUSTOM_NONE, ["a-greenhouse"], [], TaskFit.NONE, 0, 0),
    ("old task found by its name", OLD_BY_NAME, ["i-prepare-vegetables"], [], TaskFit.DONE, 35, 0),
    ("old task's family from its example", OLD_BY_NAME, ["i-wash-dishes"], [], TaskFit.DONE_RELATED, 17, 0),
]


@pytest.mark.parametrize("task, done, wanted, fit, done_points, wanted_points", [r[1:] for r in TABLE],
                         ids=[r[0] for r in TABLE])
def test_task_fit_and_points(task, done, wanted, fit, done_points, wanted_points):
    got_fit, got_done, got_wanted, _ = _fit_and_points(task, done, wanted)
    assert (got_fit, got_done, got_wanted) == (fit, done_points, wanted_points)


def test_custom_task_tied_to_none_still_matches_the_same_name():
    fit, done, _, _ = _fit_and_points(CUSTOM_NONE, done_other=["vattna krukväxterna i entrén"])
    assert (fit, done) == (TaskFit.DONE, TASKS_DONE_WEIGHT)


def test_a_consultants_own_words_find_their_family():
    # "Städade trapphus" was written by the consultant, not picked: its words point at cleaning.
    fit, done, _, _ = _fit_and_points(CUSTOM_CLEANING, done_other=["Städade trapphus åt bostadsbolaget"])
    assert (fit, done) == (TaskFit.DONE_RELATED, TASKS_DONE_WEIGHT // 2)


def test_related_earns_less_than_the_task_and_done_outweighs_wanted():
    points = {
        fit: _fit_and_points(DISHES, done, wanted)[1:3]
        for fit, done, wanted in [
            (TaskFit.DONE, ["i-wash-dishes"], []),
            (TaskFit.DONE_RELATED, ["i-prepare-vegetables"], []),
            (TaskFit.WANTED, [], ["i-wash-dishes"]),
            (TaskFit.WANTED_RELATED, [], ["i-prepare-vegetables"]),
        ]
    }
    totals = {fit: sum(p) for fit, p in points.items()}
    assert totals[TaskFit.DONE] > totals[TaskFit.DONE_RELATED] > 0
    assert totals[TaskFit.WANTED] > totals[TaskFit.WANTED_RELATED] > 0
    assert totals[TaskFit.DONE] > totals[TaskFit.WANTED]
    assert totals[TaskFit.DONE_RELATED] > totals[TaskFit.WANTED_RELATED]
    assert TASKS_DONE_WEIGHT > TASKS_WANTED_WEIGHT


def test_reasons_name_the_related_family():
    *_, result = _fit_and_points(CUSTOM_CLEANING, ["o-clean-offices"], ["i-wash-dishes"])
    reasons = {r.key: r.params for r in result.reasons}
    assert reasons["done_related_tasks"] == {"families": ("cleaning",)}
    assert "done_tasks" not in reasons


def test_points_split_over_the_offers_tasks():
    # Two tasks: one done (a half of 35), one related (a quarter): three quarters of 35, rounded down.
    offer = replace(offer_profile(1, {"tasks": [DISHES, CUSTOM_CLEANING]}), **_passing_offer())
    person = make_participant(tasks_done=frozenset({"i-wash-dishes", "o-clean-offices"}),
                              families_done=families_of(["i-wash-dishes", "o-clean-offices"], []))
    assert task_fits(offer, person) == (TaskFit.DONE, TaskFit.DONE_RELATED)
    assert dict(match(offer, person, TODAY).components)["tasks_done"] == 35 * 3 // 4
