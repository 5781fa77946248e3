from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "pathways.apps.directory"
    label = "directory"
    verbose_name = "Services directory (Open Referral HSDS)"
