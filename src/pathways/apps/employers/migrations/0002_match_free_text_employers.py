"""Link today's typed employer names to employer organisations where the match is sure
(ADR 0047); the rest stay for a person to resolve on the unmatched names page."""

from django.db import migrations


def link(apps, schema_editor):
    from pathways.apps.employers.matching import index, normalise

    Organisation = apps.get_model("accounts", "Organisation")
    known = index(Organisation.objects.filter(kind="employer"))
    if not known:
        return
    for model, column in (("Milestone", "employer"), ("WorkActivity", "organisation")):
        rows = apps.get_model("cases", model).objects.filter(employer_organisation__isnull=True)
        for row in rows.exclude(**{column: ""}).only("pk", column):
            found = known.get(normalise(getattr(row, column)))
            if found is not None:
                type(row).objects.filter(pk=row.pk).update(employer_organisation=found)


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0001_employers_and_commitments"),
        ("cases", "0006_employer_partner_on_records"),
    ]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
