from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pathways.apps.accounts"
    label = "accounts"
    verbose_name = "Organisations and people"

    def ready(self) -> None:
        from pathways.apps.accounts import checks  # noqa: F401  (registers system checks)
