"""Test-wide set-up: one database with the bundled reference data and the demo region,
and a real headless Chromium for the browser tests."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.layout import ENGINES

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("PATHWAYS_CHROMIUM") or shutil.which("chromium") or ""


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """PBKDF2 is slow on purpose (about 0.3 s a password); tests gain nothing from that, so
    they hash with MD5, as Django's testing docs advise. Production settings are untouched."""
    from django.conf import settings
    from django.contrib.auth import hashers

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()


@pytest.fixture(scope="session", autouse=True)
def job_files_in_a_temporary_folder(tmp_path_factory):
    """Files kept for queued jobs (and linkage runs) go to a folder of the test run, not
    the checkout's var/."""
    from django.conf import settings

    settings.JOB_FILES_DIR = str(tmp_path_factory.mktemp("jobs"))
    settings.LINKAGE_FILES_DIR = str(tmp_path_factory.mktemp("linkage"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference subset and the demo region once, after migrations.

    Tests run inside transactions on top of this world; tests that need a live
    server (browser tests) run last and rebuild it, because they flush the database.
    """
    with django_db_blocker.unblock():
        load_world()


def load_world() -> None:
    from pathways.apps.catalog.models import Occupation
    from pathways.apps.exchange.reference import load_bundled_reference
    from pathways.demo import build_demo_region

    if not Occupation.objects.exists():
        load_bundled_reference()
    build_demo_region()


@pytest.fixture(autouse=True)
def _forget_kept_pages():
    """Each test starts with no kept public page: tests roll their changes back, which no
    generation of the page cache can notice (it moves on commit)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request in Spanish leaves Spanish active in the thread (LocaleMiddleware does not
    switch it back), and translated lookups (``name="Welder"``) of later tests would miss."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked ``postgres`` need the PostgreSQL server itself (tests/run.py runs them
    in its PostgreSQL pass); elsewhere they are skipped, but never under CI=true."""
    if request.node.get_closest_marker("postgres") is None:
        return
    from django.conf import settings

    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        message = ("needs PostgreSQL (PATHWAYS_DATABASE_URL=postgres://...), as in the "
                   "PostgreSQL pass of tests/run.py")
        if IN_CI:
            pytest.fail(message + "; CI=true requires it.")
        pytest.skip(message + "; SKIPPED.")


def flushes(item) -> bool:
    """Browser tests, and any test on a live transaction, empty the database when they end."""
    marker = item.get_closest_marker("django_db")
    return (item.get_closest_marker("browser") is not None
            or bool(marker and marker.kwargs.get("transaction"))
            or "transactional_db" in getattr(item, "fixturenames", ()))


def pytest_configure(config):
    """A run that leaves slow tests out is the quick suite: property-based tests try fewer
    examples there (tests/examples.py), and hypothesis's default drops to match."""
    if "not slow" in (config.getoption("markexpr") or ""):
        os.environ.setdefault("PATHWAYS_QUICK_RUN", "1")
    from hypothesis import settings

    settings.register_profile("quick", max_examples=20)
    if os.environ.get("PATHWAYS_QUICK_RUN") == "1":
        settings.load_profile("quick")


def pytest_collection_modifyitems(config, items):
    # Engine tests never touch Django's database, so the PostgreSQL pass of tests/run.py
    # leaves them out (they run once, in the SQLite pass).
    for item in items:
        parts = item.path.relative_to(config.rootpath).parts
        if len(parts) > 2 and parts[0] == "tests" and parts[1] in ENGINES:
            item.add_marker(pytest.mark.engine)
    # Tests on committed data (threads, live servers) empty the database when they end:
    # they run after everything else, the browser tests (which rebuild the world) last.
    items.sort(key=lambda item: (item.get_closest_marker("browser") is not None,
                                 flushes(item)))


# Every page a browser test opens records the Content-Security-Policy violations it
# reports; tests.browser.pages reads them back (an init script runs before the page's own
# scripts and is not itself subject to the policy).
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " blocked " +
    (event.blockedURI || "inline") + " at " + (event.sourceFile || "the page") + ":" +
    event.lineNumber + " " + (event.sample || ""));
});
"""


class WatchedBrowser:
    """Chromium whose every new context watches for CSP violations."""

    def __init__(self, browser) -> None:
        self._browser = browser

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.add_init_script(WATCH_CSP)
        return context

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM or not os.path.exists(CHROMIUM):
        message = ("Chromium is not installed (apt-get install chromium): "
                   "real-browser tests cannot run")
        if IN_CI:
            pytest.fail(message + " and CI=true requires them.")
        pytest.skip(message + "; SKIPPED.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django's ORM calls made by
    # the test itself are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"])
        yield WatchedBrowser(browser)
        browser.close()


@pytest.fixture
def phone(browser):
    """A page in a 360 px wide phone-sized window."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def world(transactional_db):
    """The reference data and demo region, rebuilt inside a flushing (live-server) test."""
    load_world()
