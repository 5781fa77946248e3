"""The lifecycle panel of the workspace pathway page: its state, and the forms that move it
on (change a published pathway, send for review, approve, ask for changes, publish
anyway, archive, discard a working copy), each shown only when the rule on
``PathwayAccess`` that its action checks holds (ADR 0041, 0044).

Every form carries the version of the page it was opened on, so a stale page is refused
naming what changed. The view passes the one form that failed, to be shown with its
errors and the person's entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pathways.apps.catalog import lifecycle
from pathways.apps.catalog import queries as catalog
from pathways.apps.catalog.models import Pathway, PathwayComponent, PathwayVersion, ReviewComment
from pathways.apps.catalog.queries import PathwayAccess
from pathways.apps.workspace.forms import VersionedForm

COMMENT_ROWS = 3  # comment boxes on one "Ask for changes" form; more can follow later


class SeenForm(VersionedForm):
    """A button that only needs the page's version."""


class SubmitForm(VersionedForm):
    note = forms.CharField(label=_("Note for the reviewer (optional)"), required=False,
                           max_length=lifecycle.MAX_TEXT,
                           widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(VersionedForm):
    reason = forms.CharField(
        label=_("Why publish it now?"), max_length=lifecycle.MAX_TEXT,
        help_text=_("Required. It is kept with the version and shown in the workspace."),
        widget=forms.Textarea(attrs={"rows": 3}))


class ChangesForm(VersionedForm):
    """Up to ``COMMENT_ROWS`` comments, each about the whole pathway or one of its steps."""

    def __init__(self, *args: Any, steps: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = [("", gettext("The whole pathway")), *steps]
        for n in range(1, COMMENT_ROWS + 1):
            self.fields[f"step_{n}"] = forms.ChoiceField(
                label=_("Comment %(n)d is about") % {"n": n}, choices=options, required=False)
            self.fields[f"comment_{n}"] = forms.CharField(
                label=_("Comment %(n)d") % {"n": n}, required=False,
                max_length=lifecycle.MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2}))

    def comments(self, pathway: Pathway) -> list[tuple[PathwayComponent | None, str]]:
        """(step, text) for each filled comment; a step not of this pathway is left for the
        action to refuse, naming it."""
        found = []
        for n in range(1, COMMENT_ROWS + 1):
            text = self.cleaned_data.get(f"comment_{n}", "")
            step_id = self.cleaned_data.get(f"step_{n}") or ""
            step = PathwayComponent.objects.filter(pk=int(step_id)).first() \
                if step_id.isdigit() else None
            found.append((step, text))
        return found


def step_choices(pathway: Pathway) -> list[tuple[str, str]]:
    """The pathway's steps, labelled with their level, in map order."""
    rows = (PathwayComponent.objects.filter(pathway=pathway).select_related("level")
            .order_by("level__order", "position", "pk"))
    return [(str(c.pk), f"{c.level.name}: {c.name}" if c.level else c.name) for c in rows]


FORMS: dict[str, type[VersionedForm]] = {
    "revise": SeenForm, "submit": SubmitForm, "changes": ChangesForm, "approve": SeenForm,
    "anyway": ReasonForm, "archive": SeenForm, "discard": SeenForm,
}


def bind(name: str, access: PathwayAccess, data: Any = None) -> VersionedForm:
    """The form ``name`` of the panel, bound to ``data`` when given, else fresh on the
    pathway's current version."""
    pathway = access.pathway
    kwargs: dict[str, Any] = {"prefix": name}
    if name == "changes":
        kwargs["steps"] = step_choices(pathway)
    if data is not None:
        return FORMS[name](data, **kwargs)
    return FORMS[name](initial={"opened_version": pathway.version}, **kwargs)


@dataclass
class LifecyclePanel:
    access: PathwayAccess
    live: Pathway  # the published row (the pathway itself unless it is a working copy)
    working_copy: Pathway | None  # the next version being edited, when one is
    latest: PathwayVersion | None
    comments: list[ReviewComment]
    problems: list[str]  # what blocks sending for review / publishing
    not_met: list[str]  # WIOA elements not met (approval needs an administrator then)
    forms: dict[str, VersionedForm] = field(default_factory=dict)
    waiting_for_me: bool = False

    @property
    def is_copy(self) -> bool:
        return not self.access.is_live

    @property
    def general_comments(self) -> list[ReviewComment]:
        return [c for c in self.comments if c.component_id is None]


def panel(access: PathwayAccess, failed: tuple[str, VersionedForm] | None = None
          ) -> LifecyclePanel:
    pathway = access.pathway
    live = pathway.draft_of if pathway.draft_of_id else pathway
    copy = None if pathway.draft_of_id else Pathway.objects.filter(draft_of=pathway).first()
    versions = catalog.versions_of(access.user, live)
    open_states = {Pathway.Status.DRAFT, Pathway.Status.IN_REVIEW}
    shown = pathway.status in open_states
    found = LifecyclePanel(
        access, live, copy, versions[0] if versions else None,
        catalog.review_comments(pathway) if shown else [],
        lifecycle.publishing_problems(pathway) if shown else [],
        lifecycle.elements_not_met(pathway) if pathway.status == Pathway.Status.IN_REVIEW
        else [])
    wanted = {
        "revise": access.may_revise and copy is None,
        "submit": access.may_submit,
        "changes": access.may_review,
        "approve": access.may_review and not found.not_met,
        "anyway": access.may_override and bool(found.not_met),
        "archive": access.may_archive and copy is None,
        "discard": access.may_discard,
    }
    for name, shown_form in wanted.items():
        if failed and failed[0] == name:  # a refused form stays in view, with why
            found.forms[name] = failed[1]
        elif shown_form:
            found.forms[name] = bind(name, access)
    found.waiting_for_me = access.may_review
    return found


def attach_comments(steps: list[PathwayComponent], comments: list[ReviewComment]) -> None:
    """Give each step of the map the review comments about it (shown beside it)."""
    by_step: dict[int, list[ReviewComment]] = {}
    for comment in comments:
        if comment.component_id is not None:
            by_step.setdefault(comment.component_id, []).append(comment)
    for step in steps:
        step.comments = by_step.get(step.pk, [])
