"""A bad file stops the whole load: every problem is named, and nothing is written."""

from __future__ import annotations

import csv
import io
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
    OccupationSkill,
    Projection,
    ReferenceRelease,
    RelatedOccupation,
    SocGroup,
    Wage,
)
from pathways.apps.catalog.queries import catalog_access
from pathways.apps.exchange.models import ExchangeJob
from pathways.apps.exchange.reference import BUNDLED_PATH, load_reference
from pathways.cli import main
from pathways.core.errors import InputError

REFERENCE = catalog_access(CONSOLE)

pytestmark = pytest.mark.django_db

MODELS = (SocGroup, Occupation, OccupationSkill, RelatedOccupation, CipCode, CipSocLink, Wage,
          Projection, ReferenceRelease)


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}

# A valid SOC file that differs from the loaded one: were anything written, it would show.
PHYSICIANS = """soc_group,soc_code,soc_title,soc_definition
Major,29-0000,Healthcare Practitioners and Technical Occupations,
Minor,29-1000,Healthcare Diagnosing or Treating Practitioners,
Broad,29-1210,Physicians,
Detailed,29-1221,"Pediatricians, General",Diagnose and treat children.
Detailed,29-1229,"Physicians, All Other",All physicians not listed separately.
"""


def set_field(path: Path, line: int, column: str, value: str) -> None:
    """Replace one field of one line of a bundled-style file (tab or comma separated)."""
    text = path.read_text(encoding="utf-8")
    tabbed = "\t" in text.split("\n", 1)[0]
    if tabbed:
        rows = [r.split("\t") for r in text.split("\n")]
    else:
        rows = list(csv.reader(io.StringIO(text)))
    rows[line - 1][rows[0].index(column)] = value
    if tabbed:
        path.write_text("\n".join("\t".join(r) for r in rows), encoding="utf-8")
    else:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")


def bad_folder(tmp_path: Path, dataset: str, file: str, line: int, column: str,
               value: str) -> Path:
    write_soc = tmp_path / "soc" / "soc_2018_structure.csv"
    write_soc.parent.mkdir()
    write_soc.write_text(PHYSICIANS)
    shutil.copytree(BUNDLED_PATH / dataset, tmp_path / dataset)
    set_field(tmp_path / dataset / file, line, column, value)
    return tmp_path


CASES = [
    # dataset, file, line, column, bad value, expected field, words of the message
    ("onet", "Skills.txt", 10, "Data Value", "4.1x", "Data Value", "not a number: '4.1x'"),
    ("onet", "Skills.txt", 11, "Data Value", "9", "Data Value", "9 is outside 0-7"),
    ("onet", "Job Zones.txt", 3, "O*NET-SOC Code", "45-2091", "O*NET-SOC Code",
     "45-2091.00 is not in Occupation Data"),
    ("onet", "Occupation Data.txt", 1, "Title", "Name", "Title", "missing column 'Title'"),
    ("cip", "cip2020_soc2018_crosswalk.csv", 7, "cip2020_code", "51.38O1", "cip2020_code",
     "not a CIP code: '51.38O1'"),
    ("cip", "cip_2020.csv", 5, "cip_code", "1.2.3", "cip_code", "not a CIP code"),
    ("oews", "oews_may2025_national_alliance_states.csv", 40, "A_MEDIAN", "52,1OO",
     "A_MEDIAN", "not a number: '52,1OO'"),
    ("oews", "oews_may2025_national_alliance_states.csv", 41, "OCC_CODE", "29-114",
     "OCC_CODE", "not a SOC code: '29-114'"),
    ("oews", "oews_may2025_national_alliance_states.csv", 1, "A_MEDIAN", "A_MID", "A_MEDIAN",
     "missing column 'A_MEDIAN'"),
    ("projections", "ep_2024_34_occupations.csv", 9, "annual_openings_2024_34", "12..5",
     "annual_openings_2024_34", "not a number: '12..5'"),
]


@pytest.mark.parametrize(("dataset", "file", "line", "column", "value", "field", "message"),
                         CASES, ids=[f"{c[1]}:{c[2]}:{c[6]}" for c in CASES])
def test_a_bad_file_is_named_and_nothing_is_written(tmp_path, dataset, file, line, column,
                                                    value, field, message):
    folder = bad_folder(tmp_path, dataset, file, line, column, value)
    before = counts()
    releases = list(ReferenceRelease.objects.values_list("dataset", "checksum", "loaded_at"))
    socs = set(SocGroup.objects.values_list("code", flat=True))
    jobs, audits = ExchangeJob.objects.count(), AuditEntry.objects.count()

    with pytest.raises(InputError) as caught:
        load_reference(REFERENCE, folder, force=True)

    [problem] = caught.value.problems
    assert (problem.source, problem.line, problem.field) == (file, line, field)
    assert message in problem.message
    assert counts() == before
    assert set(SocGroup.objects.values_list("code", flat=True)) == socs
    assert list(ReferenceRelease.objects.values_list("dataset", "checksum",
                                                     "loaded_at")) == releases
    assert (ExchangeJob.objects.count(), AuditEntry.objects.count()) == (jobs, audits)


def test_problems_in_several_files_are_reported_together(tmp_path):
    folder = bad_folder(tmp_path, "oews", "oews_may2025_national_alliance_states.csv", 40,
                        "TOT_EMP", "lots")
    (folder / "soc" / "soc_2018_structure.csv").write_text(PHYSICIANS.replace("Broad", "Wide"))
    with pytest.raises(InputError) as caught:
        load_reference(REFERENCE, folder)
    assert [(p.source, p.line, p.field) for p in caught.value.problems] == [
        ("soc_2018_structure.csv", 4, "soc_group"),
        ("oews_may2025_national_alliance_states.csv", 40, "TOT_EMP")]


def test_the_cli_prints_the_problems_and_exits_non_zero(tmp_path):
    wages = Wage.objects.count()
    folder = bad_folder(tmp_path, "oews", "oews_may2025_national_alliance_states.csv", 40,
                        "H_MEDIAN", "twenty")
    result = CliRunner().invoke(main, ["reference", "load", str(folder)])
    assert result.exit_code == 1
    assert "nothing was loaded" in result.output
    assert ("oews_may2025_national_alliance_states.csv, line 40, field 'H_MEDIAN': "
            "not a number: 'twenty'") in result.output
    assert Wage.objects.count() == wages
