from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "pathways.apps.catalog"
    label = "catalog"
    verbose_name = "Pathway catalog"
