"""Docs the tests keep honest: every CLI command is in the README, every ADR has a status."""

from __future__ import annotations

import re
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


def test_every_setting_the_code_reads_is_in_the_deployment_guide():
    read = {name for path in (ROOT / "src" / "pathways").rglob("*.py")
            for name in re.findall(r"\bPATHWAYS_[A-Z_]+[A-Z]\b", path.read_text())}
    guide = (ROOT / "docs" / "deploy.md").read_text()
    missing = sorted(name for name in read if f"`{name}`" not in guide)
    assert not missing, f"docs/deploy.md's settings table does not list: {missing}"
