"""The outbox: e-mail rendered in the recipient's language, delivered once, retried with backoff."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.outbox.delivery import (
    MAX_BACKOFF,
    MESSAGE_FAILURES_BEFORE_DEAD,
    backoff_after,
    send_due,
)
from portal.outbox.models import OutboxMessage
from portal.outbox.services import Attachment, one_line, queue_email
from tests import factories
from tests.conftest import free_port
from tests.smtp import SmtpServer

ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nPRODID:-//Brygga//test//SV\r\n"
    "BEGIN:VEVENT\r\nUID:1@brygga\r\nSUMMARY:Besök på Kafé Solrosen\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
).encode()
PDF = b"%PDF-1.4\n% not a real document\n"


def _queue(recipient="mottagare@example.se", locale="sv", **kwargs) -> OutboxMessage:
    user = factories.make_user(name="Eva Berg", email=recipient, preferred_language=locale)
    return queue_email(
        recipient,
        "password_reset",
        locale=locale,
        user=user,
        link="http://localhost/password/reset/abc",
        minutes=60,
        **kwargs,
    )


def _count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(OutboxMessage))


@pytest.mark.parametrize(
    ("locale", "subject", "greeting", "footer"),
    [
        ("sv", "Välj ett nytt lösenord till Brygga", "Hej Eva Berg!", "Det här meddelandet skickades av Brygga"),
        ("en", "Choose a new password for Brygga", "Hello Eva Berg,", "This message was sent by Brygga"),
    ],
)
def test_queue_email_renders_subject_text_and_html_in_the_recipients_language(db, locale, subject, greeting, footer):
    message = _queue(locale=locale)
    db.session.commit()
    assert (message.locale, message.subject, message.template) == (locale, subject, "password_reset")
    assert greeting in message.body_text
    assert "http://localhost/password/reset/abc" in message.body_text
    assert greeting in message.body_html
    assert '<a href="http://localhost/password/reset/abc">' in message.body_html
    assert f'<html lang="{locale}">' in message.body_html
    assert f"<title>{subject}</title>" in message.body_html
    assert footer in message.body_html
    assert message.sent_at is None and message.attempts == 0


def test_queue_email_keeps_its_language_inside_a_request_in_another_language(app, db):
    with app.test_request_context("/"):
        from flask import session

        session["language"] = "en"
        message = _queue(locale="sv")
    assert message.subject == "Välj ett nytt lösenord till Brygga"


def test_send_due_delivers_text_html_and_attachments_over_smtp(db, mailbox):
    message = _queue(
        attachments=(
            Attachment("besok.ics", "text/calendar; method=REQUEST", ICS),
            Attachment("avtal.pdf", "application/pdf", PDF),
        )
    )
    db.session.commit()

    assert send_due() == (1, 0)

    [received] = mailbox.messages
    assert received["To"] == "mottagare@example.se"
    assert received["Subject"] == "Välj ett nytt lösenord till Brygga"
    assert received["From"] == "Brygga <brygga@example.se>"
    assert received["Content-Language"] == "sv"
    assert "Hej Eva Berg!" in mailbox.text_of(received)
    assert '<a href="http://localhost/password/reset/abc">' in mailbox.html_of(received)
    attachments = {part.get_filename(): part for part in received.iter_attachments()}
    assert set(attachments) == {"besok.ics", "avtal.pdf"}
    ics = attachments["besok.ics"]
    assert ics.get_content_type() == "text/calendar"
    assert ics.get_param("method") == "REQUEST"
    assert ics.get_payload(decode=True) == ICS
    assert attachments["avtal.pdf"].get_content_type() == "application/pdf"
    assert attachments["avtal.pdf"].get_payload(decode=True) == PDF
    db.session.refresh(message)
    assert message.sent_at is not None
    assert message.attempts == 1
    assert message.last_error is None


def test_a_message_is_never_sent_twice(db, mailbox):
    _queue()
    _queue(recipient="annan@example.se")
    db.session.commit()
    assert send_due() == (2, 0)
    assert send_due() == (0, 0)
    assert send_due() == (0, 0)
    assert sorted(m["To"] for m in mailbox.messages) == ["annan@example.se", "mottagare@example.se"]


def test_a_message_not_yet_due_waits(db, mailbox, clock):
    message = _queue()
    message.due_at = clock() + timedelta(minutes=5)
    db.session.commit()
    assert send_due() == (0, 0)
    clock.advance(timedelta(minutes=5, seconds=1))
    assert send_due() == (1, 0)
    assert len(mailbox.messages) == 1


@pytest.fixture
def own_smtp(app, monkeypatch):
    """An SMTP server of this test's own, on a free port, not yet started (so "down")."""
    server = SmtpServer(port=free_port())
    monkeypatch.setitem(app.config, "SMTP_PORT", server.port)
    yield server
    server.stop()


def test_when_the_server_is_down_the_message_waits_and_is_delivered_once_later(db, own_smtp, clock):
    message = _queue()
    db.session.commit()

    before = clock()
    assert send_due() == (0, 1)
    after = clock()

    db.session.refresh(message)
    assert message.sent_at is None
    assert message.attempts == 1
    assert message.last_error.startswith("ConnectionRefusedError")
    assert before + timedelta(minutes=1) <= message.due_at <= after + timedelta(minutes=1)

    own_smtp.start()
    assert send_due() == (0, 0)  # not due yet, even though the server is back
    assert own_smtp.messages == []

    clock.set(message.due_at + timedelta(seconds=1))
    assert send_due() == (1, 0)
    assert send_due() == (0, 0)
    assert [m["To"] for m in own_smtp.messages] == ["mottagare@example.se"]
    db.session.refresh(message)
    assert message.sent_at is not None
    assert message.attempts == 2


def test_each_failure_pushes_the_next_attempt_further_back(db, own_smtp, clock):
    message = _queue()
    db.session.commit()
    waits = []
    for _ in range(9):
        started = clock()
        assert send_due() == (0, 1)
        db.session.refresh(message)
        waits.append(round((message.due_at - started) / timedelta(minutes=1)))
        clock.set(message.due_at + timedelta(seconds=1))
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert message.attempts == 9


def test_a_message_that_failed_for_days_still_waits_only_an_hour(db, own_smtp, clock):
    message = _queue()
    message.attempts = 200  # an hour apart, that is more than a week of a dead server
    db.session.commit()
    started = clock()
    assert send_due() == (0, 1)
    db.session.refresh(message)
    assert message.attempts == 201
    assert timedelta(minutes=59) < message.due_at - started <= timedelta(hours=1, seconds=5)


@pytest.mark.parametrize(
    ("attempts", "wait"),
    [
        (0, timedelta(minutes=1)),
        (1, timedelta(minutes=1)),
        (2, timedelta(minutes=2)),
        (3, timedelta(minutes=4)),
        (6, timedelta(minutes=32)),
        (7, MAX_BACKOFF),
        (10, MAX_BACKOFF),
        (45, MAX_BACKOFF),
        (10_000, MAX_BACKOFF),
    ],
)
def test_backoff_grows_and_is_capped_at_an_hour(attempts, wait):
    assert MAX_BACKOFF == timedelta(hours=1)
    assert backoff_after(attempts) == wait


def test_backoff_never_shrinks():
    waits = [backoff_after(n) for n in range(1, 500)]
    assert waits == sorted(waits)


def test_the_file_transport_writes_an_eml_file_for_development(app, db, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_DELIVERY", "file")
    monkeypatch.setitem(app.config, "MAIL_DIRECTORY", str(tmp_path / "mail"))
    _queue(attachments=(Attachment("besok.ics", "text/calendar; method=REQUEST", ICS),))
    _queue(recipient="annan@example.se", locale="en")
    db.session.commit()

    assert send_due() == (2, 0)
    assert send_due() == (0, 0)

    files = sorted((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 2
    parsed = {
        m["To"]: m for m in (email.message_from_bytes(f.read_bytes(), policy=email.policy.default) for f in files)
    }
    assert parsed["mottagare@example.se"]["Subject"] == "Välj ett nytt lösenord till Brygga"
    assert parsed["annan@example.se"]["Subject"] == "Choose a new password for Brygga"
    assert "Hej Eva Berg!" in parsed["mottagare@example.se"].get_body(("plain",)).get_content()
    assert parsed["mottagare@example.se"].get_body(("html",)) is not None
    [ics] = list(parsed["mottagare@example.se"].iter_attachments())
    assert ics.get_param("method") == "REQUEST"


def test_outbox_commands_send_list_and_show(app, db, mailbox):
    message = _queue()
    db.session.commit()
    runner = app.test_cli_runner()

    listed = runner.invoke(args=["outbox", "list"])
    assert listed.exit_code == 0
    assert f"#{message.id}  mottagare@example.se" in listed.output
    assert "waiting (0 tries)" in listed.output

    shown = runner.invoke(args=["outbox", "show", str(message.id)])
    assert shown.exit_code == 0
    assert "Subject: Välj ett nytt lösenord till Brygga" in shown.output
    assert "http://localhost/password/reset/abc" in shown.output

    sent = runner.invoke(args=["outbox", "send"])
    assert (sent.exit_code, sent.output) == (0, "sent 1, failed 0\n")
    assert len(mailbox.messages) == 1
    assert "sent " in runner.invoke(args=["outbox", "list"]).output

    missing = runner.invoke(args=["outbox", "show", "999999"])
    assert missing.exit_code == 1
    assert "No message #999999" in missing.output
    assert _count(db) == 1


# One bad message never stops the mail


def _broken(db, subject="Hej\r\nBcc: alla@example.se") -> OutboxMessage:
    # A message queued before subjects were made one line (or broken in any other way).
    message = _queue(recipient="trasig@example.se")
    message.subject = subject
    db.session.commit()
    return message


def test_a_subject_is_always_one_header_line(db, mailbox):
    organisation = factories.make_organisation(name="Kafé\r\nBcc: alla@example.se\x85Solrosen")
    user = factories.make_user()
    message = queue_email(
        user.email, "employer_join_request", locale="sv", member=user, organisation=organisation,
        link="http://localhost/x",
    )
    db.session.commit()
    assert message.subject == "Någon vill gå med i Kafé Bcc: alla@example.se Solrosen i Brygga"
    assert send_due() == (1, 0)
    received = mailbox.messages[0]
    assert received["Bcc"] is None
    assert [r.strip() for r in received.get_all("To")] == [user.email]


@pytest.mark.parametrize(
    ("text", "line"),
    [("a\r\nb", "a b"), ("a\x00b", "a b"), ("a\u2028b\x85c\x1bd", "a b c d"), ("  a \t b  ", "a b"), ("Åsa Öberg", "Åsa Öberg")],
)
def test_one_line_leaves_no_control_character(text, line):
    assert one_line(text) == line


def test_a_message_that_cannot_be_built_fails_alone_and_the_others_still_leave(db, mailbox):
    broken = _broken(db)
    good = _queue(recipient="hel@example.se")
    db.session.commit()

    assert send_due() == (1, 1)
    assert [m["To"] for m in mailbox.messages] == ["hel@example.se"]
    db.session.refresh(broken)
    db.session.refresh(good)
    assert good.sent_at is not None
    assert broken.sent_at is None and broken.dead_at is None
    assert broken.message_failures == 1
    assert broken.last_error.startswith("ValueError")


def test_a_message_that_keeps_failing_by_itself_is_set_aside_and_never_retried(app, db, mailbox, clock):
    broken = _broken(db)
    for round_number in range(1, MESSAGE_FAILURES_BEFORE_DEAD + 1):
        assert send_due() == (0, 1), round_number
        db.session.refresh(broken)
        clock.set(broken.due_at + timedelta(seconds=1))
    assert broken.dead_at is not None
    assert broken.message_failures == MESSAGE_FAILURES_BEFORE_DEAD

    clock.advance(timedelta(days=30))
    assert send_due() == (0, 0)
    db.session.refresh(broken)
    assert broken.attempts == MESSAGE_FAILURES_BEFORE_DEAD

    listed = app.test_cli_runner().invoke(args=["outbox", "list", "--failed"])
    assert listed.exit_code == 0
    assert f"#{broken.id}  trasig@example.se" in listed.output
    assert "dead since" in listed.output and "ValueError" in listed.output


def test_a_refused_recipient_counts_against_the_message_and_a_busy_server_does_not(db, mailbox, monkeypatch):
    import smtplib

    from portal.outbox import delivery

    message = _queue()
    db.session.commit()
    errors = iter([
        smtplib.SMTPResponseException(451, b"try again later"),
        smtplib.SMTPRecipientsRefused({"mottagare@example.se": (550, b"no such user")}),
    ])

    def refuse(self, email):
        raise next(errors)

    monkeypatch.setattr(delivery.SmtpTransport, "send", refuse)
    assert send_due() == (0, 1)
    db.session.refresh(message)
    assert (message.attempts, message.message_failures) == (1, 0)
    message.due_at = message.created_at
    db.session.commit()
    assert send_due() == (0, 1)
    db.session.refresh(message)
    assert (message.attempts, message.message_failures) == (2, 1)


def test_the_worker_survives_a_broken_message(app, db, mailbox):
    _broken(db)
    _queue(recipient="hel@example.se")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert (result.exit_code, result.output) == (0, "sent 1, failed 1\n")
    assert result.exception is None


# The coordinator sees what was set aside


def test_the_coordinator_sees_the_mail_set_aside_as_dead(client, db, login_as):
    from portal.clock import now

    dead = _queue(recipient="borta@example.se")
    dead.subject = "Inbjudan till Brygga"
    dead.attempts, dead.message_failures, dead.dead_at = 5, 5, now()
    dead.last_error = "ValueError: Header values may not contain linefeed or carriage return characters"
    waiting = _queue(recipient="snart@example.se")
    waiting.attempts, waiting.last_error = 1, "OSError: connection refused"
    db.session.commit()
    login_as("coordinator")
    page = client.get("/mail/undelivered")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "borta@example.se" in html and "Inbjudan till Brygga" in html and "linefeed" in html
    assert "snart@example.se" not in html, "a message still being tried is not dead"
    assert 'href="/mail/undelivered"' in client.get("/dashboard").get_data(as_text=True)


def test_only_the_coordinator_sees_undelivered_mail(client, db, login_as):
    login_as("consultant")
    assert client.get("/mail/undelivered").status_code == 403
