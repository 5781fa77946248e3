"""Every page, as every demo account, with junk: GETs with junk query parameters and POSTs
of junk for every field the page's forms name (Unicode digits, huge text, NUL bytes,
lists where one value is expected, files where text is expected). Whatever the answer
(a page with errors, 400, 403, 404, a redirect), it is never a 500.

The sweep of every route runs quickly, each page with fixed junk; the `slow` test lets
hypothesis choose pages, accounts and junk. Pages are filled in with real records of the
demo region (a round, an action, a participant ...), so the views get past their look-ups.
Each request runs in a savepoint rolled back after it, so junk that happens to be valid
changes nothing for the next request.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.apps.accounts.permissions import matrix
from pathways.apps.accounts.roles import role_of
from pathways.apps.accounts.rules import declared
from pathways.demo.region import demo_partnership
from tests.fuzz import MANY, NASTY, TEXT
from tests.test_url_auth import ROUTES, sample_path

pytestmark = pytest.mark.django_db
ACCOUNTS = ["navigator", "editor", "partner", "analyst", "participant", "admin"]
PAGES = [r for r in ROUTES if not r[0].startswith("admin/")]
# The admin's pathway form is ours too (its version check); its pages are slow to render, so
# only hypothesis's slow run visits them.
ADMIN = [r for r in ROUTES if r[1] in {"admin:catalog_pathway_change",
                                       "admin:catalog_pathway_add"}]
# Parameters pages read from the address, besides their forms' fields.
QUERY = ["run", "round", "indicator", "criterion", "show", "dimension", "q", "page", "next",
         "language", "step", "op", "go", "format",
         # the finder's answers (a GET form: pathways.apps.finder)
         "education", "english", "working", "hours", "months", "pay", "per", "likes"]
JUNK = ["²", "١٢", "9" * 40, "-1", "\x00", "x" * 100_000, "=1+1", "", " ", "%", "a\x00b"]
NAME = re.compile(r'name="([^"]+)"')


def _values() -> dict[tuple[str, str], str]:
    """Real records of the demo region for each (page, parameter)."""
    from pathways.apps.cases.models import Participant, Referral, WorkActivity
    from pathways.apps.catalog.models import Occupation, Pathway, Sector
    from pathways.apps.quality.models import Action, Round, WorkshopTable
    from pathways.apps.reports.models import MeasuresRun, PublishedFigure

    partnership = demo_partnership()
    open_round = Round.objects.filter(partnership=partnership, status="open").first()
    participant = Participant.objects.order_by("pk").first()
    activity = WorkActivity.objects.filter(participant=participant).first() \
        or WorkActivity.objects.order_by("pk").first()
    pathway = Pathway.objects.filter(status="published").order_by("pk").first()
    return {
        ("pathway", "slug"): pathway.slug, ("pathway_ctdl", "slug"): pathway.slug,
        ("sector", "slug"): Sector.objects.order_by("pk").first().slug,
        ("occupation", "code"): Occupation.objects.order_by("code").first().code,
        ("quality", "pk"): str(partnership.pk),
        ("quality", "version_id"): str(open_round.framework_id),
        ("quality:action", "pk"): str(Action.objects.filter(partnership=partnership)
                                      .order_by("pk").first().pk),
        ("quality:round", "pk"): str(open_round.pk),
        ("quality:table", "pk"): str(WorkshopTable.objects.order_by("pk").first().pk),
        ("quality", "criterion"): "c1",
        ("cases", "pk"): str(participant.pk),
        ("cases", "activity_id"): str(activity.pk if activity else 1),
        ("cases:referral", "pk"): str(Referral.objects.order_by("pk").first().pk),
        ("cases:referral_fhir", "pk"): str(Referral.objects.order_by("pk").first().pk),
        ("reports", "pk"): str(partnership.pk),
        ("reports", "run"): str(MeasuresRun.objects.filter(partnership=partnership)
                                .order_by("pk").first().pk),
        ("reports", "fmt"): "csv",
        ("reports", "figure"): str(PublishedFigure.objects.filter(
            run__partnership=partnership).order_by("pk").first().pk),
        ("admin", "object_id"): str(pathway.pk),
    }


def concrete(pattern: str, name: str | None, values: dict) -> str:
    """The route's path with each parameter filled in from ``values``."""
    name = name or ""
    namespace = name.split(":")[0]
    round_page = name.startswith("quality:") and pattern.startswith("quality/rounds/")

    def fill(match: re.Match) -> str:
        param = match.group(1)
        for key in ((name, param), (name.split(":")[-1], param),
                    ("quality:round" if round_page else "", param), (namespace, param)):
            if key in values:
                return values[key]
        return "1"

    path = re.sub(r"<(?:\w+:)?(\w+)>", fill, pattern)
    return sample_path(path)


def junk_paths(pattern: str, name: str | None, values: dict) -> list[str]:
    """The route's path with one parameter at a time replaced by junk (a NUL character,
    a Unicode digit, or a number past what a database holds)."""
    found = []
    for match in re.finditer(r"<(?:(\w+):)?(\w+)>", pattern):
        junk = ["9" * 25] if match.group(1) == "int" else ["%00", "%C2%B2", "x" * 300]
        for value in junk:
            changed = pattern[:match.start()] + value + pattern[match.end():]
            found.append(concrete(changed, name, values))
    return found


def allowed(view, user) -> bool:
    rule = declared(view)
    role = role_of(user)
    return rule is None or rule == () or any(matrix().allows(role, p) for p in rule)


def post_data(names: list[str], pick) -> dict:
    data = {}
    for index, name in enumerate(names):
        value = pick(index)
        if name in {"file", "pirl", "wages"} and index % 2 == 0:
            value = SimpleUploadedFile(f"{name}.csv", str(value).encode("utf-8", "replace"))
        data[name] = value
    return data


def ask(client: Client, method: str, path: str, data) -> int:
    """One request in a savepoint rolled back after it; its status code."""
    with transaction.atomic():
        response = (client.get(path, data) if method == "GET"
                    else client.post(path, data, format="multipart"))
        transaction.set_rollback(True)
    return response.status_code


def names_on(client: Client, path: str) -> list[str]:
    """The field names of the forms on the page (none when it does not open)."""
    response = client.get(path)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    found = dict.fromkeys(n for n in NAME.findall(response.content.decode())
                          if n != "csrfmiddlewaretoken")
    return list(found)


@pytest.fixture
def accounts(db):
    return {name: get_user_model().objects.get(username=name) for name in ACCOUNTS}


@pytest.mark.parametrize(("pattern", "name", "view"), PAGES, ids=[r[1] or r[0] for r in PAGES])
def test_junk_on_every_page_is_never_a_500(pattern, name, view, accounts):
    values = _values()
    path = concrete(pattern, name, values)
    tried_paths = False
    for account, user in accounts.items():
        if not allowed(view, user):
            continue  # refused by the page's rule before anything is read (test_url_auth)
        client = Client()
        client.force_login(user)
        if not tried_paths:
            tried_paths = True
            for junk in junk_paths(pattern, name, values):
                assert ask(client, "GET", junk, {}) != 500, (account, junk)
        # Each parameter meets three kinds of junk, then a NUL byte everywhere at once.
        for turn in range(4):
            query = {key: JUNK[(i + 4 * turn) % len(JUNK)] if turn < 3 else "a\x00b"
                     for i, key in enumerate(QUERY)}
            assert ask(client, "GET", path, query) != 500, (account, path, query)
        names = names_on(client, path) + ["pk", "id", "seat-1", "criterion", "indicator"]
        for pick in (lambda i: JUNK[i % len(JUNK)],
                     lambda i: [JUNK[(i + 1) % len(JUNK)], "²"],
                     lambda i: "a\x00b"):
            data = post_data(names, pick)
            assert ask(client, "POST", path, data) != 500, (account, path, data)


@pytest.mark.slow
@settings(max_examples=MANY, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(page=st.sampled_from(PAGES + ADMIN), account=st.sampled_from(ACCOUNTS),
       query=st.dictionaries(st.sampled_from(QUERY), NASTY | TEXT, max_size=4),
       junk=st.lists(NASTY | TEXT | st.lists(NASTY, max_size=3), min_size=1, max_size=8))
def test_pages_never_answer_500_to_what_hypothesis_sends(page, account, query, junk,
                                                          accounts):
    pattern, name, view = page
    path = concrete(pattern, name, _values())
    client = Client()
    client.force_login(accounts[account])
    assert ask(client, "GET", path, query) != 500, (account, path, query)
    names = names_on(client, path) + ["seat-1", "criterion"]
    data = post_data(names, lambda i: junk[i % len(junk)])
    assert ask(client, "POST", path, data) != 500, (account, path, data)
