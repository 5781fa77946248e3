"""Reads of employer partners and commitments that depend on who is asking.

A person sees a partnership's employers when their role grants ``employers.view`` and they
are a member of the partnership; administrators see every partnership. An employer belongs
to a partnership through the partnership's member organisations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from pathways.apps.accounts.access import RecordAccess, is_console
from pathways.apps.accounts.models import Organisation, Partnership
from pathways.apps.accounts.roles import role_of, user_can
from pathways.apps.employers.models import Commitment, EmployerProfile, HiringRequirement

VIEW = "employers.view"
MANAGE = "employers.manage"


def partnerships_for(user: Any) -> QuerySet[Partnership]:
    """The partnerships whose employers ``user`` may see."""
    if not user_can(user, VIEW):
        return Partnership.objects.none()
    if is_console(user) or role_of(user) == "administrator":
        return Partnership.objects.all()
    return Partnership.objects.filter(memberships__user=user).distinct()


@dataclass(frozen=True)
class EmployerAccess(RecordAccess):
    """One person's access to a partnership's employers and commitments."""

    user: Any
    partnership: Partnership
    visible: bool

    @property
    def may_manage(self) -> bool:
        return self.may(MANAGE)


def employer_access(user: Any, partnership: Partnership) -> EmployerAccess:
    seen = partnerships_for(user).filter(pk=partnership.pk).exists()
    return EmployerAccess(user, partnership, seen)


def get_employer_access(user: Any, pk: int) -> EmployerAccess:
    """403 without the permission; 404 for a partnership the person is not part of."""
    if not user_can(user, VIEW):
        raise PermissionDenied(f"missing permission {VIEW}")
    try:
        return EmployerAccess(user, partnerships_for(user).get(pk=pk), True)
    except Partnership.DoesNotExist:
        raise Http404("No such partnership") from None


def employers_of(partnership: Partnership) -> QuerySet[EmployerProfile]:
    return (EmployerProfile.objects.filter(organisation__partnerships=partnership)
            .select_related("organisation").prefetch_related("locations"))


def employer_of(access: EmployerAccess, pk: int) -> EmployerProfile:
    try:
        return employers_of(access.partnership).get(pk=pk)
    except EmployerProfile.DoesNotExist:
        raise Http404("No such employer") from None


def commitments_of(partnership: Partnership) -> QuerySet[Commitment]:
    return (partnership.commitments.select_related(
        "employer__organisation", "pathway", "component", "exit_point__occupation"))


def commitment_of(access: EmployerAccess, pk: int) -> Commitment:
    try:
        return commitments_of(access.partnership).get(pk=pk)
    except Commitment.DoesNotExist:
        raise Http404("No such commitment") from None


def requirement_of(access: EmployerAccess, pk: int) -> HiringRequirement:
    try:
        return HiringRequirement.objects.select_related("employer", "exit_point").get(
            pk=pk, employer__in=employers_of(access.partnership))
    except HiringRequirement.DoesNotExist:
        raise Http404("No such requirement") from None


def pathways_of(partnership: Partnership):
    """The partnership's live pathways (not working copies), for commitments."""
    from pathways.apps.catalog.models import Pathway

    return Pathway.objects.filter(partnership=partnership, draft_of__isnull=True)


def participants_of(partnership: Partnership):
    """Participants enrolled by one of the partnership's member organisations."""
    from pathways.apps.cases.models import Participant

    return Participant.objects.filter(
        enrolled_by__in=partnership.organisations.all()).distinct()


def employer_choices_for(participant: Any) -> QuerySet[Organisation]:
    """The employer partners of the partnerships the participant's enrolling organisation
    belongs to: what milestone and work experience forms offer."""
    return (Organisation.objects.filter(
        employer_profile__isnull=False,
        partnerships__organisations=participant.enrolled_by_id).distinct().order_by("name"))


# Work experiences whose "employer or provider" names an employer (not a class or workshop).
WORK_KINDS = ["internship", "apprenticeship", "ojt", "transitional", "clinical",
              "pre_apprenticeship", "job_shadow"]


def unlinked_records(partnership: Partnership) -> list[tuple[Any, str]]:
    """(record, typed employer name) for the partnership's placements and work experiences
    that name an employer in text only."""
    from pathways.apps.cases.models import Milestone, WorkActivity

    people = participants_of(partnership).values("pk")
    found: list[tuple[Any, str]] = []
    for row in (Milestone.objects.filter(participant__in=people, kind="employed",
                                         employer_organisation__isnull=True)
                .exclude(employer="").only("pk", "employer")):
        found.append((row, row.employer))
    for row in (WorkActivity.objects.filter(participant__in=people, kind__in=WORK_KINDS,
                                            employer_organisation__isnull=True)
                .exclude(organisation="").only("pk", "organisation")):
        found.append((row, row.organisation))
    return found


@dataclass(frozen=True)
class UnmatchedName:
    name: str  # as first typed
    key: str  # normalised
    records: int


def unmatched_names(partnership: Partnership) -> list[UnmatchedName]:
    """Typed employer names not yet linked to an organisation, grouped by their normalised
    form, most used first."""
    from pathways.apps.employers.matching import normalise

    groups: dict[str, list[str]] = {}
    for _, name in unlinked_records(partnership):
        groups.setdefault(normalise(name), []).append(name.strip())
    found = [UnmatchedName(sorted(names)[0], key, len(names))
             for key, names in groups.items() if key]
    return sorted(found, key=lambda u: (-u.records, u.name.casefold()))
