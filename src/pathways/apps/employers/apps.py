from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "pathways.apps.employers"
    label = "employers"
    verbose_name = "Employer partners and commitments"
