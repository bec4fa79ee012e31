"""Adding e-mail to the outbox, rendered in the recipient's language."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

from flask import render_template
from flask_babel import force_locale

from portal.extensions import db
from portal.outbox.models import OutboxMessage

# Line breaks and every other control character (C0, DEL, C1): none may stand in a header.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text: str) -> str:
    """Text made safe for one header line: control characters become spaces, runs of space one."""
    return " ".join(_CONTROL.sub(" ", text).split())


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


def queue_email(
    recipient: str,
    template: str,
    *,
    locale: str,
    attachments: tuple[Attachment, ...] = (),
    single_use_link: bool = False,
    about_participant_id: int | None = None,
    **context,
) -> OutboxMessage:
    """Render emails/<template>.{subject.txt,txt,html} in `locale` and add the message to the outbox.

    `about_participant_id` names the participant the message concerns, for their export."""
    with force_locale(locale):
        # Whatever a value in it holds, the subject stays one header line.
        subject = one_line(render_template(f"emails/{template}.subject.txt", **context))[:300]
        body_text = render_template(f"emails/{template}.txt", **context)
        body_html = render_template(f"emails/{template}.html", subject=subject, **context)
    message = OutboxMessage(
        recipient=recipient,
        locale=locale,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        template=template,
        about_participant_id=about_participant_id,
        forget_body_when_sent=single_use_link,
        attachments=[
            {
                "filename": a.filename,
                "content_type": a.content_type,
                "content": base64.b64encode(a.content).decode("ascii"),
            }
            for a in attachments
        ],
    )
    db.session.add(message)
    return message
