"""`flask interest remind`: remind once after 5 working days, lapse after 10. Safe every few minutes."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.extensions import db

interest_cli = AppGroup("interest", help="Expressions of interest.")


@interest_cli.command("remind")
def remind_command() -> None:
    """Remind consultants of unanswered interest, and lapse what is too old (idempotent)."""
    from portal.interest.services import remind_and_lapse

    reminded, lapsed = remind_and_lapse()
    db.session.commit()
    click.echo(f"Reminded {len(reminded)}, lapsed {len(lapsed)}.")
