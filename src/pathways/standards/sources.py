"""Find the files of each reference dataset under a path a user gives.

The path may be a folder laid out like the shared data folder (``onet/``, ``soc/``,
``cip/``, ``oews/``, ``projections/``), a folder holding one source's files (an unzipped
O*NET text database, say), an O*NET zip as downloaded (``db_29_3_text.zip``, with a folder
inside), or a single file. Files are recognised by name, plain or gzipped.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pathways.core.errors import InputError, InputProblem
from pathways.standards.tables import SourceFile, checksum

SOC, ONET, CIP, OEWS, PROJECTIONS = "soc", "onet", "cip", "oews", "projections"
DATASETS: tuple[str, ...] = (SOC, ONET, CIP, OEWS, PROJECTIONS)  # the order they load in
LAYOUT_FOLDERS = frozenset(DATASETS)
READER_VERSION = "4"  # bump when readers change what they make of the same files

# O*NET tables by the names of the text release. 30.3 split Education, Training, and
# Experience, so the newer names are accepted too.
ONET_TABLES: dict[str, tuple[str, ...]] = {
    "occupations": ("occupation data.txt",),
    "job_zones": ("job zones.txt",),
    "education": ("education, training, and experience.txt", "education.txt"),
    "education_categories": ("education, training, and experience categories.txt",
                             "education categories.txt"),
    "interests": ("interests.txt",),
    "skills": ("skills.txt",),
    "related": ("related occupations.txt",),
    "alternate_titles": ("alternate titles.txt",),
    "readme": ("read me.txt",),
}
_ONET_NAMES = {name: table for table, names in ONET_TABLES.items() for name in names}


@dataclass
class DatasetFiles:
    """The files found for one dataset, by role (``occupations``, ``crosswalk``, ...)."""

    dataset: str
    files: dict[str, list[SourceFile]] = field(default_factory=dict)
    origin: str = ""  # the zip or folder name, which can carry the release number

    def add(self, role: str, source: SourceFile) -> None:
        self.files.setdefault(role, []).append(source)

    def one(self, role: str) -> SourceFile | None:
        found = self.files.get(role)
        return found[0] if found else None

    def all(self) -> list[SourceFile]:
        return [f for group in self.files.values() for f in group]

    def checksum(self) -> str:
        # The read-me carries no data; leaving it out keeps the checksum about the data.
        # The reader version is mixed in so that a change in how files are read reloads them.
        files = checksum([f for role, group in self.files.items() if role != "readme"
                          for f in group])
        return hashlib.sha256(f"{READER_VERSION}:{files}".encode()).hexdigest()


def _role(base: str) -> tuple[str, str] | None:
    """(dataset, role) of a file name, or None for a file no reader uses."""
    name = base.lower()
    if name in _ONET_NAMES:
        return ONET, _ONET_NAMES[name]
    if re.fullmatch(r"soc_?\d{4}_?structure\.csv", name):
        return SOC, "structure"
    if re.fullmatch(r"cip_?\d{4}_?soc_?\d{4}_?crosswalk\.csv", name):
        return CIP, "crosswalk"
    if re.fullmatch(r"cip_?\d{4}\.csv", name):
        return CIP, "codes"
    if re.fullmatch(r"cipcode\d{4}\.csv", name):
        return CIP, "codes_nces"  # NCES's own file, with Excel-formula codes
    if name.startswith("oews_") and name.endswith(".csv") and "footnote" not in name:
        return OEWS, "wages"
    if re.fullmatch(r"ep_\d{4}_\d{2}_occupations\.csv", name):
        return PROJECTIONS, "occupations"
    return None


def _sources_in_folder(folder: Path) -> list[SourceFile]:
    return [SourceFile(p.name, p) for p in sorted(folder.iterdir()) if p.is_file()]


def _sources_in_zip(path: Path) -> list[SourceFile]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if not m.endswith("/")]
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(InputProblem(f"not a readable zip file: {exc}", path.name)) from exc
    return [SourceFile(m.rsplit("/", 1)[-1], path, m) for m in sorted(members)]


def find_datasets(path: str | Path) -> dict[str, DatasetFiles]:
    """The datasets present under ``path``, in load order; raises InputError if none is."""
    root = Path(path).expanduser()
    if not root.exists():
        raise InputError(InputProblem("no such file or folder", str(root)))
    if root.is_file() and zipfile.is_zipfile(root):
        sources = _sources_in_zip(root)
    elif root.is_file():
        sources = [SourceFile(root.name, root)]
    else:
        subfolders = [root / name for name in sorted(LAYOUT_FOLDERS) if (root / name).is_dir()]
        sources = [s for folder in subfolders for s in _sources_in_folder(folder)]
        if not subfolders:
            sources = _sources_in_folder(root)
            inner = [p for p in root.iterdir() if p.is_dir()]
            if not any(_role(s.base_name) for s in sources) and len(inner) == 1:
                sources = _sources_in_folder(inner[0])  # an unzipped db_29_3_text/

    found: dict[str, DatasetFiles] = {}
    for source in sources:
        role = _role(source.base_name)
        if role is None:
            continue
        dataset, kind = role
        found.setdefault(dataset, DatasetFiles(dataset, origin=root.name)).add(kind, source)

    cip = found.get(CIP)
    if cip and "codes" in cip.files:
        cip.files.pop("codes_nces", None)  # the same rows; the cleaned file is preferred
    problems = []
    for files in found.values():
        for role, group in files.files.items():
            if len(group) > 1 and role != "wages":
                names = ", ".join(f.name for f in group)
                problems.append(InputProblem(f"more than one {role} file: {names}", str(root)))
    if problems:
        raise InputError(problems)
    if not found:
        raise InputError(InputProblem(
            "no reference data found: expected O*NET text files, soc_2018_structure.csv, "
            "cip_2020.csv, oews_*.csv or ep_*_occupations.csv", str(root)))
    return {name: found[name] for name in DATASETS if name in found}
