from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pathways.apps.accounts"
    label = "accounts"
    verbose_name = "Organisations and people"

    def ready(self) -> None:
        # Registers the system checks, and the receivers that audit logins and lockouts.
        from pathways.apps.accounts import checks, logins  # noqa: F401
