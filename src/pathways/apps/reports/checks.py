"""Start-up checks for the shared measures: definitions valid, a sane suppression floor."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from pathways.core.errors import InputError


@checks.register()
def check_measure_definitions(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from pathways.metrics import load_measures

    try:
        load_measures()
    except InputError as exc:
        return [checks.Error(str(problem), id="pathways.E020") for problem in exc.problems]
    return []


@checks.register()
def check_min_threshold(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    value = getattr(settings, "PATHWAYS_MEASURES_MIN_THRESHOLD", "10")
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        return [checks.Error(f"PATHWAYS_MEASURES_MIN_THRESHOLD must be a whole number of 1 or "
                             f"more, not {value!r}", id="pathways.E021",
                             hint="Published cells smaller than this are suppressed.")]
    return []
