"""A partner file fed mutated and nasty input (hypothesis): it is read, or refused with an
``InputError`` naming the file; no other exception escapes, so the linkage job's page
always says what is wrong (see tests/test_importers_fuzz.py)."""

from __future__ import annotations

import csv
import io

from hypothesis import strategies as st

from pathways.apps.linking.partner_files import read_partner_file
from tests.fuzz import fuzzed, mutated_table, refused_cleanly
from tests.linking.files import ADULT_ED, WORKFORCE

ROWS = [*csv.reader(io.StringIO(ADULT_ED)), *list(csv.reader(io.StringIO(WORKFORCE)))[1:]]


@fuzzed(mutated_table(ROWS))
def partner_files(text: str) -> None:
    refused_cleanly(read_partner_file, text.encode("utf-8", "surrogatepass"), "adulted",
                    "adulted.csv", source="adulted.csv")


test_partner_files, test_partner_files_many = partner_files


@fuzzed(st.binary(max_size=200) | st.text(max_size=200).map(
    lambda t: ("record_id,900\n" + t).encode("utf-8", "surrogatepass")))
def partner_bytes(data: bytes) -> None:
    refused_cleanly(read_partner_file, data, "adulted", "adulted.csv", source="adulted.csv")


test_partner_bytes, test_partner_bytes_many = partner_bytes
