"""Start-up checks for the self-assessment (ids pathways.E010-E019, W010-W019).

- E010: a shipped framework file does not validate (one error per problem, with its line).
- E011: two shipped framework files use the same key.
- E012: a permission the quality pages ask for is missing from the permission matrix.
- W010: a shipped framework does not say where it comes from (``source``) or how its text
  was adapted (``adaptation``); shipped indicators must be marked as the project's own.
"""

from __future__ import annotations

from django.core import checks

from pathways.core.errors import InputError

QUALITY_PERMISSIONS = ("quality.take_part", "quality.frameworks")


@checks.register()
def check_shipped_frameworks(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from pathways.frameworks import load_framework, shipped_files

    messages: list[checks.CheckMessage] = []
    keys: dict[str, str] = {}
    for path in shipped_files():
        try:
            framework = load_framework(path)
        except InputError as exc:
            messages += [checks.Error(str(problem), id="pathways.E010", obj=str(path))
                         for problem in exc.problems]
            continue
        if framework.key in keys:
            messages.append(checks.Error(
                f"{path.name}: key {framework.key!r} is also used by {keys[framework.key]}",
                hint="Give every shipped framework its own key.", id="pathways.E011",
                obj=str(path)))
        keys[framework.key] = path.name
        if not framework.source or not framework.adaptation:
            messages.append(checks.Warning(
                f"{path.name}: say where the framework comes from (source) and how its text "
                "was adapted (adaptation)", id="pathways.W010", obj=str(path)))
    return messages


@checks.register()
def check_quality_permissions(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from pathways.apps.accounts.permissions import MATRIX_FILE, matrix

    try:
        known = matrix().permissions
    except InputError:
        return []  # pathways.E001 reports a broken matrix
    return [checks.Error(f"permission {name!r} is not in the permission matrix",
                         hint="The self-assessment pages ask for it; add it to "
                              "permissions.yaml.", id="pathways.E012", obj=str(MATRIX_FILE))
            for name in QUALITY_PERMISSIONS if name not in known]
