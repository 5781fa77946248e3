"""`pathways serve` refuses clearly, before anything listens, what would fail on every page."""

from __future__ import annotations

import json

from click.testing import CliRunner
from django.contrib.staticfiles import finders

from pathways.commands.serve import serve
from pathways.web.readiness import REQUIRED, database_problem, missing_settings, static_problems


def test_every_missing_production_setting_is_named_at_once():
    problems = missing_settings({"PATHWAYS_SECRET_KEY": "  "})
    assert [p.split()[0] for p in problems] == list(REQUIRED)
    assert "pathways keys new" in problems[-1]
    assert missing_settings(dict.fromkeys(REQUIRED, "set")) == []


def test_serve_runs_only_the_production_profile(monkeypatch):
    monkeypatch.setenv("PATHWAYS_PROFILE", "local")
    result = CliRunner().invoke(serve, ["--check"])
    assert result.exit_code == 1 and "runs the production profile" in result.output


def test_serve_lists_the_missing_settings_without_a_traceback(monkeypatch):
    for name in REQUIRED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PATHWAYS_PROFILE", "production")  # serve sets it; put back after
    result = CliRunner().invoke(serve, ["--check"])
    assert result.exit_code == 1 and result.exception.__class__ is SystemExit
    assert all(name in result.output for name in REQUIRED)


def test_static_files_must_be_collected_and_complete(tmp_path):
    assert "are not collected in" in static_problems(tmp_path)[0]
    shipped = sorted(path for finder in finders.get_finders() for path, _ in finder.list([]))
    manifest = tmp_path / "staticfiles.json"
    manifest.write_text(json.dumps({"paths": dict.fromkeys(shipped[1:], "x")}))
    (problem,) = static_problems(tmp_path)
    assert f"1 static files are not collected in {tmp_path}, e.g. {shipped[0]}" in problem
    manifest.write_text(json.dumps({"paths": dict.fromkeys(shipped, "x")}))
    assert static_problems(tmp_path) == []
    manifest.write_text("{")
    assert "cannot be read" in static_problems(tmp_path)[0]


def test_a_migrated_database_is_ready(db):
    assert database_problem() is None
