"""The role-permission matrix, as validated data (permissions.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pathways.core.validate import Checker, is_one_of, shown
from pathways.core.yamldata import load_yaml

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
    check = Checker(str(path))
    top = check.top(load_yaml(path, text), {"version", "permissions", "roles", "admin_roles"})
    top["version"].number(required=False, whole=True, at_least=1)
    permissions: dict[str, str] = {}
    if (listed := top["permissions"].mapping()) is not None:
        for name, description in listed.entries():
            permissions[str(name)] = description.text()
        if not permissions:
            listed.problem("must list permissions")
    roles: dict[str, frozenset[str]] = {}
    if (granted_by_role := top["roles"].mapping()) is not None:
        for role, granted in granted_by_role.entries():
            if not is_one_of(role, known_roles):
                granted.problem(f"unknown role {shown(role)}")
            names = [g.choice(permissions, what="permission")
                     for g in granted.items(least=0)]
            roles[str(role)] = frozenset(n for n in names if n is not None)
        for role in sorted(known_roles - set(roles)):
            granted_by_role.problem(f"role {role!r} has no entry")
    admin_roles = [r.choice(known_roles, what="role")
                   for r in top["admin_roles"].items(required=False, least=0)]
    check.raise_if_any()
    return PermissionMatrix(permissions, roles, frozenset(admin_roles))


@cache
def matrix() -> PermissionMatrix:
    from pathways.apps.accounts.models import Role

    return parse_matrix(MATRIX_FILE, set(Role.values))
