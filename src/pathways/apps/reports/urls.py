"""Pages of the reports app (all need a login)."""

from django.urls import path

from pathways.apps.reports import pirl_views, views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.dashboard, name="dashboard"),
    path("<int:pk>/upload/", views.upload, name="upload"),
    path("<int:pk>/runs/<int:run>/measures.<str:fmt>", views.download, name="download"),
    path("<int:pk>/runs/<int:run>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/runs/<int:run>/publish/", views.publish, name="publish"),
    path("<int:pk>/runs/<int:run>/published/<int:figure>/remove/", views.unpublish,
         name="unpublish"),
    path("<int:pk>/pirl/", pirl_views.export, name="pirl_export"),
    path("<int:pk>/pirl/dictionary.csv", pirl_views.data_dictionary, name="pirl_dictionary"),
    path("<int:pk>/pirl/jobs/<int:job>/pirl.csv", pirl_views.download, name="pirl_download"),
]
