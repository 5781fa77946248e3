from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "pathways.apps.quality"
    label = "quality"
    verbose_name = "System quality self-assessment"
