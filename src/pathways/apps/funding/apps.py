from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "pathways.apps.funding"
    label = "funding"
    verbose_name = "Funding streams and awards"
