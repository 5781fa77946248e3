"""Personal fields encrypted at rest (ADR 0036), step 2 of 2: the plain columns go, the
encrypted twins filled by 0002 take their names. Reversible (the plain columns come back
empty and 0002's reverse fills them)."""

from django.db import migrations

from pathways.apps.cases.crypto import EncryptedDateField

TWINS = [("participant", "email"), ("participant", "phone"), ("participant", "date_of_birth"),
         ("assessment", "barriers"), ("careerplan", "notes"), ("milestone", "note"),
         ("workactivity", "outcome_note"), ("referral", "note"),
         ("referral", "decline_reason"), ("referral", "outcome_note")]


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0002_encrypt_personal_fields"),
    ]

    operations = [
        *[migrations.RemoveField(model_name=model_name, name=name)
          for model_name, name in TWINS],
        *[migrations.RenameField(model_name=model_name, old_name=f"{name}_sealed",
                                 new_name=name)
          for model_name, name in TWINS],
        migrations.AlterField(
            model_name="participant", name="date_of_birth",
            field=EncryptedDateField(verbose_name="date of birth"),
        ),
    ]
