"""Command-line jobs: `flask users …`, `flask outbox …`, `flask demo …`."""

from __future__ import annotations

import time

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from portal.extensions import db

users_cli = AppGroup("users", help="Manage user accounts.")
outbox_cli = AppGroup("outbox", help="Deliver e-mail waiting in the outbox.")
demo_cli = AppGroup("demo", help="Demo data for trying Brygga out.")


@users_cli.command("create")
@click.option("--role", type=click.Choice(["coordinator", "consultant"]), required=True)
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.password_option(prompt="Password", confirmation_prompt=True)
def create_user_command(role: str, email: str, name: str, password: str) -> None:
    """Create a staff account (the first coordinator, say)."""
    from flask import current_app

    from portal.accounts.models import Role
    from portal.accounts.passwords import password_problems
    from portal.accounts.services import create_user
    from portal.errors import FieldError

    problems = password_problems(password, email=email, min_length=current_app.config["PASSWORD_MIN_LENGTH"])
    if problems:
        raise click.ClickException("The password is not good enough: " + ", ".join(problems))
    try:
        user = create_user(email=email, name=name, role=Role(role), password=password)
    except FieldError as error:
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email}")


@users_cli.command("reset-second-factor")
@click.argument("email")
def reset_second_factor_command(email: str) -> None:
    """Remove a staff member's second factor (the sole coordinator's lost phone); audited."""
    from portal.accounts.second_factor import (
        get_staff_member,
        reset_second_factor_from_the_server,
    )
    from portal.accounts.services import find_user_by_email

    user = find_user_by_email(email)
    staff = get_staff_member(user.id) if user is not None else None
    if staff is None:
        raise click.ClickException(f"No coordinator or consultant has the address {email}")
    reset_second_factor_from_the_server(staff)
    db.session.commit()
    click.echo(f"{staff.email} sets up a second factor again at the next sign-in.")


@outbox_cli.command("send")
def send_command() -> None:
    """Send every message that is due (run it every minute from a scheduler)."""
    from portal.outbox.delivery import send_due

    sent, failed = send_due()
    click.echo(f"sent {sent}, failed {failed}")


@outbox_cli.command("work")
@click.option("--interval", default=10, show_default=True, help="Seconds between rounds.")
def work_command(interval: int) -> None:
    """Keep sending due messages until stopped."""
    from portal.outbox.delivery import send_due

    while True:
        sent, failed = send_due()
        if sent or failed:
            click.echo(f"sent {sent}, failed {failed}")
        time.sleep(interval)


@outbox_cli.command("list")
@click.option("--limit", default=20, show_default=True)
@click.option("--failed", is_flag=True, help="Only messages set aside as dead or still failing, with the reason.")
def list_command(limit: int, failed: bool) -> None:
    """Show the newest messages, sent or not."""
    from portal.outbox.delivery import failed_messages
    from portal.outbox.models import OutboxMessage

    if failed:
        messages = failed_messages(limit)
    else:
        messages = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit))
    for message in messages:
        if message.sent_at:
            state = f"sent {message.sent_at:%Y-%m-%d %H:%M}"
        elif message.dead_at:
            state = f"dead since {message.dead_at:%Y-%m-%d %H:%M} after {message.attempts} tries: {message.last_error}"
        elif failed:
            state = f"failing ({message.attempts} tries): {message.last_error}"
        else:
            state = f"waiting ({message.attempts} tries)"
        click.echo(f"#{message.id}  {message.recipient}  {message.subject!r}  {state}")


@outbox_cli.command("show")
@click.argument("message_id", type=int)
def show_command(message_id: int) -> None:
    """Print one message's text."""
    from portal.outbox.models import OutboxMessage

    message = db.session.get(OutboxMessage, message_id)
    if message is None:
        raise click.ClickException(f"No message #{message_id}")
    click.echo(f"To: {message.recipient}\nSubject: {message.subject}\n\n{message.body_text}")


@demo_cli.command("load")
def load_command() -> None:
    """Load the demo data (safe to run again; refuses in production)."""
    from portal.demo.loader import DemoRefused, load_demo

    try:
        logins = load_demo()
    except DemoRefused as error:
        raise click.ClickException(str(error)) from error
    click.echo("Demo data loaded. Sign in at the address below with (staff: add the key to an authenticator app):")
    for login in logins:
        click.echo(f"  {login.role:<12} {login.email:<32} {login.password:<18} {login.totp_secret}".rstrip())


def register_cli(app: Flask) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(outbox_cli)
    app.cli.add_command(demo_cli)
    from portal.interest.cli import interest_cli

    app.cli.add_command(interest_cli)
    from portal.meetings.cli import bookings_cli

    app.cli.add_command(bookings_cli)
    from portal.privacy.cli import privacy_cli

    app.cli.add_command(privacy_cli)
