"""The public "talk to a navigator" pages (anyone may open them; tests/test_url_auth.py)."""

from django.urls import path

from pathways.apps.cases import contact_views

app_name = "contact"
urlpatterns = [
    path("", contact_views.contact_form, name="form"),
    path("sent/", contact_views.contact_sent, name="sent"),
]
