"""The latest published measures run as evidence for criterion 5 of the self-assessment
(quality.evidence): its reporting period, when it was stored and which measures it computed.
Only what was published (stored runs keep suppressed cells only); a withdrawn run is not
evidence. Shown beside the ratings, never scored."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from pathways.apps.quality import evidence
from pathways.apps.quality.evidence import Item, Question
from pathways.apps.reports.models import MeasuresRun


def latest_published(partnership) -> MeasuresRun | None:
    return partnership.measure_runs.filter(withdrawn_at__isnull=True).first()


def run_summary(run: MeasuresRun) -> str:
    return _("Reporting period %(start)s to %(end)s, stored %(stored)s") % {
        "start": run.window_start.isoformat(), "end": run.window_end.isoformat(),
        "stored": run.created_at.date().isoformat()}


def measure_names(run: MeasuresRun) -> list[str]:
    return [m.get("short_name") or m.get("name") or m["id"] for m in run.measures]


@evidence.provides(5)
def latest_run(question: Question) -> list[Item]:
    partnership = question.partnership
    url = reverse("reports:dashboard", args=[partnership.pk])
    run = latest_published(partnership)
    if run is None:
        return [Item(_("Shared measures"), _("No measures run has been published yet."), url,
                     warning=True)]
    names = measure_names(run)
    return [Item(_("Latest published measures run"), run_summary(run), url),
            Item(_("Measures computed (%(n)s)") % {"n": len(names)},
                 "; ".join(names) or _("None."), url)]
