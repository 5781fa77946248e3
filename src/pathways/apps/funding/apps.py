from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "pathways.apps.funding"
    label = "funding"
    verbose_name = "Funding streams and awards"

    def ready(self) -> None:
        # Registers the funding map as evidence for criterion 3 (quality.evidence).
        from pathways.apps.funding import evidence  # noqa: F401
