"""Bad input gives a row-level report (file, line, element, problem) and no numbers."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pathways.core.errors import InputError
from pathways.metrics import PirlFiles, read_pirl, read_wages


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text)
    return path


def problems(exc: InputError) -> list[tuple]:
    return [(p.line, p.field, p.message) for p in exc.problems]


def test_every_kind_of_bad_row_is_reported_with_file_line_and_element(tmp_path):
    path = write(tmp_path, "pirl.csv", "\n".join([
        "100,PIRL 900,901,903,1704,1602",
        "A,20230105,20230301,1,100,1",     # line 2: fine
        "B,2023-01-05,20221231,1,,",       # line 3: exit before entry
        "C,20230231,,1,,",                 # line 4: no such day
        "D,20230105,,1,-5,",               # line 5: negative wages
        "A,20230105,,1,,",                 # line 6: duplicate of line 2
        "E,20230105,,7,,3",                # line 7: codes outside the layout
        ",20230105,,1,,",                  # line 8: no identifier
    ]) + "\n")
    with pytest.raises(InputError) as caught:
        read_pirl(path)
    found = problems(caught.value)
    assert all(p.source == str(path) for p in caught.value.problems)
    assert (3, "901", "exit 20221231 is before entry 20230105") in found
    assert (4, "900", "bad date '20230231' (YYYYMMDD or YYYY-MM-DD)") in found
    assert (5, "1704", "negative wages: '-5'") in found
    assert (6, "100", "duplicate period of participation: same 100 and 900 as line 2 (a "
            "period's programs go on one row)") in found
    assert (7, "903", "code '7' is not one of 0, 1, 2, 3, 4") in found
    assert (7, "1602", "code '3' is not one of 0, 1, 9") in found
    assert (8, "100", "identifier is blank") in found
    assert not [p for p in found if p[0] == 2]


def test_elements_of_the_layout_the_engine_does_not_read_are_accepted(tmp_path):
    # 101 (state) and CALC4013 (DOL's own employment flag) are PIRL layout columns.
    path = write(tmp_path, "pirl.csv", "\ufeff100,900,101,CALC4013,PIRL 1603\n"
                 "A,20230101,KY,1,9\n")
    table = read_pirl(path)
    assert "e101" not in table and table["e1603"].tolist() == [9]


def test_a_code_the_layout_does_not_list_is_a_problem():
    # The operational definitions mention 1603 = 5; DOL's PY2022 layout has 0, 1, 2, 9.
    frame = pd.DataFrame({"100": ["A"], "900": ["20230101"], "1603": ["5"]})
    with pytest.raises(InputError) as caught:
        read_pirl("x.csv", frame=frame)
    assert problems(caught.value) == [(2, "1603", "code '5' is not one of 0, 1, 2, 9")]


def test_an_empty_file_and_a_repeated_header_are_reported(tmp_path):
    with pytest.raises(InputError, match="empty"):
        read_pirl(write(tmp_path, "empty.csv", ""))
    with pytest.raises(InputError, match="appears twice"):
        read_pirl(write(tmp_path, "twice.csv", "100,900,900\nA,20230101,20230101\n"))


def test_unknown_and_repeated_columns_are_named_on_the_header_line(tmp_path):
    path = write(tmp_path, "pirl.csv", "100,900,901,PIRL 901,9999,colour\nA,20230101,,,,\n")
    with pytest.raises(InputError) as caught:
        read_pirl(path)
    found = problems(caught.value)
    assert (1, "PIRL 901", "column 'PIRL 901' repeats element 901 (already given as '901')") \
        in found
    assert any(p[:2] == (1, "9999") and "unknown column" in p[2] for p in found)
    assert any(p[:2] == (1, "colour") for p in found)


def test_both_files_are_checked_before_anything_is_computed(tmp_path):
    pirl = write(tmp_path, "pirl.csv", "100,900,901\nA,20230101,20221201\n")
    wages = write(tmp_path, "wages.csv", "person,year,quarter,employer,wages\n"
                                         "A,2023,5,E1,100\nA,2023,1,E1,-3\nA,2023,1,E1,4\n")
    with pytest.raises(InputError) as caught:
        PirlFiles(pirl, wages).read()
    found = {(p.source.rsplit("/", 1)[-1], p.line, p.field) for p in caught.value.problems}
    assert ("pirl.csv", 2, "901") in found
    assert ("wages.csv", 2, "quarter") in found
    assert ("wages.csv", 3, "wages") in found
    assert ("wages.csv", 4, "person") in found  # duplicate person/year/quarter/employer


def test_iso_and_pirl_dates_and_the_parquet_form_read_alike(tmp_path):
    frame = pd.DataFrame({"100": ["A", "B"], "900": ["2023-01-05", "20230105"],
                          "901": ["", "20230301"], "1704": ["999999", "1200"]})
    csv_table = read_pirl("x.csv", frame=frame)
    assert list(csv_table["e900"]) == [20230105, 20230105]
    assert csv_table["e901"].isna().tolist() == [True, False]
    # All nines mean "not yet available": read as unknown; dollars become cents.
    assert csv_table["e1704"].isna().tolist() == [True, False]
    assert csv_table["e1704"].iloc[1] == 120000
    parquet = tmp_path / "p.parquet"
    pd.DataFrame({"100": ["A", "B"], "PIRL 900": pd.to_datetime(["2023-01-05", "2023-01-05"]),
                  "901": [None, 20230301.0], "1704": [999999, 1200]}).to_parquet(parquet)
    from_parquet = read_pirl(parquet)
    assert list(from_parquet["e900"]) == [20230105, 20230105]
    assert from_parquet["e901"].isna().tolist() == [True, False]
    assert from_parquet["e1704"].iloc[1] == 120000
    assert list(from_parquet["line"]) == [1, 2]


def test_wage_amounts_keep_cents():
    frame = pd.DataFrame({"person": ["A"], "year": ["2024"], "quarter": ["3"],
                          "employer": ["E"], "wages": ["1234.56"]})
    wages = read_wages("w.csv", frame=frame)
    assert wages.iloc[0].to_dict() == {"person": "A", "q": 2024 * 4 + 2, "employer": "E",
                                       "cents": 123456}


def test_numbers_in_parquet_are_checked_as_strictly_as_the_same_values_in_csv(tmp_path):
    # Parquet numbers are checked without a text round trip; the report must not change.
    rows = {"100": [101, 102, 103, 104, 101, 106, 107, 108],
            "900": [20230105, 20230105, 20230231, 20230105, 20230105, 20230105, 20230105,
                    2023010.5],
            "901": [20230301, 20221231, None, None, None, None, None, None],
            "903": [1, 1, 1, 1, 1, 7, 2.5, 1],
            "1704": [100.25, None, None, -5, None, None, 999999, None],
            "1602": [1, None, None, None, None, 3, None, None]}
    parquet = tmp_path / "pirl.parquet"
    pd.DataFrame(rows).to_parquet(parquet)
    text = {k: ["" if v is None or v != v else (str(int(v)) if float(v).is_integer() else
                                                str(v)) for v in vs] for k, vs in rows.items()}
    with pytest.raises(InputError) as from_csv:
        read_pirl("pirl.csv", frame=pd.DataFrame(text), first_line=1)
    with pytest.raises(InputError) as from_parquet:
        read_pirl(parquet)
    assert problems(from_parquet.value) == problems(from_csv.value)
    found = problems(from_parquet.value)
    assert (2, "901", "exit 20221231 is before entry 20230105") in found
    assert (3, "900", "bad date '20230231' (YYYYMMDD or YYYY-MM-DD)") in found
    assert (4, "1704", "negative wages: '-5'") in found
    assert (5, "100", "duplicate period of participation: same 100 and 900 as line 1 (a "
            "period's programs go on one row)") in found
    assert (6, "903", "code '7' is not one of 0, 1, 2, 3, 4") in found
    assert (7, "903", "not a whole number: '2.5'") in found
    assert (8, "900", "bad date '2023010.5' (YYYYMMDD or YYYY-MM-DD)") in found
    good = pd.DataFrame({k: vs[:1] for k, vs in rows.items()})
    good.to_parquet(parquet)
    table = read_pirl(parquet)
    assert table["e100"].tolist() == ["101"] and table["e1704"].tolist() == [10025]
    assert table["e900"].tolist() == [20230105] and table["e903"].tolist() == [1]


def test_integer_parquet_columns_read_and_fail_as_the_same_values_in_csv(tmp_path):
    # Integer columns with every value good are typed straight from their integers; any
    # bad value sends the column down the general path. Either way, as from text.
    def int_column(values):
        return pd.array(values, dtype="Int64")

    good = {"100": ["A", "B", "C", "D"],
            "900": int_column([20230105, 20240229, 19991231, 20230105]),
            "901": int_column([20230301, None, None, 20250101]),
            "903": int_column([1, None, 4, 0]),
            "1704": int_column([1200, None, 999999, 0]),
            "credits": int_column([0, 12, None, 1_000_000])}
    bad = dict(good)
    bad["900"] = int_column([20230105, 20230229, 19991231, 18991231])
    bad["903"] = int_column([1, None, 7, -1])
    bad["1704"] = int_column([-3, None, 999999, 100_000_000])
    bad["credits"] = int_column([-1, 12, None, 1_000_001])

    def as_text(columns):
        return pd.DataFrame({k: ["" if v is None or v is pd.NA else str(v) for v in vs]
                             for k, vs in columns.items()})

    parquet = tmp_path / "ints.parquet"
    pd.DataFrame(good).to_parquet(parquet)
    assert pq.read_schema(parquet).field("903").type == pa.int64()
    from_parquet = read_pirl(parquet)
    from_csv = read_pirl("ints.csv", frame=as_text(good), first_line=1)
    for name in ("e900", "e901", "e903", "e1704", "credits"):
        assert from_parquet[name].dtype == from_csv[name].dtype, name
        assert from_parquet[name].tolist() == from_csv[name].tolist(), name
    pd.DataFrame(bad).to_parquet(parquet)
    with pytest.raises(InputError) as from_parquet_bad:
        read_pirl(parquet)
    with pytest.raises(InputError) as from_csv_bad:
        read_pirl("ints.csv", frame=as_text(bad), first_line=1)
    found = problems(from_parquet_bad.value)
    assert found == problems(from_csv_bad.value)
    assert (2, "900", "bad date '20230229' (YYYYMMDD or YYYY-MM-DD)") in found
    assert (4, "900", "bad date '18991231' (YYYYMMDD or YYYY-MM-DD)") in found
    assert (3, "903", "code '7' is not one of 0, 1, 2, 3, 4") in found
    assert (1, "1704", "negative wages: '-3'") in found
    assert (4, "credits", "count '1000001' is out of range (at most 1,000,000)") in found
    huge = pa.table({"100": ["A"], "900": pa.array([20230105], pa.uint64()),
                     "903": pa.array([2**64 - 1], pa.uint64())})
    pq.write_table(huge, parquet)
    with pytest.raises(InputError, match="code '18446744073709551616' is not one of"):
        read_pirl(parquet)


def test_wage_numbers_in_parquet_read_and_fail_as_the_same_values_in_csv(tmp_path):
    # Whole-number columns without blanks stay integers; others are floats. The rows and
    # the report are those of the same values given as text.
    rows = {"person": ["A", "B", "C", "A"], "year": [2024, 2024, 1800, 2024],
            "quarter": [1, 2, 3, 1], "employer": ["E", "E", "F", "E"],
            "wages": [100.5, 2000.0, 10.0, 7.0]}
    as_text = pd.DataFrame({k: [f"{v:g}" if isinstance(v, float) else str(v) for v in vs]
                            for k, vs in rows.items()})
    parquet = tmp_path / "wages.parquet"
    good = pd.DataFrame(rows).iloc[:2]
    good.to_parquet(parquet)
    assert pq.read_schema(parquet).field("year").type == pa.int64()
    assert read_wages(parquet).to_dict("list") == read_wages(
        "wages.csv", frame=as_text.iloc[:2]).to_dict("list")
    bad = pd.DataFrame(rows)
    bad.loc[1, "year"] = 10_000_000
    bad.loc[2, "quarter"] = 5
    bad.to_parquet(parquet)
    text = as_text.copy()
    text.loc[1, "year"], text.loc[2, "quarter"] = "1e+07", "5"
    with pytest.raises(InputError) as from_parquet:
        read_wages(parquet)
    with pytest.raises(InputError) as from_csv:
        read_wages("wages.csv", frame=text, first_line=1)
    found = problems(from_parquet.value)
    assert found == problems(from_csv.value)
    assert (2, "year", "not a year: '1e+07'") in found
    assert (3, "year", "not a year: '1800'") in found
    assert (3, "quarter", "quarter must be 1, 2, 3 or 4, not '5'") in found
    assert (4, "person", "duplicate wage record: same person, year, quarter and employer "
            "as line 1") in found


def test_a_header_only_file_is_refused_naming_the_file(tmp_path):
    path = write(tmp_path, "pirl.csv", "100,900,901,1602\n")
    with pytest.raises(InputError) as caught:
        read_pirl(path)
    assert [(p.source, p.line, p.message) for p in caught.value.problems] == [
        (str(path), 1, "has a header line but no records: there is nothing to compute from")]
    wages = write(tmp_path, "wages.csv", "person,year,quarter,employer,wages\n")
    with pytest.raises(InputError, match="wages.csv, line 1: has a header line but no records"):
        read_wages(wages)


def test_a_parquet_file_without_rows_is_refused(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "pirl.parquet"
    pq.write_table(pa.table({"100": pa.array([], pa.string()),
                             "900": pa.array([], pa.int64())}), path)
    with pytest.raises(InputError, match="pirl.parquet: has no records"):
        read_pirl(path)


def test_wages_out_of_range_are_a_row_level_problem_not_a_failed_cast(tmp_path):
    path = write(tmp_path, "pirl.csv", "100,900,1700,1704\nA,20230101,1e29,\n"
                 "B,20230101,1e999,100\nC,20230101,9999999,99999999\n")
    with pytest.raises(InputError) as caught:
        read_pirl(path)
    assert problems(caught.value) == [
        (2, "1700", "wages '1e29' are out of range (at most 99,999,999)"),
        (3, "1700", "wages '1e999' are out of range (at most 99,999,999)")]
    wages = write(tmp_path, "wages.csv", "person,year,quarter,employer,wages\nA,2023,1,E,1e29\n")
    with pytest.raises(InputError) as caught:
        read_wages(wages)
    assert problems(caught.value) == [
        (2, "wages", "wages '1e29' are out of range (at most 99,999,999)")]


def test_huge_numbers_in_parquet_are_a_row_level_problem_too(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "pirl.parquet"
    pq.write_table(pa.table({"100": ["A", "B"], "900": [20230101, 20230101],
                             "1700": [1e29, 250.5], "903": [1e29, 1.0]}), path)
    with pytest.raises(InputError) as caught:
        read_pirl(path)
    found = problems(caught.value)
    assert (1, "1700", "wages '99999999999999991433150857216' are out of range "
            "(at most 99,999,999)") in found
    assert [p[:2] for p in found] == [(1, "1700"), (1, "903")]


def test_a_header_the_csv_module_cannot_read_is_refused_by_name(tmp_path):
    path = write(tmp_path, "pirl.csv", "100," + "9" * 200_000 + "\nA,1\n")
    with pytest.raises(InputError, match=r"pirl.csv: cannot read: field larger"):
        read_pirl(path)


def test_a_quarter_must_be_a_whole_number_from_1_to_4(tmp_path):
    path = tmp_path / "wages.parquet"
    pq.write_table(pa.table({"person": ["A", "B", "C", "D", "E"],
                             "year": [2023] * 5, "quarter": [2.5, None, 0.0, 4.0, 1.0],
                             "employer": ["E"] * 5, "wages": [10.0] * 5}), path)
    with pytest.raises(InputError) as caught:
        read_wages(path)
    assert [p for p in problems(caught.value) if p[1] == "quarter"] == [
        (1, "quarter", "quarter must be 1, 2, 3 or 4, not '2.5'"),
        (2, "quarter", "quarter must be 1, 2, 3 or 4, not ''"),
        (3, "quarter", "quarter must be 1, 2, 3 or 4, not '0'")]
    csv = write(tmp_path, "wages.csv", "person,year,quarter,employer,wages\n"
                "A,2023,2.5,E,10\nB,2023,,E,10\nC,2023,4,E,10\n")
    with pytest.raises(InputError) as caught:
        read_wages(csv)
    assert [p for p in problems(caught.value) if p[1] == "quarter"] == [
        (2, "quarter", "quarter must be 1, 2, 3 or 4, not '2.5'"),
        (3, "quarter", "quarter must be 1, 2, 3 or 4, not ''")]
