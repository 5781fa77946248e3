"""`pathways ctdl export` and `pathways ctdl import`, through click's test runner."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.catalog.models import Pathway
from pathways.cli import main
from tests.exchange.factories import SLUG, build_small_pathway
from tests.standards.ctdl_helpers import BAKERSFIELD, COMPTIA, COMPTIA_MODEL, ILLINOIS

pytestmark = pytest.mark.django_db


def run(*args: str):
    return CliRunner().invoke(main, ["ctdl", *args], catch_exceptions=False)


def test_export_one_pathway_and_read_it_back(tmp_path):
    build_small_pathway()
    out = tmp_path / "out"
    result = run("export", "--pathway", SLUG, "--out", str(out))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (f"{out / (SLUG + '.jsonld')}: 14 components, 7 conditions, 3 levels, "
                        "3 entry points, 3 exit points, 2 support services")
    assert lines[1].startswith(f"Exported 1 pathway to {out} (job ")
    assert [p.name for p in out.iterdir()] == [f"{SLUG}.jsonld"]
    again = run("import", str(out / f"{SLUG}.jsonld"))
    assert again.exit_code == 0, again.output
    assert f"{SLUG} (updated): 14 components, 7 conditions" in again.output
    assert AuditEntry.objects.filter(action="ctdl.export", actor_label="command line").exists()


def test_export_everything_by_default(tmp_path):
    result = run("export", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.glob("*.jsonld"))) == Pathway.objects.count()


def test_export_an_unknown_slug_fails():
    result = CliRunner().invoke(main, ["ctdl", "export", "--pathway", "no-such-pathway"])
    assert result.exit_code == 1
    assert "No pathway with the slug no-such-pathway" in result.output


def test_import_prints_counts_and_unmapped_terms():
    result = run("import", str(COMPTIA), str(COMPTIA_MODEL))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1] == ("  it-networking-specialist-pathway (created as a draft): 9 components, "
                        "8 conditions, 3 levels, 0 entry points, 0 exit points, "
                        "0 support services, 8 credentials added")
    assert "Terms not mapped (term: times):" in lines
    assert "  ceterms:sourceData: 6" in lines
    assert "  schema:skills: 3" in lines


def test_import_bakersfield_reports_values_and_hints():
    result = run("import", str(BAKERSFIELD))
    assert result.exit_code == 0, result.output
    assert "  codeNotation: 26" in result.output
    assert "  ceterms:componentDesignation = General Education: 22" in result.output
    assert "did you mean ceterms:codedNotation?" in result.output


def test_import_of_a_draft_fails_and_says_so():
    before = Pathway.objects.count()
    result = CliRunner().invoke(main, ["ctdl", "import", str(ILLINOIS)])
    assert result.exit_code == 1
    assert "Nothing was imported." in result.output
    assert "illinois-it-draft.json: a pre-standard pathway draft" in result.output
    assert Pathway.objects.count() == before


def test_deeply_nested_or_oversized_files_are_refused_without_a_traceback(tmp_path,
                                                                         monkeypatch):
    from pathways.apps.exchange.models import ExchangeJob
    from pathways.standards.ctdl import reader

    deep = tmp_path / "deep.jsonld"
    deep.write_text('{"@graph": ' + "[" * 100_000 + "]" * 100_000 + "}")
    pathways = Pathway.objects.count()
    result = run("import", str(deep))
    assert result.exit_code == 1
    assert "Nothing was imported.\ndeep.jsonld: is nested more than 64 levels deep" \
        in result.output
    assert ExchangeJob.objects.filter(status=ExchangeJob.Status.FAILED).latest("pk").source \
        == "deep.jsonld"
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 100)
    big = tmp_path / "big.jsonld"
    big.write_text(BAKERSFIELD.read_text())
    result = run("import", str(big))
    assert result.exit_code == 1 and "big.jsonld: is larger than 100 bytes" in result.output
    assert Pathway.objects.count() == pathways
