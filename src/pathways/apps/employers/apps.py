from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "pathways.apps.employers"
    label = "employers"
    verbose_name = "Employer partners and commitments"

    def ready(self) -> None:
        # Registers commitments as evidence for criterion 2 (quality.evidence).
        from pathways.apps.employers import evidence  # noqa: F401
