from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "pathways.apps.cases"
    label = "cases"
    verbose_name = "Participants and career plans"

    def ready(self) -> None:
        from pathways.apps.cases import checks  # noqa: F401 - registers the start-up checks
