"""Pages of the partnership workspace (all need a login and ``catalog.edit``)."""

from django.urls import path

from pathways.apps.workspace import conditions, offerings_views, views

app_name = "workspace"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.new_pathway, name="new"),
    path("offerings/", offerings_views.offerings_page, name="offerings"),
    path("pick/cip/", offerings_views.pick_cip, name="pick_cip"),
    path("pathways/<int:pk>/", views.pathway, name="pathway"),
    path("pathways/<int:pk>/do/<slug:op>/<int:target>/", views.edit, name="edit"),
    path("pathways/<int:pk>/pick/<slug:kind>/", views.pick, name="pick"),
    path("pathways/<int:pk>/steps/<int:step>/conditions/", conditions.conditions,
         name="conditions"),
]
