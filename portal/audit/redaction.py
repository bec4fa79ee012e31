"""De-identifying the detail of the log's rows about an erased person.

The log is evidence of who did what and when, so the app never edits or removes its rows
(portal/audit/models.py refuses it). Data protection needs two exceptions, both written with the
DEIDENTIFYING execution option that the guard lets through: once a person is erased (GDPR art.
17), the rows about them keep the event (action, time, actor, subject id) and lose what could
identify them in the detail -- free text and anything naming them -- so the follow-up of the log
still answers who viewed whom, by id (this module); once a row's retention period has run out,
it keeps only what happened and when (audit.services.deidentify_events).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import update

from portal.audit.models import DEIDENTIFYING, AuditEvent
from portal.extensions import db

# Keys whose values are written by people (a reason, a message) or name someone: always dropped.
FREE_TEXT_KEYS = frozenset({"reason", "message", "comment", "note", "notes", "name", "title", "email", "covers", "wishes"})
# A code, a state, an ISO date or time: a value the app itself wrote, without spaces.
_CODE = re.compile(r"^[A-Za-z0-9_.:+\-]*$")


def _redact(value: Any, names: tuple[str, ...]) -> tuple[Any, bool]:
    """The value without free text or names, and whether anything was taken out."""
    if isinstance(value, str):
        lowered = value.casefold()
        if not _CODE.match(value) or any(name in lowered for name in names):
            return None, True
        return value, False
    if isinstance(value, Mapping):
        kept, changed = {}, False
        for key, inner in value.items():
            if key in FREE_TEXT_KEYS and inner not in (None, "", [], {}):
                changed = True
                continue
            new, inner_changed = _redact(inner, names)
            changed |= inner_changed
            if new is not None or inner is None:
                kept[key] = new
        return kept, changed
    if isinstance(value, (list, tuple)):
        kept_items, changed = [], False
        for inner in value:
            new, inner_changed = _redact(inner, names)
            changed |= inner_changed
            if new is not None or inner is None:
                kept_items.append(new)
        return kept_items, changed
    return value, False


def redacted_detail(detail: Mapping[str, Any], names: Iterable[str] = ()) -> tuple[dict[str, Any], bool]:
    """`detail` without free text and without any string containing one of `names` (any case)."""
    folded = tuple(n.casefold() for n in names if n)
    kept, changed = _redact(dict(detail or {}), folded)
    if changed:
        kept["redacted"] = True
    return kept, changed


def redact_audit_details(event_ids: Iterable[int], names: Iterable[str] = ()) -> int:
    """De-identify the detail of these audit rows; returns how many changed.

    Written with the DEIDENTIFYING option that the append-only guard lets through; this only ever
    narrows `detail`."""
    ids = sorted(set(event_ids))
    names = tuple(names)
    changed = 0
    db.session.flush()
    connection = db.session.connection()
    table = AuditEvent.__table__
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = connection.execute(table.select().with_only_columns(table.c.id, table.c.detail).where(table.c.id.in_(chunk)))
        for event_id, detail in rows.all():
            new, was_changed = redacted_detail(detail or {}, names)
            if was_changed:
                db.session.execute(
                    update(AuditEvent).where(AuditEvent.id == event_id).values(detail=new),
                    execution_options={DEIDENTIFYING: True},
                )
                changed += 1
    # Rows already loaded in this session must not show the old detail.
    for obj in list(db.session.identity_map.values()):
        if isinstance(obj, AuditEvent) and obj.id in set(ids):
            db.session.expire(obj, ["detail"])
    return changed
