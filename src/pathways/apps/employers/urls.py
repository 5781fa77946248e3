"""Pages of the employers app (all need a login)."""

from django.urls import path

from pathways.apps.employers import views

app_name = "employers"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.employer_list, name="list"),
    path("<int:pk>/add/", views.add_employer, name="add"),
    path("<int:pk>/<int:employer>/", views.employer, name="employer"),
    path("<int:pk>/<int:employer>/change/", views.change_employer, name="change"),
    path("<int:pk>/commitments/add/", views.commitment, name="add_commitment"),
    path("<int:pk>/commitments/<int:commitment>/", views.commitment, name="commitment"),
    path("<int:pk>/requirements/add/", views.requirement, name="add_requirement"),
    path("<int:pk>/requirements/<int:requirement>/", views.requirement, name="requirement"),
    path("<int:pk>/names/", views.unmatched, name="unmatched"),
]
