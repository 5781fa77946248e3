"""`pathways ctdl` commands."""

from __future__ import annotations

import click


@click.group()
def ctdl() -> None:
    """(being written)"""
