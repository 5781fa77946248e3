"""`pathways referrals` commands: reminders of overdue referrals (ADR 0052)."""

from __future__ import annotations

import datetime as dt

import click

from pathways.commands._django import setup_django


@click.group()
def referrals() -> None:
    """Referrals between partners."""


@referrals.command("remind")
@click.option("--today", "today", metavar="YYYY-MM-DD",
              help="Count lateness from this day (default: today).")
@click.option("--organisation", "organisation_name", metavar="NAME",
              help="Only the referrals sent to this organisation.")
@click.option("--email", is_flag=True,
              help="Email each organisation's staff who answer referrals, and each referrer.")
@click.option("--site", default="", metavar="URL",
              help="The site's address, to put a link to each referral in the emails.")
def remind(today: str | None, organisation_name: str | None, email: bool, site: str) -> None:
    """List the referrals still requested, accepted or under way past their due date, per
    receiving organisation; with --email, send the reminders. Run it daily (cron, a
    systemd timer). Lists numbers and links, never the people."""
    setup_django()
    from django.utils import timezone

    from pathways.apps.accounts.models import Organisation
    from pathways.apps.cases import reminders

    try:
        day = dt.date.fromisoformat(today) if today else timezone.localdate()
    except ValueError as exc:
        raise click.BadParameter(f"{today!r} is not a date (YYYY-MM-DD)",
                                 param_hint="--today") from exc
    organisation = None
    if organisation_name:
        organisation = Organisation.objects.filter(name=organisation_name).first()
        if organisation is None:
            raise click.ClickException(f"no organisation named {organisation_name!r}")
    found = reminders.overdue(day, organisation)
    if not found:
        click.echo("No overdue referrals.")
        return
    for group in reminders.by_organisation(found):
        click.echo(f"{group.organisation}: {len(group.referrals)} overdue")
        for referral in group.referrals:
            click.echo(f"  {reminders.line(referral, day, site)}")
    if email:
        counts = reminders.send(day, site, organisation)
        click.echo(f"Sent {counts['emails']} reminder emails.")
