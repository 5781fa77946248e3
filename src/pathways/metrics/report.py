"""The standalone HTML report of a run: one file, inline styles and SVG, no scripts.

Made from the published (suppressed) table only. Every chart has its data table next to it,
equity gaps are listed first and marked in place, and withheld cells say so.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

import pandas as pd

from pathways.metrics.charts import Bar, bar_chart, format_value
from pathways.metrics.definitions import Measure
from pathways.metrics.derive import PROGRAM_TITLES
from pathways.metrics.dimensions import DIMENSIONS
from pathways.metrics.equity import Gap, gap_keys, gaps
from pathways.metrics.facts import Window

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;
line-height:1.45;background:#fff}
main{max-width:62rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2.2rem;border-top:1px solid #ccc;
padding-top:1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%;font-size:.92rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.lead{font-size:1.05rem}.meta{color:#555;font-size:.9rem}
.headline{font-size:1.25rem;font-weight:600}
.badge{display:inline-block;border:1px solid #555;border-radius:.6rem;padding:0 .45rem;
font-size:.8rem}
.badge-gap{border-color:#8a1c00;color:#8a1c00}.badge-hidden{border-color:#555;color:#555}
details{margin:.4rem 0}summary{cursor:pointer;font-weight:600}
.measure-chart{max-width:42rem;display:block}
.measure-chart .bar{fill:#2b5f8a}.measure-chart .bar-gap{fill:#b5451b}
.measure-chart .hatch-line{stroke:#888;stroke-width:2}
.measure-chart .bar-suppressed{stroke:#888}
.measure-chart text{font-size:12px;fill:#1b1b1b}
.measure-chart .chart-gap{font-weight:700;fill:#8a1c00}
.measure-chart .chart-total{stroke:#1b1b1b;stroke-dasharray:4 3}
@media (max-width:40rem){main{padding:.5rem}th,td{padding:.25rem}}
"""


def _group(dimension: str, group: str) -> str:
    return PROGRAM_TITLES.get(group, group) if dimension == "program" else group


def _day(day) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _cell(value, unit: str) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    return format_value(Decimal(str(value)), unit)


def _count(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{int(value):,}"


def _table(rows: pd.DataFrame, measure: Measure, title: str, found: dict) -> str:
    unit = measure.unit
    out = [f"<table><caption>{escape(title)}</caption><thead><tr><th scope=\"col\">Group</th>"
           "<th scope=\"col\" class=\"num\">Value</th>"
           + ("<th scope=\"col\" class=\"num\">Numerator</th>" if measure.kind == "rate" else "")
           + "<th scope=\"col\" class=\"num\">Denominator</th><th scope=\"col\">Note</th>"
           "</tr></thead><tbody>"]
    for r in rows.itertuples(index=False):
        note = ""
        if r.suppressed:
            note = '<span class="badge badge-hidden">suppressed</span>'
        elif (r.measure, r.dimension, r.group) in found:
            gap = found[(r.measure, r.dimension, r.group)]
            note = ('<span class="badge badge-gap">gap: '
                    + ("below" if gap.below else "above") + " total</span>")
        out.append(f'<tr><th scope="row">{escape(_group(r.dimension, r.group))}</th>'
                   f'<td class="num">{"—" if r.suppressed else _cell(r.value, unit)}</td>'
                   + (f'<td class="num">{_count(r.numerator)}</td>' if measure.kind == "rate"
                      else "")
                   + f'<td class="num">{_count(r.denominator)}</td><td>{note}</td></tr>')
    out.append("</tbody></table>")
    return "".join(out)


def bars(rows: pd.DataFrame, found: dict) -> list[Bar]:
    """Chart bars of one measure and dimension from published rows."""
    out = []
    for r in rows.itertuples(index=False):
        gap = found.get((r.measure, r.dimension, r.group))
        value = None if r.suppressed or r.value is None or pd.isna(r.value) else Decimal(
            str(r.value))
        out.append(Bar(_group(r.dimension, r.group), value, bool(r.suppressed),
                       "" if gap is None else ("below" if gap.below else "above"),
                       None if r.suppressed else int(r.denominator)))
    return out


def _gap_list(found: list[Gap], names: dict[str, Measure]) -> str:
    if not found:
        return "<p>No published group differs from its total by the gap thresholds.</p>"
    rows = sorted(found, key=lambda g: (not g.below, -g.size))[:40]
    out = ["<table><caption>Largest gaps (rates: 5 points or more; medians: 10% or more)"
           "</caption><thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">Dimension</th>"
           "<th scope=\"col\">Group</th><th scope=\"col\" class=\"num\">Group value</th>"
           "<th scope=\"col\" class=\"num\">Total</th></tr></thead><tbody>"]
    for g in rows:
        m = names[g.measure]
        dim = DIMENSIONS[g.dimension].title if g.dimension in DIMENSIONS else g.dimension
        out.append(f"<tr><td>{escape(m.short_name or m.name)}</td><td>{escape(dim)}</td>"
                   f'<th scope="row">{escape(_group(g.dimension, g.group))}</th>'
                   f'<td class="num">{format_value(g.value, m.unit)}</td>'
                   f'<td class="num">{format_value(g.total, m.unit)}</td></tr>')
    out.append("</tbody></table>")
    return "".join(out)


def render(table: pd.DataFrame, measures: list[Measure], window: Window, *, title: str,
           threshold: int, facts: list[str], skipped: dict[str, str] | None = None) -> str:
    """The report's HTML text."""
    units = {m.id: m.unit for m in measures}
    names = {m.id: m for m in measures}
    found_list = gaps(table, units)
    found = gap_keys(found_list)
    parts = ["<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{escape(title)}</title><style>{STYLE}</style></head><body><main>",
             f"<h1>{escape(title)}</h1>",
             f'<p class="lead">Exits from {_day(window.start)} to {_day(window.end)} '
             f"(skill gains: the program years they overlap), as of "
             f"{_day(window.as_of)}.</p>",
             '<ul class="meta">' + "".join(f"<li>{escape(f)}</li>" for f in facts) + "</ul>",
             "<nav aria-label=\"Measures\"><h2>Measures</h2><ul>"]
    parts += [f'<li><a href="#m-{m.id}">{escape(m.name)}</a></li>' for m in measures]
    parts.append("</ul></nav>")
    if skipped:
        parts.append("<p>Not computed: " + "; ".join(
            f"{escape(k)} ({escape(v)})" for k, v in skipped.items()) + ".</p>")
    parts.append('<section aria-labelledby="gaps"><h2 id="gaps">Equity gaps</h2>')
    parts.append(_gap_list(found_list, names) + "</section>")
    for m in measures:
        rows = table[table["measure"] == m.id]
        total = rows[rows["dimension"] == "all"]
        headline = "—"
        total_value = None
        if len(total):
            t = total.iloc[0]
            if t.suppressed:
                headline = "suppressed"
            elif t.value is not None and not pd.isna(t.value):
                total_value = Decimal(str(t.value))
                headline = (f"{format_value(total_value, m.unit)} "
                            f"(of {int(t.denominator):,})")
        parts.append(f'<section aria-labelledby="m-{m.id}"><h2 id="m-{m.id}">'
                     f'{escape(m.name)}</h2><p>{escape(m.description)}</p>'
                     f'<p class="headline">All: {escape(headline)}</p>'
                     f'<p class="meta">Measure id <code>{m.id}</code>; source: '
                     f"{escape(m.source)}</p>")
        for dimension in dict.fromkeys(rows["dimension"]):
            if dimension == "all":
                continue
            part = rows[rows["dimension"] == dimension]
            label = DIMENSIONS[dimension].title if dimension in DIMENSIONS else dimension
            chart = bar_chart(bars(part, found), title=f"{m.name} by {label.lower()}",
                              unit=m.unit, total=total_value, chart_id=f"c-{m.id}-{dimension}")
            parts.append(f"<details><summary>By {escape(label.lower())}</summary>{chart}"
                         + _table(part, m, f"{m.name} by {label.lower()}", found)
                         + "</details>")
        parts.append("</section>")
    parts.append(f'<footer class="meta"><p>Cells with a denominator under {threshold} are '
                 "suppressed, with further cells suppressed so that none can be recovered "
                 "from totals or other cells. Made by Pathways.</p></footer></main></body>"
                 "</html>")
    return "".join(parts)
