"""The site's own public pages linked from every footer: privacy and accessibility.

Plain text in the templates (translated); nothing is read from the database, so they open
even for a region without data. Public on purpose (tests/test_url_auth.py lists them).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@login_not_required
@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    """What Pathways keeps about a person, who sees it, consent and erasure (the facts are
    those of docs/participants.md and docs/security.md, in plain words)."""
    return render(request, "catalog/privacy.html")


@login_not_required
@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement: the target, what is tested, known limits, how to tell us."""
    return render(request, "catalog/accessibility.html")
