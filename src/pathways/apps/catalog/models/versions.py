"""What publishing keeps: immutable versions of a pathway, and the review comments on a copy.

A version holds the CTDL JSON-LD text of what was published, byte for byte, and the
sentences saying what changed since the one before (ADR 0041).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pathways.apps.catalog.models.pathways import Pathway, PathwayComponent


class ImmutableVersion(Exception):
    """A published version is kept as it was: it is never saved again nor deleted alone."""


class PathwayVersion(models.Model):
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="versions",
                                verbose_name=_("pathway"))
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("published by"))
    document = models.TextField(_("CTDL document"))
    # [[template, params], ...]: English templates, translated when shown.
    summary = models.JSONField(_("what changed"), default=list, blank=True)
    override_reason = models.TextField(_("reason for publishing with an element not met"),
                                       blank=True)

    class Meta:
        ordering = ["pathway", "-number"]
        verbose_name = _("pathway version")
        constraints = [models.UniqueConstraint(fields=["pathway", "number"],
                                               name="uniq_pathway_version_number")]

    def __str__(self) -> str:
        return f"{self.pathway} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableVersion(f"{self} is published and cannot change")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableVersion(f"{self} is published and cannot be deleted")

    @property
    def sentences(self) -> list[str]:
        """The change summary in the reader's language (English where no translation)."""
        shown = []
        for template, params in self.summary:
            text = gettext(template)
            try:
                shown.append(text % params if params else text)
            except (KeyError, TypeError, ValueError):  # a translation that lost a name
                shown.append(template % params if params else template)
        return shown


class ReviewComment(models.Model):
    """A reviewer's request for a change, about one step or the whole pathway."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE,
                                related_name="review_comments", verbose_name=_("pathway"))
    component = models.ForeignKey(PathwayComponent, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="review_comments",
                                  verbose_name=_("step"))
    # The step's name when the comment was written: it stays readable if the step goes.
    step_name = models.CharField(_("step name"), max_length=250, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("author"))
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["pathway", "created_at", "id"]
        verbose_name = _("review comment")

    def __str__(self) -> str:
        return self.text[:60]
