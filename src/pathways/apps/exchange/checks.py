"""Start-up checks for the exchange app: every shipped linkage model must be valid."""

from __future__ import annotations

from django.core import checks

from pathways.core.errors import InputError


@checks.register()
def check_linkage_models(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from pathways.linkage import parse_model, shipped_models

    errors: list[checks.CheckMessage] = []
    for path in shipped_models():
        try:
            parse_model(path)
        except InputError as exc:
            errors += [checks.Error(str(problem), id="pathways.E004", obj=str(path))
                       for problem in exc.problems]
    return errors
