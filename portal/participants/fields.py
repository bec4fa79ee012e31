"""Labels for the participant's codes, in one place for the form, the record and the caseload."""

from __future__ import annotations

from babel import Locale
from flask_babel import get_locale, lazy_pgettext
from flask_babel import lazy_gettext as _l

from portal.participants.models import Gender
from portal.participants.states import Outcome, ParticipantStatus
from portal.reference.labels import TIME_OF_DAY_LABELS
from portal.reference.vocabulary import Need, SwedishLevel, Travel

GENDER_LABELS = {
    Gender.WOMAN: _l("Woman"),
    Gender.MAN: _l("Man"),
    Gender.OTHER: _l("Other"),
    Gender.UNDISCLOSED: _l("Prefers not to say"),
}
SWEDISH_LABELS = {
    SwedishLevel.NONE: _l("None yet"),
    SwedishLevel.A_LITTLE: _l("A little – single words and short phrases"),
    SwedishLevel.EVERYDAY: _l("Everyday – can talk with colleagues and customers"),
    SwedishLevel.GOOD: _l("Good – reads and writes Swedish at work"),
}
TRAVEL_LABELS = {
    Travel.WALK: _l("Walking"),
    Travel.BIKE: _l("Bicycle"),
    Travel.PUBLIC_TRANSPORT: _l("Bus or train"),
    Travel.CAR: _l("Own car"),
}
# Written as what the person needs at work, in plain words: never a diagnosis.
NEED_LABELS = {
    Need.INSTRUCTIONS_SHOWN: _l("Needs instructions that are shown, not written"),
    Need.INSTRUCTIONS_PICTURES: _l("Needs instructions with pictures"),
    Need.INSTRUCTIONS_SPOKEN: _l("Needs instructions given by speaking"),
    Need.SIMPLE_WRITTEN_SWEDISH: _l("Needs written instructions in simple Swedish"),
    Need.REDUCED_HOURS: _l("Needs shorter working days to begin with"),
    Need.OWN_PACE: _l("Needs to work at their own pace"),
    Need.NO_HEAVY_LIFTING: _l("Cannot lift heavy things"),
    Need.STEP_FREE_ACCESS: _l("Needs a workplace without steps"),
    Need.QUIET_PLACE: _l("Needs a quiet place to work"),
}
STATUS_LABELS = {
    ParticipantStatus.ACTIVE: lazy_pgettext("participant", "Active"),
    ParticipantStatus.PAUSED: lazy_pgettext("participant", "Paused"),
    ParticipantStatus.PLACED: _l("In a placement"),
    ParticipantStatus.ENDED: _l("Ended"),
}
OUTCOME_LABELS = {
    Outcome.JOB: _l("Got a job"),
    Outcome.STUDIES: _l("Started studying"),
    Outcome.OTHER: _l("Other reason"),
}

# Languages people in the programme often speak besides Swedish (ISO 639-1), in no
# particular order of worth; the names come from the locale's own data, not the catalogue.
LANGUAGES: tuple[str, ...] = (
    "ar", "so", "ti", "am", "fa", "ps", "ku", "tr", "bs", "sq", "pl", "ro",
    "uk", "ru", "es", "fr", "en", "de", "fi", "th",
)


def language_name(code: str, locale: object | None = None) -> str:
    """The language's name in the reader's language, with a capital letter, e.g. "Arabiska"."""
    locale = Locale.parse(str(locale or get_locale() or "sv"))
    name = locale.languages.get(code, code)
    return name[:1].upper() + name[1:]


def labels(mapping, codes) -> list[str]:
    """The labels of the codes, in the mapping's order (a removed code is skipped)."""
    chosen = set(codes)
    return [str(label) for code, label in mapping.items() if code.value in chosen]


def task_groups(locale: object | None = None) -> list[tuple[str, str, list[str]]]:
    """The task examples by industry, as (section code, section name, example ids), in file order."""
    from portal.reference.sni import section_name
    from portal.reference.task_examples import all_examples

    locale = locale or get_locale()
    groups: dict[str, list[str]] = {}
    for example in all_examples():
        groups.setdefault(example.section, []).append(example.id)
    return [(code, section_name(code, locale), ids) for code, ids in groups.items()]


def task_name(key: str, locale: object | None = None) -> str:
    """A task example's name in the reader's language, or the free name as typed."""
    from portal.reference.task_examples import example_by_id

    example = example_by_id(key)
    return example.name(locale or get_locale()) if example else key


SWEDISH_SHORT = {
    SwedishLevel.NONE: _l("None yet"),
    SwedishLevel.A_LITTLE: _l("A little"),
    SwedishLevel.EVERYDAY: _l("Everyday"),
    SwedishLevel.GOOD: _l("Good"),
}


def shown(participant) -> dict[str, list[str]]:
    """The record's coded values as readable words, for the record page."""
    from portal.reference.areas import area_name
    from portal.reference.sni import is_section, section_name

    locale = get_locale()
    return {
        "industries": [section_name(code, locale) for code in participant.industries if is_section(code)],
        "tasks_done": [task_name(key, locale) for key in participant.tasks_done] + list(participant.tasks_done_other),
        "tasks_wanted": [task_name(key, locale) for key in participant.tasks_wanted]
        + list(participant.tasks_wanted_other),
        "languages": [language_name(code, locale) for code in participant.other_languages],
        "times_of_day": labels(TIME_OF_DAY_LABELS, participant.times_of_day),
        "areas": [area_name(code) for code in participant.areas],
        "travel": labels(TRAVEL_LABELS, participant.travel),
        "needs": labels(NEED_LABELS, participant.needs),
    }
