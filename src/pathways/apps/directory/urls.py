from django.urls import path

from pathways.apps.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("export.json", views.export_json, name="export_json"),
    path("export.zip", views.export_zip, name="export_zip"),
    path("imports/<int:pk>/", views.result, name="result"),
    path("<str:token>/", views.preview, name="preview"),
    path("<str:token>/apply/", views.apply, name="apply"),
    path("<str:token>/cancel/", views.cancel, name="cancel"),
]
