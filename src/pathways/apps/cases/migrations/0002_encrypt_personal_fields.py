"""Personal fields encrypted at rest (ADR 0036), step 1 of 2: an encrypted twin of each
field, filled from the plain one. Step 2 (0003) drops the plain columns and renames the
twins. Reversible: going back copies the values into the plain columns again.

A twin rather than an in-place change of the column type, so the values move as typed
Python values (a date, a list) whatever the database prints them as."""

from django.core.validators import validate_email
from django.db import migrations, models

from pathways.apps.cases.crypto import EncryptedDateField, EncryptedJSONField, EncryptedTextField

# model: the fields encrypted, as they are once encrypted (date of birth nullable while the
# values move; 0003 makes it required again).
SEALED = {
    "participant": {
        "email": lambda: EncryptedTextField(blank=True, max_length=254,
                                            validators=[validate_email], verbose_name="email"),
        "phone": lambda: EncryptedTextField(blank=True, max_length=30, verbose_name="phone"),
        "date_of_birth": lambda: EncryptedDateField(null=True, verbose_name="date of birth"),
    },
    "assessment": {
        "barriers": lambda: EncryptedJSONField(
            blank=True, default=list,
            verbose_name="barriers to employment (WIOA Sec. 3(24))"),
    },
    "careerplan": {
        "notes": lambda: EncryptedTextField(blank=True, verbose_name="notes"),
    },
    "milestone": {
        "note": lambda: EncryptedTextField(blank=True, max_length=300, verbose_name="note"),
    },
    "workactivity": {
        "outcome_note": lambda: EncryptedTextField(blank=True, max_length=300,
                                                   verbose_name="about the outcome"),
    },
    "referral": {
        "note": lambda: EncryptedTextField(blank=True, max_length=500,
                                           verbose_name="what the person needs"),
        "decline_reason": lambda: EncryptedTextField(blank=True, max_length=300,
                                                     verbose_name="reason for declining"),
        "outcome_note": lambda: EncryptedTextField(blank=True, max_length=500,
                                                   verbose_name="follow-up note"),
    },
}
TWIN = "{}_sealed"


def _copy(apps, source: str, target: str) -> None:
    for model_name, fields in SEALED.items():
        model = apps.get_model("cases", model_name)
        pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), 500):
            rows = list(model._base_manager.filter(pk__in=pks[start:start + 500]))
            for row in rows:
                for name in fields:
                    setattr(row, target.format(name), getattr(row, source.format(name)))
            model._base_manager.bulk_update(rows, [target.format(name) for name in fields])


def encrypt(apps, schema_editor) -> None:
    _copy(apps, "{}", TWIN)


def decrypt(apps, schema_editor) -> None:
    _copy(apps, TWIN, "{}")


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="participant", name="date_of_birth",
            field=models.DateField(null=True, verbose_name="date of birth"),
        ),
        *[migrations.AddField(model_name=model_name, name=TWIN.format(name), field=make())
          for model_name, fields in SEALED.items() for name, make in fields.items()],
        migrations.RunPython(encrypt, decrypt),
    ]
