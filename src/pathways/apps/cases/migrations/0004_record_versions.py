"""A version on the records several people edit (personal data, the shared assessment, the
career plan): each save counts one up, and a save based on an older version is refused
(optimistic locking, ADR 0036)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0003_encrypted_fields_replace_plain"),
    ]

    operations = [
        migrations.AddField(model_name=name, name="version",
                            field=models.PositiveIntegerField(default=0, editable=False))
        for name in ("participant", "assessment", "careerplan")
    ]
