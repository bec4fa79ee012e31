import string

import pytest

from portal.reference.sni import (
    SniSection,
    is_section,
    load_sections,
    section_by_code,
    section_name,
)


def test_sections_run_from_a_to_v_as_in_nace_rev_2_1():
    codes = [section.code for section in load_sections()]
    assert codes == list(string.ascii_uppercase[: string.ascii_uppercase.index("V") + 1])


def test_codes_are_unique():
    codes = [section.code for section in load_sections()]
    assert len(codes) == len(set(codes))


def test_every_section_has_both_names():
    for section in load_sections():
        assert isinstance(section, SniSection)
        assert section.name_sv.strip() and section.name_en.strip()


def test_load_sections_is_cached():
    assert load_sections() is load_sections()


@pytest.mark.parametrize(
    ("code", "locale", "name"),
    [
        ("C", "sv", "Tillverkning"),
        ("C", "en", "Manufacturing"),
        ("F", "sv", "Byggverksamhet"),
        ("I", "sv", "Hotell och restaurang"),
        ("I", "en", "Accommodation and food services"),
        ("Q", "en", "Education"),
        ("R", "sv", "Vård och omsorg, sociala tjänster"),
        ("S", "en", "Arts, sports and recreation"),
        ("T", "en", "Other services"),
        ("o", "en_GB", "Administrative and support services"),
        ("G", "sv_SE", "Partihandel och detaljhandel"),
        ("G", "en-US", "Wholesale and retail trade"),
        ("G", "de", "Partihandel och detaljhandel"),  # unsupported locale falls back to Swedish
    ],
)
def test_section_name_by_locale(code, locale, name):
    assert section_name(code, locale) == name


def test_unknown_code_raises_key_error():
    with pytest.raises(KeyError):
        section_name("W", "sv")
    assert not is_section("W")
    assert is_section("a")
    assert section_by_code(" h ").code == "H"
