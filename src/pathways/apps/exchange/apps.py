from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "pathways.apps.exchange"
    label = "exchange"
    verbose_name = "Imports and exports"
