from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "pathways.apps.reports"
    label = "reports"
    verbose_name = "Shared performance measures"

    def ready(self) -> None:
        # System checks, and the latest published run as evidence for criterion 5
        # (quality.evidence).
        from pathways.apps.reports import checks, evidence  # noqa: F401
