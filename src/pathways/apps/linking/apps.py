from django.apps import AppConfig


class LinkingConfig(AppConfig):
    name = "pathways.apps.linking"
    label = "linking"
    verbose_name = "Linking partner files (record linkage and clerical review)"
