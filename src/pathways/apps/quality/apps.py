from django.apps import AppConfig
from django.db.models.signals import post_migrate


class QualityConfig(AppConfig):
    name = "pathways.apps.quality"
    label = "quality"
    verbose_name = "System quality self-assessment"

    def ready(self) -> None:
        from pathways.apps.quality import checks  # noqa: F401  (registers system checks)

        post_migrate.connect(_store_shipped_frameworks, sender=self,
                             dispatch_uid="quality.shipped_frameworks")


def _store_shipped_frameworks(sender, using="default", **kwargs) -> None:
    """After every migrate (and test flush), the shipped frameworks are in the database."""
    from django.db import connections

    from pathways.apps.quality.actions import sync_shipped_frameworks
    from pathways.apps.quality.models import FrameworkVersion

    if FrameworkVersion._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated backwards past the table
    sync_shipped_frameworks()
