"""Pages of the partnership app (all need a login and ``partnership.view``)."""

from django.urls import path

from pathways.apps.partnership import views

app_name = "partnership"
urlpatterns = [
    path("", views.home, name="home"),
    path("<int:pk>/", views.page, name="page"),
    path("<int:pk>/locals/", views.state_view, name="state"),
    path("<int:pk>/vision/", views.vision, name="vision"),
    path("<int:pk>/members/", views.members, name="members"),
    path("<int:pk>/agreements/new/", views.new_agreement, name="new_agreement"),
    path("agreements/<int:pk>/", views.agreement, name="agreement"),
    path("<int:pk>/policies/", views.policies, name="policies"),
    path("<int:pk>/policies/new/", views.new_policy, name="new_policy"),
    path("policies/<int:pk>/", views.policy, name="policy"),
]
