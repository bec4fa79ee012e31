import dataclasses
import datetime

import pytest
from stdnum.se import personnummer

from portal.employers.orgnr import (
    ERROR_CODES,
    InvalidOrganisationNumber,
    OrganisationNumber,
    parse_organisation_number,
)

TODAY = datetime.date(2025, 6, 1)


def parse(raw: str) -> OrganisationNumber:
    return parse_organisation_number(raw, today=TODAY)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("556016-0680", "556016-0680"),  # aktiebolag
        ("5560160680", "556016-0680"),
        ("  556016-0680 ", "556016-0680"),
        ("556016 0680", "556016-0680"),
        ("556 016-0680", "556016-0680"),
        ("556016\u20130680", "556016-0680"),  # en dash from a word processor
        ("16556016-0680", "556016-0680"),
        ("165560160680", "556016-0680"),
        ("212000-0142", "212000-0142"),  # a municipality
        ("16212000-0142", "212000-0142"),
        ("202100-5489", "202100-5489"),  # a government agency
    ],
)
def test_company_numbers_normalise_to_ten_digits_with_hyphen(raw, expected):
    number = parse(raw)
    assert number.normalised == expected
    assert number.is_personal_number is False
    assert number.masked() == expected
    assert str(number) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "811218-9876",
        "8112189876",
        "19811218-9876",
        "198112189876",
        "19811218+9876",
        " 811218 - 9876 ",
    ],
)
def test_personnummer_in_every_form_normalises_to_the_same_string(raw):
    number = parse(raw)
    assert number.normalised == "19811218-9876"
    assert number.is_personal_number is True
    assert number.masked() == "811218-****"


def test_normalised_personnummer_still_validates_with_stdnum():
    assert personnummer.is_valid(parse("8112189876").normalised)


def test_plus_means_a_hundred_years_or_more():
    assert parse("880320+0016").normalised == "18880320-0016"
    assert parse("880320-0016").normalised == "19880320-0016"


def test_two_digit_year_resolves_to_the_latest_past_century():
    assert parse("000101-0008").normalised == "20000101-0008"
    assert parse("250101-0009").normalised == "20250101-0009"
    # 2026 has not happened yet on TODAY, so "26" means 1926.
    assert parse("260101-0008").normalised == "19260101-0008"


def test_masked_hides_the_last_four_digits_only():
    number = parse("19890102-3286")
    assert number.masked() == "890102-****"
    assert "3286" not in number.masked()


def test_result_is_frozen():
    number = parse("556016-0680")
    with pytest.raises(dataclasses.FrozenInstanceError):
        number.normalised = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("556016-0681", "checksum"),
        ("5560160689", "checksum"),
        ("16556016-0681", "checksum"),
        ("212000-0143", "checksum"),
        ("811218-9875", "checksum"),
        ("19811218-9877", "checksum"),
        ("556O16-0680", "format"),  # letter O for zero
        ("SE556016068001", "format"),  # a VAT number
        ("abc", "format"),
        ("556016--0680", "format"),
        ("5560-160680", "format"),
        ("556016+0680", "format"),  # plus belongs to personnummer only
        ("15556016-0680", "format"),  # no such prefix
        ("16811218-9876", "format"),  # "16" in front of a birth date
        ("556016-068", "length"),
        ("55601606800", "length"),
        ("1655601606800", "length"),
        ("811318-9876", "date"),  # month 13
        ("810230-9876", "date"),  # 30 February
        ("811278-9876", "date"),  # samordningsnummer
        ("20301218-9876", "date"),  # born in the future
    ],
)
def test_invalid_numbers_raise_with_a_stable_code(raw, code):
    with pytest.raises(InvalidOrganisationNumber) as excinfo:
        parse(raw)
    assert excinfo.value.code == code
    assert code in ERROR_CODES


def test_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse("nonsense")


def test_today_defaults_to_the_real_date():
    assert parse_organisation_number("811218-9876").normalised == "19811218-9876"
