"""The public finder (anyone may open it; tests/test_url_auth.py)."""

from django.urls import path

from pathways.apps.finder import views

app_name = "finder"
urlpatterns = [
    path("", views.find_page, name="find"),
]
