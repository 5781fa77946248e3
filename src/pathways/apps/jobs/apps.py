from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "pathways.apps.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
