"""Demo offers: every lifecycle state, three industries, review comments and a resubmission.

Idempotent: an offer is made only if its organisation has none with that name yet.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.clock import now, today_in_stockholm
from portal.employers.models import Organisation
from portal.extensions import db
from portal.offers import services
from portal.offers.models import Offer
from portal.reference.task_examples import example_by_id
from portal.review.models import Decision
from portal.review.services import decide

COORDINATOR_EMAIL = "koordinator@demo.brygga.se"


def _task(name: str, description: str, *, family: str, frequency="daily", physical="light", swedish="none", shown=True, tools=""):
    """A task in the employer's own words, tied to the task family they confirmed."""
    return {
        "name": name,
        "description": description,
        "family": family,
        "frequency": frequency,
        "physical_demand": physical,
        "swedish_needed": swedish,
        "can_be_shown": shown,
        "tools": tools,
    }


def _example(example_id: str, **changes) -> dict[str, Any]:
    """A task picked from the vocabulary's examples (in Swedish), with what this workplace changed."""
    example = example_by_id(example_id)
    if example is None:
        raise ValueError(f"no task example {example_id!r}")
    task = {
        "example_id": example.id,
        "name": example.name_sv,
        "description": example.description_sv,
        "family": example.family,
        "frequency": example.frequency,
        "physical_demand": example.physical_demand,
        "swedish_needed": example.swedish_needed,
        "can_be_shown": example.can_be_shown,
        "tools": example.tools_sv,
    }
    renamed = {"physical": "physical_demand", "swedish": "swedish_needed", "shown": "can_be_shown"}
    task.update({renamed.get(key, key): value for key, value in changes.items()})
    return task


def _workplace(address: str, area: str, transport: str, supervisor: tuple[str, str, str], **overrides) -> dict[str, Any]:
    values = {
        "address": address,
        "area": area,
        "public_transport": transport,
        "places": 1,
        "pair_placement": False,
        "days": ["mon", "tue", "wed", "thu"],
        "times_of_day": ["daytime"],
        "hours_description": "9–13",
        "hours_per_week": 16,
        "start_date": today_in_stockholm() + timedelta(days=21),
        "length_weeks": 12,
        "adaptations": ["instructions_shown", "hours_and_pace"],
        "placement_kind": "praktik",
        "supervisor_name": supervisor[0],
        "supervisor_role": supervisor[1],
        "supervisor_phone": supervisor[2],
    }
    values.update(overrides)
    return values


KAFE = ("Storgatan 12, Småstad", "centrum", "Buss 2 eller 4 till Stortorget, 2 minuters promenad.", ("Eva Berg", "Ägare och köksansvarig", "070-111 22 33"))
LINDGREN = ("Verkstadsvägen 5, Småstad", "kvarnholmen", "Buss 7 till Verkstadsvägen, hållplatsen ligger utanför.", ("Lars Lindgren", "Arbetsledare", "070-444 55 66"))
KOST = ("Solbackens äldreboende, Parkvägen 3, Småstad", "norrby", "Buss 1 till Solbacken.", ("Johan Ek", "Kökschef", "010-123 40 00"))

# organisation number, title, industry, workplace, tasks, the story that brings it to its state
DEMO_OFFERS = [
    ("556677-8899", "Diskare och kökshjälp", "I", KAFE, [
        _example("i-wash-dishes", description="Sätta in disk i diskmaskinen, ta ut den och ställa in på rätt plats.", tools="Diskmaskin, gummihandskar"),
        _example("i-prepare-vegetables", description="Skala potatis och morötter och skära dem i bitar till lunchen.", tools="Kniv, skalare"),
    ], "live", {}),
    ("556677-8899", "Servering i caféet", "I", KAFE, [
        _example("i-clear-tables", description="Bära ut disk från borden och torka av dem mellan gästerna."),
        _task("Ta betalt i kassan", "Ta emot betalning med kort i kassan.", family="serving", swedish="everyday", shown=False),
    ], "changes_requested", {"comments": {"hours_description": "Skriv gärna exakta klockslag, till exempel 10.00–14.00.", "task:1": "Behövs verkligen vardaglig svenska i kassan? Kan den visas?"}}),
    ("556677-8899", "Frukostvärd", "I", KAFE, [
        _example("i-set-out-breakfast", description="Ställa fram bröd, pålägg och kaffe innan caféet öppnar."),
    ], "resubmitted", {"overrides": {"times_of_day": ["morning"], "hours_description": "6.30–10"}}),
    ("556677-8899", "Bakning inför helgen", "I", KAFE, [
        _task("Väga upp ingredienser", "Väga mjöl, socker och smör enligt receptet med bilder inför bakningen.", family="dishwashing_kitchen", frequency="weekly"),
    ], "draft", {}),
    ("556123-4567", "Trappstädning", "O", LINDGREN, [
        _example("o-clean-stairwells", description="Sopa och våttorka trappor och torka av ledstänger.", tools="Mopp, hink, handskar"),
    ], "paused", {}),
    ("556123-4567", "Snöskottning", "O", LINDGREN, [
        _example("o-clear-snow", description="Skotta gångar och trappor och strö sand när det är halt.", tools="Snöskyffel, varma kläder"),
    ], "expired", {"overrides": {"start_date": today_in_stockholm() - timedelta(weeks=10), "length_weeks": 6}}),
    ("556123-4567", "Gräsklippning", "O", LINDGREN, [
        _example("o-mow-and-rake", description="Klippa gräsmattor med åkgräsklippare och kratta löv."),
    ], "filled", {"overrides": {"places": 2, "pair_placement": True}}),
    ("556123-4567", "Kontorsstädning", "O", LINDGREN, [
        _example("o-clean-offices", description="Dammsuga, tömma papperskorgar och torka ytor."),
    ], "rejected", {"reason": "Platsen kräver eget körkort och bil, som vi inte kan ordna för deltagarna. Ring mig så pratar vi om ett annat upplägg."}),
    ("212000-0142", "Servering på äldreboendet", "R", KOST, [
        _example("r-serve-meals", description="Lägga upp mat, servera de boende och duka av."),
        _task("Torka av borden i matsalen", "Torka av borden och stolarna i matsalen efter varje måltid.", family="cleaning"),
    ], "live_change", {}),
    ("212000-0142", "Vika tvätt", "R", KOST, [
        _example("r-laundry", description="Sortera, tvätta och vika handdukar och lakan."),
    ], "closed", {}),
    ("212000-0142", "Disk i storköket", "I", KOST, [
        _example("i-wash-dishes", name="Diska i storkök", description="Diska kastruller och bleck i storköket.", physical="heavy"),
    ], "withdrawn", {}),
    ("212000-0142", "Skala grönsaker", "I", KOST, [
        _example("i-prepare-vegetables", description="Skala och skära grönsaker till dagens lunch.", tools="Kniv, skärbräda"),
    ], "submitted", {}),
]


def load() -> list[Offer]:
    """Create the demo offers that are missing; running it again changes nothing."""
    coordinator = db.session.scalar(select(User).where(User.email == COORDINATOR_EMAIL))
    made = []
    for number, title, industry, place, tasks, story, extra in DEMO_OFFERS:
        organisation = db.session.scalar(select(Organisation).where(Organisation.organisation_number == number))
        if organisation is None:
            continue
        exists = db.session.scalar(select(Offer.id).where(Offer.organisation_id == organisation.id, Offer.title == title))
        if exists is not None:
            continue
        employer = db.session.scalar(
            select(User).where(User.organisation_id == organisation.id, User.role == Role.EMPLOYER).order_by(User.id)
        )
        made.append(_make(employer, coordinator, title, industry, place, tasks, story, extra))
    db.session.flush()
    return made


def _make(employer, coordinator, title, industry, place, tasks, story, extra) -> Offer:
    offer = services.create_offer(employer)
    services.save_offer_answers(offer, {"title": title, "industry": industry, **_workplace(*place), **extra.get("overrides", {})})
    for task in tasks:
        task = dict(task)
        services.add_task(offer, task, example_id=task.pop("example_id", None))
    if story == "draft":
        services.save_offer_answers(offer, {"supervisor_name": "", "supervisor_phone": ""})
        return offer
    snapshot = services.submit_offer(offer, employer)
    snapshot.submitted_at = now() - timedelta(days=6)

    def review(decision: Decision, reason: str = "", comments: dict[str, str] | None = None) -> None:
        decide(
            offer,
            snapshot_id=offer.pending_snapshot_id,
            decision=decision,
            reason=reason,
            comments=comments or {},
            reviewer=coordinator,
        )

    if story == "submitted":
        return offer
    if story == "withdrawn":
        services.change_status(offer, "withdraw", employer)
        return offer
    if story in ("changes_requested", "resubmitted"):
        comments = {
            (f"tasks.{offer.tasks[int(path[5:])].id}" if path.startswith("task:") else path): text
            for path, text in (extra.get("comments") or {"hours_description": "Skriv gärna exakta klockslag."}).items()
        }
        review(Decision.CHANGES_REQUESTED, comments=comments)
        if story == "resubmitted":
            services.save_offer_answers(offer, {"hours_description": "kl. 6.30–10.00"})
            services.save_task_answers(offer.tasks[0], {"description": "Ställa fram bröd, pålägg, frukt och kaffe innan caféet öppnar kl. 7."})
            services.submit_offer(offer, employer).submitted_at = now() - timedelta(days=1)
        return offer
    if story == "rejected":
        review(Decision.REJECTED, reason=extra["reason"])
        return offer
    review(Decision.APPROVED)
    if story == "paused":
        services.change_status(offer, "pause", employer)
    elif story in ("filled", "closed"):
        services.change_status(offer, {"filled": "mark_filled", "closed": "close"}[story], employer)
    elif story == "expired":
        services.expire_offers()
    elif story == "live_change":
        services.add_task(offer, _task("Duka fram inför middagen", "Duka borden i matsalen inför middagen.", family="serving"))
        services.submit_offer(offer, employer)
    return offer
