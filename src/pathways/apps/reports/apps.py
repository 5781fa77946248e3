from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "pathways.apps.reports"
    label = "reports"
    verbose_name = "Shared performance measures"
