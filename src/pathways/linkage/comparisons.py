"""A model's comparisons as splink comparisons, the same SQL on DuckDB and on Spark.

Levels are written with functions both backends have (``substr``, equality) or taken from
splink's level library, which writes each backend's own (Jaro-Winkler, Damerau-Levenshtein,
array intersection).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pandas as pd

from pathways.linkage.model import Comparison

NICKNAMES_FILE = Path(__file__).with_name("data") / "nicknames.csv"


@cache
def nickname_groups() -> dict[str, tuple[int, ...]]:
    """Each name in the vendored nickname table and the lines (groups) it is in."""
    groups: dict[str, list[int]] = {}
    with NICKNAMES_FILE.open(encoding="utf-8") as handle:
        rows = [row for row in csv.reader(handle) if row and not row[0].startswith("#")]
    for number, row in enumerate(rows):
        for name in row:
            groups.setdefault(name.strip(), []).append(number)
    return {name: tuple(lines) for name, lines in groups.items()}


def nickname_column(column: str) -> str:
    return f"{column}_nickname_groups"


def with_nickname_groups(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """``frame`` with a column of the nickname groups of each name (None when in none)."""
    groups = nickname_groups()
    values = frame[column].map(lambda name: list(groups[name]) if name in groups else None)
    return frame.assign(**{nickname_column(column): values})


def _swapped(column: str) -> str:
    """ISO dates with day and month the other way round (2001-03-04 and 2001-04-03)."""
    left, right = f"{column}_l", f"{column}_r"
    return (f"substr({left}, 1, 4) = substr({right}, 1, 4) AND "
            f"substr({left}, 6, 2) = substr({right}, 9, 2) AND "
            f"substr({left}, 9, 2) = substr({right}, 6, 2)")


def splink_comparison(item: Comparison):
    """One model comparison as a splink comparison with its fixed m and u values."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    column = item.column
    exact = cll.ExactMatchLevel(column)
    if item.term_frequencies:
        exact.configure(tf_adjustment_column=column)
    levels = [cll.NullLevel(column), exact]
    if item.method == "name":
        if item.nicknames:
            levels.append(cll.ArrayIntersectLevel(nickname_column(column), 1)
                          .configure(label_for_charts="nicknames of one name"))
        levels += [cll.JaroWinklerLevel(column, cut) for cut in item.thresholds]
        if item.changed_when_agree:
            agree = " AND ".join(f"{c}_l = {c}_r" for c in item.changed_when_agree)
            levels.append(cll.CustomLevel(
                agree, label_for_charts=f"different, but {', '.join(item.changed_when_agree)} "
                "agree"))
    elif item.method == "date":
        levels += [cll.CustomLevel(_swapped(column), label_for_charts="day and month swapped"),
                   cll.DamerauLevenshteinLevel(column, 1),
                   cll.DamerauLevenshteinLevel(column, 2)]
    levels.append(cll.ElseLevel())
    # Null is not a level of the model: its m and u come after it, one per other level.
    for level, m, u in zip(levels[1:], item.m, item.u, strict=True):
        level.configure(m_probability=m, u_probability=u)
    if item.changed_when_agree:
        # Its weight corrects for changes that come together (person.yaml); it is not a
        # frequency training could measure, so training leaves it as written.
        levels[-2].configure(fix_m_probability=True, fix_u_probability=True)
    return cl.CustomComparison(comparison_levels=levels, output_column_name=column)
