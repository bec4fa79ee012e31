"""One commit per request, in one place (portal/web/unit_of_work.py), and none in the routes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from flask import Blueprint, abort
from sqlalchemy import func, select

from portal import create_app
from portal.audit.models import AuditEvent
from portal.audit.services import record_event
from portal.errors import FieldError
from portal.extensions import db as _db
from portal.transactions import all_or_nothing
from portal.web.unit_of_work import keep_changes_of_refused_page
from tests.conftest import FreshContextClient

PORTAL = Path(__file__).resolve().parent.parent / "portal"


def _note(action: str) -> None:
    record_event(action, subject_type="test", subject_id=1, actor=None)
    _db.session.flush()


@pytest.fixture(scope="module")
def probe_app(app):
    """An app of its own on the same database, with views that change a row and answer in each way."""
    probe = create_app({**app.config, "SQLALCHEMY_ENGINE_OPTIONS": app.config["SQLALCHEMY_ENGINE_OPTIONS"]})
    probe.test_client_class = FreshContextClient
    bp = Blueprint("probe", __name__)

    @bp.post("/probe/ok")
    def ok():
        _note("probe.ok")
        return "saved", 200

    @bp.post("/probe/redirect")
    def moved():
        _note("probe.redirect")
        return "", 303, {"Location": "/"}

    @bp.post("/probe/refused")
    def refused():
        _note("probe.refused")
        return "not valid", 422

    @bp.post("/probe/not-found")
    def not_found():
        _note("probe.not_found")
        abort(404)

    @bp.post("/probe/crash")
    def crash():
        _note("probe.crash")
        raise RuntimeError("boom")

    @bp.post("/probe/refused-but-audited")
    def refused_but_audited():
        try:
            with all_or_nothing():
                _note("probe.half_done")
                raise FieldError("name", "not valid")
        except FieldError:
            pass
        _note("probe.viewed")
        keep_changes_of_refused_page()
        return "not valid", 422

    probe.register_blueprint(bp)
    yield probe
    with probe.app_context():
        _db.engine.dispose()  # its own pool: no connection is left for the garbage collector


def _actions(app) -> set[str]:
    with app.app_context():
        return set(_db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("probe.%"))))


@pytest.mark.parametrize(
    ("path", "status", "kept"),
    [
        ("/probe/ok", 200, {"probe.ok"}),
        ("/probe/redirect", 303, {"probe.redirect"}),
        ("/probe/refused", 422, set()),
        ("/probe/not-found", 404, set()),
        ("/probe/crash", 500, set()),
        ("/probe/refused-but-audited", 422, {"probe.viewed"}),
    ],
)
def test_a_request_is_committed_only_when_its_answer_says_so(db, probe_app, path, status, kept):
    response = probe_app.test_client().post(path)
    assert response.status_code == status
    assert _actions(probe_app) == kept


def test_the_keep_rule_holds_for_one_request_only(db, probe_app):
    client = probe_app.test_client()
    assert client.post("/probe/refused-but-audited").status_code == 422
    assert client.post("/probe/refused").status_code == 422
    with probe_app.app_context():
        assert _db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "probe.refused")) == 0
def _route_modules() -> list[Path]:
    return sorted(
        path for path in PORTAL.rglob("*.py") if path.name in {"routes.py", "screens.py"} or path.name.endswith("_routes.py")
    )


def test_no_route_module_commits_or_rolls_back():
    calls = []
    for path in _route_modules():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr in {"commit", "rollback"}:
                    calls.append(f"{path.relative_to(PORTAL.parent)}:{node.lineno} {node.func.attr}()")
    assert _route_modules(), "no route module found"
    assert calls == []
