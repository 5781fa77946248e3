"""docs/checks.md lists every system check id the code uses, and no other."""

from __future__ import annotations

import ast
import re

import pytest

from tests.layout import PACKAGE, SRC

pytestmark = pytest.mark.engine  # reads files only: run once, in the SQLite pass

DOC = SRC.parent / "docs" / "checks.md"
CHECK_ID = re.compile(r"pathways\.[CEWID]\d{3}")
CITED = re.compile(r"pathways\.([CEWID])(\d{3})(?:-\1?(\d{3}))?")  # one id, or a range
ROW = re.compile(r"^\| `(pathways\.[^`]+)` \| (\w+) \| (.+?) \|$")


def ids_in_code() -> dict[str, list[str]]:
    """Every string that is a check id (``id="pathways.E001"``), with where it is."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if not CHECK_ID.search(text):
            continue  # parsing only the files that name a check keeps this test quick
        for node in ast.walk(ast.parse(text, str(path))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and CHECK_ID.fullmatch(node.value):
                found.setdefault(node.value, []).append(
                    f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def rows_in_doc() -> list[tuple[str, str, str]]:
    return [m.groups() for line in DOC.read_text(encoding="utf-8").splitlines()
            if (m := ROW.match(line))]


def test_the_doc_lists_every_id_the_code_uses_and_no_other():
    code = ids_in_code()
    documented = [row[0] for row in rows_in_doc()]
    assert len(code) >= 10
    assert len(documented) == len(set(documented)), "an id is listed twice"
    missing = {i: code[i] for i in sorted(set(code) - set(documented))}
    assert not missing, f"add these to docs/checks.md: {missing}"
    stale = sorted(set(documented) - set(code))
    assert not stale, f"docs/checks.md lists ids no check uses: {stale}"


def test_every_row_is_well_formed_and_names_an_app_that_exists():
    for check_id, app, meaning in rows_in_doc():
        assert CHECK_ID.fullmatch(check_id), check_id
        assert (PACKAGE / "apps" / app / "checks.py").is_file(), (check_id, app)
        assert len(meaning) > 20, check_id


def test_the_files_that_name_checks_name_real_ones():
    """Comments and docs that cite a check id cite one that exists (the permission matrix
    once named a range, E001-E003, of which only E001 exists)."""
    code = set(ids_in_code())
    cited = {}
    for path in [*PACKAGE.rglob("*.yaml"), *SRC.parent.joinpath("docs").rglob("*.md"),
                 SRC.parent / "README.md"]:
        for kind, first, last in CITED.findall(path.read_text(encoding="utf-8")):
            for number in range(int(first), int(last or first) + 1):
                cited.setdefault(f"pathways.{kind}{number:03}", []).append(path.name)
    unknown = {i: files for i, files in cited.items() if i not in code}
    assert not unknown, unknown
