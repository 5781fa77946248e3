from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "pathways.apps.reports"
    label = "reports"
    verbose_name = "Shared performance measures"

    def ready(self) -> None:
        from pathways.apps.reports import checks  # noqa: F401  (registers system checks)
