"""`pathways measures ...` through click's test runner (no database needed)."""

from __future__ import annotations

import csv

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from pathways.cli import main
from tests.metrics import fixture

EXTRA = """\
id: employment_q1
name: Employment rate, 1st quarter after exit
kind: rate
window: exit
population: exited
denominator: known(emp_q1)
numerator: emp_q1 == 1
"""


def invoke(*args: str):
    return CliRunner().invoke(main, ["measures", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return fixture.write(tmp_path_factory.mktemp("cli"))


def test_run_writes_the_four_outputs_and_prints_the_totals(files, tmp_path):
    pirl, wages = files
    out = tmp_path / "out"
    result = invoke("run", "--pirl", str(pirl), "--wages", str(wages), "--from", "2022-07-01",
                    "--to", "20240630", "--as-of", "2025-01-15", "--by", "program,sex",
                    "--threshold", "3", "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    assert "56 records, 55 periods of participation, 10 wage records" in result.output
    assert "employment_q2                58.3% of 36" in result.output
    assert "median_earnings_q2           $3,650.00 of 16" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["measures.csv", "measures.jsonld",
                                                     "measures.parquet", "report.html"]
    with (out / "measures.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["measure", "dimension", "group", "numerator", "denominator",
                             "value", "suppressed"]
    assert rows[0] == {"measure": "employment_q2", "dimension": "all", "group": "all",
                       "numerator": "21", "denominator": "36", "value": "0.5833",
                       "suppressed": "False"}
    assert {r["dimension"] for r in rows} == {"all", "program", "sex"}
    assert pq.read_table(out / "measures.parquet").num_rows == len(rows)


def test_bad_input_exits_non_zero_with_the_report_and_writes_nothing(tmp_path):
    pirl = tmp_path / "pirl.csv"
    pirl.write_text("100,900,901,1704,colour\nA,20230105,20221231,-5,red\n")
    out = tmp_path / "out"
    result = invoke("run", "--pirl", str(pirl), "--from", "2022-07-01", "--to",
                    "2024-06-30", "--out", str(out))
    assert result.exit_code == 1
    report = result.stderr
    assert "Problems (nothing was computed or written)" in report
    assert "colour" in report and "unknown column" in report
    assert not out.exists()
    pirl.write_text("100,900,901,1704\nA,20230105,20221231,-5\n")
    result = invoke("run", "--pirl", str(pirl), "--from", "2022-07-01", "--to",
                    "2024-06-30", "--out", str(out))
    assert result.exit_code == 1
    assert "exit 20221231 is before entry 20230105" in result.stderr
    assert "negative wages" in result.stderr
    assert not out.exists()


def test_bad_options_are_reported_before_anything_is_read(files, tmp_path):
    pirl, _wages = files
    result = invoke("run", "--pirl", str(pirl), "--from", "2024-07-01", "--to",
                    "2024-06-30", "--by", "colour", "--out", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert "unknown dimension 'colour'" in result.stderr
    assert "--to is before --from" in result.stderr
    result = invoke("run", "--pirl", str(pirl), "--from", "2024-13-01", "--to", "2024-06-30")
    assert result.exit_code == 2 and "is not a date" in result.output + result.stderr


def test_a_measure_added_as_a_yaml_file_runs_without_engine_changes(files, tmp_path):
    pirl, wages = files
    folder = tmp_path / "defs"
    folder.mkdir()
    (folder / "employment_q1.yaml").write_text(EXTRA)
    listed = invoke("list", "--measures", str(folder))
    assert "employment_q1" in listed.output and "credential_attainment" in listed.output
    out = tmp_path / "out"
    result = invoke("run", "--pirl", str(pirl), "--wages", str(wages), "--from",
                    "2022-07-01", "--to", "2024-06-30", "--as-of", "2025-01-15",
                    "--measures", str(folder), "--measure", "employment_q1", "--by", "program",
                    "--threshold", "1", "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output + result.stderr
    with (out / "measures.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert {r["measure"] for r in rows} == {"employment_q1"}
    assert rows[0]["dimension"] == "all" and int(rows[0]["denominator"]) > 0


def test_check_reports_a_bad_definition_with_its_line(tmp_path):
    folder = tmp_path / "defs"
    folder.mkdir()
    (folder / "bad.yaml").write_text(EXTRA.replace("emp_q1 == 1", "emp_q9 == 1"))
    result = invoke("check", str(folder))
    assert result.exit_code == 1
    assert "unknown name 'emp_q9'" in result.stderr and "bad.yaml" in result.stderr
    assert invoke("check").output.strip().endswith("measure definitions are valid.")


def test_generate_writes_files_the_run_reads(tmp_path):
    result = invoke("generate", "--periods", "300", "--out", str(tmp_path / "g"),
                    "--format", "parquet")
    assert result.exit_code == 0, result.output
    run = invoke("run", "--pirl", str(tmp_path / "g" / "pirl.parquet"), "--wages",
                 str(tmp_path / "g" / "wages.parquet"), "--from", "2021-07-01", "--to",
                 "2023-06-30", "--as-of", "2024-12-31", "--by", "sex", "--quiet",
                 "--out", str(tmp_path / "o"))
    assert run.exit_code == 0, run.output + run.stderr
    assert "300 records" in run.output


def test_a_provider_name_written_as_a_formula_comes_out_as_text(tmp_path):
    """measures.csv is opened in spreadsheets: a formula in the data must not run there,
    while the numbers stay numbers."""
    link = '=HYPERLINK("http://x","y")'
    rows = fixture.rows()
    for row in rows:
        row["provider"] = link
    pirl = tmp_path / "pirl.csv"
    with pirl.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*fixture.COLUMNS, "provider"])
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "out"
    result = invoke("run", "--pirl", str(pirl), "--from", "2022-07-01", "--to", "20240630",
                    "--as-of", "2025-01-15", "--by", "provider", "--threshold", "3", "--out",
                    str(out), "--quiet")
    assert result.exit_code == 0, result.output
    with (out / "measures.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    found = [r for r in rows if r["dimension"] == "provider"]
    assert found and {r["group"] for r in found} == {"'" + link}
    total = next(r for r in rows if (r["measure"], r["dimension"]) == ("employment_q2", "all"))
    one = next(r for r in found if r["measure"] == "employment_q2")
    # The only provider has every period: its figures are the total's, written as numbers.
    assert (one["numerator"], one["denominator"], one["value"]) == (
        total["numerator"], total["denominator"], total["value"])
    assert int(one["numerator"]) > 0 and float(one["value"]) > 0
