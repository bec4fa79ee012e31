"""Rows for offers and the coordinator's review: own offer, another organisation's offer, each role."""

from tests.authz import COORDINATOR, EMPLOYER, SIGN_IN_REDIRECT, Row, only

ANON_STASHED = 303  # an expired session's POST is kept and the person sent to sign in again


def own(world):
    return {"offer_id": world.own_offer.id}


def own_step(world):
    return {"offer_id": world.own_offer.id, "step": "workplace"}


def own_task(world):
    return {"offer_id": world.own_offer.id, "task_id": world.own_task.id}


def foreign(world):
    return {"offer_id": world.foreign_offer.id}


def foreign_step(world):
    return {"offer_id": world.foreign_offer.id, "step": "workplace"}


def employer_form(employer: int) -> dict[str, int]:
    return {"anonymous": ANON_STASHED, "employer": employer, "consultant": 403, "coordinator": 403, "admin": 403}


ROWS = {
    ("offers.index", "GET"): Row(only(EMPLOYER, "consultant", COORDINATOR)),
    ("offers.new", "GET"): Row(only(EMPLOYER)),
    ("offers.new", "POST"): Row(only(EMPLOYER, status=303)),
    ("offers.detail", "GET"): Row(
        {"anonymous": SIGN_IN_REDIRECT, "employer": 200, "consultant": 404, "coordinator": 200, "admin": 403}, own
    ),
    ("offers.step", "GET"): Row(
        {"anonymous": SIGN_IN_REDIRECT, "employer": 200, "consultant": 403, "coordinator": 403, "admin": 403}, own_step
    ),
    # Posting nothing: the answers are saved as they are (empty) and the screen says what is missing.
    ("offers.step", "POST"): Row(employer_form(422), own_step),
    ("offers.autosave", "POST"): Row(
        {"anonymous": 200, "employer": 200, "consultant": 403, "coordinator": 403, "admin": 403}, own_step
    ),
    ("offers.tasks", "GET"): Row(only(EMPLOYER), own),
    ("offers.new_task", "GET"): Row(
        {"anonymous": SIGN_IN_REDIRECT, "employer": 200, "consultant": 403, "coordinator": 403, "admin": 403}, own
    ),
    ("offers.new_task", "POST"): Row(employer_form(422), own),
    ("offers.edit_task", "GET"): Row(
        {"anonymous": SIGN_IN_REDIRECT, "employer": 200, "consultant": 403, "coordinator": 403, "admin": 403}, own_task
    ),
    ("offers.edit_task", "POST"): Row(employer_form(422), own_task),
    ("offers.autosave_task", "POST"): Row(
        {"anonymous": 200, "employer": 200, "consultant": 403, "coordinator": 403, "admin": 403}, own_task
    ),
    ("offers.remove_task", "POST"): Row(only(EMPLOYER, status=303), own_task),
    # The family question again, for htmx; signed out nothing is swapped (204), so nothing typed goes.
    ("offers.task_family_choices", "POST"): Row(
        {"anonymous": 204, "employer": 200, "consultant": 403, "coordinator": 403, "admin": 403}, own
    ),
    ("offers.task_examples", "GET"): Row(only(EMPLOYER), own),
    ("offers.task_examples", "POST"): Row(only(EMPLOYER, status=422), own),
    ("offers.check_answers", "GET"): Row(only(EMPLOYER), own),
    # Unchanged since it was sent: refused with the reason on the check-answers page.
    ("offers.submit", "POST"): Row(only(EMPLOYER, status=422), own),
    ("offers.change_status", "POST"): Row(only(EMPLOYER, status=303), own, data={"action": "withdraw"}),
    ("offers.delete", "GET"): Row(only(EMPLOYER, status=403), own),
    ("offers.delete", "POST"): Row(only(EMPLOYER, status=403), own),
    ("review.queue", "GET"): Row(only(COORDINATOR)),
    ("review.offer", "GET"): Row(only(COORDINATOR), own),
    ("review.decide", "POST"): Row(only(COORDINATOR, status=422), own),
}

# Another organisation's offer is not found, whatever the employer tries.
FOREIGN = {
    "offers.detail": ("GET", foreign),
    "offers.step": ("POST", foreign_step),
    "offers.check_answers": ("GET", foreign),
    "offers.submit": ("POST", foreign),
    "offers.change_status": ("POST", foreign),
    "offers.delete": ("GET", foreign),
    "offers.tasks": ("GET", foreign),
}
