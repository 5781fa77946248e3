import re

import pytest

from pathways.apps.accounts.models import Role
from pathways.apps.accounts.permissions import MATRIX_FILE, matrix, parse_matrix
from pathways.core import InputError

ROLES = set(Role.values)


def test_shipped_matrix_is_valid_and_gives_editors_editing():
    shipped = matrix()
    assert shipped.allows("editor", "catalog.edit")
    assert not shipped.allows("participant", "catalog.edit")
    assert not shipped.allows("navigator", "catalog.edit")
    with pytest.raises(KeyError):
        shipped.allows("editor", "catalog.fly")


def test_unknown_permission_is_reported_with_its_line():
    shipped = MATRIX_FILE.read_text()
    text = re.sub(r"^  participant: \[.*\]$", "  participant: [catalog.fly]", shipped,
                  flags=re.M)
    assert text != shipped  # the participant's line is one line: keep it so for this test
    with pytest.raises(InputError) as info:
        parse_matrix(MATRIX_FILE, ROLES, text)
    (problem,) = info.value.problems
    assert "unknown permission 'catalog.fly'" in problem.message
    assert problem.field == "roles.participant[0]"  # the entry at fault, not only its role
    expected_line = text.splitlines().index("  participant: [catalog.fly]") + 1
    assert problem.line == expected_line


def test_missing_and_unknown_roles_are_reported():
    text = MATRIX_FILE.read_text().replace("  participant: [cases.view_own_plan]\n",
                                           "  visitor: []\n")
    with pytest.raises(InputError) as info:
        parse_matrix(MATRIX_FILE, ROLES, text)
    messages = [p.message for p in info.value.problems]
    assert "unknown role 'visitor'" in messages
    assert "role 'participant' has no entry" in messages


def test_system_check_reports_a_broken_matrix(monkeypatch, tmp_path):
    from pathways.apps.accounts import checks, permissions

    broken = tmp_path / "permissions.yaml"
    broken.write_text("permissions: {}\nroles: nope\n")
    monkeypatch.setattr(permissions, "MATRIX_FILE", broken)
    errors = checks.check_permission_matrix()
    assert errors and all(e.id == "pathways.E001" for e in errors)
    permissions.matrix.cache_clear()
