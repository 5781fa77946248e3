"""Pages of the partnership workspace (all need a login and ``catalog.edit``)."""

from django.urls import path

from pathways.apps.workspace import conditions, offerings_views, review_views, views

app_name = "workspace"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.new_pathway, name="new"),
    path("offerings/", offerings_views.offerings_page, name="offerings"),
    path("pick/cip/", offerings_views.pick_cip, name="pick_cip"),
    path("pathways/<int:pk>/", views.pathway, name="pathway"),
    path("pathways/<int:pk>/do/<slug:op>/<int:target>/", views.edit, name="edit"),
    path("pathways/<int:pk>/pick/<slug:kind>/", views.pick, name="pick"),
    # The lifecycle (ADR 0041): each button posts to its own address.
    path("pathways/<int:pk>/revise/", review_views.revise, name="revise"),
    path("pathways/<int:pk>/submit/", review_views.submit, name="submit"),
    path("pathways/<int:pk>/request-changes/", review_views.request_changes,
         name="request_changes"),
    path("pathways/<int:pk>/approve/", review_views.approve, name="approve"),
    path("pathways/<int:pk>/publish-anyway/", review_views.publish_anyway,
         name="publish_anyway"),
    path("pathways/<int:pk>/archive/", review_views.archive, name="archive"),
    path("pathways/<int:pk>/discard/", review_views.discard, name="discard"),
    path("pathways/<int:pk>/versions/", review_views.versions, name="versions"),
    path("pathways/<int:pk>/steps/<int:step>/edit/", views.step_forms, name="step_forms"),
    path("pathways/<int:pk>/steps/<int:step>/conditions/", conditions.conditions,
         name="conditions"),
]
