from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "pathways.web"
    label = "web"
    verbose_name = "Pathways web"

    def ready(self) -> None:
        from pathways.web.uploads import clear_stale_uploads

        # Files a killed server left in the upload folder (they may hold personal data).
        clear_stale_uploads()
