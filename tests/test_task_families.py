"""The task vocabulary's families: every example belongs to one, each is named in both languages,
and a task written in someone's own words finds its family from plain word matching."""

from __future__ import annotations

import pytest

from portal.reference.task_examples import (
    all_examples,
    all_families,
    examples_in_family,
    family_by_code,
    suggest_families,
)


def test_every_example_belongs_to_a_family():
    assert [example.id for example in all_examples() if family_by_code(example.family) is None] == []


def test_every_family_has_swedish_and_english_names_and_words():
    for family in all_families():
        assert family.name_sv.strip() and family.name_en.strip(), family.code
        assert family.words_sv and family.words_en, family.code


def test_every_family_has_examples_and_the_families_the_issue_names_exist():
    codes = {family.code for family in all_families()}
    assert {"dishwashing_kitchen", "cleaning", "shelf_filling", "goods_handling", "care_support", "simple_repairs", "office_help"} <= codes
    assert [family.code for family in all_families() if not examples_in_family(family.code)] == []


@pytest.mark.parametrize("language", ["sv", "en"])
def test_each_example_suggests_its_own_family_from_its_words(language):
    missed = [
        example.id
        for example in all_examples()
        if example.family not in [f.code for f in suggest_families(f"{example.name(language)} {example.description(language)}")]
    ]
    assert missed == []


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Diska", "dishwashing_kitchen"),
        ("Städa personalrummet och dammsuga", "cleaning"),
        ("Städning av trappor", "cleaning"),
        ("Plocka ihop beställningar i lagret", "goods_handling"),
        ("Rasta hundarna", "animal_care"),
        ("Laga cyklar", "simple_repairs"),
        ("Klippa gräset", "outdoor_care"),
        ("Sortera kläder som skänkts", "sorting_recycling"),
        ("Kopiera och skanna papper", "office_help"),
        ("Vika tvätt", "laundry"),
        ("Wash the dishes", "dishwashing_kitchen"),
        ("Stack chairs in the hall", "event_setup"),
    ],
)
def test_a_task_in_own_words_finds_its_family_first(text, first):
    assert suggest_families(text)[0].code == first


@pytest.mark.parametrize("text", ["Skriva program i Python", "", "   "])
def test_words_that_point_at_no_family_suggest_none(text):
    assert suggest_families(text) == []


@pytest.mark.parametrize(("text", "not_found"), [("Kontrollera kontoret", "animal_care"), ("Bära in varor från lastbilen", "vehicle_care")])
def test_a_short_word_is_not_found_inside_a_longer_one(text, not_found):
    # "kor" (cows) is not in "kontoret", "bil" (car) is not in "lastbilen".
    assert not_found not in [f.code for f in suggest_families(text)]


def test_suggestions_are_at_most_three_and_best_first():
    suggestions = suggest_families("Diska, städa, tvätta, vika, klippa gräs, mata djuren och bära möbler")
    assert len(suggestions) == 3
    assert len({f.code for f in suggestions}) == 3


@pytest.mark.parametrize("text, family", [
    ("Trappstädning varje vecka", "cleaning"),  # the last part of a compound: städning
    ("Diska kastruller i storköket efter lunchen", "dishwashing_kitchen"),
    ("Ställa tillbaka böcker på hyllorna", "shelf_filling"),  # "tillbaka" is not baking
])
def test_the_last_part_of_a_swedish_compound_counts(text, family):
    assert suggest_families(text)[0].code == family
