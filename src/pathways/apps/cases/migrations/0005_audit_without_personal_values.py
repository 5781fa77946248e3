"""Audit entries written before ADR 0036 kept [before, after] values of personal fields
(names, dates of birth, contact, barriers, notes) and two kinds of summary named an
employer. This keeps only that those fields changed, and rewrites those summaries.

The rule is copied here as it stood when the migration was written (a migration must do
the same thing whenever it runs); the living rule is ``pathways.apps.cases.auditing``.
Not reversible: the values are gone (going back leaves the entries as they are)."""

import re

from django.db import migrations

KEPT = {
    "cases.participant": {"enrolled_by", "navigator", "user", "is_sample", "version"},
    "cases.consent": {"organisation", "purpose", "method", "given_on", "withdrawn_on",
                      "recorded_by"},
    "cases.assessment": {"assessed_on", "tested_on", "recorded_by", "recorded_by_organisation",
                         "version"},
    "cases.priorjob": set(),
    "cases.careerplan": {"pathway", "goal", "entry_point", "next_step_due", "created_by",
                         "version"},
    "cases.milestone": {"kind", "on", "component", "credential", "credential_kind",
                        "occupation", "skill_gain", "source", "recorded_by"},
    "cases.workactivity": {"kind", "component", "started_on", "ended_on", "hours", "outcome",
                           "recorded_by"},
    "cases.referral": {"service", "organisation", "consent", "status", "sent_by",
                       "answered_at", "answered_by", "delivered_on", "follow_up_due",
                       "followed_up_on"},
}
SUMMARIES = {  # action: (what the old summary starts with, the new summary)
    "cases.prior_job": (re.compile(r"Work history of participant (\d+)"),
                        "Work history of participant {}: a job added"),
    "cases.activity": (re.compile(r"Participant (\d+): "),
                       "Participant {}: a work experience or service"),
}


def scrub(apps, schema_editor) -> None:
    entries = apps.get_model("accounts", "AuditEntry")
    found = entries.objects.filter(object_type__in=list(KEPT)).only(
        "pk", "action", "object_type", "summary", "changes")
    changed = []
    for entry in found.iterator(chunk_size=1000):
        kept = KEPT[entry.object_type]
        before = entry.changes if isinstance(entry.changes, dict) else {}
        after = {name: value if name in kept else "changed" for name, value in before.items()}
        summary = entry.summary
        if entry.action in SUMMARIES:
            pattern, template = SUMMARIES[entry.action]
            match = pattern.match(summary)
            summary = template.format(match.group(1)) if match else entry.action
        if after != before or summary != entry.summary:
            entry.changes, entry.summary = after, summary
            changed.append(entry)
    entries.objects.bulk_update(changed, ["changes", "summary"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_membership"),
        ("cases", "0004_record_versions"),
    ]

    operations = [
        migrations.RunPython(scrub, migrations.RunPython.noop),
    ]
