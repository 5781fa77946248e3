"""Small-cell suppression with complementary suppression, on the tidy table.

Primary: a cell whose denominator is below the threshold (but not zero) is hidden.
Complementary: within one measure the published cells are tied by sums. The groups of every
dimension add up to the total; each exit program year is the sum of its exit quarters; the
"older individuals" groups are sums of age bands. (Programs may overlap through co-enrolment;
treating them as a sum only makes this cautious.) A hidden cell can be recovered exactly when
one of those sums has it as its only hidden member, so while any sum has exactly one hidden
member, its smallest shown member is hidden too. The sums form a tree hanging from the total
(the quarter and age-band sums are implied by the others), and on a tree this rule finds
every cell that linear algebra could recover. One dimension is not on the tree: a pathway's
steps add up to their pathway and to their level, a two-way table with both margins
published. There a hidden step can be recovered even when every sum has two hidden
members, so that block is checked by linear algebra itself (it is small: pathways times
levels) and more steps are hidden until none can be worked out. A hidden cell shows no
numerator, denominator or value.
"""

from __future__ import annotations

import numpy as np
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
        relations = sums(cells)
        complement(relations, den, hidden)
        while complement_crossed(cells, den, hidden):
            complement(relations, den, hidden)
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
        if dimension is None:
            continue
        parents = [*([(dimension.parent, dimension.parent_group)]
                     if dimension.parent and dimension.parent_group else []), *dimension.also]
        for parent, group_of in parents:
            if parent not in by_dimension:
                continue
            parts: dict[str, list[int]] = {}
            for group, i in groups:
                parts.setdefault(group_of(group), []).append(i)
            for parent_group, members in parts.items():
                if (parent, parent_group) in where:
                    out.append([where[(parent, parent_group)], *members])
    return out


def crossed(cells: pd.DataFrame) -> list[tuple[list[int], list[list[int]]]]:
    """For each dimension whose groups add up to two others (a pathway's steps make both
    its pathway and its level): its cells, and each published cell as the list of those
    cells it is the sum of (a cell itself, a pathway, a level)."""
    out = []
    present = set(cells["dimension"])
    for name in present:
        dimension = DIMENSIONS.get(name)
        if dimension is None or not dimension.also:
            continue
        rows = cells[cells["dimension"] == name]
        atoms = list(rows.index)
        group_at = dict(zip(rows["group"], atoms, strict=True))
        sums_of: list[list[int]] = [[i] for i in atoms]
        parents = [(dimension.parent, dimension.parent_group), *dimension.also]
        for parent, group_of in parents:
            if parent not in present or group_of is None:
                continue
            for i, group in zip(cells.index, cells["group"], strict=True):
                if cells.at[i, "dimension"] != parent:
                    continue
                members = [group_at[g] for g in group_at if group_of(g) == group]
                if members:
                    sums_of.append([i, *members])
        out.append((atoms, sums_of))
    return out


def _recoverable(atoms: list[int], sums_of: list[list[int]], hidden) -> list[int]:
    """Hidden cells of a two-way block that the shown ones give away exactly (the total
    counted as shown, which only hides more): linear algebra over the block's cells."""
    column = {a: k for k, a in enumerate(atoms)}
    vectors: dict[int, np.ndarray] = {}
    for members in sums_of:
        cell, parts = members[0], members[1:] or members[:1]
        v = np.zeros(len(atoms))
        for a in parts:
            v[column[a]] = 1
        vectors[cell] = v
    shown = [vectors[c] for c in vectors if not hidden[c]] + [np.ones(len(atoms))]
    base = np.array(shown)
    rank = np.linalg.matrix_rank(base)
    return [c for c in vectors if hidden[c]
            and np.linalg.matrix_rank(np.vstack([base, vectors[c]])) == rank]


def complement_crossed(cells: pd.DataFrame, den, hidden) -> bool:
    """Hide steps until no hidden cell of a two-way block can be worked out; True when
    anything more was hidden (the sums must then be checked again)."""
    more = False
    for atoms, sums_of in crossed(cells):
        members_of = {m[0]: m[1:] or m[:1] for m in sums_of}
        while found := _recoverable(atoms, sums_of, hidden):
            # Hide the smallest shown step that shares a sum with the exposed cell.
            cell = found[0]
            near = {a for m in sums_of if set(members_of[cell]) & set(m[1:] or m[:1])
                    for a in (m[1:] or m[:1])}
            shown = [a for a in near if not hidden[a]] or [a for a in atoms if not hidden[a]]
            if not shown:
                break
            hidden[min(shown, key=lambda m: (den[m] == 0, den[m], m))] = True
            more = True
    return more


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
