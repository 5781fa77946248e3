"""Importers that write rows, fed mutated input (hypothesis): each either imports, or
raises ``InputError`` and leaves every table as it was (a failed CTDL import keeps only
its FAILED job, by design). On PostgreSQL this also catches what the database itself
refuses (text longer than a column, a number past its range): those must be problems found
before writing, never a ``DataError`` after.

Each example runs in a savepoint rolled back at its end, so examples do not see each
other's imports. Quick and ``slow`` twins as in ``test_importers_fuzz``; where one example
takes about a second (a measures run), the slow twin runs a share of the examples.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import strategies as st

from pathways.apps.accounts.access import CONSOLE
from pathways.apps.catalog.queries import catalog_access, new_pathway_access
from pathways.apps.directory.actions import import_directory
from pathways.apps.exchange.actions import import_ctdl, import_draft
from pathways.apps.exchange.ctdl_preview import preview_upload
from pathways.apps.exchange.queries import import_access
from pathways.apps.exchange.reference import load_reference
from pathways.apps.quality.actions import load_frameworks
from pathways.apps.quality.queries import frameworks_access
from pathways.apps.reports.actions import run_uploaded
from pathways.apps.reports.queries import measures_access
from pathways.core.errors import InputError
from pathways.demo.loader import DATA as DEMO_DATA
from pathways.demo.loader import load_content
from pathways.demo.region import demo_partnership
from pathways.frameworks import DEFINITIONS_DIR as FRAMEWORKS_DIR
from pathways.standards.hsds import read_json, read_tables
from tests.fuzz import (
    CTDL_INPUT,
    HSDS_INPUT,
    PIRL_ROWS,
    as_yaml,
    fuzzed,
    hsds_tables,
    mutated,
    mutated_table,
    mutated_text,
    reference_input,
    refused_cleanly,
    yaml_input,
)
from tests.metrics import fixture

pytestmark = pytest.mark.django_db
FOLDER = Path(tempfile.mkdtemp(prefix="pathways-fuzz-db-"))


def teardown_module() -> None:
    shutil.rmtree(FOLDER, ignore_errors=True)


def counts(*labels: str) -> dict[str, int]:
    """Rows of every table of these apps (the audit log with them)."""
    models = [m for label in (*labels, "accounts") for m in apps.get_app_config(label)
              .get_models() if m._meta.label != "exchange.ExchangeJob"]
    return {m._meta.label: m._default_manager.count() for m in models}


def all_or_nothing(write, *labels: str) -> None:
    """``write()`` succeeds, or raises InputError with every table of ``labels`` unchanged;
    either way its rows are rolled back before the next example."""
    with transaction.atomic():
        before = counts(*labels)
        try:
            write()
        except InputError as exc:
            assert exc.problems
            assert counts(*labels) == before
        transaction.set_rollback(True)


# -- CTDL import (an exchange job) --------------------------------------------------------
@fuzzed(CTDL_INPUT, quick=8, many=60)
def ctdl_imports(text: str) -> None:
    path = FOLDER / "pathway.jsonld"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    all_or_nothing(lambda: import_ctdl(catalog_access(CONSOLE), [path]), "catalog")


test_ctdl_imports, test_ctdl_imports_many = ctdl_imports


@fuzzed(CTDL_INPUT, quick=8, many=60)
def ctdl_workspace_imports(text: str) -> None:
    """The workspace's preview writes nothing and never raises; its apply as draft writes
    everything or nothing (a published pathway is an InputError, never a change)."""
    data = text.encode("utf-8", errors="surrogatepass")
    before = counts("catalog", "exchange")
    preview = preview_upload(CONSOLE, [("up.jsonld", data)])
    assert counts("catalog", "exchange") == before
    assert preview.ok or preview.errors or not preview.pathways
    access = import_access(CONSOLE, demo_partnership().pk)
    all_or_nothing(lambda: import_draft(access, "up.jsonld", data), "catalog")


test_ctdl_workspace_imports, test_ctdl_workspace_imports_many = ctdl_workspace_imports


# -- services directory (Open Referral HSDS) -----------------------------------------------
def _directory_import(read) -> None:
    access = new_pathway_access(CONSOLE, demo_partnership().pk)
    all_or_nothing(lambda: import_directory(access, read()), "catalog", "directory")


@fuzzed(HSDS_INPUT, quick=8, many=60)
def hsds_json_imports(text: str) -> None:
    _directory_import(lambda: read_json("211.json", text))


test_hsds_json_imports, test_hsds_json_imports_many = hsds_json_imports


@fuzzed(hsds_tables(), quick=8, many=60)
def hsds_csv_imports(files: dict) -> None:
    _directory_import(lambda: read_tables("211.zip", files))


test_hsds_csv_imports, test_hsds_csv_imports_many = hsds_csv_imports


# -- framework versions -------------------------------------------------------------------
@fuzzed(yaml_input(sorted(FRAMEWORKS_DIR.glob("*.yaml"))))
def framework_loads(text: str) -> None:
    access = frameworks_access(CONSOLE, demo_partnership())
    all_or_nothing(lambda: load_frameworks(access, [(text, "framework.yaml")]), "quality")


test_framework_loads, test_framework_loads_many = framework_loads


# -- reference data -----------------------------------------------------------------------
@st.composite
def reference_folder(draw: st.DrawFn) -> Path:
    """A folder with one dataset's (short) files, one of them mutated."""
    files, _name = draw(reference_input())
    folder = Path(tempfile.mkdtemp(dir=FOLDER))
    for source in files.all():
        (folder / source.name).write_bytes(source.raw())
    return folder


@fuzzed(reference_folder(), quick=10, many=60)
def reference_loads(folder: Path) -> None:
    try:
        all_or_nothing(lambda: load_reference(catalog_access(CONSOLE), folder, force=True),
                       "catalog")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


test_reference_loads, test_reference_loads_many = reference_loads


# -- a measures run from uploaded files ---------------------------------------------------
@fuzzed(mutated_table(PIRL_ROWS), quick=3, many=25)
def measures_uploads(text: str) -> None:
    access = measures_access(CONSOLE, demo_partnership())
    upload = SimpleUploadedFile("pirl.csv", text.encode("utf-8", "surrogatepass"))
    all_or_nothing(lambda: run_uploaded(access, upload, None, fixture.START, fixture.END,
                                        fixture.AS_OF, 10), "reports")


test_measures_uploads, test_measures_uploads_many = measures_uploads


# -- the demo region's data files ---------------------------------------------------------
DEMO_FILES = sorted(p.relative_to(DEMO_DATA).as_posix() for p in DEMO_DATA.rglob("*.yaml"))


@st.composite
def demo_folder(draw: st.DrawFn) -> Path:
    name = draw(st.sampled_from(DEMO_FILES))
    text = (DEMO_DATA / name).read_text(encoding="utf-8")
    changed = draw(st.sampled_from([yaml.safe_load(text)]).flatmap(mutated)
                   .map(as_yaml) | mutated_text(text))
    folder = Path(tempfile.mkdtemp(dir=FOLDER))
    shutil.copytree(DEMO_DATA, folder, dirs_exist_ok=True)
    (folder / name).write_text(changed, encoding="utf-8", errors="surrogatepass")
    return folder


@fuzzed(demo_folder(), quick=6, many=50)
def demo_files(folder: Path) -> None:
    try:
        refused_cleanly(load_content, folder, source=str(folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


test_demo_files, test_demo_files_many = demo_files
