"""A partner's file: who each record is (the linkage columns) and what they did (PIRL).

One CSV per partner, one row per record (a period of participation): the linkage columns of
docs/linkage.md (``record_id`` required; names, birth date, ZIP, phone, email) beside the
PIRL elements the partner's file carries (``900`` required; ``100``, the partner's own
person id, optional). The partner is the label the analyst gives with the file. Both halves
are read and checked here, every problem named by file, line and column, before anything is
linked; no Django, so the worker and tests read files alike.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pandas as pd

from pathways.core.errors import InputError, InputProblem
from pathways.linkage import PERSON_COLUMNS, standardise
from pathways.metrics.elements import column_element
from pathways.metrics.pirl import read_pirl
from pathways.metrics.sources import Inputs

LABEL_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789-_"


@dataclass
class PartnerFile:
    """One partner's records: ``people`` standardised for linkage (``unique_id`` is
    ``label:record_id``) and ``pirl`` the same rows' PIRL columns as text, in file order."""

    label: str
    name: str
    people: pd.DataFrame
    pirl: pd.DataFrame
    own_ids: bool = False  # the file gave 100, the partner's own person id

    @property
    def records(self) -> int:
        return len(self.people)


def label_problem(label: str) -> str | None:
    """Why a partner label cannot be used (it becomes the ``source`` of every record)."""
    if not label:
        return "give the partner a short label, for example college"
    if len(label) > 40:
        return "a partner label has at most 40 characters"
    if any(c not in LABEL_CHARACTERS for c in label):
        return "a partner label uses lower-case letters, digits, - and _ only"
    return None


def _rows(data: bytes, name: str) -> pd.DataFrame:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(InputProblem(f"cannot read: not UTF-8 text ({exc.reason} at byte "
                                      f"{exc.start})", name)) from None
    if "\x00" in text:
        raise InputError(InputProblem("cannot read: the file holds NUL characters (is it a "
                                      "spreadsheet rather than CSV?)", name))
    try:
        header = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error as exc:
        raise InputError(InputProblem(f"cannot read the header line: {exc}", name, 1)) \
            from None
    if not [h for h in header if h.strip()]:
        raise InputError(InputProblem("the file is empty: no header line", name, 1))
    names = [h.strip() for h in header]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise InputError(InputProblem(f"column {repeated[0]!r} appears twice in the header",
                                      name, 1, repeated[0]))
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                            skipinitialspace=False, header=0, names=names)
    except (ValueError, csv.Error, pd.errors.ParserError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        raise InputError(InputProblem(f"cannot read: {first}", name)) from None
    if frame.empty:
        raise InputError(InputProblem("has a header line but no records: there is nothing "
                                      "to link", name, 1))
    return frame.apply(lambda column: column.str.strip())


def read_partner_file(data: bytes, label: str, name: str) -> PartnerFile:
    """The partner's records, or InputError with every problem of the file."""
    why = label_problem(label)
    if why:
        raise InputError(InputProblem(why, name, None, "partner"))
    frame = _rows(data, name)
    problems: list[InputProblem] = []
    person_columns = [c for c in frame.columns if c in PERSON_COLUMNS]
    pirl_columns = [c for c in frame.columns if c not in PERSON_COLUMNS]
    for column in pirl_columns:
        if column_element(column) is None:
            problems.append(InputProblem(
                f"unknown column {column!r}: neither a linkage column ("
                f"{', '.join(PERSON_COLUMNS)}) nor a PIRL element or pathway column",
                name, 1, column))
    people = frame[person_columns].copy()
    if "source" in people.columns:
        for position in (people["source"] != label).to_numpy().nonzero()[0]:
            problems.append(InputProblem(
                f"source {people['source'].iloc[position]!r} is not the partner this file "
                f"was given for ({label!r})", name, int(position) + 2, "source"))
    people["source"] = label
    people = standardise(people, name, problems)
    if problems:
        raise InputError(problems)
    pirl = frame[pirl_columns].copy()
    own_ids = any(column_element(c) == "100" for c in pirl_columns)
    if not own_ids:
        # No partner person id: each record stands for itself until linkage joins it.
        pirl.insert(0, "100", frame["record_id"])
    read_pirl(name, frame=pirl)  # every PIRL problem now, before anyone reviews a pair
    return PartnerFile(label, name, people, pirl, own_ids)


def read_partner_files(files: list[tuple[bytes, str, str]]) -> list[PartnerFile]:
    """Every file read (content, label, name), all their problems together; two files may
    not share a label."""
    problems: list[InputProblem] = []
    read: list[PartnerFile] = []
    seen: dict[str, str] = {}
    for data, label, name in files:
        if label in seen:
            problems.append(InputProblem(
                f"partner {label!r} is also given for {seen[label]}; give each partner's "
                "file its own label", name, None, "partner"))
            continue
        seen[label] = name
        try:
            read.append(read_partner_file(data, label, name))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return read


def partner_ids(files: list[PartnerFile]) -> list[list[str]]:
    """Records a partner itself says are one person (the same ``100`` in its file)."""
    groups = []
    for file in files:
        if not file.own_ids:
            continue
        column = next(c for c in file.pirl.columns if column_element(c) == "100")
        ids = pd.DataFrame({"id": file.pirl[column].to_numpy(),
                            "uid": file.people["unique_id"].to_numpy()})
        for _key, group in ids[ids["id"] != ""].groupby("id"):
            if len(group) > 1:
                groups.append(sorted(group["uid"]))
    return groups


def joined_inputs(files: list[PartnerFile], person_of: dict[str, str],
                  name: str, wages: pd.DataFrame | None = None) -> Inputs:
    """One PIRL-shaped table of every partner's records, ``100`` the person key, for the
    measures (``metrics.run_measures``). Each file is checked as its own PIRL file (its
    lines); records of one person then meet in the engine, which combines overlapping ones
    into one period of participation (a common exit, docs/measures.md). A blank
    ``provider`` becomes the partner's label, so the results can be sliced by partner."""
    parts = []
    for file in files:
        periods = read_pirl(file.name, frame=file.pirl)
        keys = file.people["unique_id"].map(person_of).fillna(file.people["unique_id"])
        periods["e100"] = pd.array(keys.to_numpy(), dtype=periods["e100"].dtype)
        provider = periods["provider"]
        periods["provider"] = provider.where(provider.notna(), file.label).astype(
            provider.dtype)
        parts.append(periods)
    table = pd.concat(parts, ignore_index=True)
    keyed = None if wages is None else keyed_wages(wages, person_of)
    return Inputs(table, keyed, name)


def keyed_wages(wages: pd.DataFrame, person_of: dict[str, str]) -> pd.DataFrame:
    """UI wage rows (``metrics.read_wages``' columns) whose ``person`` is a partner record
    (``college:A1``) or a person key, put under the person key; one person's rows for the
    same quarter and employer (given under two of their records) are added up."""
    out = wages.copy()
    people = out["person"].astype(object)
    out["person"] = pd.array(people.map(lambda p: person_of.get(p, p)).to_numpy(),
                             dtype=wages["person"].dtype)
    return (out.groupby(["person", "q", "employer"], as_index=False, sort=False,
                        observed=True)["cents"].sum())
