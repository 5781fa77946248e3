from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "pathways.apps.cases"
    label = "cases"
    verbose_name = "Participants and career plans"
