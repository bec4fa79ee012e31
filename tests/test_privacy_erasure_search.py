"""After erasure, nothing identifying remains: every text, varchar and JSON column of every table is searched.

The tables and columns come from the database's own catalog (SQLAlchemy's inspector), not from a
list written here, so a table added later is searched without anyone remembering to. Before the
erasure the same search must find the person in each table that holds their data (else the search
proves nothing), and afterwards another participant's data is still all there.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

from sqlalchemy import JSON, String, Text, func, inspect, select, text

from portal.employers.models import Organisation
from portal.extensions import db
from portal.matching.service import candidate_name
from portal.participants.models import Participant
from portal.privacy.erasure import erase_participant
from tests.privacy_factories import mark_all_mail_sent, person_with_everything

NAME = "Zaynab Okonkwo"
OTHER = "Ingrid Marjatta"
# Where the person is written before erasure, at the least (the search must reach each of these).
WRITTEN_BEFORE = {
    "participant", "interest", "consent", "meeting", "follow_up_record", "outbox_message", "form_resume", "audit_event",
}
_BASE64 = re.compile(r"^[A-Za-z0-9+/=\s]{16,}$")


def _leaves(value: Any) -> list[str]:
    """Every string inside a value, base64 attachments decoded (an .ics travels that way)."""
    if isinstance(value, str):
        try:
            value = json.loads(value) if value[:1] in "[{" else value
        except ValueError:
            pass
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [str(k), *_leaves(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _leaves(v)]
    if value is None:
        return []
    found = [str(value)]
    if isinstance(value, str) and _BASE64.match(value):
        try:
            found.append(base64.b64decode(value, validate=False).decode("utf-8", "replace"))
        except (binascii.Error, ValueError):
            pass
    return found


def searched_columns() -> dict[str, list[str]]:
    """Every text, varchar and JSON column of every table the database has, from its catalog."""
    inspector = inspect(db.session.connection())
    columns: dict[str, list[str]] = {}
    for table in inspector.get_table_names():
        names = [c["name"] for c in inspector.get_columns(table) if isinstance(c["type"], (String, Text, JSON))]
        if names:
            columns[table] = names
    return columns


def where_found(terms: list[str]) -> set[tuple[str, str]]:
    """(table, column) of every value that contains one of the terms, in any case."""
    folded = [t.casefold() for t in terms]
    preparer = db.engine.dialect.identifier_preparer
    found = set()
    for table, names in searched_columns().items():
        quoted = ", ".join(preparer.quote(n) for n in names)
        for row in db.session.execute(text(f"SELECT {quoted} FROM {preparer.quote(table)}")):
            for column, value in zip(names, row, strict=True):
                if any(term in leaf.casefold() for leaf in _leaves(value) for term in folded):
                    found.add((table, column))
    return found


def identifying(participant: Participant) -> list[str]:
    """The full name, the first name, the surname, and the pseudonym every employer organisation would see."""
    organisations = db.session.scalars(select(Organisation.id))
    return [participant.name, *participant.name.split(), *(candidate_name(o, participant.id) for o in organisations)]


def test_every_table_of_the_database_is_searched(db):
    # The catalog, not the models: every table the migrations made, with at least its text columns.
    columns = searched_columns()
    for table in db.metadata.sorted_tables:
        text_columns = {c.name for c in table.columns if isinstance(c.type, (String, Text, JSON))}
        assert text_columns <= set(columns.get(table.name, [])), table.name


def test_nothing_identifying_remains_after_erasure(db):
    person = person_with_everything(NAME)
    other = person_with_everything(OTHER, consultant=person.consultant, employer=person.employer, other_employer=person.other_employer)
    mark_all_mail_sent(but_last=3)
    terms = identifying(person.participant)
    other_terms = identifying(other.participant)
    pseudonym = candidate_name(person.employer.organisation_id, person.participant.id)
    db.session.commit()

    before = where_found(terms)
    assert WRITTEN_BEFORE <= {table for table, _ in before}, before
    assert where_found([pseudonym]), "the employer's mail names the candidate by pseudonym"
    other_before = where_found(other_terms)

    report = erase_participant(person.participant, reason=f"{NAME} bad om det per telefon", actor=person.consultant)
    db.session.commit()

    assert where_found(terms) == set()
    assert {"participant", "interest", "consent", "proposal", "placement", "meeting", "follow_up_record",
            "task_assessment", "form_resume"} <= set(report.deleted)
    # The other participant, their employer and the offer are untouched.
    assert where_found(other_terms) == other_before
    assert db.session.get(Participant, other.participant.id) is not None
    assert db.session.get(type(person.offer), person.offer.id) is not None


def test_nothing_identifying_remains_of_a_demo_participant(app, db):
    """The demo's data as the unit would have it: Huda Nasser's placement has ended; once her
    certificate is issued (the hold), she is erased and the search finds her nowhere."""
    from portal.followups.services import produce_certificate
    from portal.placements.models import Placement
    from portal.privacy.erasure import erasure_holds

    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    db.session.expire_all()
    huda = db.session.scalar(select(Participant).where(Participant.name == "Huda Nasser"))
    others = [p.name for p in db.session.scalars(select(Participant).where(Participant.id != huda.id))]
    # A part of her name that another participant shares identifies no one: search for the others.
    shared = {part for other in others for part in other.split()}
    terms = [t for t in identifying(huda) if t not in shared]
    assert huda.name in terms and len(terms) > 1 + db.session.scalar(select(func.count()).select_from(Organisation))
    assert ("participant", "name") in where_found(terms)

    placement = db.session.scalar(select(Placement).where(Placement.participant_id == huda.id))
    assert [h.code for h in erasure_holds(huda)] == ["certificate_due"]
    produce_certificate(placement, placement.consultant, "sv")
    erase_participant(huda, reason="Begäran", actor=None)
    db.session.commit()

    assert where_found(terms) == set()
    assert len(others) == db.session.scalar(select(func.count()).select_from(Participant))
