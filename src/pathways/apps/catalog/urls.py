"""The public explorer's pages. The home page is routed in pathways.web.urls as "home"."""

from django.urls import path

from pathways.apps.catalog import about, views

app_name = "catalog"
urlpatterns = [
    path("what-is-a-career-pathway/", views.explainer, name="explainer"),
    path("privacy/", about.privacy, name="privacy"),
    path("accessibility/", about.accessibility, name="accessibility"),
    path("sectors/", views.sectors, name="sectors"),
    path("sectors/<slug:slug>/", views.sector, name="sector"),
    path("pathways/", views.pathways, name="pathways"),
    path("pathways/<slug:slug>/", views.pathway, name="pathway"),
    path("pathways/<slug:slug>/ctdl.jsonld", views.pathway_ctdl, name="pathway_ctdl"),
    path("pathways/<slug:slug>/versions/<int:number>/ctdl.jsonld", views.pathway_version_ctdl,
         name="pathway_version_ctdl"),
    path("occupations/", views.occupations, name="occupations"),
    path("occupations/<str:code>/", views.occupation, name="occupation"),
]
