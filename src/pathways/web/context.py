from django.http import HttpRequest

from pathways import __version__


def site(request: HttpRequest) -> dict:
    return {"pathways_version": __version__}
