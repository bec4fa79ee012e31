import re
from collections import Counter

import pytest

from portal.reference.sni import is_section
from portal.reference.task_examples import (
    FREQUENCIES,
    PHYSICAL_DEMANDS,
    SWEDISH_LEVELS,
    TaskExample,
    all_examples,
    example_by_id,
    examples_for_section,
)

TEXT_FIELDS = ("name_sv", "name_en", "description_sv", "description_en", "tools_sv", "tools_en")
LOW_THRESHOLD_SECTIONS = ("A", "C", "E", "F", "G", "H", "I", "O", "P", "R", "S", "T")


def test_there_are_examples():
    assert len(all_examples()) >= 50


def test_ids_are_unique_and_stable_looking():
    ids = Counter(example.id for example in all_examples())
    assert [example_id for example_id, count in ids.items() if count > 1] == []
    for example in all_examples():
        assert re.fullmatch(r"[a-z]-[a-z0-9]+(-[a-z0-9]+)*", example.id), example.id
        assert example.id[0] == example.section.lower(), example.id


@pytest.mark.parametrize("example", all_examples(), ids=lambda example: example.id)
def test_every_example_is_complete_in_both_languages(example):
    for field in TEXT_FIELDS:
        value = getattr(example, field)
        assert isinstance(value, str) and value.strip(), field
        assert value == value.strip(), field
    assert example.name_sv != example.name_en
    assert example.description_sv != example.description_en
    assert example.description_sv.endswith(".") and example.description_en.endswith(".")


@pytest.mark.parametrize("example", all_examples(), ids=lambda example: example.id)
def test_codes_are_within_the_allowed_sets(example):
    assert example.frequency in FREQUENCIES
    assert example.physical_demand in PHYSICAL_DEMANDS
    assert example.swedish_needed in SWEDISH_LEVELS
    assert isinstance(example.can_be_shown, bool)


def test_every_section_exists_in_the_sni_file():
    for example in all_examples():
        assert is_section(example.section), example.id


@pytest.mark.parametrize("code", LOW_THRESHOLD_SECTIONS)
def test_low_threshold_sections_have_four_to_eight_examples(code):
    assert 4 <= len(examples_for_section(code)) <= 8


def test_examples_for_section_accepts_lower_case_and_returns_empty_for_none():
    assert examples_for_section("i") == examples_for_section("I")
    assert all(example.section == "I" for example in examples_for_section("I"))
    assert examples_for_section("L") == ()
    assert examples_for_section("ZZ") == ()


def test_example_by_id():
    example = example_by_id("i-wash-dishes")
    assert isinstance(example, TaskExample)
    assert example.name("sv") == "Diska och ställa in porslin"
    assert example.name("en_GB") == "Wash up and put away crockery"
    assert example.description("en").startswith("Rinse")
    assert "Diskmaskin" in example.tools("sv_SE")
    assert example_by_id("no-such-task") is None


def test_not_every_task_is_the_same():
    # The examples should show employers the whole range, not one profile.
    examples = all_examples()
    assert {example.physical_demand for example in examples} == set(PHYSICAL_DEMANDS)
    assert {example.frequency for example in examples} == set(FREQUENCIES)
    assert {example.swedish_needed for example in examples} >= {"none", "a_little", "everyday"}
    assert any(not example.can_be_shown for example in examples)
