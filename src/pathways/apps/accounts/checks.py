"""Start-up checks: a broken permission matrix stops the server with a clear message."""

from __future__ import annotations

from django.core import checks

from pathways.core.errors import InputError


@checks.register()
def check_permission_matrix(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from pathways.apps.accounts import permissions

    try:
        permissions.matrix.cache_clear()
        permissions.matrix()
    except InputError as exc:
        return [
            checks.Error(str(problem), id="pathways.E001", obj=str(permissions.MATRIX_FILE))
            for problem in exc.problems
        ]
    return []
