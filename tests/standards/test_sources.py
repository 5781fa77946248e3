import gzip
import shutil
import zipfile
from pathlib import Path

import pytest

import pathways
from pathways.core.errors import InputError
from pathways.standards import CIP, DATASETS, OEWS, ONET, SOC, Problems, find_datasets
from pathways.standards.tables import SourceFile, Table
from tests.standards.helpers import source, tsv, write

BUNDLED = Path(pathways.__file__).parent / "data" / "reference"


def test_the_bundled_folder_has_every_dataset():
    found = find_datasets(BUNDLED)
    assert tuple(found) == DATASETS
    assert found[ONET].one("skills").name == "Skills.txt"
    assert found[CIP].one("codes").name == "cip_2020.csv"


def test_an_onet_folder_or_one_file(tmp_path):
    write(tmp_path / "onet" / "Occupation Data.txt", tsv("O*NET-SOC Code|Title"))
    write(tmp_path / "onet" / "Skills.txt", tsv("O*NET-SOC Code"), gz=True)
    write(tmp_path / "onet" / "Abilities.txt", tsv("O*NET-SOC Code"))  # not read
    found = find_datasets(tmp_path / "onet")
    assert list(found) == [ONET]
    assert sorted(found[ONET].files) == ["occupations", "skills"]
    one = find_datasets(tmp_path / "onet" / "Skills.txt.gz")
    assert one[ONET].one("skills").base_name == "Skills.txt"


def test_an_unzipped_download_one_folder_down(tmp_path):
    write(tmp_path / "db_29_3_text" / "Occupation Data.txt", tsv("O*NET-SOC Code|Title"))
    assert list(find_datasets(tmp_path)) == [ONET]


def test_the_cleaned_cip_file_is_preferred_to_the_nces_original(tmp_path):
    write(tmp_path / "cip" / "cip_2020.csv", "cip_code,cip_title\n")
    write(tmp_path / "cip" / "CIPCode2020.csv", "CIPCode,CIPTitle\n")
    write(tmp_path / "soc" / "soc_2018_structure.csv", "soc_group,soc_code,soc_title\n")
    found = find_datasets(tmp_path)
    assert list(found) == [SOC, CIP]
    assert list(found[CIP].files) == ["codes"]


def test_several_oews_files_make_one_dataset(tmp_path):
    shutil.copy(BUNDLED / "oews" / "oews_may2025_national_alliance_states.csv",
                tmp_path / "oews_may2025_national.csv")
    write(tmp_path / "oews_may2025_state.csv", "AREA\n", gz=True)
    write(tmp_path / "oews_footnotes.csv", "footnote_code,footnote_text\n")
    found = find_datasets(tmp_path)
    assert [f.name for f in found[OEWS].files["wages"]] == [
        "oews_may2025_national.csv", "oews_may2025_state.csv.gz"]


def test_nothing_recognisable(tmp_path):
    write(tmp_path / "notes.txt", "hello")
    with pytest.raises(InputError, match="no reference data found"):
        find_datasets(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        find_datasets(tmp_path / "missing")
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputError):
        find_datasets(tmp_path / "broken.zip")


def test_checksum_follows_the_data_not_the_order(tmp_path):
    write(tmp_path / "a" / "Occupation Data.txt", tsv("O*NET-SOC Code|Title", "11-1011.00|X"))
    write(tmp_path / "a" / "Read Me.txt", "O*NET 29.3 Database")
    write(tmp_path / "b" / "Occupation Data.txt", tsv("O*NET-SOC Code|Title", "11-1011.00|X"))
    write(tmp_path / "c" / "Occupation Data.txt", tsv("O*NET-SOC Code|Title", "11-1011.00|Y"))
    a, b, c = (find_datasets(tmp_path / n)[ONET].checksum() for n in "abc")
    assert a == b != c


def test_table_reads_gzip_zip_and_windows_text(tmp_path):
    path = tmp_path / "t.csv.gz"
    path.write_bytes(gzip.compress("Code,Name\n1,Caf\xe9\n".encode("cp1252")))
    rows = list((table := Table(source(path), Problems())).rows())
    name = table.column("name")
    assert [r.text(name) for r in rows] == ["Caf\xe9"]
    archive = tmp_path / "z.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("inner/Job Zones.txt", "O*NET-SOC Code\tJob Zone\n11-1011.00\t5\n")
    files = find_datasets(archive)[ONET]
    table = Table(files.one("job_zones"), Problems())
    [row] = list(table.rows())
    assert row.line == 2 and row.text(table.column("job zone")) == "5"


def test_line_numbers_count_quoted_line_breaks(tmp_path):
    path = write(tmp_path / "t.csv", 'code,text\n1,"two\nlines"\n\n2,x\n')
    table = Table(source(path), Problems())
    assert [r.line for r in table.rows()] == [2, 5]


def test_a_dataset_without_rows_is_refused(tmp_path):
    from pathways.standards import read_dataset

    write(tmp_path / "soc_2018_structure.csv", "soc_group,soc_code,soc_title\n")
    problems = Problems()
    read_dataset(find_datasets(tmp_path)[SOC], problems)
    [problem] = problems.items
    assert problem.message == "has a header line but no data rows"
    assert (problem.source, problem.line) == ("soc_2018_structure.csv", 1)


def test_an_empty_reference_file_is_refused_by_name(tmp_path):
    path = write(tmp_path / "soc.csv", "")
    problems = Problems()
    assert list(Table(source(path), problems).rows()) == []
    assert [(p.source, p.line, p.message) for p in problems.items] == [
        ("soc.csv", 1, "the file is empty: no header line")]


def test_a_reader_called_on_its_own_raises_input_error(tmp_path):
    from pathways.standards import read_soc_structure

    path = write(tmp_path / "soc.csv", "soc_group,soc_code,soc_title\nMajor,29-000,X\n")
    with pytest.raises(InputError) as caught:
        read_soc_structure(source(path))
    [problem] = caught.value.problems
    assert (problem.source, problem.line, problem.field) == ("soc.csv", 2, "soc_code")


def test_a_line_the_csv_module_cannot_read_is_a_problem_on_its_line(tmp_path):
    """Found by fuzzing: a field past the csv module's size limit raised csv.Error."""
    path = write(tmp_path / "soc.csv", "soc_group,soc_code,soc_title\nMajor,11-0000,X\n"
                 f"Major,13-0000,{'y' * 200_000}\n")
    problems = Problems()
    table = Table(source(path), problems)
    assert [r.line for r in table.rows()] == [2]
    assert [(p.source, p.line) for p in problems.items] == [("soc.csv", 3)]
    assert problems.items[0].message.startswith("cannot read this line: field larger")
    header = write(tmp_path / "wide.csv", "x" * 200_000 + "\n1\n")
    problems = Problems()
    assert list(Table(source(header), problems).rows()) == []
    assert [(p.line, p.message[:24]) for p in problems.items] == [
        (1, "cannot read the header: ")]


def test_a_carriage_return_alone_ends_a_line():
    """Found by fuzzing: a CR inside an unquoted field raised csv.Error."""
    problems = Problems()
    raw = b"soc_group,soc_code,soc_title\rMajor,11-0000,Management\r\n"
    table = Table(SourceFile("soc.csv", Path("soc.csv"), _raw=raw), problems)
    assert [r.values for r in table.rows()] == [["Major", "11-0000", "Management"]]
    assert not problems
