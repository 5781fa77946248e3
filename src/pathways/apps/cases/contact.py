"""Requests to talk to a navigator: who sees them, and the actions that change them.

A request belongs to the partnership of the pathway it was sent from. Navigators of the
partnership's organisations see its requests and work them (mark contacted, enrol, close);
anyone else gets 404. Each change is one audit entry with ids and coded values only: the
name and contact never reach the log (``auditing.KEPT``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from pathways.apps.accounts.access import RecordAccess, action, is_console
from pathways.apps.accounts.audit import record
from pathways.apps.accounts.models import Partnership
from pathways.apps.accounts.roles import user_can
from pathways.apps.cases.auditing import audited
from pathways.apps.cases.models import ContactRequest, Participant
from pathways.apps.cases.queries import IntakeAccess, organisation_of
from pathways.apps.catalog.models import Pathway

WORK = "cases.enrol"
SENT = "cases.contact_request"


# -- the public side ------------------------------------------------------------------
def requestable_pathways() -> QuerySet[Pathway]:
    """Published pathways whose partnership can take a request."""
    return (Pathway.objects.filter(status=Pathway.Status.PUBLISHED, draft_of__isnull=True,
                                   partnership__isnull=False)
            .select_related("partnership", "owner").order_by("name"))


@dataclass(frozen=True)
class PublicRequestAccess(RecordAccess):
    """Anyone may ask to be contacted about a published pathway that has a partnership."""

    user: Any
    pathway: Pathway
    visible: bool


def public_request_access(pathway: Pathway | None) -> PublicRequestAccess:
    visible = pathway is not None and requestable_pathways().filter(pk=pathway.pk).exists()
    return PublicRequestAccess(AnonymousUser(), pathway, visible)


def who_calls(pathway: Pathway) -> str:
    """The organisation named on the confirmation: the pathway's owner, else its
    partnership."""
    return pathway.owner.name if pathway.owner else pathway.partnership.name


@action(SENT, PublicRequestAccess)
def send_contact_request(access: PublicRequestAccess, data: dict[str, Any]) -> ContactRequest:
    """A request from the public form, in the queue of the pathway's partnership."""
    pathway = access.pathway
    sent = ContactRequest(partnership=pathway.partnership, pathway=pathway,
                          consented_at=timezone.now(), **data)
    sent.full_clean()
    sent.save()
    record("public contact form", SENT, sent, summary=f"Contact request {sent.pk} received",
           changes=audited("cases.contactrequest", {
               name: [None, str(getattr(sent, name))]
               for name in ("partnership_id", "pathway_id", "preferred_language",
                            "best_time", "name", "phone", "email") if getattr(sent, name)}))
    return sent


# -- the navigators' side -------------------------------------------------------------
@dataclass(frozen=True)
class ContactRequestAccess(RecordAccess):
    user: Any
    request: ContactRequest
    visible: bool

    @property
    def is_open(self) -> bool:
        """Only a new or contacted request can still be worked."""
        return self.request.is_open


def contact_requests_for(user: Any) -> QuerySet[ContactRequest]:
    """The requests of the partnerships ``user``'s organisation takes part in."""
    found = ContactRequest.objects.select_related("pathway", "partnership", "handled_by")
    if is_console(user):
        return found
    organisation = organisation_of(user)
    if organisation is None or not user_can(user, WORK):
        return found.none()
    # A subquery, not a join: a join needs DISTINCT, which made the caseload's count slow.
    return found.filter(partnership__in=Partnership.objects.filter(organisations=organisation)
                        .values("pk"))


def new_request_count(user: Any) -> int:
    return contact_requests_for(user).filter(status=ContactRequest.Status.NEW).count()


def contact_request_access(user: Any, found: ContactRequest) -> ContactRequestAccess:
    return ContactRequestAccess(user, found,
                                contact_requests_for(user).filter(pk=found.pk).exists())


def get_contact_request_access(user: Any, pk: int) -> ContactRequestAccess:
    """Access to a request ``user`` may see; Http404 for any other id."""
    found = contact_requests_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such request")
    return ContactRequestAccess(user, found, True)


def _handled(access: ContactRequestAccess, status: str, reason: str = "") -> dict:
    found = access.request
    found.refresh_from_db(from_queryset=ContactRequest.objects.select_for_update())
    if not found.is_open:
        raise ValidationError(_("This request was already dealt with."))
    changes = {"status": [found.status, status]}
    if reason:
        changes["close_reason"] = [found.close_reason, reason]
    found.status, found.close_reason = status, reason or found.close_reason
    found.handled_by, found.handled_at = access.user, timezone.now()
    found.full_clean()
    found.save()
    return audited("cases.contactrequest", changes)


@action("cases.contacted", ContactRequestAccess, WORK, rule="is_open")
def mark_contacted(access: ContactRequestAccess) -> None:
    """The navigator reached the person (or left a message)."""
    changes = _handled(access, ContactRequest.Status.CONTACTED)
    record(access.actor, "cases.contacted", access.request, changes=changes,
           summary=f"Contacted about request {access.request.pk}")


@action("cases.close_contact_request", ContactRequestAccess, WORK, rule="is_open")
def close_contact_request(access: ContactRequestAccess, reason: str) -> None:
    if reason not in ContactRequest.CloseReason.values:
        raise ValidationError({"reason": _("Choose why the request is closed.")})
    changes = _handled(access, ContactRequest.Status.CLOSED, reason)
    record(access.actor, "cases.close_contact_request", access.request, changes=changes,
           summary=f"Closed request {access.request.pk}")


@action("cases.enrol_from_request", ContactRequestAccess, WORK, rule="is_open")
def enrol_from_request(access: ContactRequestAccess, data: dict[str, Any]) -> Participant:
    """Intake from a request: the participant enrolled by the navigator's organisation, on
    their caseload, and the request marked enrolled."""
    from pathways.apps.cases.actions import enrol_participant

    participant = enrol_participant(IntakeAccess(access.user, organisation_of(access.user)),
                                    data)
    changes = _handled(access, ContactRequest.Status.ENROLLED)
    found = access.request
    found.participant = participant
    found.save(update_fields=["participant"])
    changes["participant"] = [None, str(participant.pk)]
    record(access.actor, "cases.enrol_from_request", found, changes=changes,
           summary=f"Enrolled participant {participant.pk} from request {found.pk}")
    return participant


def intake_initial(found: ContactRequest) -> dict[str, Any]:
    """The intake form's first values, from what the person wrote."""
    first, _space, last = found.name.strip().partition(" ")
    return {"first_name": first, "last_name": last.strip(), "phone": found.phone,
            "email": found.email, "preferred_language": found.preferred_language}


__all__ = ["ContactRequestAccess", "PublicRequestAccess", "close_contact_request",
           "contact_request_access", "contact_requests_for", "enrol_from_request",
           "get_contact_request_access", "intake_initial", "mark_contacted",
           "new_request_count", "public_request_access", "requestable_pathways",
           "send_contact_request", "who_calls"]
