"""Pages of the linking app, under a partnership's measures (all need a login)."""

from django.urls import path

from pathways.apps.linking import views

app_name = "linking"
urlpatterns = [
    path("<int:pk>/linkage/", views.index, name="index"),
    path("<int:pk>/linkage/<int:run>/", views.run, name="run"),
    path("<int:pk>/linkage/<int:run>/pairs/<int:pair>/", views.pair, name="pair"),
    path("<int:pk>/linkage/<int:run>/measures/", views.measures, name="measures"),
    path("<int:pk>/linkage/<int:run>/remove/", views.remove, name="remove"),
]
