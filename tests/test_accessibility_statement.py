"""The accessibility statement (Lag 2018:1937, DIGG's model): every part is on the page in Swedish and
English, the known issues come from the team's file, and the report form mails the coordinator
through the outbox without sign-in, refuses bad input with the values kept, and is rate-limited."""

from __future__ import annotations

import html
import json
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from portal.audit.models import AuditEvent
from portal.outbox.delivery import send_due
from portal.outbox.models import OutboxMessage
from portal.site import accessibility
from portal.site.accessibility import KNOWN_ISSUES_FILE

PARTS = {
    "sv": {
        "compliance": "Brygga är delvis förenlig med lagen om tillgänglighet till digital offentlig service",
        "headings": ["Hur tillgänglig är tjänsten?", "Innehåll som inte är tillgängligt", "Rapportera brister i tjänstens tillgänglighet",
                     "Tillsyn", "Hur vi testat tjänsten", "Om redogörelsen"],
        "dates": "Redogörelsen gjordes den 1 mars 2026 och granskades senast den 15 november 2026.",
        "other_phrases": ["helt förenlig", "inte förenlig"],
        "thanks": "Ditt meddelande har skickats till sysselsättningskoordinatorn",
        "missing_message": "Beskriv bristen eller vad du behöver",
        "bad_email": "Skriv e-postadressen i rätt form",
        "subject": "Tillgänglighet: Rapportera en brist i tillgängligheten",
    },
    "en": {
        "compliance": "Brygga is partially compliant with the law on accessibility to digital public services",
        "headings": ["How accessible is the service?", "Content that is not accessible", "Report a problem with the accessibility of the service",
                     "Supervision", "How we tested the service", "About this statement"],
        "dates": "This statement was made on March 1, 2026 and last reviewed on November 15, 2026.",
        "other_phrases": ["fully compliant", "not compliant"],
        "thanks": "Your message has been sent to the employment coordinator",
        "missing_message": "Describe the problem or what you need",
        "bad_email": "Enter an e-mail address in the right format",
        "subject": None,
    },
}

REPORT = {
    "kind": "problem",
    "where": "Sidan Mina erbjudanden <script>",
    "message": "Skärmläsaren läser inte upp knappen.\nJag använder NVDA.",
    "name": "Ruth Besökare",
    "email": "ruth.besokare@example.se",
}


@pytest.fixture
def dates(app):
    previous = {key: app.config[key] for key in ("ACCESSIBILITY_STATEMENT_DATE", "ACCESSIBILITY_REVIEWED_DATE")}
    app.config.update(ACCESSIBILITY_STATEMENT_DATE=date(2026, 3, 1), ACCESSIBILITY_REVIEWED_DATE=date(2026, 11, 15))
    yield
    app.config.update(previous)


def page_text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def in_language(client, language: str) -> None:
    client.post("/language", data={"language": language, "next": "/accessibility"})


def outbox(db) -> list[OutboxMessage]:
    db.session.rollback()
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_statement_has_every_part_of_diggs_model(client, db, dates, language):
    in_language(client, language)
    response = client.get("/accessibility")
    assert response.status_code == 200
    words, text = PARTS[language], page_text(response)
    source = response.get_data(as_text=True)
    assert "Arbetsmarknadsenheten" in text, "the body responsible: the unit's name from the settings"
    assert words["compliance"] in text
    for other in words["other_phrases"]:
        assert other not in text, "exactly one of DIGG's three phrases"
    for heading in words["headings"]:
        assert f">{heading}</h2>" in source
    known = json.loads(KNOWN_ISSUES_FILE.read_text(encoding="utf-8"))
    assert known["issues"], "the file lists the known issues"
    for issue in known["issues"]:
        assert f'data-known-issue="{issue["id"]}"' in source
        assert f"WCAG {issue['criterion']} {issue['criterion_name'][language]}" in text
        assert issue["problem"][language] in text
        assert issue["alternative"][language] in text
    assert 'href="https://www.digg.se/tdosanmalan"' in source
    assert words["dates"] in text
    assert re.search(r'<form method="post" action="/accessibility#report"', source)
    for name in ("kind", "where", "message", "name", "email"):
        assert f'name="{name}"' in source


def test_the_footer_of_every_page_links_to_the_statement(client, login_as):
    assert 'href="/accessibility"' in client.get("/").get_data(as_text=True)
    assert 'href="/accessibility"' in client.get("/sign-in").get_data(as_text=True)
    login_as("employer")
    assert 'href="/accessibility"' in client.get("/dashboard").get_data(as_text=True)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_report_reaches_the_coordinator_through_the_outbox_and_nothing_typed_is_in_its_subject(app, client, db, mailbox, language):
    in_language(client, language)
    response = client.post("/accessibility", data=REPORT)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/accessibility")
    assert PARTS[language]["thanks"] in page_text(client.get("/accessibility"))

    [message] = outbox(db)
    assert message.recipient == app.config["COORDINATOR_EMAIL"]
    assert message.template == "accessibility_report"
    # The coordinator reads it in the installation's language, whatever the visitor's.
    assert message.subject == PARTS["sv"]["subject"]
    for typed in ("Mina erbjudanden", "Skärmläsaren", "Ruth", "ruth.besokare", "NVDA"):
        assert typed not in message.subject
    assert "Skärmläsaren läser inte upp knappen.\nJag använder NVDA." in message.body_text
    assert "ruth.besokare@example.se" in message.body_text and "Ruth Besökare" in message.body_text
    assert "&lt;script&gt;" in message.body_html and "<script>" not in message.body_html

    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "accessibility.reported"))
    assert audit.subject_type == "outbox_message" and audit.subject_id == message.id
    assert audit.detail == {"kind": "problem"} and audit.actor_id is None, "the visitor's words stay out of the log"

    # Delivered over real SMTP, and read back as the coordinator gets it.
    assert send_due() == (1, 0)
    [delivered] = mailbox.messages
    assert delivered["To"] == app.config["COORDINATOR_EMAIL"]
    assert delivered["Subject"] == PARTS["sv"]["subject"]
    assert "Jag använder NVDA." in delivered.get_body(("plain",)).get_content()


def test_the_optional_fields_may_be_left_out(client, db):
    """A post that sends only the required fields (a hand-made one sends no empty fields at all)."""
    response = client.post("/accessibility", data={"kind": "problem", "message": "Knappen syns inte.", "email": "a@example.se"})
    assert response.status_code == 303
    [message] = outbox(db)
    assert "Knappen syns inte." in message.body_text and "inte angivet" in message.body_text


def test_asking_for_content_in_another_form_names_that_in_the_subject(client, db):
    assert client.post("/accessibility", data={**REPORT, "kind": "other_form"}).status_code == 303
    [message] = outbox(db)
    assert message.subject == "Tillgänglighet: Be om innehåll i en annan form"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_bad_input_is_a_422_with_the_messages_beside_the_fields_and_the_values_kept(client, db, language):
    in_language(client, language)
    response = client.post(
        "/accessibility",
        data={"kind": "problem", "where": "Startsidan", "message": "  ", "name": "Ruth", "email": "ruth@ingen-punkt"},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    words = PARTS[language]
    assert words["missing_message"] in page and words["bad_email"] in page
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*name="email"[^>]*value="ruth@ingen-punkt"|<input[^>]*name="email"[^>]*value="ruth@ingen-punkt"', page)
    assert 'value="Startsidan"' in page and 'value="Ruth"' in page
    assert re.search(r'<input[^>]*checked[^>]*value="problem"', page)
    assert outbox(db) == []


def test_too_long_and_unknown_values_are_refused_without_mail(client, db):
    too_long = client.post("/accessibility", data={**REPORT, "message": "x" * 3001})
    assert too_long.status_code == 422
    assert "Använd högst 3000 tecken" in too_long.get_data(as_text=True)
    assert client.post("/accessibility", data={**REPORT, "kind": "complaint"}).status_code == 422
    assert client.post("/accessibility", data={**REPORT, "email": "a@example.se\r\nBcc: x@example.se"}).status_code == 422
    assert outbox(db) == []


def test_the_form_needs_its_csrf_token(client, db, csrf_enabled):
    assert client.post("/accessibility", data=REPORT).status_code == 400
    assert outbox(db) == []


def address(n: int) -> dict:
    return {"REMOTE_ADDR": f"192.0.2.{n}"}


def test_reports_are_limited_per_address_like_registrations(client, db, rate_limits):
    """Five reports that went through in an hour from one address (the setting); a sixth is a 429
    and queues nothing, while another address still gets through."""
    answers = [client.post("/accessibility", data=REPORT, environ_base=address(1)).status_code for _ in range(6)]
    assert answers == [303] * 5 + [429]
    assert len(outbox(db)) == 5
    assert "Retry-After" in client.post("/accessibility", data=REPORT, environ_base=address(1)).headers
    assert client.post("/accessibility", data=REPORT, environ_base=address(2)).status_code == 303
    assert len(outbox(db)) == 6


def test_every_post_counts_under_the_address_limit_even_when_refused(client, db, rate_limits):
    answers = [client.post("/accessibility", data={}, environ_base=address(3)).status_code for _ in range(11)]
    assert answers == [422] * 10 + [429]
    assert client.get("/accessibility", environ_base=address(3)).status_code == 200, "reading the statement is never limited"


def test_the_known_issues_file_is_checked(tmp_path, monkeypatch):
    data = json.loads(KNOWN_ISSUES_FILE.read_text(encoding="utf-8"))
    assert data["compliance"] in {"fully", "partially", "not"}
    for broken, reason in (
        ({**data, "compliance": "fully"}, "not fully compliant"),
        ({**data, "compliance": "mostly"}, "compliance must be one of"),
        ({**data, "issues": [{**data["issues"][0], "alternative": {"sv": "Ring oss."}}]}, "Swedish and English"),
    ):
        path = tmp_path / "issues.json"
        path.write_text(json.dumps(broken), encoding="utf-8")
        monkeypatch.setattr(accessibility, "KNOWN_ISSUES_FILE", path)
        accessibility.known_issues.cache_clear()
        with pytest.raises(ValueError, match=reason):
            accessibility.known_issues()
    monkeypatch.undo()
    accessibility.known_issues.cache_clear()
    assert accessibility.known_issues().compliance == data["compliance"]


def test_a_date_setting_that_does_not_parse_stops_the_app(monkeypatch, tmp_path):
    from portal.config import ConfigurationError, load_config

    monkeypatch.setenv("BRYGGA_ACCESSIBILITY_REVIEWED_DATE", "15/11/2026")
    with pytest.raises(ConfigurationError, match="BRYGGA_ACCESSIBILITY_REVIEWED_DATE"):
        load_config(tmp_path)
    monkeypatch.setenv("BRYGGA_ACCESSIBILITY_REVIEWED_DATE", "2026-11-15")
    assert load_config(tmp_path)["ACCESSIBILITY_REVIEWED_DATE"] == date(2026, 11, 15)


def test_no_audit_row_for_reading_the_statement(client, db):
    client.get("/accessibility")
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 0
