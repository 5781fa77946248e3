"""Small-cell suppression with complementary suppression, on the tidy table.

Primary: a cell whose denominator is below the threshold (but not zero) is hidden.
Complementary: within one measure, the groups of a dimension add up to the total (race flags
and barriers are yes/no/unknown; programs may overlap, which only makes this cautious). So
when exactly one group of a dimension is hidden and the total is shown, the next smallest
shown group is hidden too; when the total is hidden, a dimension with every group shown
hides its smallest one, or the total could be summed back. This repeats until nothing
changes. A hidden cell shows no numerator, denominator or value.
"""

from __future__ import annotations

import pandas as pd

DEFAULT_THRESHOLD = 10


def suppress(table: pd.DataFrame, threshold: int = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """A copy of the tidy table with ``suppressed`` set and hidden cells blanked."""
    out = table.copy()
    den = out["denominator"].fillna(0).astype(int)
    hidden = ((den > 0) & (den < threshold)).to_numpy().copy()
    for _, cells in out.groupby("measure", sort=False):
        _complement(cells, den, hidden, out.index)
    out["suppressed"] = hidden
    for column in ("numerator", "denominator"):
        out[column] = pd.array([None if h or pd.isna(v) else int(v)
                                for v, h in zip(out[column], hidden, strict=True)],
                               dtype="Int64")
    out["value"] = [None if h else v for v, h in zip(out["value"], hidden, strict=True)]
    return out


def _complement(cells: pd.DataFrame, den: pd.Series, hidden, index: pd.Index) -> None:
    position = {label: i for i, label in enumerate(index)}
    totals = [position[i] for i in cells.index[cells["dimension"] == "all"]]
    groups = {d: [position[i] for i in rows.index]
              for d, rows in cells[cells["dimension"] != "all"].groupby("dimension")}
    changed = True
    while changed:
        changed = False
        total_hidden = any(hidden[t] for t in totals)
        for members in groups.values():
            shown = [m for m in members if not hidden[m] and den.iloc[m] > 0]
            n_hidden = sum(1 for m in members if hidden[m])
            if not ((n_hidden == 1 and not total_hidden) or (total_hidden and n_hidden == 0)):
                continue
            if shown:
                hidden[min(shown, key=lambda m: den.iloc[m])] = True
                changed = True
            elif n_hidden == 1 and not total_hidden and totals:
                for t in totals:
                    hidden[t] = True
                changed = True
