"""Demo participants for the two demo consultants: about 60 varied, plausible people.

A seeded random generator draws from sensible distributions (many with a little or everyday
Swedish, tasks from restaurant, cleaning, retail, warehouse, property and care work), so that
candidate cards show meaningful matches and several people share the common combinations
(k-anonymity holds). Loading twice adds nothing: each person is looked up by consultant and name.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from portal.accounts.services import find_user_by_email
from portal.clock import today_in_stockholm
from portal.extensions import db
from portal.participants.models import Gender, Participant
from portal.participants.services import (
    ParticipantDetails,
    change_status,
    register_participant,
)
from portal.participants.states import Outcome, ParticipantStatus
from portal.reference.vocabulary import Need, SwedishLevel

SEED = 20261124
CONSULTANTS = ("konsulent@demo.brygga.se", "konsulent2@demo.brygga.se")
PER_CONSULTANT = 30

# Name pools by the language people in them often speak besides Swedish ("" = Swedish only).
NAME_POOLS = {
    "ar": (["Amina", "Fatima", "Rania", "Huda", "Noor", "Layla"], ["Ahmad", "Omar", "Yousef", "Khaled", "Samir", "Bilal"],
           ["Al-Hassan", "Haddad", "Khalil", "Mansour", "Nasser", "Saleh"]),
    "so": (["Hodan", "Faduma", "Ifrah", "Sahra", "Ayaan"], ["Abdi", "Mohamed", "Liban", "Abdirahman", "Yusuf"],
           ["Warsame", "Abdullahi", "Farah", "Osman", "Hussein"]),
    "ti": (["Selam", "Helen", "Senait", "Yohana"], ["Dawit", "Samuel", "Yonas", "Filmon"],
           ["Tesfay", "Gebremedhin", "Haile", "Berhane"]),
    "fa": (["Zahra", "Maryam", "Shirin", "Parwana"], ["Ali", "Reza", "Hamid", "Jawad"],
           ["Ahmadi", "Hosseini", "Rezaei", "Karimi", "Sultani"]),
    "ku": (["Berfin", "Rojda", "Nazdar"], ["Rebin", "Kawa", "Dilan"], ["Aziz", "Ibrahim", "Rashid"]),
    "bs": (["Amra", "Selma", "Lejla"], ["Emir", "Adnan", "Jasmin"], ["Hodžić", "Begić", "Mehmedović"]),
    "pl": (["Agnieszka", "Katarzyna"], ["Piotr", "Marek"], ["Kowalski", "Nowak", "Wiśniewski"]),
    "uk": (["Olena", "Iryna", "Natalia"], ["Oleksandr", "Andrii"], ["Shevchenko", "Kovalenko", "Bondarenko"]),
    "th": (["Siriporn", "Malee"], ["Somchai"], ["Srisuk", "Boonmee"]),
    "": (["Anna", "Lena", "Sofia", "Johanna", "Malin", "Elin"], ["Johan", "Mikael", "Daniel", "Patrik", "Jonas", "Anders"],
         ["Johansson", "Karlsson", "Nilsson", "Eriksson", "Lindberg", "Holm", "Sundberg", "Åberg"]),
}
POOL_WEIGHTS = {"ar": 20, "so": 14, "ti": 8, "fa": 10, "ku": 6, "bs": 4, "pl": 4, "uk": 6, "th": 3, "": 25}

# Each person leans to one kind of work: its SNI section, task examples and how they put it.
TRACKS = {
    "kitchen": ("I", ["i-wash-dishes", "i-prepare-vegetables", "c-bakery-help"],
                ["Vill jobba i ett storkök eller på en restaurang.", "Tycker om att laga mat, har lagat åt stor familj.",
                 "Vill börja med disk och komma vidare till köket."]),
    "restaurant": ("I", ["i-clear-tables", "i-set-out-breakfast", "i-wash-dishes", "i-clean-hotel-rooms"],
                   ["Vill jobba på ett café eller hotell, gärna med gästerna.", "Vill servera och duka, och lära sig mer svenska."]),
    "cleaning": ("O", ["o-clean-offices", "o-clean-stairwells", "o-tidy-waste-room", "o-pick-litter"],
                 ["Har städat mycket hemma och vill göra det till ett jobb.", "Vill jobba med städning, gärna tidigt på dagen.",
                  "Trivs med att göra rent och se resultat direkt."]),
    "retail": ("G", ["g-restock-shelves", "g-face-up-shelves", "g-check-dates", "g-collect-trolleys", "g-bottle-return"],
               ["Vill jobba i en butik, gärna med varor och hyllor.", "Har jobbat i familjens affär i hemlandet.",
                "Vill träffa folk och lära sig mer svenska i jobbet."]),
    "warehouse": ("H", ["h-pack-parcels", "h-sort-parcels", "h-wrap-pallets", "h-count-stock"],
                  ["Vill jobba på lager, gillar ordning.", "Vill ha ett praktiskt jobb med händerna.",
                   "Har packat på fabrik tidigare och vill göra det igen."]),
    "property": ("O", ["o-mow-and-rake", "o-clear-snow", "o-pick-litter", "o-tidy-waste-room"],
                 ["Vill jobba utomhus, med gårdar och parker.", "Tycker om att vara ute och röra på sig."]),
    "care": ("R", ["r-serve-meals", "r-laundry", "r-tidy-common-rooms", "r-keep-company"],
             ["Vill jobba med äldre, har tagit hand om sina föräldrar.", "Vill göra något för andra människor.",
              "Vill jobba på ett äldreboende, gärna med maten."]),
}
# What people tell their consultant they did, in their own words: the words find the task family.
OWN_WORDS = {
    "kitchen": "Diskade och skalade grönsaker på en restaurang i hemlandet",
    "cleaning": "Städat i moskén",
    "care": "Serverat mat på ett boende",
}
TRACK_WEIGHTS = {"kitchen": 18, "restaurant": 12, "cleaning": 22, "retail": 20, "warehouse": 14, "property": 8, "care": 10}

AREA_WEIGHTS = {"centrum": 30, "norrby": 22, "soderang": 18, "vasterhojd": 10, "ostermalm": 8,
                "ekbacken": 6, "hamnen": 8, "kvarnholmen": 6, "lillby": 3, "storvik": 3}
HOURS = [(10, 20), (10, 20), (15, 25), (20, 30), (20, 40), (8, 16), (25, 40)]
NEED_WEIGHTS = {
    Need.INSTRUCTIONS_SHOWN: 30, Need.INSTRUCTIONS_PICTURES: 12, Need.INSTRUCTIONS_SPOKEN: 8,
    Need.SIMPLE_WRITTEN_SWEDISH: 14, Need.REDUCED_HOURS: 12, Need.OWN_PACE: 10, Need.NO_HEAVY_LIFTING: 12,
    Need.STEP_FREE_ACCESS: 3, Need.QUIET_PLACE: 6,
}
NOTES = [
    "Hämtar barn på förskolan 15.30, vill sluta senast 15.",
    "Har SFI på måndagar och onsdagar förmiddag.",
    "Vill gärna börja med några timmar och öka.",
    "Motiverad, har frågat efter praktik flera gånger.",
    "Har varit borta från arbetslivet länge; vill börja lugnt.",
    "Vill helst inte jobba kvällar.",
    "",
    "",
]


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _some(rng: random.Random, weights: dict, count: int) -> list:
    chosen: list = []
    while len(chosen) < count:
        item = _weighted(rng, weights)
        if item not in chosen:
            chosen.append(item)
    return chosen


def _swedish(rng: random.Random, pool: str) -> SwedishLevel:
    if pool == "":
        return rng.choice([SwedishLevel.GOOD, SwedishLevel.GOOD, SwedishLevel.EVERYDAY])
    return _weighted(rng, {SwedishLevel.NONE: 15, SwedishLevel.A_LITTLE: 40, SwedishLevel.EVERYDAY: 35, SwedishLevel.GOOD: 10})


def _person(rng: random.Random, taken: set[str]) -> ParticipantDetails:
    today = today_in_stockholm()
    gender = _weighted(rng, {Gender.WOMAN: 55, Gender.MAN: 40, Gender.OTHER: 2, Gender.UNDISCLOSED: 3})
    while True:  # a small pool can run out of unused names: then another pool is drawn
        pool = _weighted(rng, POOL_WEIGHTS)
        women, men, surnames = NAME_POOLS[pool]
        first = rng.choice(women if gender is Gender.WOMAN else men if gender is Gender.MAN else women + men)
        name = f"{first} {rng.choice(surnames)}"
        if name not in taken:
            taken.add(name)
            break
    track = _weighted(rng, TRACK_WEIGHTS)
    section, tasks, wishes = TRACKS[track]
    industries = [section]
    if rng.random() < 0.35:
        other_section = TRACKS[_weighted(rng, TRACK_WEIGHTS)][0]
        if other_section not in industries:
            industries.append(other_section)
    done = rng.sample(tasks, rng.choice([0, 1, 1, 2]))
    wanted = [t for t in rng.sample(tasks, min(len(tasks), rng.choice([1, 2, 3]))) if t not in done]
    languages = [pool] if pool else []
    if pool and rng.random() < 0.3:
        languages.append(rng.choice(["en", "ar", "fr", "ru"]))
    languages = list(dict.fromkeys(code for code in languages if code))
    licence = rng.random() < 0.2
    travel = ["public_transport"] if rng.random() < 0.75 else []
    if rng.random() < 0.4:
        travel.append("bike")
    if rng.random() < 0.35:
        travel.append("walk")
    if licence and rng.random() < 0.5:
        travel.append("car")
    low, high = rng.choice(HOURS)
    times = ["daytime"]
    for extra, chance in (("morning", 0.35), ("afternoon", 0.4), ("evening", 0.15), ("weekend", 0.15)):
        if rng.random() < chance:
            times.append(extra)
    needs = [n.value for n in _some(rng, NEED_WEIGHTS, rng.choice([0, 1, 1, 2]))]
    if track in ("warehouse", "property") and Need.NO_HEAVY_LIFTING.value in needs:
        needs.remove(Need.NO_HEAVY_LIFTING.value)
    return ParticipantDetails(
        name=name,
        birth_year=today.year - rng.randint(25, 62),
        gender=gender,
        swedish_level=_swedish(rng, pool),
        hours_per_week_min=low,
        hours_per_week_max=high,
        available_from=today + timedelta(days=rng.choice([0, 0, 7, 14, 30, 45])),
        wishes=rng.choice(wishes),
        industries=industries,
        tasks_done=done,
        tasks_wanted=wanted,
        tasks_done_other=[OWN_WORDS[track]] if track in OWN_WORDS and rng.random() < 0.25 else [],
        other_languages=languages,
        times_of_day=times,
        areas=_some(rng, AREA_WEIGHTS, rng.choice([2, 2, 3, 4])),
        travel=travel or ["walk"],
        driving_licence=licence,
        needs=needs,
        notes=rng.choice(NOTES),
    )


def load() -> int:
    """Register the demo participants that are missing; returns how many were added."""
    rng = random.Random(SEED)
    taken: set[str] = set()
    added = 0
    for email in CONSULTANTS:
        consultant = find_user_by_email(email)
        if consultant is None:
            continue
        for index in range(PER_CONSULTANT):
            details = _person(rng, taken)
            # Drawn whether or not it is used, so a second load draws the same people.
            status_roll = rng.random()
            exists = db.session.scalar(
                select(Participant.id).where(Participant.consultant_id == consultant.id, Participant.name == details.name)
            )
            if exists:
                continue
            participant = register_participant(consultant, details)
            added += 1
            if status_roll < 0.08:
                change_status(participant, ParticipantStatus.PAUSED, actor=consultant)
            elif status_roll < 0.12:
                change_status(participant, ParticipantStatus.ENDED, actor=consultant, outcome=Outcome.JOB)
    db.session.flush()
    return added
