"""Start-up checks of the cases app (ids pathways.E030-E039)."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from pathways.core.errors import InputError


@checks.register()
def check_field_key(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """E030: the key for encrypted fields must be a usable Fernet key."""
    from pathways.apps.cases.crypto import key_problem

    problem = key_problem(getattr(settings, "PATHWAYS_FIELD_KEY", ""))
    if problem:
        return [checks.Error(problem, id="pathways.E030",
                             hint="Make one with `pathways keys new` (docs/navigators.md).")]
    return []


@checks.register()
def check_nrs_table(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """E031: the NRS score table must validate (levels known, in order, no gaps)."""
    from pathways.navigation import nrs

    try:
        nrs.nrs_table.cache_clear()
        nrs.nrs_table()
    except InputError as exc:
        return [checks.Error(str(problem), id="pathways.E031", obj=str(nrs.NRS_FILE))
                for problem in exc.problems]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_development_key_in_production(app_configs=None, **kwargs) -> list:
    """E032: the published development key must never protect real data."""
    from pathways.apps.cases.crypto import DEVELOPMENT_KEY, field_keys

    # Only as the key that encrypts: kept after it, it lets a rotation read old values.
    current = field_keys(getattr(settings, "PATHWAYS_FIELD_KEY", ""))[:1]
    if current == [DEVELOPMENT_KEY] and not settings.DEBUG:
        return [checks.Error("PATHWAYS_FIELD_KEY is the published development key",
                             id="pathways.E032", hint="Set PATHWAYS_FIELD_KEY to a new key.")]
    return []
