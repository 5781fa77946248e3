"""Docs the tests keep honest: every CLI command is in the README, every ADR has a status."""

from __future__ import annotations

from pathlib import Path

import click

from pathways.cli import main

ROOT = Path(__file__).resolve().parents[1]


def commands(group: click.Group, prefix: str = "pathways"):
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}"


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    missing = [c for c in commands(main) if f"`{c}" not in readme and f"/ `{c}" not in readme
               and c not in readme]
    assert not missing, f"README.md does not mention: {missing}"


def test_readme_names_the_two_setup_commands_and_ci_calls_the_test_one():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_adr_has_a_status():
    adrs = sorted((ROOT / "docs" / "adr").glob("*.md"))
    assert adrs
    for adr in adrs:
        assert "Status:" in adr.read_text(), adr.name
