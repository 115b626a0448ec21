"""Command-line tools: ``flask users``, ``flask translate``, ``flask demo``, ``flask outbox``,
``flask reminders``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

from portal.extensions import db

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT_FILE = TRANSLATIONS / "messages.pot"

users_cli = AppGroup("users", help="Manage accounts.")
translate_cli = AppGroup("translate", help="Extract, update, check and compile translations.")
demo_cli = AppGroup("demo", help="Demonstration data.")
outbox_cli = AppGroup("outbox", help="The e-mails waiting to be sent.")


def _check_password(password: str, email: str, name: str) -> str:
    from portal.services.passwords import password_problems

    problems = password_problems(password, email=email, full_name=name)
    if problems:
        raise click.BadParameter(" ".join(problems), param_hint="password")
    return password


@users_cli.command("create-admin")
@click.option("--email", prompt=True, help="E-mail address used to sign in.")
@click.option("--name", "full_name", prompt="Full name", help="The administrator's full name.")
@click.option(
    "--organisation-id",
    type=int,
    default=None,
    help="Organisation of the account (default: the ministry, created if missing).",
)
@click.password_option(help="At least 12 characters, not a common password.")
def create_admin(email: str, full_name: str, organisation_id: int | None, password: str) -> None:
    """Create a platform administrator."""
    from portal.models import Organisation, OrganisationKind, Role
    from portal.services.accounts import AccountError, NewUser, create_user

    _check_password(password, email, full_name)
    if organisation_id is not None:
        organisation = db.session.get(Organisation, organisation_id)
        if organisation is None:
            raise click.BadParameter("no such organisation", param_hint="--organisation-id")
    else:
        organisation = db.session.execute(
            select(Organisation)
            .where(Organisation.kind == OrganisationKind.MINISTRY)
            .order_by(Organisation.id)
        ).scalar()
        if organisation is None:
            organisation = Organisation(
                kind=OrganisationKind.MINISTRY,
                name_fr="Ministère de l'Industrie et du Commerce",
                name_ar="وزارة الصناعة والتجارة",
                acronym="MIC",
                region="MA-04",
                city="Rabat",
            )
            db.session.add(organisation)
    try:
        user = create_user(
            NewUser(
                email=email,
                full_name=full_name,
                role=Role.ADMIN,
                organisation=organisation,
                password=password,
            )
        )
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Administrator {user.email} created (id {user.id}).")


@users_cli.command("set-password")
@click.argument("email")
@click.password_option(help="At least 12 characters, not a common password.")
def set_password_command(email: str, password: str) -> None:
    """Set a user's password and end all of their sessions."""
    from portal.services.accounts import find_user_by_email, reset_password

    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No account uses {email}.")
    _check_password(password, user.email, user.full_name)
    reset_password(user, password)
    db.session.commit()
    click.echo(f"Password of {user.email} changed; their sessions have ended.")


def _babel(*args: str) -> None:
    # Runs Babel from this interpreter with arguments written in this file.
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT
    )


@translate_cli.command("extract")
def translate_extract() -> None:
    """Extract every message of the code and templates into translations/messages.pot."""
    from babel.messages.pofile import write_po

    from portal.translation_check import extract_messages

    catalog, files = extract_messages(ROOT)
    with POT_FILE.open("wb") as handle:
        write_po(handle, catalog, no_location=True, sort_output=True, width=100)
    click.echo(f"{len(catalog)} messages from {len(files)} files in {POT_FILE.name}")


@translate_cli.command("update")
@click.pass_context
def translate_update(ctx: click.Context) -> None:
    """Extract, then merge new messages into the French and Arabic catalogs."""
    ctx.invoke(translate_extract)
    _babel(
        "update",
        "-i",
        str(POT_FILE),
        "-d",
        str(TRANSLATIONS),
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )


@translate_cli.command("check")
def translate_check() -> None:
    """Fail on untranslated or fuzzy entries and on placeholders that differ."""
    from portal.translation_check import catalog_problems

    problems = catalog_problems(TRANSLATIONS, current_app.config["LANGUAGES"])
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} translation problem(s)")
    click.echo("Translations complete.")


@translate_cli.command("compile")
@click.pass_context
def translate_compile(ctx: click.Context) -> None:
    """Check the catalogs, then build the .mo files (build output, not committed)."""
    ctx.invoke(translate_check)
    _babel("compile", "-d", str(TRANSLATIONS))


@demo_cli.command("seed")
def demo_seed() -> None:
    """Create (or complete) the demonstration dataset; running it again changes nothing."""
    from portal.demo.seed import seed

    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("Demo data is not for production (PORTAL_ENV=production).")
    report = seed()
    db.session.commit()
    click.echo(report.summary())
    if current_app.config.get("DEMO_MODE"):
        click.echo("\nDemo accounts (demo mode only):")
        for email, role, password in report.accounts:
            click.echo(f"  {role:<20} {email:<28} {password}")


@demo_cli.command("generate")
@click.option(
    "--scale",
    type=float,
    default=1.0,
    show_default=True,
    help="Multiplies every size (1: 100,000 organisations, 1,000,000 training needs...).",
)
@click.option("--seed", type=int, default=None, help="Random seed (default: a fixed one).")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day dates are relative to (default: today).",
)
def demo_generate(scale: float, seed: int | None, today) -> None:
    """Add national-scale data on top of the demo seed; refuses a database that has some."""
    import time

    from portal.clock import today as clock_today
    from portal.demo.generate import DEFAULT_SEED, GenerateError, generate, sizes

    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("Demo data is not for production (PORTAL_ENV=production).")
    click.echo(
        f"Generating at scale {scale} (seed {seed if seed is not None else DEFAULT_SEED}): "
        + ", ".join(f"{n:,} {table}" for table, n in sizes(scale).items())
    )
    started = time.monotonic()
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            # Before the transaction: WAL (kept, the app's readers need it) and no fsync.
            raw = connection.connection.driver_connection
            raw.execute("PRAGMA journal_mode=WAL")
            raw.execute("PRAGMA synchronous=OFF")
            raw.execute("PRAGMA cache_size=-262144")
            raw.execute("PRAGMA temp_store=MEMORY")
        try:
            with connection.begin():
                counts = generate(
                    connection,
                    scale=scale,
                    seed=DEFAULT_SEED if seed is None else seed,
                    today=today.date() if today else None,
                    log=click.echo,
                )
        except GenerateError as error:
            raise click.ClickException(str(error)) from None
    from portal.services import open_data

    open_data.refresh(today.date() if today else clock_today())
    db.session.commit()
    click.echo(f"Generated {sum(counts.values()):,} rows in {time.monotonic() - started:.0f} s.")


@outbox_cli.command("send")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Messages to send at most.")
def outbox_send(limit: int | None) -> None:
    """Send the e-mails due (run it every minute: cron or a systemd timer). Several may run at
    once, on several servers: each message is sent by one of them. A message the mail server
    does not take is tried again later; the command then exits 1."""
    from portal.services.mail import BATCH, deliver_due

    delivery = deliver_due(limit=limit or BATCH)
    click.echo(f"Sent: {delivery.sent}, to try again later: {delivery.failed}")
    if delivery.failed:
        raise click.ClickException(f"Last error: {delivery.last_error}")


@outbox_cli.command("prune")
def outbox_prune() -> None:
    """Delete the e-mails sent more than 30 days ago (run it daily); waiting ones stay."""
    from portal.services.mail import prune_sent

    click.echo(f"Deleted: {prune_sent()}")


reminders_cli = AppGroup("reminders", help="Reminders sent because time passed.")


@reminders_cli.command("send")
def reminders_send() -> None:
    """Send today's reminders (run it once a day: cron or a systemd timer). Each is sent once
    per record and occasion, however often the command runs. Then invite to the satisfaction
    surveys the respondents of the services that ended, and announce the invitations; give
    the training seats kept until yesterday and still free to the waiting lists; remind
    the participants of next week's training sessions; and
    record the figures of the indicators bound to the portal's data that changed, and publish
    the day's open data."""
    from portal.clock import today
    from portal.services import open_data
    from portal.services.conventions.metrics import record_portal_figures
    from portal.services.reminders import send_reminders
    from portal.services.surveys import send_survey_invitations
    from portal.services.training.invitations import remind_participants
    from portal.services.training.seats import release_kept_seats

    if not current_app.config.get("PORTAL_URL") and current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("Set PORTAL_URL: the reminders' e-mails link to the portal.")
    report = send_reminders(today())
    click.echo(f"Reminders sent: {report.total}")
    for kind, count in sorted(report.sent.items()):
        click.echo(f"  {kind:<28} {count}")
    seated = release_kept_seats(today())
    click.echo(f"Waiting participants seated once kept seats were released: {seated}")
    reminded = remind_participants(today())
    click.echo(f"Training participants reminded of their session: {reminded}")
    invited = send_survey_invitations(today())
    click.echo(f"Survey invitations sent: {invited}")
    recorded = record_portal_figures(today())
    db.session.commit()
    click.echo(f"Indicator figures recorded: {recorded}")
    published = open_data.refresh(today())
    db.session.commit()
    click.echo(f"Open data figures published: {published}")


@reminders_cli.command("digest")
def reminders_digest() -> None:
    """E-mail the weekly digest (run it on Monday mornings): to ministry officers and
    federation staff, what changed in their ecosystems over the last seven days and what is
    late. Once per user and week, however often the command runs."""
    from portal.clock import today
    from portal.services.digest import send_weekly_digests

    if not current_app.config.get("PORTAL_URL") and current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("Set PORTAL_URL: the digest links to the portal.")
    report = send_weekly_digests(today())
    click.echo(f"Digests sent: {report.sent}")


def register_commands(app: Flask) -> None:
    """Attach the command groups to the app."""
    for group in (users_cli, translate_cli, demo_cli, outbox_cli, reminders_cli):
        app.cli.add_command(group)
