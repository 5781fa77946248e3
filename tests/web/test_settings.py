"""Settings come from the environment; the production profile is safe or refuses to start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_django(env_extra: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PATHWAYS_")}
    env.update({"PATHWAYS_DATABASE_URL": "sqlite:///:memory:", **env_extra})
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


PRODUCTION = {
    "PATHWAYS_PROFILE": "production",
    "PATHWAYS_SECRET_KEY": "a-long-random-value-for-the-test-" + "k3y" * 20,
    "PATHWAYS_ALLOWED_HOSTS": "pathways.example.org",
    "PATHWAYS_FIELD_KEY": "dGVzdC1rZXktZm9yLXRoZS1wcm9kdWN0aW9uLXRlc3Q=",
}


def test_production_profile_passes_check_deploy():
    result = run_django(PRODUCTION, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_profile_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "PATHWAYS_SECRET_KEY"}
    result = run_django(env, "check")
    assert result.returncode != 0
    assert "PATHWAYS_SECRET_KEY must be set" in result.stderr


def test_production_profile_refuses_to_start_without_allowed_hosts():
    env = {k: v for k, v in PRODUCTION.items() if k != "PATHWAYS_ALLOWED_HOSTS"}
    result = run_django(env, "check")
    assert result.returncode != 0
    assert "PATHWAYS_ALLOWED_HOSTS must be set" in result.stderr


def test_local_defaults(settings):
    assert settings.DEBUG is not None
    assert "django.contrib.auth.middleware.LoginRequiredMiddleware" in settings.MIDDLEWARE
    assert settings.LANGUAGES[1][0] == "es"


def test_a_bad_number_in_a_security_setting_is_refused_by_name():
    result = run_django({"PATHWAYS_STAFF_IDLE_MINUTES": "half an hour"}, "check")
    assert result.returncode != 0
    assert "PATHWAYS_STAFF_IDLE_MINUTES must be a whole number of at least 1" in result.stderr


@pytest.mark.parametrize(("name", "value"), [("PATHWAYS_DB_CONN_MAX_AGE", "²"),
                                             ("PATHWAYS_UPLOAD_MAX_HOURS", "six"),
                                             ("PATHWAYS_PAGE_CACHE_SECONDS", "-1"),
                                             ("PATHWAYS_EMAIL_PORT", "25.5"),
                                             ("PATHWAYS_JOB_HEARTBEAT_SECONDS", "0"),
                                             ("PATHWAYS_BACKGROUND_IMPORT_BYTES", "1 MB")])
def test_every_number_setting_is_refused_by_name(name, value):
    result = run_django({name: value}, "check")
    assert result.returncode != 0
    assert f"{name} must be a whole number" in result.stderr


def test_a_stale_time_shorter_than_three_heartbeats_is_refused():
    """Else a job whose worker is alive but between two heartbeats would be taken for dead
    and queued again, so two workers would run it."""
    result = run_django({"PATHWAYS_JOB_HEARTBEAT_SECONDS": "60",
                         "PATHWAYS_JOB_STALE_SECONDS": "120"}, "check")
    assert result.returncode != 0
    assert "PATHWAYS_JOB_STALE_SECONDS must be at least three heartbeats" in result.stderr
    assert run_django({"PATHWAYS_JOB_HEARTBEAT_SECONDS": "60",
                       "PATHWAYS_JOB_STALE_SECONDS": "180"}, "check").returncode == 0


def test_production_cookies_carry_the_host_prefix():
    result = run_django(PRODUCTION, "shell", "-c",
                        "from django.conf import settings as s; "
                        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, "
                        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)")
    last = result.stdout.strip().splitlines()[-1]
    assert last.split() == ["__Host-sessionid", "__Host-csrftoken", "True", "True"]
