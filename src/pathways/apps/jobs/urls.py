"""Pages of the jobs app (each shows only the signed-in person's own jobs)."""

from django.urls import path

from pathways.apps.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
]
