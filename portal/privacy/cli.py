"""`flask privacy enforce` (the daily retention job) and `flask privacy record` (the record of processing)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.extensions import db

privacy_cli = AppGroup("privacy", help="Retention of personal data, and the record of processing.")


@privacy_cli.command("enforce")
@click.option("--dry-run", is_flag=True, help="Only count what is due; change nothing.")
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(min=1),
              help="Rows handled, and committed, at a time.")
def enforce_command(dry_run: bool, batch_size: int) -> None:
    """Erase or de-identify everything past its retention period (idempotent; run it daily)."""
    from portal.clock import STOCKHOLM
    from portal.privacy.enforcement import enforce_retention

    def progress(kind, done: int, total: int) -> None:
        click.echo(f"  {kind.label}: {done}/{total}")

    results = enforce_retention(
        dry_run=dry_run,
        batch_size=batch_size,
        progress=None if dry_run else progress,
        after_batch=None if dry_run else db.session.commit,
    )
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    click.echo("Dry run: nothing was changed." if dry_run else "Retention enforced.")
    for result in results:
        before = result.cutoff.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
        what = "due" if dry_run else result.kind.verb
        held = f", {result.held} held back until a hold is over" if result.held else ""
        click.echo(f"{result.kind.label} (before {before}): {result.count} {what}{held}")
    if not any(result.count for result in results):
        click.echo("Nothing was due." if dry_run else "Nothing was due: nothing changed.")


@privacy_cli.command("record")
@click.option("--language", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
def record_command(language: str) -> None:
    """Print the record of processing (GDPR art. 30) as Markdown, from the code."""
    from flask import current_app
    from flask_babel import force_locale

    from portal.privacy.record import record_markdown

    with current_app.test_request_context(), force_locale(language):
        click.echo(record_markdown())
