"""Framework versions in the database: shipped, loaded by command or web, pinned by rounds."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.core import checks as django_checks

from pathways.apps.accounts.access import CONSOLE
from pathways.apps.accounts.models import AuditEntry
from pathways.apps.quality import actions, checks, queries
from pathways.apps.quality.models import FrameworkVersion, Round
from pathways.cli import main
from pathways.core import InputError
from pathways.frameworks import DEFINITIONS_DIR, checksum
from tests.quality.conftest import login, user

pytestmark = pytest.mark.django_db
LOCAL = (DEFINITIONS_DIR / "aqcp-local.yaml").read_text()
OFFICIAL = (LOCAL.replace('version: "2026.1"', 'version: "alliance-1.0"')
            .replace("Partners have written down a shared vision",
                     "Official wording for a shared vision"))
BROKEN = LOCAL.replace("      - key: c2-several\n", "      - kee: c2-several\n")


SHARED = queries.frameworks_access(CONSOLE)


def test_shipped_frameworks_are_stored_after_migrate():
    shipped = FrameworkVersion.objects.filter(is_shipped=True, partnership__isnull=True)
    assert {v.key for v in shipped} == {"aqcp-local", "aqcp-state", "dol-six-key-elements",
                                        "wioa-career-pathway"}
    local = shipped.get(key="aqcp-local")
    assert local.checksum == checksum(LOCAL) and local.definition().version == "2026.1"
    assert actions.sync_shipped_frameworks()[0].created is False  # a second sync: no change


def test_a_partnership_replaces_a_framework_and_open_rounds_keep_their_version(demo, rounds,
                                                                              other):
    before = rounds["open"].framework_checksum
    (outcome,) = actions.load_frameworks(
        queries.frameworks_access(user("partner"), demo), [(OFFICIAL, "official.yaml")])
    assert outcome.created and outcome.replaced.version == "2026.1"
    current = {v.key: v for v in queries.frameworks_for(demo)}
    assert current["aqcp-local"].version == "alliance-1.0"
    assert current["aqcp-local"].partnership == demo
    # the other partnership still gets the shared version
    assert {v.key: v for v in queries.frameworks_for(other["partnership"])}[
        "aqcp-local"].version == "2026.1"
    rounds["open"].refresh_from_db()
    assert rounds["open"].framework_checksum == before
    text = rounds["open"].definition().indicator("c1-vision").text
    assert text.startswith("Partners have written down")
    entry = AuditEntry.objects.get(action="quality.framework.load",
                                   object_id=str(outcome.version.pk))
    assert "replaces version 2026.1" in entry.summary and entry.actor_label == "partner"


def test_bad_yaml_in_a_batch_changes_nothing():
    count, audits = FrameworkVersion.objects.count(), AuditEntry.objects.count()
    with pytest.raises(InputError) as info:
        actions.load_frameworks(SHARED, [(OFFICIAL, "good.yaml"), (BROKEN, "bad.yaml")])
    problem = info.value.problems[0]
    assert problem.source == "bad.yaml" and problem.field == "criteria[1].indicators[0].kee"
    assert problem.line == LOCAL.splitlines().index("      - key: c2-several") + 1
    assert [p.message for p in info.value.problems][1] == "is required"  # its key
    assert FrameworkVersion.objects.count() == count and AuditEntry.objects.count() == audits


def test_the_same_version_with_other_content_is_refused():
    changed = LOCAL.replace("Partners have written down", "Partners wrote down")
    with pytest.raises(InputError) as info:
        actions.load_frameworks(SHARED, [(changed, "edited.yaml")])
    (problem,) = info.value.problems
    assert "already loaded with different content; give the changed file a new version" \
        in problem.message
    assert (problem.field, problem.line) == ("version", 7)


def test_one_version_in_two_files_of_a_batch_names_the_line_of_version():
    with pytest.raises(InputError) as info:
        actions.load_frameworks(SHARED, [(OFFICIAL, "one.yaml"), (OFFICIAL, "two.yaml")])
    (problem,) = info.value.problems
    assert problem.message == "aqcp-local version alliance-1.0 is also in one.yaml"
    assert (problem.source, problem.field, problem.line) == ("two.yaml", "version", 7)


def test_cli_validate_reports_file_line_and_field(tmp_path):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(OFFICIAL)
    bad.write_text(BROKEN)
    result = CliRunner().invoke(main, ["frameworks", "validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{good}: valid: aqcp-local version alliance-1.0, 6 criteria, 37 indicators" \
        in result.output
    line = LOCAL.splitlines().index("      - key: c2-several") + 1
    assert f"{bad}, line {line}, field 'criteria[1].indicators[0].kee': unknown field" \
        in result.output


def test_cli_load_is_all_or_nothing(tmp_path, demo):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(OFFICIAL)
    bad.write_text(BROKEN)
    count = FrameworkVersion.objects.count()
    failed = CliRunner().invoke(main, ["frameworks", "load", str(good), str(bad)])
    assert failed.exit_code == 1 and "Nothing was loaded." in failed.output
    assert FrameworkVersion.objects.count() == count
    loaded = CliRunner().invoke(main, ["frameworks", "load", str(good), "--partnership",
                                       demo.name])
    assert loaded.exit_code == 0, loaded.output
    assert "aqcp-local version alliance-1.0: loaded, replaces version 2026.1" in loaded.output
    again = CliRunner().invoke(main, ["frameworks", "load", str(good), "--partnership",
                                      demo.name])
    assert "already loaded, unchanged" in again.output
    assert FrameworkVersion.objects.count() == count + 1
    listed = CliRunner().invoke(main, ["frameworks", "list"])
    assert "alliance-1.0" in listed.output and demo.name in listed.output


def test_web_check_validates_without_storing_then_load_stores(demo):
    client = login(user("partner"))
    url = f"/quality/p/{demo.pk}/frameworks/"
    count = FrameworkVersion.objects.count()
    checked = client.post(url, {"text": OFFICIAL, "op": "check"})
    assert checked.status_code == 200
    assert "the file is valid" in checked.content.decode()
    assert "replaces version 2026.1" in checked.content.decode()
    assert FrameworkVersion.objects.count() == count
    loaded = client.post(url, {"text": OFFICIAL, "op": "load"})
    assert loaded.status_code == 302
    assert FrameworkVersion.objects.filter(partnership=demo, version="alliance-1.0").exists()


def test_web_upload_of_bad_yaml_names_the_line_and_stores_nothing(demo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    count = FrameworkVersion.objects.count()
    response = login(user("analyst")).post(
        f"/quality/p/{demo.pk}/frameworks/",
        {"file": SimpleUploadedFile("ours.yaml", BROKEN.encode()), "op": "load"})
    assert response.status_code == 400
    line = LOCAL.splitlines().index("      - key: c2-several") + 1
    assert f"ours.yaml, line {line}, field &#x27;criteria[1].indicators[0].kee&#x27;" \
        in response.content.decode()
    assert FrameworkVersion.objects.count() == count


def test_only_staff_and_facilitators_may_load_and_only_members_see(demo, other):
    # the editor is a member, not a facilitator, and has no quality.frameworks permission
    editor = login(user("editor"))
    assert editor.get(f"/quality/p/{demo.pk}/frameworks/").status_code == 200
    assert editor.post(f"/quality/p/{demo.pk}/frameworks/",
                       {"text": OFFICIAL, "op": "load"}).status_code == 403
    outsider = login(other["lead"])
    assert outsider.post(f"/quality/p/{demo.pk}/frameworks/",
                         {"text": OFFICIAL, "op": "load"}).status_code == 404
    assert not FrameworkVersion.objects.filter(version="alliance-1.0").exists()


def test_round_opened_on_a_framework_pins_its_checksum(demo, facilitator):
    client = login(facilitator)
    version = FrameworkVersion.objects.get(key="dol-six-key-elements")
    response = client.post(f"/quality/p/{demo.pk}/rounds/new/",
                           {"framework": version.pk, "title": "DOL check"})
    assert response.status_code == 302
    found = Round.objects.get(title="DOL check")
    assert found.framework_checksum == version.checksum and found.is_open
    assert AuditEntry.objects.filter(action="quality.round.open", object_id=str(found.pk)
                                     ).exists()
    assert login(user("partner")).post(f"/quality/p/{demo.pk}/rounds/new/", {
        "framework": version.pk, "title": "Not mine"}).status_code == 403


def test_system_checks_name_broken_shipped_files(tmp_path, monkeypatch):
    from pathways.frameworks import loader

    (tmp_path / "a.yaml").write_text(LOCAL)
    (tmp_path / "b.yaml").write_text(LOCAL.replace("adaptation: >-", "note: >-"))
    start = LOCAL.index("adaptation: >-")
    end = LOCAL.index("description: >-")
    (tmp_path / "c.yaml").write_text(LOCAL.replace("key: aqcp-local", "key: other")
                                     .replace(LOCAL[start:end], ""))
    monkeypatch.setattr(loader, "DEFINITIONS_DIR", tmp_path)
    found = checks.check_shipped_frameworks()
    ids = sorted(m.id for m in found)
    assert ids == ["pathways.E010", "pathways.W010"], [str(m) for m in found]
    assert "unknown field 'note'" in found[0].msg and "b.yaml, line" in found[0].msg


def test_system_checks_duplicate_key_and_missing_permission(tmp_path, monkeypatch):
    from pathways.apps.accounts import permissions
    from pathways.frameworks import loader

    (tmp_path / "a.yaml").write_text(LOCAL)
    (tmp_path / "b.yaml").write_text(LOCAL)
    monkeypatch.setattr(loader, "DEFINITIONS_DIR", tmp_path)
    assert [m.id for m in checks.check_shipped_frameworks()] == ["pathways.E011"]
    text = permissions.MATRIX_FILE.read_text().replace(
        "  quality.frameworks: Add or replace the quality frameworks your partnerships use\n",
        "").replace(", quality.frameworks", "").replace("    - quality.frameworks\n", "")
    broken = tmp_path / "permissions.txt"
    broken.write_text(text)
    monkeypatch.setattr(permissions, "MATRIX_FILE", broken)
    permissions.matrix.cache_clear()
    try:
        assert [m.id for m in checks.check_quality_permissions()] == ["pathways.E012"]
    finally:
        permissions.matrix.cache_clear()


def test_the_real_tree_passes_the_quality_checks():
    ids = {m.id for m in django_checks.run_checks()}
    assert not ids & {"pathways.E010", "pathways.E011", "pathways.E012", "pathways.W010"}


def test_a_partnership_loading_the_shipped_file_changes_nothing(demo):
    count = FrameworkVersion.objects.count()
    (outcome,) = actions.load_frameworks(queries.frameworks_access(CONSOLE, demo),
                                         [(LOCAL, "copy.yaml")])
    assert not outcome.created and outcome.version.is_shipped
    preview = queries.framework_preview(LOCAL, "copy.yaml", demo)
    assert preview.outcome == "same"
    changed = LOCAL.replace("Partners have written down", "We wrote down")
    with pytest.raises(InputError, match="give the changed file a new version"):
        actions.load_frameworks(queries.frameworks_access(CONSOLE, demo),
                                [(changed, "mine.yaml")])
    assert FrameworkVersion.objects.count() == count


@pytest.mark.parametrize("command", ["validate", "load"])
def test_cli_refuses_unreadable_framework_files_without_a_traceback(tmp_path, command):
    latin, nested = tmp_path / "latin.yaml", tmp_path / "nested.yaml"
    latin.write_bytes(b"key: caf\xe9\n")
    nested.write_text("[" * 5000 + "]" * 5000)  # 10 KB of brackets
    count = FrameworkVersion.objects.count()
    for path, message in ((latin, "not UTF-8 text (byte 9)"),
                          (nested, "line 1: is nested more than 50 levels deep")):
        result = CliRunner().invoke(main, ["frameworks", command, str(path)],
                                    catch_exceptions=False)
        assert result.exit_code == 1
        assert f"{path}{',' if 'line' in message else ':'} {message}" in result.output
        assert "Traceback" not in result.output
    assert FrameworkVersion.objects.count() == count
