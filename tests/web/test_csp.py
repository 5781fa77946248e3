"""The Content-Security-Policy allows scripts and styles from Pathways' own static files
only, and no page needs more: no inline script, event handler or style attribute in any
template or in the HTML the pages build (maps, charts, bars). The browser tests check the
same pages in Chromium, which reports any violation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

import pathways

PACKAGE = Path(pathways.__file__).parent
TEMPLATES = sorted(p for p in PACKAGE.rglob("templates/**/*.html"))
FORBIDDEN = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "event handler": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I),
    "javascript: address": re.compile(r"javascript:", re.I),
}


def problems_in(html: str) -> list[str]:
    # A JSON data block (type="application/json") is data, not a script the page runs.
    html = re.sub(r'<script[^>]*type="application/(ld\+)?json"[^>]*>.*?</script>', "", html,
                  flags=re.S | re.I)
    return [f"{what}: {m.group(0)!r}" for what, pattern in FORBIDDEN.items()
            for m in pattern.finditer(html)]


def test_the_scan_finds_what_the_policy_forbids():
    bad = ('<p style="color:red">x</p><script>alert(1)</script><a onclick="go()">y</a>'
           '<style>p{}</style><a href="javascript:go()">z</a>')
    assert len(problems_in(bad)) == 5
    assert problems_in('<script src="/static/a.js" defer></script>') == []


def test_the_templates_are_found():
    names = {p.name for p in TEMPLATES}
    assert {"base.html", "login.html", "results.html", "participant.html"} <= names


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_template_has_inline_script_or_style(template):
    assert problems_in(template.read_text(encoding="utf-8")) == []


@pytest.mark.django_db
def test_every_page_carries_the_policy(client):
    header = client.get("/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in header.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["base-uri"] == "'none'"
    assert "unsafe" not in header


def pages() -> list[tuple[str, str]]:
    from pathways.apps.cases.models import Participant
    from pathways.apps.catalog.models import Pathway
    from pathways.apps.quality.models import Round

    pathway = Pathway.objects.filter(status="published").order_by("pk").first()
    closed = Round.objects.filter(status="closed").order_by("pk").first()
    paz = Participant.objects.get(first_name="Paz")
    return [
        ("", "/"), ("", pathway.get_absolute_url()), ("", "/occupations/29-1141.00/"),
        ("", "/accounts/login/"), ("", "/accounts/password/reset/"),
        ("navigator", "/cases/"), ("navigator", paz.get_absolute_url()),
        ("navigator", "/accounts/two-step/"), ("navigator", "/accounts/password/"),
        ("participant", "/cases/my-plan/"),
        ("analyst", f"/quality/rounds/{closed.pk}/results/"), ("analyst", "/measures/"),
    ]


@pytest.mark.django_db
def test_the_built_pages_need_no_inline_script_or_style(client):
    users = get_user_model().objects
    for username, url in pages():
        if username:
            client.force_login(users.get(username=username))
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert problems_in(response.content.decode()) == [], url
        client.logout()
