"""Command-line jobs: `flask units …`, `flask projects …`, `flask users …`, `flask outbox …`, `flask demo …`."""

from __future__ import annotations

import time

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from portal.extensions import db

units_cli = AppGroup("units", help="Manage the installation's labour-market units.")
projects_cli = AppGroup("projects", help="Manage the projects units run together.")
users_cli = AppGroup("users", help="Manage user accounts.")
outbox_cli = AppGroup("outbox", help="Deliver e-mail waiting in the outbox.")
demo_cli = AppGroup("demo", help="Demo data for trying Brygga out.")


def _unit_named(name: str | None):
    """The unit a command names, or the installation's only unit when none is named."""
    from portal.units.services import find_unit_by_name, installation_unit

    if name:
        unit = find_unit_by_name(name)
        if unit is None:
            raise click.ClickException(f"No unit is named {name!r} (see `flask units list`).")
        return unit
    unit = installation_unit()
    if unit is None:
        raise click.ClickException("Name the unit with --unit (create one first with `flask units create`).")
    return unit


@units_cli.command("create")
@click.option("--name", required=True, help="The unit's name, such as “Arbetsmarknadsenheten Karlskrona”.")
@click.option("--municipality", required=True, help="The official four-digit municipality code, such as 1080.")
@click.option("--contact-name", default="")
@click.option("--contact-email", default="")
@click.option("--contact-phone", default="")
def create_unit_command(name: str, municipality: str, contact_name: str, contact_email: str, contact_phone: str) -> None:
    """Create a labour-market unit of one municipality."""
    from portal.errors import FieldError
    from portal.units.services import create_unit

    try:
        unit = create_unit(
            name=name, municipality_code=municipality,
            contact_name=contact_name, contact_email=contact_email, contact_phone=contact_phone,
        )
    except FieldError as error:
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"Created unit {unit.name} ({unit.municipality_code} {unit.municipality.name})")


@units_cli.command("set-municipality")
@click.option("--unit", "unit_name", required=True)
@click.option("--municipality", required=True, help="The official four-digit municipality code.")
def set_municipality_command(unit_name: str, municipality: str) -> None:
    """Correct a unit's municipality (the migrated unit's placeholder 0000, say); audited."""
    from portal.errors import FieldError
    from portal.units.services import set_municipality

    unit = _unit_named(unit_name)
    try:
        set_municipality(unit, municipality)
    except FieldError as error:
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"{unit.name} is in {unit.municipality_code} {unit.municipality.name}")


@units_cli.command("list")
def list_units_command() -> None:
    """Show every unit with its municipality."""
    from portal.units.services import all_units

    for unit in all_units():
        place = unit.municipality.name if unit.municipality else "unknown municipality: set it with `flask units set-municipality`"
        click.echo(f"#{unit.id}  {unit.name}  {unit.municipality_code} {place}")


@projects_cli.command("create")
@click.option("--name", required=True)
@click.option("--unit", "unit_names", multiple=True, required=True, help="A unit taking part (repeat for each).")
@click.option("--starts", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--ends", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--esf-number", default="", help="The ESF project number, such as 2019/00387.")
@click.option("--reports-to-esf", is_flag=True)
@click.option("--target-group", default="")
def create_project_command(name, unit_names, starts, ends, esf_number, reports_to_esf, target_group) -> None:
    """Create a project run by one or more units."""
    from portal.errors import FieldError
    from portal.units.services import create_project

    units = [_unit_named(unit_name) for unit_name in unit_names]
    try:
        project = create_project(
            name=name, units=units, starts_on=starts.date(), ends_on=ends.date(),
            esf_number=esf_number, reports_to_esf=reports_to_esf, target_group=target_group,
        )
    except FieldError as error:
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"Created project {project.name} with {', '.join(unit.name for unit in project.units)}")


@users_cli.command("create")
@click.option("--role", type=click.Choice(["admin", "coordinator", "consultant"]), required=True)
@click.option("--unit", "unit_name", help="The unit of a coordinator or consultant (default: the only unit).")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.password_option(prompt="Password", confirmation_prompt=True)
def create_user_command(role: str, unit_name: str | None, email: str, name: str, password: str) -> None:
    """Create the administrator, or a unit's staff account (the first coordinator, say)."""
    from flask import current_app

    from portal.accounts.models import Role
    from portal.accounts.passwords import password_problems
    from portal.accounts.services import create_user
    from portal.errors import FieldError

    problems = password_problems(password, email=email, min_length=current_app.config["PASSWORD_MIN_LENGTH"])
    if problems:
        raise click.ClickException("The password is not good enough: " + ", ".join(problems))
    if role == "admin" and unit_name:
        raise click.ClickException("The administrator belongs to no unit: leave out --unit.")
    unit = None if role == "admin" else _unit_named(unit_name)
    try:
        user = create_user(email=email, name=name, role=Role(role), password=password, unit=unit)
    except FieldError as error:
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email}" + (f" in {unit.name}" if unit else ""))


@users_cli.command("reset-second-factor")
@click.argument("email")
def reset_second_factor_command(email: str) -> None:
    """Remove a staff member's second factor (the sole coordinator's lost phone); audited."""
    from portal.accounts.second_factor import (
        get_second_factor_holder,
        reset_second_factor_from_the_server,
    )
    from portal.accounts.services import find_user_by_email

    user = find_user_by_email(email)
    staff = get_second_factor_holder(user.id) if user is not None else None
    if staff is None:
        raise click.ClickException(f"No coordinator or consultant, nor administrator, has the address {email}")
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
    app.cli.add_command(units_cli)
    app.cli.add_command(projects_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(outbox_cli)
    app.cli.add_command(demo_cli)
    from portal.interest.cli import interest_cli

    app.cli.add_command(interest_cli)
    from portal.meetings.cli import bookings_cli

    app.cli.add_command(bookings_cli)
    from portal.privacy.cli import privacy_cli

    app.cli.add_command(privacy_cli)
