"""`flask offers …`: the daily expiry job and the README's lifecycle table. Commands commit; requests do not."""

from __future__ import annotations

import click

from portal.extensions import db
from portal.offers import services
from portal.offers.lifecycle import render_transition_table_markdown
from portal.offers.screens import bp


@bp.cli.command("expire")
def expire_command() -> None:
    """Close live and paused offers whose end date has passed (run daily; safe to run again)."""
    expired = services.expire_offers()
    db.session.commit()
    click.echo(f"expired {len(expired)} offer(s)")


@bp.cli.command("transitions")
def transitions_command() -> None:
    """Print the offer lifecycle table as Markdown, generated from the events in portal/offers/lifecycle.py."""
    click.echo(render_transition_table_markdown(), nl=False)
