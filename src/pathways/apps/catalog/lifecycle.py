"""Review, versions and publishing of pathways (issue 17, ADR 0041).

A draft is edited in place. A published pathway is never edited in place: its next version
is a *working copy*, another ``Pathway`` row (``draft_of`` = the live one) whose levels,
steps, conditions, entry and exit points each name, in ``origin``, the live row they were
copied from. An editor sends a draft (or a working copy) for review; a member of another
member organisation approves it, which publishes it: a working copy is applied onto the
live rows matched by ``origin`` (keeping their primary keys and CTIDs, which participants'
plans and the Credential Registry point at), then deleted, and an immutable
``PathwayVersion`` keeps the CTDL of what was published and what changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from pathways.apps.accounts.access import action
from pathways.apps.accounts.audit import record
from pathways.apps.catalog import generation
from pathways.apps.catalog.ctdl import to_document
from pathways.apps.catalog.graph import build_graph
from pathways.apps.catalog.models import (
    ComponentCondition,
    EntryPoint,
    ExitPoint,
    Pathway,
    PathwayComponent,
    PathwayVersion,
    ReviewComment,
)
from pathways.apps.catalog.queries import (
    EDIT,
    PUBLISH,
    PathwayAccess,
    _member_of,
    pathway_access,
)
from pathways.apps.catalog.wioa import wioa_check
from pathways.apps.catalog.working_copies import (
    apply_copy,
    clone_pathway,
    conditions_of,
    free_slug,
)
from pathways.core.errors import InputError, InputProblem
from pathways.navigation import EditedPathway, check_graph
from pathways.navigation.checks import Level as CheckedLevel
from pathways.standards.ctdl import PathwayDocument, dumps, read_documents
from pathways.standards.ctdl.diff import describe_changes

MAX_TEXT = 2000
DRAFT_SUFFIX = "-draft"


def working_copy_of(pathway: Pathway, user: Any) -> Pathway:
    """The row to change for ``pathway``: a draft (or one in review) itself; for a
    published one, its working copy, made now if there is none. Used inside actions (and
    by the CTDL import), which hold the transaction."""
    if pathway.draft_of_id is not None or pathway.status in {Pathway.Status.DRAFT,
                                                            Pathway.Status.IN_REVIEW}:
        return pathway
    if pathway.status == Pathway.Status.ARCHIVED:
        raise InputError(InputProblem(gettext(
            "An archived pathway is not changed: copy it into a new draft instead."),
            field="status"))
    Pathway.objects.select_for_update().filter(pk=pathway.pk).first()  # one copy at a time
    existing = Pathway.objects.filter(draft_of=pathway).first()
    if existing is not None:
        return existing
    return clone_pathway(pathway, keep_origin=True, draft_of=pathway,
                         based_on_version=pathway.version,
                         slug=free_slug(pathway.slug, DRAFT_SUFFIX),
                         status=Pathway.Status.DRAFT, submitted_by=None, submitted_at=None,
                         changed_by=_user(user))


# -- checks before review and publishing ----------------------------------------------------
def _outside(pathway: Pathway) -> list[str]:
    """Links, conditions, entries and exits naming a step of another pathway: the graph
    cannot even be read then."""
    found = []
    message = gettext('"%(step)s" names "%(target)s", a step of another pathway.')
    links = PathwayComponent.precedes.through.objects.filter(
        from_pathwaycomponent__pathway=pathway).exclude(to_pathwaycomponent__pathway=pathway)
    found += [message % {"step": step, "target": target} for step, target in links
              .order_by("pk").values_list("from_pathwaycomponent__name",
                                          "to_pathwaycomponent__name")]
    targets = ComponentCondition.targets.through.objects.filter(
        componentcondition__in=[c.pk for c in conditions_of(pathway)]).exclude(
        pathwaycomponent__pathway=pathway)
    found += [message % {"step": step or "—", "target": target} for step, target in targets
              .order_by("pk").values_list("componentcondition__name", "pathwaycomponent__name")]
    for model in (EntryPoint, ExitPoint):
        found += [message % {"step": point.name, "target": point.component.name}
                  for point in model.objects.filter(pathway=pathway)
                  .exclude(component__pathway=pathway).select_related("component")]
    return found


def publishing_problems(pathway: Pathway) -> list[str]:
    """The problems that block publishing (``navigation.checks``), in the reader's
    language; [] when there are none."""
    outside = _outside(pathway)
    if outside:
        return outside
    levels = tuple(CheckedLevel(str(lv.pk), lv.name, lv.order) for lv in pathway.levels.all())
    problems = check_graph(EditedPathway(build_graph(pathway), levels))
    return [gettext(p.message.template) % p.message.params if p.message.params
            else gettext(p.message.template) for p in problems if p.blocks_publishing]


def elements_not_met(pathway: Pathway) -> list[str]:
    """The WIOA Sec. 3(7) elements judged "not met", by letter."""
    return [r.element for r in wioa_check(pathway) if r.status == "not_met"]


def _refuse_problems(pathway: Pathway, intro: str) -> None:
    problems = publishing_problems(pathway)
    if problems:
        raise InputError([InputProblem(f"{intro} {p}", field="pathway") for p in problems])


# -- actions --------------------------------------------------------------------------------
def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _save(pathway: Pathway, actor: Any, *names: str) -> None:
    """Save what the action changed, saying so (the version moves on) and by whom."""
    pathway.changed_by = _user(actor)
    pathway.note_changes(names)
    pathway.save()


def _touch(pathway: Pathway) -> None:
    """Move the live row's version on: a stale page of it should look again."""
    pathway.note_changes([])
    pathway.save(update_fields=["changed_in"])


def _text(value: str | None, field: str, required: str) -> str:
    text = (value or "").strip()
    if not text and required:
        raise InputError(InputProblem(required, field=field))
    if len(text) > MAX_TEXT:
        raise InputError(InputProblem(gettext("Keep it under %(n)d characters.")
                                      % {"n": MAX_TEXT}, field=field))
    return text


@action("catalog.start_revision", PathwayAccess, EDIT, "may_revise")
def start_revision(access: PathwayAccess, seen: int | None = None) -> Pathway:
    """The working copy of a published pathway, where its next version is edited (the one
    there is, or a new one). The public keeps seeing the published version."""
    live = access.pathway
    existing = Pathway.objects.filter(draft_of=live).first()
    if existing is not None:
        return existing
    live.check_version(seen, lock=True)
    _touch(live)
    copy = working_copy_of(live, access.actor)
    record(access.actor, "catalog.start_revision", copy,
           summary=f"Started the next version of {live.name}",
           changes={"live": live.pk, "working_copy": copy.pk})
    return copy


@action("catalog.copy_pathway", PathwayAccess, EDIT, "may_copy")
def copy_pathway(access: PathwayAccess, name: str,
                 partnership_id: int | None = None) -> Pathway:
    """A new, independent draft copied from a pathway one sees (its published version),
    in one's own partnership (``partnership_id``, or the source's when one is a member of
    it, else one's first)."""
    name = _text(name, "name", gettext("Give the new pathway a name."))[:200]
    source = access.pathway
    if source.draft_of_id is not None:
        source = source.draft_of
    actor = access.actor
    if partnership_id is None:
        partnership_id = source.partnership_id if access.member else (
            actor.memberships.order_by("partnership__name").values_list(
                "partnership_id", flat=True).first() if getattr(actor, "pk", None) else None)
    if partnership_id is not None and not _member_of(actor, partnership_id):
        raise PermissionDenied("not a member of that partnership")
    profile = getattr(actor, "pathways_profile", None)
    copy = clone_pathway(source, keep_origin=False, name=name,
                         slug=free_slug(slugify(name)), status=Pathway.Status.DRAFT,
                         draft_of=None, partnership_id=partnership_id, is_sample=False,
                         owner_id=profile.organisation_id if profile and profile.organisation_id
                         else source.owner_id, submitted_by=None, submitted_at=None,
                         changed_by=_user(actor))
    record(actor, "catalog.copy_pathway", copy, summary=f"Copied {source.name} as {name}",
           changes={"source": source.pk})
    return copy


@action("catalog.submit_for_review", PathwayAccess, EDIT, "may_submit")
def submit_for_review(access: PathwayAccess, note: str = "",
                      seen: int | None = None) -> Pathway:
    """Send a draft for review. Refused, naming them, while problems that would make the
    public map wrong remain."""
    pathway = access.pathway
    pathway.check_version(seen, lock=True)
    note = _text(note, "note", "")
    _refuse_problems(pathway, gettext("Fix this before sending it for review:"))
    pathway.status = Pathway.Status.IN_REVIEW
    pathway.submitted_by, pathway.submitted_at = _user(access.actor), timezone.now()
    _save(pathway, access.actor, "status")
    if note:
        ReviewComment.objects.create(pathway=pathway, author=_user(access.actor), text=note)
    record(access.actor, "catalog.submit_for_review", pathway,
           summary=f"Sent {pathway.name} for review", changes={"note": bool(note)})
    return pathway


@action("catalog.request_changes", PathwayAccess, PUBLISH, "may_review")
def request_changes(access: PathwayAccess,
                    comments: Sequence[tuple[PathwayComponent | None, str]],
                    seen: int | None = None) -> Pathway:
    """Send the pathway back to its editors as a draft, with comments on steps (or on the
    whole pathway: step None)."""
    pathway = access.pathway
    pathway.check_version(seen, lock=True)
    kept = []
    for component, text in comments:
        text = _text(text, "comments", "")
        if not text:
            continue
        if component is not None and component.pathway_id != pathway.pk:
            raise InputError(InputProblem(gettext(
                "The step %(step)s is not in this pathway.") % {"step": component.name},
                field="component"))
        kept.append(ReviewComment(pathway=pathway, component=component,
                                  step_name=component.name if component else "",
                                  author=_user(access.actor), text=text))
    if not kept:
        raise InputError(InputProblem(gettext("Say what should change: write a comment."),
                                      field="comments"))
    ReviewComment.objects.bulk_create(kept)
    pathway.status = Pathway.Status.DRAFT
    pathway.submitted_by, pathway.submitted_at = None, None
    _save(pathway, access.actor, "status")
    record(access.actor, "catalog.request_changes", pathway,
           summary=f"Asked for changes to {pathway.name}", changes={"comments": len(kept)})
    return pathway


@action("catalog.approve", PathwayAccess, PUBLISH, "may_review")
def approve(access: PathwayAccess, seen: int | None = None) -> PathwayVersion:
    """Approve and publish. With a WIOA element not met, only a partnership administrator
    may publish, giving a reason (``publish_with_reason``)."""
    access.pathway.check_version(seen, lock=True)
    missing = elements_not_met(access.pathway)
    if missing:
        raise InputError(InputProblem(gettext(
            "WIOA element %(elements)s is not met: only a partnership administrator can "
            "publish this pathway, giving a reason.") % {"elements": ", ".join(missing)},
            field="wioa"))
    return _publish(access, "catalog.approve", "")


@action("catalog.publish_with_reason", PathwayAccess, PUBLISH, "may_override")
def publish_with_reason(access: PathwayAccess, reason: str,
                        seen: int | None = None) -> PathwayVersion:
    """A partnership administrator publishes a pathway in review whatever the WIOA panel
    says, giving the reason (audited, kept on the version, shown in the workspace)."""
    reason = _text(reason, "reason", gettext(
        "Give the reason for publishing with an element not met."))
    access.pathway.check_version(seen, lock=True)
    return _publish(access, "catalog.publish_with_reason", reason)


@action("catalog.archive", PathwayAccess, PUBLISH, "may_archive")
def archive(access: PathwayAccess, seen: int | None = None) -> Pathway:
    """Take a published pathway off the public site; its versions and plans stay."""
    pathway = access.pathway
    pathway.check_version(seen, lock=True)
    if Pathway.objects.filter(draft_of=pathway).exists():
        raise InputError(InputProblem(gettext(
            "Its next version is being edited: publish or discard that first."),
            field="status"))
    pathway.status = Pathway.Status.ARCHIVED
    _save(pathway, access.actor, "status")
    record(access.actor, "catalog.archive", pathway, summary=f"Archived {pathway.name}")
    return pathway


@action("catalog.discard_working_copy", PathwayAccess, EDIT, "may_discard")
def discard_working_copy(access: PathwayAccess, seen: int | None = None) -> Pathway:
    """Throw away the working copy; the published pathway stays as it is. Returns it."""
    copy = access.pathway
    copy.check_version(seen, lock=True)
    live = copy.draft_of
    record(access.actor, "catalog.discard_working_copy", live,
           summary=f"Discarded the next version of {live.name}",
           changes={"working_copy": copy.pk})
    copy.delete()
    _touch(live)
    return live


# -- publishing -----------------------------------------------------------------------------
def publish_loaded(pathway: Pathway, actor: Any) -> PathwayVersion:
    """Publish a pathway a loader built (the demo region) as its version 1, through the
    same code as an approval, so its version, CTDL and audit entry are real. Not an
    action: only commands call it, as the console."""
    pathway.status = Pathway.Status.IN_REVIEW  # nothing was public before: "first version"
    return _publish(pathway_access(actor, pathway), "catalog.publish_loaded", "")


def _document(text: str | None) -> PathwayDocument | None:
    """A stored version read back; None when it cannot be (then the summary says
    "first version" rather than guess)."""
    if not text:
        return None
    try:
        found = read_documents([("version.jsonld", text)]).pathways
    except InputError:
        return None
    return found[0] if found else None


def _publish(access: PathwayAccess, name: str, reason: str) -> PathwayVersion:
    pathway, actor = access.pathway, access.actor
    _refuse_problems(pathway, gettext("Fix this before publishing:"))
    is_copy = pathway.draft_of_id is not None
    live = Pathway.objects.select_for_update().get(pk=pathway.draft_of_id) if is_copy \
        else pathway
    if is_copy and pathway.based_on_version is not None \
            and live.version != pathway.based_on_version:
        changed = ", ".join(live.changed_since(pathway.based_on_version)) or "—"
        raise InputError(InputProblem(gettext(
            "The published pathway was changed after this copy was made (%(changed)s): "
            "publishing the copy would undo that. Discard the copy and start again.")
            % {"changed": changed}, field="version"))
    previous = live.versions.order_by("-number").first()
    before = previous.document if previous else (
        dumps(to_document(live)) if live.status == Pathway.Status.PUBLISHED else None)
    changed = apply_copy(pathway, live) if is_copy else []
    live.status = Pathway.Status.PUBLISHED
    live.submitted_by, live.submitted_at = None, None
    _save(live, actor, "status", *changed)
    text = dumps(to_document(live))
    after = _document(text)
    summary = describe_changes(_document(before), after) if after else []
    number = (live.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = PathwayVersion.objects.create(
        pathway=live, number=number, published_at=timezone.now(), published_by=_user(actor),
        document=text, summary=[c.as_pair() for c in summary], override_reason=reason)
    record(actor, name, live, summary=f"Published {live.name}, version {number}",
           changes={"version": number, "from_working_copy": is_copy,
                    **({"reason": reason} if reason else {})})
    generation.changed()  # the apply wrote with update(), which sends no signals
    return version
