"""Participant factories: plain functions with overrides; they flush, never commit."""

from __future__ import annotations

import itertools
from datetime import date

from portal.accounts.models import Role
from portal.extensions import db
from portal.participants.models import Gender, Participant
from portal.participants.states import ParticipantStatus
from portal.reference.vocabulary import SwedishLevel
from tests.factories import make_user

_sequence = itertools.count(1)


def make_participant(consultant=None, **overrides) -> Participant:
    n = next(_sequence)
    values = {
        "consultant": consultant or make_user(role=Role.CONSULTANT),
        "name": f"Deltagare {n}",
        "birth_year": 1985,
        "gender": Gender.WOMAN,
        "wishes": "Vill jobba i kök, gärna på förmiddagen.",
        "industries": ["I"],
        "tasks_done": ["i-wash-dishes"],
        "tasks_done_other": [],
        "tasks_wanted": ["i-prepare-vegetables"],
        "tasks_wanted_other": ["Baka bröd"],
        "swedish_level": SwedishLevel.A_LITTLE,
        "other_languages": ["ar"],
        "hours_per_week_min": 10,
        "hours_per_week_max": 20,
        "times_of_day": ["daytime"],
        "available_from": date(2026, 1, 1),
        "areas": ["centrum"],
        "travel": ["public_transport"],
        "driving_licence": False,
        "needs": ["instructions_shown"],
        "notes": "Anteckning",
        "status": ParticipantStatus.ACTIVE,
    }
    values.update(overrides)
    if "unit" not in values and "unit_id" not in values:
        values["unit_id"] = values["consultant"].unit_id
    participant = Participant(**values)
    db.session.add(participant)
    db.session.flush()
    return participant
