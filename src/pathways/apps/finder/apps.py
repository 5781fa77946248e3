from django.apps import AppConfig


class FinderConfig(AppConfig):
    name = "pathways.apps.finder"
    label = "finder"
    verbose_name = "Find a pathway that fits"
