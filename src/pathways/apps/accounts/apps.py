from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pathways.apps.accounts"
    label = "accounts"
    verbose_name = "Organisations and people"

    def ready(self) -> None:
        # Registers the system checks, and the receivers that audit logins and lockouts.
        from django.db.models.signals import post_delete, post_save
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from pathways.apps.accounts import checks, logins, twofactor  # noqa: F401

        post_save.connect(twofactor.device_changed, sender=TOTPDevice,
                          dispatch_uid="pathways-second-factor-saved")
        post_delete.connect(twofactor.device_changed, sender=TOTPDevice,
                            dispatch_uid="pathways-second-factor-deleted")
