"""The site's URLs plus one page that fails, for the 500 page test."""

from django.urls import path

from pathways.web.urls import urlpatterns as site


def broken(request):
    raise RuntimeError("a failure the person must not see")


broken.login_required = False
urlpatterns = [*site, path("broken/", broken)]
