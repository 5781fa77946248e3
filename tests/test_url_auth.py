"""Every URL needs a login unless it is deliberately public (and listed here)."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Names of views anyone may open. Adding a name here is a decision: say why in review.
PUBLIC = {
    "home",
    "login",
    "set_language",
    "catalog:sector",
    "catalog:pathway",
    "catalog:pathway_ctdl",
    "catalog:occupation",
    "catalog:occupations",
    "catalog:sectors",
    "catalog:pathways",
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
