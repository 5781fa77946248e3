"""The demo's data files: the shipped ones load, and a mistake names its file, line and field."""

from __future__ import annotations

import shutil

import pytest

from pathways.core.errors import InputError
from pathways.demo.loader import DATA, load_content

NURSING = "pathways/1-nursing-and-patient-care.yaml"
IT = "pathways/3-it-support-and-networking.yaml"

# file, text to replace, its replacement, the text on the line named, field, message words
MISTAKES = [
    (NURSING, "    provider: adulted\n    name: Healthcare Bridge (IET)",
     "    provider: adult-ed\n    name: Healthcare Bridge (IET)", "provider: adult-ed",
     "steps[0].program.provider", "unknown provider 'adult-ed'"),
    (IT, "naics: '5415'", "naics: 5415", "naics: 5415", "sector.naics", "must be text"),
    (IT, "  leads_to: [aplus]\n", "  leads_too: [aplus]\n", "leads_too", "steps[0].leads_too",
     "unknown field"),
    (NURSING, "  level: 4\n  type: ceterms:JobComponent",
     "  level: 5\n  type: ceterms:JobComponent", "level: 5", "steps[13].level",
     "unknown level 5"),
    ("participants.yaml", "goal: Nursing assistant", "goal: Nurse", "goal: Nurse",
     "[2].plan.goal", "unknown exit of the pathway 'Nurse'"),
    ("quality.yaml", "owner: admin", "owner: ada", "owner: ada", "actions[1].owner",
     "unknown person 'ada'"),
    ("quality.yaml", "indicator: c3-map", "indicator: c3-maps", "indicator: c3-maps",
     "actions[2].indicator", "unknown indicator 'c3-maps'"),
    ("credentials.yaml", "  type: ceterms:GeneralEducationDevelopment\n", "",
     "name: GED high school equivalency",
     "ged.type", "is required"),
    ("organisations.yaml", "kind: college\n", "kind: [college\n", "website: https://example.org/rvctc",
     "", "not valid YAML"),
    (IT, "    cost: 1600", "    cost: about 1600", "cost: about 1600", "steps[2].program.cost",
     "must be a number (or a number in quotes), not 'about 1600'"),
    (NURSING, "levels_es: [Puente y habilidades básicas, ", "levels_es: [",
     "levels_es: [Certificado", "levels_es", "must name the 4 levels in Spanish, in order"),
    (IT, "    name_es: Fundamentos de redes (Network+)\n",
     "    name_es: [Fundamentos de redes]\n", "name_es: [Fundamentos",
     "steps[4].program.name_es",
     "must be text"),
    ("organisations.yaml", "      state: KY\n      zip: '41889'",
     "      state: Ky\n      zip: '41889'", "state: Ky",
     "college.locations.college-tech.state", "two-letter USPS code"),
    ("organisations.yaml", "zip: '41889'", "zip: 4188", "zip: 4188",
     "college.locations.college-tech.zip", "must be text"),
    (NURSING, "    locations: [college-main]", "    locations: [college-north]",
     "locations: [college-north]", "steps[2].program.locations[0]",
     "unknown location 'college-north'"),
    ("quality.yaml", "due: 2026-03-15", "due: mid-March", "due: mid-March", "actions[0].due",
     "must be a date such as 2026-04-01, not 'mid-March'"),
]


def test_the_shipped_files_load():
    content = load_content(DATA)
    assert [p["slug"] for p in content.pathways] == [
        "nursing-and-patient-care", "advanced-manufacturing-technician",
        "it-support-and-networking"]
    assert "29-1141.00" in content.occupation_codes()


@pytest.mark.parametrize(("name", "old", "new", "on_line", "field", "words"), MISTAKES)
def test_a_mistake_names_file_line_and_field(tmp_path, name, old, new, on_line, field, words):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    changed = text.replace(old, new, 1)
    path.write_text(changed, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_content(folder)
    [problem] = caught.value.problems
    assert (problem.source, problem.field) == (str(path), field)
    assert words in problem.message
    assert problem.line == changed[:changed.index(on_line)].count("\n") + 1
    assert f"{name}, line {problem.line}" in str(caught.value)


def test_an_optional_field_written_with_nothing_takes_its_default(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "credentials.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("awarding_body: GED Testing Service", "awarding_body:", 1),
                    encoding="utf-8")
    ged = load_content(folder).credentials["ged"]
    assert "awarding_body" not in ged and ged["name"] == "GED high school equivalency"


@pytest.mark.parametrize(("text", "words"), [
    ("college: " + "[" * 100 + "]" * 100 + "\n", "is nested more than 50 levels deep"),
    ("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n" for a, b in zip("abcd", "bcde", strict=True)),
     "has more than 100,000 values"),
])
def test_deep_or_huge_data_is_refused_cleanly(tmp_path, text, words):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    (folder / "organisations.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_content(folder)
    [problem] = caught.value.problems
    assert problem.source == str(folder / "organisations.yaml") and words in problem.message


def test_the_command_reports_a_broken_file_without_a_traceback(monkeypatch, db):
    from click.testing import CliRunner

    from pathways.cli import main
    from pathways.core.errors import InputProblem
    from pathways.demo import region

    def broken(*_args, **_kwargs):
        raise InputError(InputProblem("unknown provider 'adult-ed'", "pathways/x.yaml", 7,
                                      "steps[0].program.provider"))

    monkeypatch.setattr(region, "build_demo_region", broken)
    monkeypatch.setattr("pathways.demo.build_demo_region", broken)
    result = CliRunner().invoke(main, ["demo", "load", "--force"])
    assert result.exit_code == 1 and result.exception.__class__ is SystemExit
    assert "The demo region was not loaded." in result.output
    assert "pathways/x.yaml, line 7, field 'steps[0].program.provider'" in result.output


@pytest.mark.parametrize(("name", "old", "new", "field"), [
    ("organisations.yaml", "kind: college\n", "kind: [college]\n", "college.kind"),
    (IT, "- key: aplus\n", "- key: [aplus]\n", "steps[2].key"),
    (IT, "- name: Computer user support specialist\n", "- name: [x]\n", "exits[0].name"),
])
def test_a_list_where_a_name_belongs_is_a_problem_not_a_crash(tmp_path, name, old, new,
                                                              field):
    """Found by fuzzing: a list where a kind, a step key or an exit name belongs was looked
    up in a set (TypeError)."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_content(folder)
    assert any(p.source == str(path) and p.field == field
               for p in caught.value.problems), caught.value


# The texts a participant reads (catalog/translation.py), as the data files name them.
SPANISH_TEXTS = ("name", "description", "requires", "cost", "prerequisites", "notes")


def _untranslated(value, path: str = "") -> list[str]:
    """Paths of the English texts in ``value`` that have no ``_es`` partner."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if key in SPANISH_TEXTS and isinstance(item, str) and item.strip() \
                    and not str(value.get(f"{key}_es") or "").strip():
                found.append(where)
            found += _untranslated(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _untranslated(item, f"{path}[{index}]")
    return found


def test_every_text_a_participant_reads_has_a_spanish_value():
    """The demo region is fully translated (ADR 0042): every name, description, entry
    requirement, cost and prerequisite of its services, credentials and pathways, and
    every level name."""
    content = load_content(DATA)
    missing = _untranslated(content.services, "services") \
        + _untranslated(content.credentials, "credentials") \
        + _untranslated({k: o.get("locations", {}) for k, o in content.organisations.items()},
                        "organisations")
    for pathway in content.pathways:
        missing += _untranslated(pathway, pathway["slug"])
        spanish = pathway.get("levels_es") or []
        assert len(spanish) == len(pathway["levels"]), pathway["slug"]
        assert all(isinstance(name, str) and name.strip() for name in spanish)
    assert missing == []
    assert _untranslated({"name": "Welder", "name_es": ""}) == ["name"]  # the check works
    assert content.services["childcare"]["cost_es"] == "Gratis para las familias que califican"
