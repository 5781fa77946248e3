"""The O*NET text database: occupations with job zone, education, interests, skills, relations.

Only the tables the catalog shows are read. Files come from the text release (one table a
file, tab-separated, headers as O*NET names them), plain or gzipped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from pathways.core.codes import onet_soc_code
from pathways.standards.sources import DatasetFiles
from pathways.standards.tables import Listed, Problems, SourceFile, Table, raises_problems

EDUCATION_SCALE = "RL"  # Required Level of Education, categories 1-12
INTEREST_SCALE = "OI"  # Occupational Interests, 1-7
SKILL_SCALES = {"IM": (1, 5), "LV": (0, 7)}
RIASEC = {"1.B.1.a": "R", "1.B.1.b": "I", "1.B.1.c": "A", "1.B.1.d": "S", "1.B.1.e": "E",
          "1.B.1.f": "C"}
# Used only when a release ships without its categories table.
EDUCATION_LABELS = {
    1: "Less than a High School Diploma", 2: "High School Diploma or the equivalent",
    3: "Post-Secondary Certificate", 4: "Some College Courses",
    5: "Associate's Degree (or other 2-year degree)", 6: "Bachelor's Degree",
    7: "Post-Baccalaureate Certificate", 8: "Master's Degree", 9: "Post-Master's Certificate",
    10: "First Professional Degree", 11: "Doctoral Degree", 12: "Post-Doctoral Training",
}


@dataclass(frozen=True, slots=True)
class EducationShare:
    category: int
    label: str
    percent: float


@dataclass(slots=True)
class OnetOccupationRecord:
    code: str
    title: str
    description: str = ""
    job_zone: int | None = None
    education: list[EducationShare] = field(default_factory=list)
    interests: dict[str, float] = field(default_factory=dict)

    @property
    def typical_education(self) -> str:
        """The level the most respondents said is required (the lower one on a tie)."""
        if not self.education or max(e.percent for e in self.education) <= 0:
            return ""
        return max(self.education, key=lambda e: (e.percent, -e.category)).label


@dataclass(frozen=True, slots=True)
class SkillRecord:
    occupation: str
    element_id: str
    name: str
    importance: Decimal | None  # 1-5
    level: Decimal | None  # 0-7


@dataclass(frozen=True, slots=True)
class RelatedRecord:
    occupation: str
    related_code: str  # may name an occupation that is not loaded
    tier: str
    index: int


@dataclass(frozen=True, slots=True)
class AltTitleRecord:
    occupation: str
    title: str
    short_title: str = ""


@dataclass
class OnetRelease:
    version: str
    occupations: list[OnetOccupationRecord]
    skills: list[SkillRecord]
    related: list[RelatedRecord]
    alternate_titles: list[AltTitleRecord] = field(default_factory=list)


def _short_label(description: str) -> str:
    """A label that fits a page: "Post-Secondary Certificate - awarded for ..." ->
    "Post-Secondary Certificate"; "High School Diploma - or the equivalent (for example,
    GED)" -> "High School Diploma or the equivalent" (the equivalent matters to adults)."""
    text = description.split(" - awarded")[0].split(" (for example")[0]
    return text.replace(" - ", " ").strip()


def onet_version(files: DatasetFiles) -> str:
    """The release number, from the read-me or from a name like ``db_29_3_text``."""
    readme = files.one("readme")
    if readme is not None:
        match = re.search(r"O\*NET (\d+\.\d+) Database", readme.text())
        if match:
            return match.group(1)
    names = [files.origin] + [f.member or "" for f in files.all()]
    for name in names:
        match = re.search(r"db_(\d+)_(\d+)", name)
        if match:
            return f"{match.group(1)}.{match.group(2)}"
    return ""


def _occupations(source: SourceFile, problems: Problems) -> dict[str, OnetOccupationRecord]:
    table = Table(source, problems)
    code_col = table.column("O*NET-SOC Code")
    title_col = table.column("Title")
    description_col = table.column("Description", required=False)
    found: dict[str, OnetOccupationRecord] = {}
    if table.missing:
        return found
    listed = Listed()
    for row in table.rows():
        code = row.code(code_col, onet_soc_code)
        title = row.text(title_col)
        if not title:
            row.problem(title_col, "empty title")
        if row.ok and listed.once(row, code_col, code):
            found[code] = OnetOccupationRecord(code, title, row.text(description_col))
    return found


class _Ratings:
    """A ratings table (one row per occupation, element and scale) with shared checks;
    ``listed`` holds what each row rates, which the table gives once."""

    def __init__(self, source: SourceFile, problems: Problems,
                 occupations: dict[str, OnetOccupationRecord]):
        self.table = Table(source, problems)
        self.occupations = occupations
        self.code = self.table.column("O*NET-SOC Code")
        self.listed = Listed()

    def rows(self):
        if self.table.missing:
            return
        for row in self.table.rows():
            code = row.code(self.code, onet_soc_code)
            if row.ok and code not in self.occupations:
                row.problem(self.code, f"{code} is not in Occupation Data")
            yield code, row


def _job_zones(source: SourceFile, problems: Problems,
               occupations: dict[str, OnetOccupationRecord]) -> None:
    ratings = _Ratings(source, problems, occupations)
    zone_col = ratings.table.column("Job Zone")
    for code, row in ratings.rows():
        zone = row.integer(zone_col, low=1, high=5)
        if row.ok and ratings.listed.once(row, ratings.code, code, f"the job zone of {code}"):
            occupations[code].job_zone = zone


def _education_labels(source: SourceFile | None, problems: Problems) -> dict[int, str]:
    if source is None:
        return dict(EDUCATION_LABELS)
    table = Table(source, problems)
    scale_col = table.column("Scale ID")
    category_col = table.column("Category")
    label_col = table.column("Category Description")
    labels: dict[int, str] = {}
    if table.missing:
        return labels
    listed = Listed()
    for row in table.rows():
        if row.text(scale_col) != EDUCATION_SCALE:
            continue
        category = row.integer(category_col, low=1)
        if row.ok and listed.once(row, category_col, category,
                                  f"education category {category}"):
            labels[category] = _short_label(row.text(label_col))
    return labels


def _education(source: SourceFile, labels_source: SourceFile | None, problems: Problems,
               occupations: dict[str, OnetOccupationRecord]) -> None:
    labels = _education_labels(labels_source, problems)
    ratings = _Ratings(source, problems, occupations)
    scale_col = ratings.table.column("Scale ID")
    category_col = ratings.table.column("Category")
    value_col = ratings.table.column("Data Value")
    for code, row in ratings.rows():
        if row.text(scale_col) != EDUCATION_SCALE:
            continue
        category = row.integer(category_col, low=1)
        percent = row.decimal(value_col, low=0, high=100)
        if row.ok and category not in labels:
            row.problem(category_col, f"no label for education category {category}")
        if row.ok and ratings.listed.once(row, category_col, (code, category),
                                          f"education category {category} of {code}") \
                and percent is not None:
            occupations[code].education.append(
                EducationShare(category, labels[category], round(float(percent), 2)))
    for occupation in occupations.values():
        occupation.education.sort(key=lambda e: e.category)


def _interests(source: SourceFile, problems: Problems,
               occupations: dict[str, OnetOccupationRecord]) -> None:
    ratings = _Ratings(source, problems, occupations)
    element_col = ratings.table.column("Element ID")
    name_col = ratings.table.column("Element Name", required=False)
    scale_col = ratings.table.column("Scale ID")
    value_col = ratings.table.column("Data Value")
    for code, row in ratings.rows():
        if row.text(scale_col) != INTEREST_SCALE:
            continue
        letter = RIASEC.get(row.text(element_col)) or row.text(name_col)[:1].upper()
        if letter not in "RIASEC" or not letter:
            row.problem(element_col, f"not a RIASEC interest: {row.text(element_col)!r}")
        value = row.decimal(value_col, low=1, high=7)
        if row.ok and ratings.listed.once(row, element_col, (code, letter),
                                          f"interest {letter} of {code}") and value is not None:
            occupations[code].interests[letter] = round(float(value), 2)
    for occupation in occupations.values():
        occupation.interests = {k: occupation.interests[k] for k in "RIASEC"
                                if k in occupation.interests}


def _skills(source: SourceFile, problems: Problems,
            occupations: dict[str, OnetOccupationRecord]) -> list[SkillRecord]:
    ratings = _Ratings(source, problems, occupations)
    element_col = ratings.table.column("Element ID")
    name_col = ratings.table.column("Element Name")
    scale_col = ratings.table.column("Scale ID")
    value_col = ratings.table.column("Data Value")
    suppress_col = ratings.table.column("Recommend Suppress", required=False)
    values: dict[tuple[str, str], dict[str, Decimal | None]] = defaultdict(dict)
    names: dict[str, str] = {}
    for code, row in ratings.rows():
        scale = row.text(scale_col)
        if scale not in SKILL_SCALES:
            continue
        low, high = SKILL_SCALES[scale]
        value = row.decimal(value_col, low=low, high=high)
        element = row.text(element_col)
        if not element:
            row.problem(element_col, "empty element id")
        if not row.ok or not ratings.listed.once(row, scale_col, (code, element, scale),
                                                 f"the {scale} rating of {element} for {code}"):
            continue
        # O*NET flags estimates too imprecise to show; keep the row, drop the number.
        values[(code, element)][scale] = None if row.flag(suppress_col) else value
        names[element] = row.text(name_col)
    return [SkillRecord(code, element, names[element], scale.get("IM"), scale.get("LV"))
            for (code, element), scale in values.items()]


def _related(source: SourceFile, problems: Problems,
             occupations: dict[str, OnetOccupationRecord]) -> list[RelatedRecord]:
    ratings = _Ratings(source, problems, occupations)
    related_col = ratings.table.column("Related O*NET-SOC Code")
    tier_col = ratings.table.column("Relatedness Tier", required=False)
    index_col = ratings.table.column("Index", required=False)
    found: dict[tuple[str, str], RelatedRecord] = {}
    for code, row in ratings.rows():
        related = row.code(related_col, onet_soc_code)
        index = row.integer(index_col, low=1, high=32767) if index_col else len(found) + 1
        if row.ok and ratings.listed.once(row, related_col, (code, related),
                                          f"{code} -> {related}"):
            found[(code, related)] = RelatedRecord(code, related, row.text(tier_col), index or 0)
    return list(found.values())


ALT_TITLE_LIMIT, SHORT_TITLE_LIMIT = 250, 120


def _alternate_titles(source: SourceFile, problems: Problems,
                      occupations: dict[str, OnetOccupationRecord]) -> list[AltTitleRecord]:
    ratings = _Ratings(source, problems, occupations)
    title_col = ratings.table.column("Alternate Title")
    short_col = ratings.table.column("Short Title", required=False)
    found: dict[tuple[str, str], AltTitleRecord] = {}
    for code, row in ratings.rows():
        title, short = row.text(title_col), row.text(short_col)
        if not title:
            row.problem(title_col, "empty alternate title")
        elif len(title) > ALT_TITLE_LIMIT:
            row.problem(title_col, f"longer than {ALT_TITLE_LIMIT} characters")
        if len(short) > SHORT_TITLE_LIMIT:
            row.problem(short_col, f"longer than {SHORT_TITLE_LIMIT} characters")
        # O*NET lists a title twice when two sources report it (29.x: 21-1014.00 LMHC):
        # the same name, kept once, not an error.
        if row.ok and (code, title.casefold()) not in found:
            found[(code, title.casefold())] = AltTitleRecord(code, title, short)
    return list(found.values())


@raises_problems
def read_onet(files: DatasetFiles, problems: Problems | None = None) -> OnetRelease:
    """Read the O*NET tables present; ``Occupation Data`` is required, the rest optional."""
    main = files.one("occupations")
    if main is None:
        problems.add("no Occupation Data.txt among the O*NET files", files.origin)
        return OnetRelease("", [], [], [])
    occupations = _occupations(main, problems)
    if not occupations:
        return OnetRelease("", [], [], [])  # every rating would be reported as unknown
    if (source := files.one("job_zones")) is not None:
        _job_zones(source, problems, occupations)
    if (source := files.one("education")) is not None:
        _education(source, files.one("education_categories"), problems, occupations)
    if (source := files.one("interests")) is not None:
        _interests(source, problems, occupations)
    skills = _skills(source, problems, occupations) \
        if (source := files.one("skills")) is not None else []
    related = _related(source, problems, occupations) \
        if (source := files.one("related")) is not None else []
    titles = _alternate_titles(source, problems, occupations) \
        if (source := files.one("alternate_titles")) is not None else []
    return OnetRelease(onet_version(files), list(occupations.values()), skills, related,
                       titles)
