"""Which pathway an import writes into: always a draft (issue 17, ADR 0041/0043).

The one decision the preview, the workspace apply and the command line share, kept in one
function so that it changes in one place: a draft is updated in place; a published pathway
is never written: the import goes into its working copy (``catalog.lifecycle``), made
when there is none. The document names the live CTIDs; ``ctdl_apply`` matches them
through the copy's rows' ``origin``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from pathways.apps.catalog.lifecycle import working_copy_of
from pathways.apps.catalog.models import Pathway
from pathways.core.errors import InputError, InputProblem


class PublishedPathway(InputError):
    """The document would change a pathway that no draft can take now (in review,
    archived)."""


def draft_target(existing: Pathway, user: Any, *, preview: bool = False) -> Pathway:
    """The draft an import writes ``existing``'s document into: ``existing`` itself when it
    is a draft (a working copy included); for a published pathway its working copy, made
    now. With ``preview`` nothing is written: the working copy when there is one, else
    the published pathway itself (what the preview compares with)."""
    target = existing
    if existing.status == Pathway.Status.PUBLISHED and existing.draft_of_id is None:
        target = Pathway.objects.filter(draft_of=existing).first() or existing
    if target.status == Pathway.Status.DRAFT:
        return target
    if target.status == Pathway.Status.PUBLISHED:
        return target if preview else working_copy_of(target, user)
    if target.status == Pathway.Status.IN_REVIEW:
        message = _("%(name)s is in review: an import does not change it until the "
                    "reviewer approves it or asks for changes.")
    else:
        message = _("%(name)s is archived: an import does not change it; copy it into a "
                    "new draft first.")
    raise PublishedPathway(InputProblem(message % {"name": existing.name},
                                        node=existing.ctid, field="ceterms:ctid"))


def goes_into_copy(existing: Pathway | None) -> bool:
    """Whether an import of ``existing``'s CTID lands in a working copy (the live pathway
    stays as it is)."""
    return existing is not None and existing.status == Pathway.Status.PUBLISHED \
        and existing.draft_of_id is None


def live_ctids(pathway: Pathway) -> dict[str, str]:
    """For a working copy: each of its own CTIDs (pathway, progression model, levels,
    steps) to the live one it stands for, so that the copy reads like the live document
    an export of the published pathway would be. {} for any other pathway."""
    live = pathway.draft_of
    if live is None:
        return {}
    found = {pathway.ctid: live.ctid,
             pathway.progression_model_ctid: live.progression_model_ctid}
    for rows in (pathway.levels, pathway.components):
        found.update(rows.filter(origin__isnull=False).values_list("ctid", "origin__ctid"))
    return found
