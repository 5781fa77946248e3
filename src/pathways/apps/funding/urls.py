"""Funding pages (all need a login and a funding permission)."""

from django.urls import path

from pathways.apps.funding import views

app_name = "funding"
urlpatterns = [
    path("", views.streams, name="streams"),
    path("partnerships/<int:pk>/", views.partnership, name="partnership"),
    path("pathways/<slug:slug>/", views.pathway_map, name="pathway_map"),
    path("participants/<int:pk>/awards/new/", views.award, name="award"),
    path("participants/<int:pk>/funding-facts/", views.facts, name="facts"),
    path("participants/<int:pk>/awards/<int:award_id>/remove/", views.remove_award,
         name="remove_award"),
]
