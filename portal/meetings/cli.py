"""`flask bookings remind`: run every few minutes from cron or a systemd timer (the command keeps its name for existing timers)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.extensions import db
from portal.meetings.services import lapse_holds, send_reminders

bookings_cli = AppGroup("bookings", help="Meetings: lapse unanswered holds and send reminders.")


@bookings_cli.command("remind")
def remind_command() -> None:
    """Lapse requests and proposals not answered within 48 hours, then send tomorrow's reminders (each once)."""
    lapsed = lapse_holds()
    db.session.commit()
    reminded = send_reminders()
    db.session.commit()
    click.echo(f"lapsed {lapsed}, reminded {reminded}")
