"""`pathways linkage` on files, through the CLI runner."""

from __future__ import annotations

import pandas as pd
from click.testing import CliRunner

from pathways.cli import main
from tests.linkage.test_linkage import ADULT_ED, COLLEGE


def write(tmp_path, name, frame):
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return str(path)


def test_run_links_two_files_and_writes_ids_only(tmp_path):
    college = write(tmp_path, "college.csv", COLLEGE.drop(columns=["source"]))
    adult = write(tmp_path, "adulted.csv", ADULT_ED.drop(columns=["source"]))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["linkage", "run", college, adult, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "7 records from 2 file(s) -> 4 people" in result.output
    people = pd.read_csv(out / "people.csv")
    person = dict(zip(people["unique_id"], people["person_id"], strict=True))
    assert person["college:A1"] == person["adulted:B7"]
    written = (out / "pairs.csv").read_text() + (out / "people.csv").read_text()
    assert "Garcia" not in written and "1990" not in written


def test_run_with_a_bad_file_writes_nothing(tmp_path):
    bad = COLLEGE.copy()
    bad.loc[1, "birth_date"] = "someday"
    path = write(tmp_path, "bad.csv", bad)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["linkage", "run", path, "--out", str(out)])
    assert result.exit_code != 0
    assert "bad.csv, line 3, field 'birth_date': not a date: someday" in result.output
    assert not out.exists()


def test_the_same_source_in_two_files_is_refused(tmp_path):
    first = write(tmp_path, "a.csv", COLLEGE)
    second = write(tmp_path, "b.csv", COLLEGE.assign(record_id=["Z1", "Z2", "Z3"]))
    result = CliRunner().invoke(main, ["linkage", "run", first, second, "--out",
                                       str(tmp_path / "o")])
    assert result.exit_code != 0 and "also used by" in result.output


def test_validate_a_model(tmp_path):
    good = CliRunner().invoke(main, ["linkage", "validate",
                                     "src/pathways/linkage/definitions/person.yaml"])
    assert good.exit_code == 0 and "valid" in good.output
    broken = tmp_path / "m.yaml"
    broken.write_text("format: 1\nkey: x\n")
    bad = CliRunner().invoke(main, ["linkage", "validate", str(broken)])
    assert bad.exit_code != 0 and "field 'comparisons'" in bad.output


def test_tokens_replace_a_column(tmp_path, monkeypatch):
    path = write(tmp_path, "ids.csv", pd.DataFrame({"record_id": ["1", "2"],
                                                    "ssn": ["123-45-6789", ""]}))
    out = tmp_path / "tokens.csv"
    monkeypatch.delenv("PATHWAYS_LINKAGE_KEY", raising=False)
    refused = CliRunner().invoke(main, ["linkage", "tokens", path, "--column", "ssn",
                                        "--out", str(out)])
    assert refused.exit_code != 0 and not out.exists()
    monkeypatch.setenv("PATHWAYS_LINKAGE_KEY", "a-shared-partnership-secret")
    done = CliRunner().invoke(main, ["linkage", "tokens", path, "--column", "ssn",
                                     "--out", str(out)])
    assert done.exit_code == 0, done.output
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(written.loc[0, "ssn"]) == 64 and "6789" not in written.loc[0, "ssn"]
    assert written.loc[1, "ssn"] == ""
    missing = CliRunner().invoke(main, ["linkage", "tokens", path, "--column", "nope",
                                        "--out", str(tmp_path / "x.csv")])
    assert missing.exit_code != 0 and "no column 'nope'" in missing.output


def test_empty_and_header_only_files_are_refused_by_name(tmp_path, monkeypatch):
    empty, header = tmp_path / "empty.csv", tmp_path / "header.csv"
    empty.write_text("")
    header.write_text("record_id,first_name,last_name,birth_date\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["linkage", "run", str(empty), str(header), "--out",
                                       str(out)], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"{empty}: the file is empty: no header line" in result.output
    assert f"{header}, line 1: has no records: there is nothing to link" in result.output
    assert not out.exists()
    monkeypatch.setenv("PATHWAYS_LINKAGE_KEY", "k" * 32)
    tokens = CliRunner().invoke(main, ["linkage", "tokens", str(empty), "--column", "ssn",
                                       "--out", str(tmp_path / "t.csv")],
                                catch_exceptions=False)
    assert tokens.exit_code == 1 and "the file is empty" in tokens.output


def test_partners_files_are_linked_only_unless_dedupe_is_asked(tmp_path):
    # The college file holds María twice; linking alone keeps her two records apart.
    college = COLLEGE.drop(columns=["source"])
    twice = pd.concat([college, college.iloc[[0]].assign(record_id="A9")], ignore_index=True)
    first = write(tmp_path, "college.csv", twice)
    second = write(tmp_path, "adulted.csv", ADULT_ED.drop(columns=["source"]))
    for flags, inside in (([], False), (["--dedupe"], True)):
        out = tmp_path / ("d" if flags else "l")
        result = CliRunner().invoke(main, ["linkage", "run", first, second, "--out", str(out),
                                           *flags])
        assert result.exit_code == 0, result.output
        pairs = pd.read_csv(out / "pairs.csv")
        same_file = (pairs["unique_id_l"].str.split(":").str[0]
                     == pairs["unique_id_r"].str.split(":").str[0])
        assert same_file.any() == inside


def test_run_reports_progress_and_refuses_a_bad_memory_limit(tmp_path):
    college = write(tmp_path, "college.csv", COLLEGE.drop(columns=["source"]))
    adult = write(tmp_path, "adulted.csv", ADULT_ED.drop(columns=["source"]))
    done = CliRunner().invoke(main, ["linkage", "run", college, adult, "--out",
                                     str(tmp_path / "o"), "--memory", "1GB", "--threads", "1",
                                     "--temp-dir", str(tmp_path / "spill")])
    assert done.exit_code == 0, done.output
    assert "records read: 7" in done.stderr and "pairs found:" in done.stderr
    bad = CliRunner().invoke(main, ["linkage", "run", college, adult, "--out",
                                    str(tmp_path / "b"), "--memory", "lots"])
    assert bad.exit_code != 0 and "1500MB or 2GB, not 'lots'" in bad.output


def test_a_temp_dir_that_cannot_be_made_is_refused_before_linking(tmp_path):
    college = write(tmp_path, "college.csv", COLLEGE.drop(columns=["source"]))
    adult = write(tmp_path, "adulted.csv", ADULT_ED.drop(columns=["source"]))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    bad = CliRunner().invoke(main, ["linkage", "run", college, adult, "--out",
                                    str(tmp_path / "o"), "--temp-dir", str(blocker / "spill")])
    assert bad.exit_code == 1 and isinstance(bad.exception, SystemExit)  # no traceback
    assert "--temp-dir" in bad.output and "nothing was linked" in bad.output
    assert not (tmp_path / "o").exists()
