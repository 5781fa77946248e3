"""The partnership's records as evidence in the self-assessment (quality.evidence):
criterion 1 gets the vision, the member organisations with their roles and the agreements
(with the MOU review status); criterion 4 the policy items linked to an indicator or to the
whole criterion."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pathways.apps.partnership import queries
from pathways.apps.partnership.models import PolicyItem
from pathways.apps.quality import evidence
from pathways.apps.quality.evidence import Item, Question


def due_text(what: str, on, overdue: bool) -> str:
    if what == "review":
        if overdue:
            return _("MOU review overdue since %(date)s") % {"date": on.isoformat()}
        return _("MOU review due %(date)s") % {"date": on.isoformat()}
    return _("Ends %(date)s") % {"date": on.isoformat()}


@evidence.provides(1)
def strategy(question: Question) -> list[Item]:
    partnership = question.partnership
    page = reverse("partnership:page", args=[partnership.pk])
    found = []
    vision = queries.vision_of(partnership)
    if vision is not None and vision.vision:
        goals = vision.goal_lines()
        found.append(Item(_("Vision"), vision.vision[:300]
                          + (" " + _("(%(n)s goals)") % {"n": len(goals)} if goals else ""),
                          page))
    else:
        found.append(Item(_("Vision"), _("No vision recorded yet."), page, warning=True))
    members = queries.members_of(partnership)
    with_roles = [m for m in members if m.roles and m.roles.roles]
    found.append(Item(_("Member organisations"),
                      "; ".join(f"{m.organisation.name} ({', '.join(m.roles.role_labels())})"
                                if m.roles and m.roles.roles else m.organisation.name
                                for m in members) or _("None recorded."),
                      page, warning=len(with_roles) < len(members)))
    today = timezone.localdate()
    agreements = list(queries.agreements_of(partnership))
    for agreement in agreements:
        if agreement.has_ended(today):
            continue
        reminders = agreement.reminders(today)
        detail = "; ".join(due_text(r.what, r.on, r.overdue) for r in reminders)
        found.append(Item(f"{agreement.get_kind_display()}: {agreement.title}",
                          detail or _("In effect since %(date)s")
                          % {"date": agreement.effective_on.isoformat()},
                          reverse("partnership:agreement", args=[agreement.pk]),
                          warning=any(r.overdue for r in reminders)))
    if not any(a.is_mou and not a.has_ended(today) for a in agreements):
        found.append(Item(_("One-stop MOU"), _("No MOU in effect is recorded."), page,
                          warning=True))
    return found


@evidence.provides(4)
def policies(question: Question) -> list[Item]:
    links = (PolicyItem.objects.filter(partnership=question.partnership,
                                       indicators__framework=question.framework,
                                       indicators__criterion=question.criterion.key)
             .values_list("pk", "indicators__indicator"))
    on: dict[int, set[str]] = {}
    for pk, indicator in links:
        on.setdefault(pk, set()).add(indicator)
    found = []
    for item in PolicyItem.objects.filter(pk__in=on).select_related("owner"):
        detail = " · ".join(str(x) for x in (item.get_kind_display(), item.get_level_display(),
                                             item.get_status_display(), item.owner or "")
                            if x)
        url = reverse("partnership:policy", args=[item.pk])
        for indicator in sorted(on[item.pk]):
            found.append(Item(item.title, detail, url, indicator=indicator))
    return found
