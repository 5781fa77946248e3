"""`pathways keys` commands: the key that encrypts participants' identifiers at rest."""

from __future__ import annotations

import click

from pathways.commands._django import setup_django


@click.group()
def keys() -> None:
    """Make a key for PATHWAYS_FIELD_KEY, or move stored values onto a new one."""


@keys.command("new")
def new() -> None:
    """Print a new random key (keep it in the deployment's secret store)."""
    from cryptography.fernet import Fernet

    click.echo(Fernet.generate_key().decode())


@keys.command("rotate")
def rotate() -> None:
    """Re-encrypt every stored value with the first key of PATHWAYS_FIELD_KEY.

    Set PATHWAYS_FIELD_KEY to "NEW,OLD" first (the new key first), run this, then set it to
    "NEW" alone. It runs in one transaction: when some value opens with none of the keys,
    nothing changes.
    """
    setup_django()
    from django.conf import settings

    from pathways.apps.accounts.access import ConsoleUser
    from pathways.apps.cases.actions import rotate_field_key
    from pathways.apps.cases.crypto import field_keys, key_problem
    from pathways.apps.cases.queries import key_access

    problem = key_problem(settings.PATHWAYS_FIELD_KEY)
    if problem:
        raise click.ClickException(problem)
    try:
        counts = rotate_field_key(key_access(ConsoleUser("pathways keys rotate")))
    except ValueError as exc:
        raise click.ClickException(f"{exc}; nothing was changed. Add the key these values "
                                   "were encrypted with after the new one.") from exc
    for field, count in counts.items():
        click.echo(f"{field}: {count} values re-encrypted")
    others = len(field_keys(settings.PATHWAYS_FIELD_KEY)) - 1
    if others:
        click.echo(f"Every value now opens with the first key; the other {others} can be "
                   "removed from PATHWAYS_FIELD_KEY.")
