from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "pathways.apps.partnership"
    label = "partnership"
    verbose_name = "Partnership: vision, members, agreements and policy"

    def ready(self) -> None:
        # Registers this app's evidence for criteria 1 and 4 (quality.evidence).
        from pathways.apps.partnership import evidence  # noqa: F401
