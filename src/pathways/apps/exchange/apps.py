from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "pathways.apps.exchange"
    label = "exchange"
    verbose_name = "Imports and exports"

    def ready(self) -> None:
        from pathways.apps.exchange import checks  # noqa: F401  (registers system checks)
