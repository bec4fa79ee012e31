"""Delivering what is due in the outbox, with retries and backoff so no message is lost.

Each message is handled on its own: whatever goes wrong with one (it cannot be built, the
server refuses it) marks that message failed with its reason and the round moves on, so one
bad message never stops the mail. A message that failed by itself MESSAGE_FAILURES_BEFORE_DEAD
times is set aside as dead (`flask outbox list --failed`); an unreachable server only delays.
"""

from __future__ import annotations

import base64
import logging
import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from portal.clock import now
from portal.extensions import db
from portal.outbox.models import OutboxMessage

MAX_BACKOFF = timedelta(hours=1)
MESSAGE_FAILURES_BEFORE_DEAD = 5

log = logging.getLogger(__name__)


def backoff_after(attempts: int) -> timedelta:
    """How long to wait after `attempts` failures: 1, 2, 4 … minutes, at most an hour."""
    # Cap the minutes before making a timedelta: 2**41 minutes no longer fits in one.
    minutes = min(2 ** max(attempts - 1, 0), MAX_BACKOFF // timedelta(minutes=1))
    return timedelta(minutes=minutes)


def build_email(message: OutboxMessage, sender: str) -> EmailMessage:
    """The MIME message: plain text with an HTML alternative, and any attachments."""
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}")
    email.set_content(message.body_text)
    email.add_alternative(message.body_html, subtype="html")
    for attachment in message.attachments:
        maintype, subtype = attachment["content_type"].split(";")[0].split("/")
        params = {}
        if "method=" in attachment["content_type"]:
            params["method"] = attachment["content_type"].split("method=")[1]
        email.add_attachment(
            base64.b64decode(attachment["content"]),
            maintype=maintype,
            subtype=subtype,
            filename=attachment["filename"],
            params=params,
        )
    # Last: set_content() clears every Content-* header set before it.
    email["Content-Language"] = message.locale
    return email


class SmtpTransport:
    def __init__(self, config):
        self.config = config

    def __enter__(self):
        cfg = self.config
        self.smtp = smtplib.SMTP(cfg["SMTP_HOST"], cfg["SMTP_PORT"], timeout=cfg["SMTP_TIMEOUT"])
        if cfg["SMTP_STARTTLS"]:
            self.smtp.starttls()
        if cfg["SMTP_USERNAME"]:
            self.smtp.login(cfg["SMTP_USERNAME"], cfg["SMTP_PASSWORD"])
        return self

    def send(self, email: EmailMessage) -> None:
        self.smtp.send_message(email)

    def __exit__(self, *exc):
        try:
            self.smtp.quit()
        except smtplib.SMTPException:
            pass


class FileTransport:
    """Development delivery: each message becomes an .eml file a newcomer can open."""

    def __init__(self, directory: str):
        self.directory = Path(directory)

    def __enter__(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        return self

    def send(self, email: EmailMessage) -> None:
        stamp = now().strftime("%Y%m%d-%H%M%S")
        name = email["Message-ID"].strip("<>").split("@")[0]
        (self.directory / f"{stamp}-{name}.eml").write_bytes(bytes(email))

    def __exit__(self, *exc):
        return None


def _transport():
    config = current_app.config
    if config["MAIL_DELIVERY"] == "file":
        return FileTransport(config["MAIL_DIRECTORY"])
    return SmtpTransport(config)


def _next_due(at: datetime) -> OutboxMessage | None:
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.dead_at.is_(None), OutboxMessage.due_at <= at)
        .order_by(OutboxMessage.due_at, OutboxMessage.id)
        .limit(1)
    )
    if db.engine.dialect.name == "postgresql":
        # Two workers never take the same message.
        query = query.with_for_update(skip_locked=True)
    return db.session.scalars(query).first()


BODY_FORGOTTEN = "(removed when sent: it held a single-use link)"


def forget_body(message: OutboxMessage) -> None:
    """Keep who, what and when of a sent message; drop the body and attachments."""
    message.body_text = message.body_html = BODY_FORGOTTEN
    message.attachments = []


def send_due(limit: int = 100) -> tuple[int, int]:
    """Send due messages one by one, committing each, so none is sent twice; returns (sent, failed)."""
    started = now()
    sent = failed = 0
    if _next_due(started) is None:
        db.session.rollback()
        return sent, failed
    sender = current_app.config["MAIL_FROM"]
    try:
        transport = _transport().__enter__()
    except (smtplib.SMTPException, OSError) as error:
        # The server cannot be reached: every due message waits for a later round.
        db.session.rollback()
        while (message := _next_due(started)) is not None and failed < limit:
            _mark_failed(message, error)
            db.session.commit()
            failed += 1
        return sent, failed
    try:
        while sent + failed < limit and (message := _next_due(started)) is not None:
            try:
                transport.send(build_email(message, sender))
            except Exception as error:  # whatever it is, this message alone fails and the round goes on
                _mark_failed(message, error, its_own_fault=_is_the_messages_fault(error))
                failed += 1
            else:
                message.attempts += 1
                message.sent_at = now()
                if message.forget_body_when_sent:
                    forget_body(message)
                sent += 1
            db.session.commit()
    finally:
        transport.__exit__(None, None, None)
    return sent, failed


def _is_the_messages_fault(error: Exception) -> bool:
    """Whether the message itself failed (counted towards dead), not the way to the server."""
    if isinstance(error, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)):
        return False  # the server could not be reached or dropped the line
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500  # 4xx is "not now" (busy, greylisting); 5xx is no
    if isinstance(error, smtplib.SMTPException):
        return True  # recipients or sender refused
    return not isinstance(error, OSError)  # a socket error is the network; anything else is the message


def _mark_failed(message: OutboxMessage, error: Exception, *, its_own_fault: bool = False) -> None:
    message.attempts += 1
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    message.due_at = now() + backoff_after(message.attempts)
    if its_own_fault:
        message.message_failures += 1
        log.warning("Outbox message #%s failed (%s): %s", message.id, message.message_failures, message.last_error)
        if message.message_failures >= MESSAGE_FAILURES_BEFORE_DEAD:
            message.dead_at = now()


def failed_messages(limit: int = 50) -> list[OutboxMessage]:
    """Messages set aside as dead, and those still failing, newest first: what staff should look at."""
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.attempts > 0)
        .order_by(OutboxMessage.dead_at.is_(None), OutboxMessage.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def dead_messages(limit: int = 100) -> list[OutboxMessage]:
    """Messages set aside as dead (never tried again), the newest first: what the coordinator sees."""
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.dead_at.is_not(None), OutboxMessage.sent_at.is_(None))
        .order_by(OutboxMessage.dead_at.desc(), OutboxMessage.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
