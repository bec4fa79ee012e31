"""Generated participants for the benchmarks: varied, reproducible from a seed."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

from portal.reference.vocabulary import Need, SwedishLevel, TimeOfDay, Travel
from tests.matching_factories import TODAY, make_participant

AREAS = ["centrum", "norr", "söder", "öster", "väster"]


def generated_people(size: int, tasks: list[str], seed: int = 7):
    rng = random.Random(seed)
    return [
        replace(
            make_participant(),
            participant_id=pid,
            swedish_level=rng.choice(list(SwedishLevel)),
            tasks_done=frozenset(rng.sample(tasks, rng.randint(0, 3))),
            tasks_wanted=frozenset(rng.sample(tasks, rng.randint(0, 2))),
            hours_per_week_min=rng.choice([5, 10, 15, 20]),
            hours_per_week_max=rng.choice([20, 25, 30, 40]),
            times_of_day=frozenset(rng.sample(list(TimeOfDay), rng.randint(1, 3))),
            available_from=TODAY + timedelta(days=rng.choice([0, 0, 14, 30, 60, 120])),
            reachable_areas=frozenset(rng.sample(AREAS, rng.randint(1, 3))),
            travel=frozenset(rng.sample(list(Travel), rng.randint(1, 2))),
            needs=frozenset(rng.sample([Need.INSTRUCTIONS_SHOWN, Need.OWN_PACE, Need.QUIET_PLACE], rng.randint(0, 1))),
        )
        for pid in range(1, size + 1)
    ]
