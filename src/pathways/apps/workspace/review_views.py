"""The lifecycle buttons of the workspace pathway page, and its versions page.

Each is a plain form POST (no JavaScript needed) to its own URL, which declares the role
permission its action needs; the action checks the record rule again (ADR 0034, 0041). A
refused or stale form shows the pathway page again with that form, its errors and the
person's entries; a done one redirects (to the working copy, the live pathway, or back).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from pathways.apps.accounts.rules import requires
from pathways.apps.accounts.versioning import StaleEdit
from pathways.apps.catalog import lifecycle
from pathways.apps.catalog import queries as catalog
from pathways.apps.catalog.queries import EDIT, PUBLISH, PathwayAccess
from pathways.apps.workspace import editor, queries, review
from pathways.apps.workspace.forms import VersionedForm
from pathways.apps.workspace.views import _render
from pathways.core.errors import InputError

CONFIRMED = {"archive", "discard"}  # asked on a page of their own first
Run = Callable[[PathwayAccess, Any], tuple[int, str]]  # -> (pathway to show, message)


def page(request: HttpRequest, access: PathwayAccess,
         failed: tuple[str, VersionedForm] | None = None, status: int = 200) -> HttpResponse:
    """The workspace pathway page, with a refused lifecycle form shown again in it."""
    return _render(request, editor.build(access), status, failed)


def _run(request: HttpRequest, pk: int, name: str, permission: str, rule: str,
         run: Run) -> HttpResponse:
    access = queries.get_pathway_access(request.user, pk)
    access.check(permission, rule)  # refuse before reading the form (403)
    form = review.bind(name, access, request.POST)
    status = 400
    if form.is_valid():
        try:
            target, done = run(access, form)
        except StaleEdit as exc:
            form.show_problems(exc)
            status = 409
        except InputError as exc:
            form.show_problems(exc)
        else:
            messages.success(request, done)
            return redirect(reverse("workspace:pathway", args=[target]) + "#lifecycle")
    access.pathway.refresh_from_db()
    if name in CONFIRMED:  # refused on its confirmation page: shown there again, with why
        return render(request, "workspace/confirm.html", {
            "pathway": access.pathway, "access": access, "name": name, "form": form},
            status=status)
    return page(request, access, (name, form), status)


def _revise(access: PathwayAccess, form: Any) -> tuple[int, str]:
    copy = lifecycle.start_revision(access, seen=form.seen())
    return copy.pk, _("This is the next version. Change it here; the public keeps seeing "
                      "the published one until this one is approved.")


def _submit(access: PathwayAccess, form: Any) -> tuple[int, str]:
    done = lifecycle.submit_for_review(access, note=form.cleaned_data["note"],
                                       seen=form.seen())
    return done.pk, _("Sent for review. A reviewer from another member organisation will "
                      "approve it or ask for changes.")


def _changes(access: PathwayAccess, form: Any) -> tuple[int, str]:
    done = lifecycle.request_changes(access, form.comments(access.pathway), seen=form.seen())
    return done.pk, _("Sent back to its editors with your comments.")


def _published(version: Any) -> tuple[int, str]:
    return version.pathway_id, _("Published: version %(n)d is public now.") % {
        "n": version.number}


def _approve(access: PathwayAccess, form: Any) -> tuple[int, str]:
    return _published(lifecycle.approve(access, seen=form.seen()))


def _anyway(access: PathwayAccess, form: Any) -> tuple[int, str]:
    return _published(lifecycle.publish_with_reason(
        access, reason=form.cleaned_data["reason"], seen=form.seen()))


def _archive(access: PathwayAccess, form: Any) -> tuple[int, str]:
    done = lifecycle.archive(access, seen=form.seen())
    return done.pk, _("Archived: the pathway is off the public site. Its versions stay.")


def _discard(access: PathwayAccess, form: Any) -> tuple[int, str]:
    live = lifecycle.discard_working_copy(access, seen=form.seen())
    return live.pk, _("The next version is discarded. The published pathway is unchanged.")


def _confirm(request: HttpRequest, pk: int, name: str, permission: str, rule: str,
             run: Run) -> HttpResponse:
    """A confirmation page (GET) before a step that cannot be undone, then the step (POST)."""
    if request.method == "POST":
        return _run(request, pk, name, permission, rule, run)
    access = queries.get_pathway_access(request.user, pk)
    access.check(permission, rule)
    return render(request, "workspace/confirm.html", {
        "pathway": access.pathway, "access": access, "name": name,
        "form": review.bind(name, access)})


def _step(name: str, permission: str, rule: str, run: Run,
          confirmed: bool = False) -> Callable[..., HttpResponse]:
    """The view of one lifecycle step: ``permission`` declared for the URL, ``rule``
    checked on the record before the form is read. A ``confirmed`` step (one that cannot
    be undone) shows its confirmation page on GET first."""
    handle = _confirm if confirmed else _run

    @requires(permission)
    @require_http_methods(["GET", "HEAD", "POST"] if confirmed else ["POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        return handle(request, pk, name, permission, rule, run)

    view.__name__ = view.__qualname__ = name
    return view


revise = _step("revise", EDIT, "may_revise", _revise)
submit = _step("submit", EDIT, "may_submit", _submit)
request_changes = _step("changes", PUBLISH, "may_review", _changes)
approve = _step("approve", PUBLISH, "may_review", _approve)
publish_anyway = _step("anyway", PUBLISH, "may_override", _anyway)
archive = _step("archive", PUBLISH, "may_archive", _archive, confirmed=True)
discard = _step("discard", EDIT, "may_discard", _discard, confirmed=True)


@requires(EDIT)
@require_safe
def versions(request: HttpRequest, pk: int) -> HttpResponse:
    """Every published version of the pathway: number, date, who, the reason when it was
    published with a WIOA element not met, what changed, and its CTDL."""
    access = queries.get_pathway_access(request.user, pk)
    pathway = access.pathway
    live = pathway.draft_of if pathway.draft_of_id else pathway
    return render(request, "workspace/versions.html", {
        "pathway": pathway, "live": live, "versions": catalog.versions_of(request.user, live)})
