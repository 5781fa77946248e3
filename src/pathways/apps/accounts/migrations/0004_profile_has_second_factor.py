"""Profiles say whether their person has confirmed a second-factor device (read on every
page with the user, instead of a query of django-otp's devices)."""

from django.db import migrations, models


def from_devices(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    with_device = TOTPDevice.objects.filter(confirmed=True).values("user_id")
    Profile.objects.filter(user_id__in=with_device).update(has_second_factor=True)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_profile_must_change_password"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="has_second_factor",
            field=models.BooleanField(default=False, editable=False,
                                      verbose_name="has a second factor"),
        ),
        migrations.RunPython(from_devices, migrations.RunPython.noop),
    ]
