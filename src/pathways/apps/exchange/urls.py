from django.urls import path

from pathways.apps.exchange import views

app_name = "exchange"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("reference/", views.reference, name="reference"),
    path("jobs/<int:pk>/", views.result, name="result"),
    path("<str:token>/", views.preview, name="preview"),
    path("<str:token>/apply/", views.apply, name="apply"),
    path("<str:token>/cancel/", views.cancel, name="cancel"),
]
