"""Small-cell suppression with complementary suppression, on the tidy table.

Primary: a cell whose denominator is below the threshold (but not zero) is hidden.
Complementary: within one measure the published cells are tied by sums. The groups of every
dimension add up to the total; each exit program year is the sum of its exit quarters; the
"older individuals" groups are sums of age bands. (Programs may overlap through co-enrolment;
treating them as a sum only makes this cautious.) A hidden cell can be recovered exactly when
one of those sums has it as its only hidden member, so while any sum has exactly one hidden
member, its smallest shown member is hidden too. The sums form a tree hanging from the total
(the quarter and age-band sums are implied by the others), and on a tree this rule finds
every cell that linear algebra could recover. A hidden cell shows no numerator, denominator
or value.
"""

from __future__ import annotations

import pandas as pd

from pathways.metrics.dimensions import DIMENSIONS

DEFAULT_THRESHOLD = 10


def suppress(table: pd.DataFrame, threshold: int = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """A copy of the tidy table with ``suppressed`` set and hidden cells blanked."""
    if threshold < 1:
        raise ValueError("the suppression threshold must be at least 1")
    out = table.reset_index(drop=True).copy()
    den = out["denominator"].fillna(0).astype(int).to_numpy()
    hidden = ((den > 0) & (den < threshold)).copy()
    for _measure, cells in out.groupby("measure", sort=False):
        complement(sums(cells), den, hidden)
    out["suppressed"] = hidden
    for column in ("numerator", "denominator"):
        out[column] = pd.array([None if h or pd.isna(v) else int(v)
                                for v, h in zip(out[column], hidden, strict=True)],
                               dtype="Int64")
    out["value"] = [None if h else v for v, h in zip(out["value"], hidden, strict=True)]
    return out


def sums(cells: pd.DataFrame) -> list[list[int]]:
    """The sums that tie one measure's cells: [total, part, part, ...] as row positions.

    Groups with no row are zero (and known to be); a sum needs its total to be a row.
    """
    where = {(d, g): i for i, d, g in zip(cells.index, cells["dimension"], cells["group"],
                                          strict=True)}
    total = [i for (d, _g), i in where.items() if d == "all"]
    by_dimension: dict[str, list[tuple[str, int]]] = {}
    for (d, g), i in where.items():
        if d != "all":
            by_dimension.setdefault(d, []).append((g, i))
    out = []
    for name, groups in by_dimension.items():
        if total:
            out.append([total[0], *(i for _g, i in groups)])
        dimension = DIMENSIONS.get(name)
        if dimension and dimension.parent in by_dimension and dimension.parent_group:
            parts: dict[str, list[int]] = {}
            for group, i in groups:
                parts.setdefault(dimension.parent_group(group), []).append(i)
            for parent_group, members in parts.items():
                if (dimension.parent, parent_group) in where:
                    out.append([where[(dimension.parent, parent_group)], *members])
    return out


def complement(relations: list[list[int]], den, hidden) -> None:
    """Hide more cells until no sum has exactly one hidden member (in place)."""
    changed = True
    while changed:
        changed = False
        for members in relations:
            hidden_members = [m for m in members if hidden[m]]
            if len(hidden_members) != 1:
                continue
            shown = [m for m in members if not hidden[m]]
            if not shown:
                continue
            # The smallest shown cell costs the least information.
            pick = min(shown, key=lambda m: (den[m] == 0, den[m], m))
            hidden[pick] = True
            changed = True
