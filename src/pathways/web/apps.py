from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "pathways.web"
    label = "web"
    verbose_name = "Pathways web"
