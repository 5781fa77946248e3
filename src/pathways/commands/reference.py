"""`pathways reference` commands."""

from __future__ import annotations

import click


@click.group()
def reference() -> None:
    """(being written)"""
