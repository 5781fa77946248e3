"""Every URL needs a login unless it is deliberately public (and listed here), and every
page that needs a login declares the role rule that opens it, which each role is tried
against."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from pathways.apps.accounts.permissions import matrix
from pathways.apps.accounts.rules import RoleRefused, declared

# Names of views anyone may open. Adding a name here is a decision: say why in review.
PUBLIC = {
    "home",
    "login",
    "set_language",
    "catalog:sector",
    "catalog:pathway",
    "catalog:pathway_ctdl",
    "catalog:pathway_version_ctdl",  # a published pathway's versions are public (ADR 0041)
    "catalog:occupation",
    "catalog:occupations",
    "catalog:sectors",
    "catalog:pathways",
    "catalog:explainer",
    # Finding a pathway that fits asks for no account and stores nothing (issue 20).
    "finder:find",
    # The footer's privacy notice and accessibility statement are for everyone (issue 20).
    "catalog:privacy",
    "catalog:accessibility",
    # Asking to be contacted is for people without an account (throttled: cases.frontdoor).
    "contact:form",
    "contact:sent",
    # Someone who forgot their password is not signed in: asking for a link by email, the
    # link itself (a signed, single-use token) and the pages around it (Django's own views).
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry.callback


def sample_path(pattern: str) -> str:
    """A concrete path for a route: every converter gets a harmless value."""
    path = re.sub(r"<(?:\w+:)?(\w+)>", "1", pattern)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    return "/" + path.lstrip("^").rstrip("$").replace("\\", "")


ROUTES = list(walk(get_resolver().url_patterns))


def test_the_walk_finds_the_routes():
    names = {name for _p, name, _c in ROUTES}
    assert "home" in names and "login" in names
    assert any(name and name.startswith("admin:") for name in names)


@pytest.mark.parametrize(("pattern", "name", "view"), ROUTES,
                         ids=[r[1] or r[0] for r in ROUTES])
def test_route_is_protected_unless_listed_public(pattern, name, view, client, db):
    if pattern.startswith("admin/"):
        if name in {"admin:login", "admin:logout", "admin:jsi18n"} or "static" in pattern:
            return
        response = client.get(sample_path(pattern))
        assert response.status_code in {302, 404}, pattern
        if response.status_code == 302:
            # The site-wide login middleware answers first; the admin's own login is the
            # fallback for its catch-all route.
            assert response["Location"].startswith(("/accounts/login/", "/admin/login/"))
        return
    open_to_all = getattr(view, "login_required", True) is False
    if name in PUBLIC:
        assert open_to_all, f"{name} is listed public but its view asks for a login"
        return
    assert not open_to_all, f"{name} ({pattern}) is public but not listed in PUBLIC"
    response = client.get(sample_path(pattern))
    assert response.status_code == 302, pattern
    assert response["Location"].startswith("/accounts/login/")


# -- the role rule every page declares (pathways.apps.accounts.rules) ----------------------
PROTECTED = [r for r in ROUTES if not r[0].startswith("admin/") and r[1] not in PUBLIC]


def test_every_protected_page_declares_its_role_rule():
    missing = [name or pattern for pattern, name, view in PROTECTED if declared(view) is None]
    assert not missing, ("pages without a role rule (@requires, @requires_any or @signed_in "
                         f"from pathways.apps.accounts.rules): {missing}")


@pytest.fixture
def one_of_each_role(db):
    from django.contrib.auth import get_user_model

    from pathways.apps.accounts.models import Organisation, Profile, Role

    organisation = Organisation.objects.order_by("pk").first()
    found = {}
    for role in Role.values:
        user = get_user_model().objects.create_user(
            username=f"rule-{role}", password="x", is_superuser=role == Role.ADMINISTRATOR)
        Profile.objects.create(user=user, role=role, organisation=organisation)
        found[role] = user
    return found


def refused_by_rule(records) -> bool:
    return any(r.exc_info and isinstance(r.exc_info[1], RoleRefused) for r in records)


@pytest.mark.parametrize(("pattern", "name", "view"), PROTECTED,
                         ids=[r[1] or r[0] for r in PROTECTED])
def test_each_role_is_let_in_or_refused_as_the_page_declares(
        pattern, name, view, client, one_of_each_role, caplog):
    """Every role tries every protected page: a role the rule does not name gets 403 from
    the rule itself, for GET and POST alike; a role it names is never refused by it (the
    record may still answer 404, or a record-level rule 403)."""
    rule = declared(view)
    path = sample_path(pattern)
    for role, user in one_of_each_role.items():
        allowed = rule == () or any(matrix().allows(role, p) for p in rule)
        client.force_login(user)
        caplog.clear()
        response = client.get(path)
        assert refused_by_rule(caplog.records) is not allowed, (role, path)
        if not allowed:
            assert response.status_code == 403, (role, path)
            caplog.clear()
            assert client.post(path, {}).status_code == 403, (role, path)
            assert refused_by_rule(caplog.records), (role, path)
