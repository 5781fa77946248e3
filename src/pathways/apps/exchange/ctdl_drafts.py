"""Which pathway an import from the workspace writes into: always a draft (issue 17).

The one decision the preview and the apply share, kept in one function so that it changes
in one place: a draft is updated in place; a published pathway is never written. Until
``catalog.lifecycle.working_copy_of`` exists on this branch, a published pathway is
refused; once it does, the import goes into the pathway's working copy instead.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from pathways.apps.catalog.models import Pathway
from pathways.core.errors import InputError, InputProblem


class PublishedPathway(InputError):
    """The document would change a published pathway, and no working copy can take it."""


def draft_target(existing: Pathway, user: Any, *, preview: bool = False) -> Pathway:
    """The draft an import writes ``existing``'s document into: ``existing`` itself when it
    is a draft. With ``preview`` nothing may be written (no working copy is made).

    To wire at merge: ``return existing if preview else working_copy_of(existing, user)``
    for a published pathway, instead of refusing."""
    if existing.status == Pathway.Status.DRAFT:
        return existing
    raise PublishedPathway(InputProblem(
        _("%(name)s is published: an import never changes a published pathway, and "
          "this one has no draft to take the changes yet.") % {"name": existing.name},
        node=existing.ctid, field="ceterms:ctid"))
