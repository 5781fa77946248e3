"""Reminders of overdue referrals: still requested, accepted or under way past their due
date (``referral_flow.WATCHED``). The caseload, the record and the partner's queue show
them as they are viewed; this module is for the console (``pathways referrals remind``,
run daily by cron or a timer): a list per receiving organisation and, when asked, one
email to each organisation's staff who answer referrals and one to each referrer.

A reminder names the referral by its number and link, what it is for and where it stands;
never the person (the link opens only for someone allowed to see it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from pathways.apps.accounts.audit import record
from pathways.apps.accounts.models import Organisation
from pathways.apps.accounts.roles import user_can
from pathways.apps.cases.models import Referral


@dataclass
class Reminder:
    """The overdue referrals one organisation received, or one person sent."""

    organisation: Organisation | None
    referrals: list[Referral] = field(default_factory=list)


def overdue(today: dt.date, organisation: Organisation | None = None) -> list[Referral]:
    found = (Referral.objects.filter(Referral.overdue(today))
             .select_related("organisation", "service", "program", "employer__organisation",
                             "sent_by")
             .order_by("organisation__name", "follow_up_due", "pk"))
    if organisation is not None:
        found = found.filter(organisation=organisation)
    return list(found)


def by_organisation(referrals: list[Referral]) -> list[Reminder]:
    groups: dict[int, Reminder] = {}
    for referral in referrals:
        groups.setdefault(referral.organisation_id,
                          Reminder(referral.organisation)).referrals.append(referral)
    return list(groups.values())


def line(referral: Referral, today: dt.date, site: str = "") -> str:
    """One referral in a reminder: number, what for, status, due date, days late, link."""
    late = (today - referral.follow_up_due).days
    return (f"#{referral.pk} {referral.purpose}: {referral.target} - "
            f"{referral.get_status_display()}, "
            + _("due %(due)s (%(late)s days late)") % {"due": referral.follow_up_due.isoformat(),
                                                      "late": late}
            + (f" {site.rstrip('/')}{referral.get_absolute_url()}" if site else ""))


def _receivers(organisation: Organisation) -> list[Any]:
    return [u for u in get_user_model().objects.filter(
        pathways_profile__organisation=organisation, is_active=True).exclude(email="")
        .select_related("pathways_profile")
        if user_can(u, "cases.answer_referrals")]


def _language(user: Any) -> str:
    return getattr(getattr(user, "pathways_profile", None), "preferred_language", "en")


def _mail(user: Any, subject: str, lines: list[str]) -> None:
    send_mail(subject, "\n".join(lines), None, [user.email])


def send(today: dt.date, site: str = "", organisation: Organisation | None = None
         ) -> dict[str, int]:
    """Email each receiving organisation's staff the referrals it has overdue, and each
    referrer the ones they sent; one audit entry says how many went out (no values)."""
    found = overdue(today, organisation)
    counts = {"referrals": len(found), "organisations": 0, "emails": 0}
    for group in by_organisation(found):
        counts["organisations"] += 1
        for user in _receivers(group.organisation):
            with translation.override(_language(user)):
                _mail(user, _("Pathways: %(n)s overdue referrals for %(org)s")
                      % {"n": len(group.referrals), "org": group.organisation},
                      [_("These referrals to your organisation are past their due date:"),
                       "", *[line(r, today, site) for r in group.referrals]])
            counts["emails"] += 1
    senders: dict[int, list[Referral]] = defaultdict(list)
    for referral in found:
        if referral.sent_by_id and referral.sent_by.email:
            senders[referral.sent_by_id].append(referral)
    for referrals in senders.values():
        user = referrals[0].sent_by
        with translation.override(_language(user)):
            _mail(user, _("Pathways: %(n)s referrals you sent are overdue")
                  % {"n": len(referrals)},
                  [_("These referrals you sent are past their due date:"), "",
                   *[line(r, today, site) for r in referrals]])
        counts["emails"] += 1
    record("command line", "cases.referral_reminders", summary=(
        f"Reminded of {counts['referrals']} overdue referrals at "
        f"{counts['organisations']} organisations ({counts['emails']} emails)"),
        changes=counts)
    return counts


__all__ = ["Reminder", "by_organisation", "line", "overdue", "send"]
