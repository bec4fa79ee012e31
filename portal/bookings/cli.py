"""`flask bookings remind`: run every few minutes from cron or a systemd timer."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.extensions import db

bookings_cli = AppGroup("bookings", help="Meetings: lapse unanswered holds and send reminders.")


@bookings_cli.command("remind")
def remind_command() -> None:
    """Lapse requests and proposals not answered within 48 hours, then send tomorrow's reminders (each once)."""
    from portal.bookings.meetings import lapse_holds, send_reminders

    lapsed = lapse_holds()
    db.session.commit()
    reminded = send_reminders()
    db.session.commit()
    click.echo(f"lapsed {lapsed}, reminded {reminded}")
