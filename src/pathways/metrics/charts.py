"""Server-rendered SVG bar charts for one measure across the groups of one dimension.

Horizontal bars (long group names fit, and a phone shows them whole), one per group, with
the total drawn as a dashed line. A suppressed group gets an empty, hatched bar saying so;
an equity gap is marked with a text label, not by colour alone. The SVG has a title and a
description for screen readers and scales to its container (no fixed pixel width); styles
come from class names (``reports.css`` on the site, inline in the standalone report).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

ROW = 26
LABEL_WIDTH = 210
BAR_WIDTH = 330
WIDTH = LABEL_WIDTH + BAR_WIDTH + 110
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None
    suppressed: bool = False
    gap: str = ""  # "below" or "above" when the group is an equity gap
    denominator: int | None = None


def format_value(value: Decimal | None, unit: str, days: str = "days") -> str:
    """A rate as a percentage with one decimal; dollars with cents and thousands commas;
    days as a whole or half number followed by ``days`` (the word, in the page's
    language)."""
    if value is None:
        return "—"
    if unit == "dollars":
        return f"${value:,.2f}"
    if unit == "days":
        return f"{Decimal(value).normalize():,f} {days}"
    return f"{Decimal(value) * 100:.1f}%"


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(bars: list[Bar], *, title: str, unit: str, total: Decimal | None,
              chart_id: str, texts: dict[str, str] | None = None) -> str:
    """The SVG markup (safe to embed in HTML) of one chart."""
    words = {"suppressed": "suppressed", "gap_below": "gap: below total",
             "gap_above": "gap: above total", "all": "all", "days": "days", **(texts or {})}
    values = [b.value for b in bars if b.value is not None]
    if total is not None:
        values.append(total)
    # Rates run from 0 to 100%; dollars and days from 0 to the largest value shown.
    scale_max = max([Decimal(1), *(abs(v) for v in values)]) if unit in {"dollars", "days"} \
        else Decimal(1)
    has_negative = any(v < 0 for v in values)
    zero_x = LABEL_WIDTH + (BAR_WIDTH // 2 if has_negative else 0)
    span = BAR_WIDTH // 2 if has_negative else BAR_WIDTH
    height = TOP * 2 + ROW * len(bars) + 18

    def x_of(value: Decimal) -> float:
        return zero_x + float(value / scale_max) * span

    parts = [f'<svg class="measure-chart" role="img" viewBox="0 0 {WIDTH} {height}" '
             f'width="100%" preserveAspectRatio="xMinYMin meet" '
             f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{chart_id}-title">{escape(title)}</title>']
    described = [f"{b.label}: " + (words["suppressed"] if b.suppressed else
                                   format_value(b.value, unit, words["days"])) for b in bars]
    parts.append(f'<desc id="{chart_id}-desc">{escape("; ".join(described))}</desc>')
    parts.append('<defs><pattern id="' + chart_id + '-hatch" width="6" height="6" '
                 'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
                 '<line x1="0" y1="0" x2="0" y2="6" class="hatch-line"/></pattern></defs>')
    for i, bar in enumerate(bars):
        y = TOP + i * ROW
        parts.append(f'<text class="chart-label" x="{LABEL_WIDTH - 8}" y="{y + 16}" '
                     f'text-anchor="end">{escape(_short(bar.label))}</text>')
        if bar.suppressed or bar.value is None:
            parts.append(f'<rect class="bar-suppressed" x="{zero_x}" y="{y + 4}" '
                         f'width="{span // 3}" height="{ROW - 8}" '
                         f'fill="url(#{chart_id}-hatch)"/>')
            parts.append(f'<text class="chart-value" x="{zero_x + span // 3 + 6}" '
                         f'y="{y + 16}">{escape(words["suppressed"])}</text>')
            continue
        end = x_of(bar.value)
        left, width = min(zero_x, end), abs(end - zero_x)
        css = "bar bar-gap" if bar.gap else "bar"
        parts.append(f'<rect class="{css}" x="{left:.1f}" y="{y + 4}" width="{width:.1f}" '
                     f'height="{ROW - 8}"/>')
        note = format_value(bar.value, unit, words["days"])
        if bar.gap:
            note += " · " + words["gap_below" if bar.gap == "below" else "gap_above"]
        parts.append(f'<text class="chart-value{" chart-gap" if bar.gap else ""}" '
                     f'x="{max(end, zero_x) + 6:.1f}" y="{y + 16}">{escape(note)}</text>')
    if total is not None:
        x = x_of(total)
        bottom = TOP + ROW * len(bars)
        parts.append(f'<line class="chart-total" x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" '
                     f'y2="{bottom}"/>')
        parts.append(f'<text class="chart-total-label" x="{x:.1f}" y="{bottom + 14}" '
                     f'text-anchor="middle">{escape(words["all"])} '
                     f'{escape(format_value(total, unit, words["days"]))}</text>')
    parts.append("</svg>")
    return "".join(parts)
