"""Whatever a definition file holds, its loader answers with a result or an InputError.

Four loaders read YAML written by people: quality frameworks, the linkage model, measure
definitions and the role-permission matrix. Random structures, shipped files with one
place changed, and text built to exhaust a parser (``[[[[...]]]]``) must never raise
anything else.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.apps.accounts.permissions import MATRIX_FILE, parse_matrix
from pathways.core.errors import InputError
from pathways.core.yamldata import MAX_CHARACTERS, MAX_DEPTH, load_yaml
from pathways.frameworks import load_framework, shipped_files
from pathways.linkage.model import DEFINITIONS_DIR as LINKAGE_DIR
from pathways.linkage.model import parse_model
from pathways.metrics.definitions import DEFINITIONS_DIR as MEASURES_DIR
from pathways.metrics.definitions import load_measures
from tests.examples import examples

ROLES = set(yaml.safe_load(MATRIX_FILE.read_text())["roles"])
_FOLDER = tempfile.TemporaryDirectory()


def _measures(text: str) -> object:
    path = Path(_FOLDER.name) / "measure.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return load_measures(_FOLDER.name)


LOADERS = {
    "framework": lambda text: load_framework("framework.yaml", text),
    "linkage": lambda text: parse_model(Path("model.yaml"), text),
    "measures": _measures,
    "permissions": lambda text: parse_matrix(Path("permissions.yaml"), ROLES, text),
}
SHIPPED = {
    "framework": shipped_files()[0],
    "linkage": LINKAGE_DIR / "person.yaml",
    "measures": sorted(MEASURES_DIR.glob("*.yaml"))[0],
    "permissions": MATRIX_FILE,
}


def answers_cleanly(kind: str, text: str) -> None:
    try:
        LOADERS[kind](text)
    except InputError as exc:
        assert exc.problems and all(p.message for p in exc.problems)


# Field names the loaders know, so that random documents reach past the first check.
NAMES = sorted({"format", "key", "version", "title", "level", "scale", "elements", "criteria",
                "indicators", "value", "label", "score", "text", "summary", "prior",
                "matched_share", "at_most", "thresholds", "link", "review", "blocking",
                "comparisons", "column", "method", "m", "u", "id", "name", "kind", "window",
                "population", "numerator", "denominator", "programs", "exclusions",
                "requires", "unit", "group", "permissions", "roles", "admin_roles", *ROLES})
SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(-(10 ** 80), 10 ** 80)
           | st.floats() | st.text(max_size=20) | st.sampled_from(NAMES)
           | st.sampled_from(["exit", "rate", "median", "name", "exact", "local", "1",
                              "exited", "emp_q2 == 1", "not (", "first_name", "default"]))
KEYS = st.sampled_from(NAMES) | st.text(max_size=8) | st.integers(-5, 5) | st.booleans()
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=5)
                      | st.dictionaries(KEYS, inner, max_size=6), max_leaves=25)
FAST = settings(max_examples=examples(60), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("kind", sorted(LOADERS))
@FAST
@given(document=VALUES)
def test_random_documents(kind, document):
    answers_cleanly(kind, yaml.safe_dump(document))


def _replace(document: object, steps: list[int], value: object) -> object:
    """``document`` with the place that ``steps`` pick (by position) set to ``value``."""
    if not steps or not isinstance(document, dict | list) or not document:
        return value
    keys = list(document) if isinstance(document, dict) else list(range(len(document)))
    key = keys[steps[0] % len(keys)]
    document[key] = _replace(document[key], steps[1:], value)
    return document


@pytest.mark.parametrize("kind", sorted(LOADERS))
@FAST
@given(steps=st.lists(st.integers(0, 50), max_size=5), value=VALUES)
def test_shipped_files_with_one_place_changed(kind, steps, value):
    document = _replace(yaml.safe_load(SHIPPED[kind].read_text()), steps, value)
    answers_cleanly(kind, yaml.safe_dump(document))


@pytest.mark.parametrize("kind", sorted(LOADERS))
@FAST
@given(text=st.text(max_size=200))
def test_random_text(kind, text):
    answers_cleanly(kind, text)


BOMBS = {
    "brackets": "[" * 5000 + "]" * 5000,
    "open brackets": "[" * 10_000,
    "braces": "{a: " * 2500 + "}" * 2500,
    "block lists": "".join("  " * i + "-\n" for i in range(200)),
    "aliases": "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)),
    "recursive alias": "a: &a [*a]\n",
    "nested expression": "id: x\nname: x\nkind: rate\nwindow: exit\nnumerator: exited\n"
                         "population: " + "(" * 5000 + "exited" + ")" * 5000 + "\n",
    "long not chain": "id: x\nname: x\nkind: rate\nwindow: exit\nnumerator: exited\n"
                      "population: " + "not " * 5000 + "exited\n",
    "long sum": "id: x\nname: x\nkind: median\nwindow: exit\nvalue: "
                + " + ".join(["earn_q2"] * 2000) + "\npopulation: exited\n",
    "huge number": "format: " + "9" * 5000 + "\n",
    "bad date": "version: 2026-13-45\n",
    "bad tag": "key: !!bool maybe\n",
    "list as key": "? [a, b]\n: 1\n",
    "too large": "# x\n" * (MAX_CHARACTERS // 4 + 1),
}


@pytest.mark.parametrize("kind", sorted(LOADERS))
@pytest.mark.parametrize("bomb", sorted(BOMBS))
def test_text_built_to_exhaust_a_parser(kind, bomb):
    answers_cleanly(kind, BOMBS[bomb])


def test_the_limits_name_the_file():
    with pytest.raises(InputError) as info:
        load_yaml("deep.yaml", BOMBS["brackets"])
    assert str(info.value) == f"deep.yaml, line 1: is nested more than {MAX_DEPTH} levels deep"
    with pytest.raises(InputError, match=r"^aliases.yaml, line \d+: has more than"):
        load_yaml("aliases.yaml", BOMBS["aliases"])
    with pytest.raises(InputError, match="^big.yaml: is larger than"):
        load_yaml("big.yaml", BOMBS["too large"])
