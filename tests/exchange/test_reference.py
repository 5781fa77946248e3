"""Loading reference data into the catalog: counts, idempotence, skipping, the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathways.apps.accounts.access import CONSOLE
from pathways.apps.accounts.models import AuditEntry
from pathways.apps.catalog.models import (
    CipCode,
    CipSocLink,
    Occupation,
    OccupationAltTitle,
    OccupationSkill,
    Projection,
    ReferenceRelease,
    RelatedOccupation,
    SocGroup,
    Wage,
)
from pathways.apps.catalog.queries import catalog_access
from pathways.apps.exchange.models import ExchangeJob
from pathways.apps.exchange.reference import BUNDLED_PATH, load_bundled_reference, load_reference
from pathways.cli import main

REFERENCE = catalog_access(CONSOLE)

pytestmark = pytest.mark.django_db

MODELS = (SocGroup, Occupation, OccupationSkill, RelatedOccupation, OccupationAltTitle,
          CipCode, CipSocLink, Wage, Projection, ReferenceRelease)


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def test_the_bundled_subset_is_loaded_with_its_details():
    # The session database was loaded from the bundled subset by tests/conftest.py.
    # Crosswalk: 295 rows less 4 "no match" rows.
    assert counts() == {"SocGroup": 131, "Occupation": 65, "OccupationSkill": 2135,
                        "RelatedOccupation": 1300, "OccupationAltTitle": 6032, "CipCode": 309,
                        "CipSocLink": 291, "Wage": 572, "Projection": 51, "ReferenceRelease": 5}
    nurse = Occupation.objects.get(code="29-1141.00")
    assert nurse.soc_id == "29-1141" and nurse.job_zone == 4
    assert nurse.typical_education == "Bachelor's Degree"
    assert nurse.education_distribution[0] == {
        "category": 1, "label": "Less than a High School Diploma", "percent": 0.0}
    assert set(nurse.interests) == set("RIASEC")
    reading = nurse.skills.get(element_id="2.A.1.a")
    assert reading.importance is not None and reading.level is not None
    # Related occupations outside the subset are kept as codes.
    assert nurse.related.count() == 20
    assert nurse.related.exclude(related_code__in=Occupation.objects.values("code")).exists()
    aide = OccupationAltTitle.objects.get(occupation_id="31-1131.00",
                                          title="Certified Nursing Assistant (CNA)")
    assert aide.short_title == "CNA"
    software = SocGroup.objects.get(code="15-1252")
    assert [g.code for g in software.ancestors()] == ["15-1250", "15-0000"]
    assert CipSocLink.objects.filter(cip_id="51.3801", soc_id="29-1141").exists()
    # 43.0403 is where Cyber/Computer Forensics moved to in CIP 2020: in use, and linked.
    assert CipSocLink.objects.filter(cip_id="43.0403", soc_id="15-1212").exists()
    aides = Wage.objects.get(area="21", occ_code="31-1120")
    assert aides.vintage == "May 2025" and aides.annual_median == 36440
    assert Projection.objects.get(soc_code="31-1120").period == "2024-34"


def test_loading_again_skips_and_forcing_duplicates_nothing():
    before = counts()
    report = load_bundled_reference()
    assert not report.loaded and len(report.skipped) == 5
    assert all(o.skipped.startswith("unchanged") for o in report.outcomes)
    assert report.job is None and counts() == before

    jobs, audits = ExchangeJob.objects.count(), AuditEntry.objects.count()
    report = load_bundled_reference(force=True)
    assert len(report.loaded) == 5
    assert counts() == before
    assert ExchangeJob.objects.count() == jobs + 1
    assert report.job.kind == ExchangeJob.Kind.REFERENCE_LOAD
    assert report.job.status == ExchangeJob.Status.SUCCEEDED
    assert AuditEntry.objects.count() == audits + 1
    entry = AuditEntry.objects.first()
    assert entry.action == "reference.load" and entry.changes["onet"]["version"] == "29.3"


def copy_of_bundled(tmp_path: Path, *names: str) -> Path:
    for name in names:
        shutil.copytree(BUNDLED_PATH / name, tmp_path / name)
    return tmp_path


def test_a_changed_file_reloads_only_its_dataset(tmp_path):
    folder = copy_of_bundled(tmp_path, "oews", "projections")
    wages = folder / "oews" / "oews_may2025_national_alliance_states.csv"
    lines = wages.read_text().splitlines(keepends=True)
    wages.write_text("".join(line for line in lines if not line.startswith("55,")))  # no WI
    report = load_reference(REFERENCE, folder)
    assert [o.dataset for o in report.loaded] == ["oews"]
    assert [o.dataset for o in report.skipped] == ["projections"]
    assert Wage.objects.count() == 572 - 52
    assert not Wage.objects.filter(area="55").exists()
    assert ReferenceRelease.objects.get(dataset="oews").source == str(folder)
    # The bundled subset does not undo a load from elsewhere unless forced.
    report = load_bundled_reference()
    assert not report.loaded
    assert "does not replace" in next(o for o in report.outcomes if o.dataset == "oews").skipped
    load_bundled_reference(force=True)
    assert Wage.objects.count() == 572


def test_occupations_a_pathway_uses_are_kept_when_a_release_drops_them(tmp_path):
    onet = copy_of_bundled(tmp_path, "onet") / "onet"
    data = onet / "Occupation Data.txt"
    header, *rows = data.read_text().splitlines(keepends=True)
    kept = [r for r in rows if r.startswith(("29-1141.00", "31-1131.00"))]
    data.write_text(header + "".join(kept))
    for name in ("Skills.txt", "Knowledge.txt", "Job Zones.txt", "Interests.txt",
                 "Related Occupations.txt", "Education, Training, and Experience.txt",
                 "Alternate Titles.txt"):
        path = onet / name
        first, *rest = path.read_text().splitlines(keepends=True)
        path.write_text(first + "".join(r for r in rest
                                     if r.startswith(("29-1141.00\t", "31-1131.00\t"))))
    used = set(Occupation.objects.filter(exit_points__isnull=False).values_list("code",
                                                                                flat=True))
    report = load_reference(REFERENCE, tmp_path)
    [outcome] = report.loaded
    assert any(note.startswith("kept") for note in outcome.notes)
    remaining = set(Occupation.objects.values_list("code", flat=True))
    assert {"29-1141.00", "31-1131.00"} | used == remaining
    assert not OccupationSkill.objects.exclude(
        occupation_id__in=["29-1141.00", "31-1131.00"]).exists()


def test_cli_load_and_status(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["reference", "load"])
    assert result.exit_code == 0, result.output
    assert "skipped: unchanged" in result.output and "Nothing changed" in result.output
    folder = copy_of_bundled(tmp_path, "projections")
    result = runner.invoke(main, ["reference", "load", str(folder), "--force"])
    assert result.exit_code == 0, result.output
    assert "projections  2024-34    loaded 51 rows" in result.output
    result = runner.invoke(main, ["reference", "status"])
    assert result.exit_code == 0
    assert "O*NET® is a trademark of USDOL/ETA" in result.output
    assert "BLS.gov cannot vouch" in result.output


def test_cli_loads_an_onet_zip(tmp_path):
    import zipfile

    archive = tmp_path / "db_29_3_text.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in (BUNDLED_PATH / "onet").iterdir():
            zipped.write(path, f"db_29_3_text/{path.name}")
    result = CliRunner().invoke(main, ["reference", "load", str(archive)])
    # Same bytes as the bundled files: the checksum says nothing changed.
    assert result.exit_code == 0, result.output
    assert "onet         29.3       skipped: unchanged" in result.output
