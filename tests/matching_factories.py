"""Plain builders for matching profiles: a baseline that passes, overridable per case."""

from dataclasses import replace
from datetime import date

from portal.matching.profiles import OfferProfile, ParticipantProfile, TaskProfile
from portal.reference.vocabulary import SwedishLevel, TimeOfDay, Travel

TODAY = date(2026, 11, 1)

DISKNING = TaskProfile(name="diskning", task_key="diskning")
STADNING = TaskProfile(name="städning", task_key="stadning")


def make_offer(**overrides) -> OfferProfile:
    base = OfferProfile(
        offer_id=1,
        industry="I",
        area="centrum",
        reachable_by_public_transport=True,
        hours_per_week_min=10,
        hours_per_week_max=20,
        times_of_day=frozenset({TimeOfDay.MORNING, TimeOfDay.DAYTIME}),
        start_date=TODAY,
        end_date=None,
        adaptations=frozenset(),
        tasks=(DISKNING, STADNING),
    )
    return replace(base, **overrides)


def make_participant(**overrides) -> ParticipantProfile:
    base = ParticipantProfile(
        participant_id=1,
        swedish_level=SwedishLevel.A_LITTLE,
        other_languages=frozenset(),
        tasks_done=frozenset(),
        tasks_wanted=frozenset(),
        industries_of_interest=frozenset(),
        hours_per_week_min=10,
        hours_per_week_max=20,
        times_of_day=frozenset({TimeOfDay.MORNING, TimeOfDay.DAYTIME}),
        available_from=TODAY,
        reachable_areas=frozenset({"centrum"}),
        travel=frozenset({Travel.BIKE}),
        has_driving_licence=False,
        needs=frozenset(),
    )
    return replace(base, **overrides)
