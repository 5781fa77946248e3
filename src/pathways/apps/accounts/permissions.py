"""The role-permission matrix, as validated data (permissions.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pathways.core.errors import InputError, InputProblem
from pathways.core.yamldata import line_of, load_yaml

MATRIX_FILE = Path(__file__).with_name("permissions.yaml")


@dataclass(frozen=True)
class PermissionMatrix:
    permissions: dict[str, str]
    roles: dict[str, frozenset[str]]
    admin_roles: frozenset[str]

    def allows(self, role: str, permission: str) -> bool:
        if permission not in self.permissions:
            raise KeyError(f"unknown permission {permission!r}")
        return permission in self.roles.get(role, frozenset())


def parse_matrix(path: Path, known_roles: set[str], text: str | None = None) -> PermissionMatrix:
    """Validate the matrix; every problem names the file, line and field."""
    data = load_yaml(path, text)
    source = str(path)
    problems: list[InputProblem] = []
    if not isinstance(data, dict):
        raise InputError(InputProblem("expected a mapping at the top level", source, 1))
    permissions = data.get("permissions")
    if not isinstance(permissions, dict) or not permissions:
        problems.append(InputProblem("must list permissions", source, line_of(data), "permissions"))
        permissions = {}
    roles_in = data.get("roles")
    roles: dict[str, frozenset[str]] = {}
    if not isinstance(roles_in, dict):
        problems.append(InputProblem("must map each role to permissions", source,
                                     line_of(data), "roles"))
        roles_in = {}
    for role, granted in roles_in.items():
        line = line_of(roles_in, role)
        if role not in known_roles:
            problems.append(InputProblem(f"unknown role {role!r}", source, line, f"roles.{role}"))
        if not isinstance(granted, list):
            problems.append(InputProblem("must be a list", source, line, f"roles.{role}"))
            continue
        for index, name in enumerate(granted):
            if name not in permissions:
                problems.append(InputProblem(f"unknown permission {name!r}", source,
                                             line_of(granted, index), f"roles.{role}"))
        roles[role] = frozenset(granted)
    for role in sorted(known_roles - set(roles)):
        problems.append(InputProblem(f"role {role!r} has no entry", source, line_of(data, "roles"),
                                     "roles"))
    admin_roles = data.get("admin_roles", [])
    for index, role in enumerate(admin_roles):
        if role not in known_roles:
            problems.append(InputProblem(f"unknown role {role!r}", source,
                                         line_of(admin_roles, index), "admin_roles"))
    if problems:
        raise InputError(problems)
    return PermissionMatrix(dict(permissions), roles, frozenset(admin_roles))


@cache
def matrix() -> PermissionMatrix:
    from pathways.apps.accounts.models import Role

    return parse_matrix(MATRIX_FILE, set(Role.values))
