from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "pathways.apps.catalog"
    label = "catalog"
    verbose_name = "Pathway catalog"

    def ready(self) -> None:
        from pathways.apps.catalog import generation

        generation.connect()
