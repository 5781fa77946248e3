"""docs/deploy.md, done as an operator would on a new PostgreSQL database: the documented
commands, then `pathways serve` (gunicorn, production profile) answering public and
signed-in pages through the real login form, with no server error in its log.

It would have caught the production profile answering 500 on every page because static
files were never collected. About 40 s: the PostgreSQL pass only (tests/run.py).
"""

from __future__ import annotations

import re
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from tests.deploy.helpers import Browser, connect, fresh_database, operator_env, pathways

CTDL = Path(__file__).resolve().parents[1] / "fixtures" / "ctdl"
PATHWAY = "it-networking-specialist-pathway"

pytestmark = [pytest.mark.postgres, pytest.mark.deploy, pytest.mark.slow]

ADMIN_PASSWORD = "a-long-administrator-passphrase-" + secrets.token_hex(4)
NAVIGATOR_PASSWORD = "a-long-navigator-passphrase-" + secrets.token_hex(4)
GOVERNMENT_ID = "123-45-6789"


@pytest.fixture
def installation(tmp_path):
    """A new installation's environment: production profile, its own database."""
    with fresh_database("deploy") as name:
        env = operator_env(tmp_path, name, PATHWAYS_PROFILE="production",
                           PATHWAYS_SECRET_KEY=secrets.token_urlsafe(50),
                           PATHWAYS_ALLOWED_HOSTS="127.0.0.1,localhost")
        yield name, env


@pytest.fixture
def server(installation, tmp_path):
    """The documented set-up, then `pathways serve` on a free port; stopped afterwards."""
    name, env = installation
    refused = pathways(env, "serve", "--check", ok=False)
    assert refused.returncode != 0 and "pathways manage migrate" in refused.stderr
    pathways(env, "manage", "migrate", "--noinput")
    pathways(env, "reference", "load")
    pathways(env, "ctdl", "import", str(CTDL / "CompTIA-IT_Networking_Specialist.jsonld"),
             str(CTDL / "comptia-IT_progModel.json"))  # a pathway, a draft until published
    refused = pathways(env, "serve", "--check", ok=False)
    assert "pathways manage collectstatic --noinput" in refused.stderr  # the 500 of old
    pathways(env, "manage", "collectstatic", "--noinput")
    pathways({**env, "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD}, "manage",
             "createsuperuser", "--noinput", "--username", "chief",
             "--email", "chief@example.org")
    log = tmp_path / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "pathways.cli", "serve", "--bind", "127.0.0.1:0",
             "--workers", "2"], env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        port = _listening_port(process, log)
        yield port, process, log, name, env
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)


def _listening_port(process: subprocess.Popen, log, wait: float = 60) -> int:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", log.read_text())
        if found:
            return int(found.group(1))
        assert process.poll() is None, f"pathways serve stopped:\n{log.read_text()}"
        time.sleep(0.2)
    raise AssertionError(f"pathways serve did not start in {wait} s:\n{log.read_text()}")


def _wait_ready(browser: Browser, wait: float = 30) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            if browser.get("/")[0] == 200:
                return
        except OSError:
            pass
        assert time.monotonic() < deadline, "the server does not answer"
        time.sleep(0.2)


def test_the_documented_production_setup_serves_public_and_signed_in_pages(server):
    port, process, log, name, env = server
    visitor = Browser(port)
    _wait_ready(visitor)
    assert visitor.get(f"/pathways/{PATHWAY}/")[0] == 404  # a draft, until published

    # The first administrator (createsuperuser) signs in, publishes the imported pathway,
    # adds an organisation and a navigator working for it, all in the admin.
    chief = Browser(port)
    chief.submit("/accounts/login/", {"username": "chief", "password": ADMIN_PASSWORD})
    assert chief.get("/admin/")[0] == 200
    with connect(name) as db:
        pathway = db.execute("SELECT id FROM catalog_pathway WHERE slug = %s",
                             [PATHWAY]).fetchone()[0]
    chief.submit(f"/admin/catalog/pathway/{pathway}/change/", {"status": "published"})
    chief.submit("/admin/accounts/organisation/add/", {
        "name": "Riverside Adult Learning Center", "kind": "adult_education", "state": "KY"})
    _, where = chief.submit("/admin/auth/user/add/", {
        "username": "rivera", "usable_password": "true",
        "password1": NAVIGATOR_PASSWORD, "password2": NAVIGATOR_PASSWORD})
    user_id = int(re.search(r"/admin/auth/user/(\d+)/change/", where).group(1))
    with connect(name) as db:
        organisation = db.execute("SELECT id FROM accounts_organisation WHERE name = %s",
                                  ["Riverside Adult Learning Center"]).fetchone()[0]
    chief.submit("/admin/accounts/profile/add/", {
        "user": str(user_id), "role": "navigator", "organisation": str(organisation),
        "preferred_language": "en"})

    # Public pages, as anyone sees them; static files collected and served by WhiteNoise.
    status, headers, home = visitor.get("/")
    assert status == 200 and "strict-transport-security" in headers
    for path in [f"/pathways/{PATHWAY}/", "/occupations/29-1141.00/", "/pathways/",
                 "/accounts/login/"]:
        assert visitor.get(path)[0] == 200, path
    stylesheet = re.search(r'href="(/static/pathways/pathways\.[0-9a-f]{12}\.css)"', home)
    assert stylesheet, "the home page links no collected (hashed) stylesheet"
    status, headers, css = visitor.get(stylesheet.group(1))
    assert status == 200 and headers["content-type"].startswith("text/css") and css
    assert "immutable" in headers.get("cache-control", "")

    # The navigator signs in, enrols a participant and opens the record.
    navigator = Browser(port)
    navigator.submit("/accounts/login/", {"username": "rivera",
                                          "password": NAVIGATOR_PASSWORD})
    assert navigator.get("/cases/")[0] == 200
    _, where = navigator.submit("/cases/participants/new/", {
        "first_name": "Marisol", "last_name": "Deployment", "date_of_birth": "1991-04-12",
        "preferred_language": "es", "government_id_kind": "ssn",
        "government_id": GOVERNMENT_ID})
    participant = int(re.search(r"/cases/participants/(\d+)/", where).group(1))
    status, _, record = navigator.get(f"/cases/participants/{participant}/")
    assert status == 200 and "Marisol" in record and GOVERNMENT_ID not in record
    assert navigator.get("/admin/")[0] in {302, 403}  # staff pages are not hers
    with connect(name) as db:
        stored = db.execute("SELECT government_id FROM cases_participant WHERE id = %s",
                            [participant]).fetchone()[0]
    assert GOVERNMENT_ID.replace("-", "") not in stored
    opened = Fernet(env["PATHWAYS_FIELD_KEY"].encode()).decrypt(stored.encode()).decode()
    assert opened.replace("-", "") == GOVERNMENT_ID.replace("-", "")  # stored as digits

    # A reload (what systemd's `reload` sends) keeps serving with new workers.
    process.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 30
    while "Handling signal: hup" not in log.read_text():
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.2)
    assert visitor.get("/pathways/")[0] == 200
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0

    text = log.read_text()
    assert not re.search(r'" 5\d\d ', text), text
    assert "Traceback" not in text and "[ERROR]" not in text, text
