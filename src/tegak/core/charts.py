"""The one chart module: small SVG charts drawn on the server — no JavaScript, no library,
nothing from the internet (ADR 0140). Used by the public statistics (`portal`) and the
attendance pages.

Each chart is an accessible image (`role="img"` with `<title>` and `<desc>`); the pages show
the same numbers as a table next to it. Only SVG presentation attributes are used (never
`style=`), so the strict CSP allows them.

- One series of labelled values (`Point`s) → a `Chart` carrying its data for the table:
  `horizontal_bar_chart`, `column_chart`, `line_chart`.
- Several series over shared labels (attendance per unit and per month) → SVG markup:
  `grouped_bar_chart`, `series_line_chart`; and `day_bar`, one working day's check-ins.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypedDict, Unpack

from django.utils.formats import number_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

INK = "#1b1f24"
MUTED = "#57606a"
GRID = "#d0d7de"
BAR = "#0b5394"
WIDTH = 720
FONT = 'font-family="DejaVu Sans, sans-serif"'


@dataclass(frozen=True)
class Point:
    """One labelled value of a chart."""

    label: str
    value: float


@dataclass(frozen=True)
class Chart:
    """A drawn chart and the data behind it (for the table fallback)."""

    chart_id: str
    title: str
    description: str
    value_label: str
    points: tuple[Point, ...]
    svg: SafeString = field(repr=False)
    decimals: int = 0

    @property
    def empty(self) -> bool:
        return not self.points

    @property
    def rows(self) -> list[tuple[str, str]]:
        """Label and formatted value of each point, for the table fallback."""
        return [(point.label, format_number(point.value, self.decimals)) for point in self.points]


def format_number(value: float, decimals: int = 0) -> str:
    """A number in the reader's convention (1.234,5 in Indonesian, 1,234.5 in English)."""
    if decimals == 0:
        return number_format(round(value), use_l10n=True, force_grouping=True)
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten that is at least `value` (axis top)."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value:
            return float(candidate)
    return float(10 ** (exponent + 1))  # pragma: no cover - the loop always returns


def _describe(points: Sequence[Point], value_label: str, decimals: int) -> str:
    if not points:
        return _("No data yet.")
    highest = max(points, key=lambda point: point.value)
    total = sum(point.value for point in points)
    return _("%(count)s values of %(what)s; highest: %(label)s (%(value)s); total %(total)s.") % {
        "count": format_number(len(points)),
        "what": value_label,
        "label": highest.label,
        "value": format_number(highest.value, decimals),
        "total": format_number(total, decimals),
    }


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _open_svg(chart_id: str, title: str, description: str, height: int) -> list[str]:
    if not re.fullmatch(r"[a-z][a-z0-9-]*", chart_id):
        raise ValueError(f"chart_id must be a lowercase slug, not {chart_id!r}")
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT} font-size="13">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def _empty_svg(chart_id: str, title: str, description: str) -> SafeString:
    parts = _open_svg(chart_id, title, description, 60)
    parts.append(f'<text x="10" y="35" fill="{MUTED}">{escape(_("No data yet."))}</text></svg>')
    return _safe(parts)


def _empty_chart(chart_id: str, title: str, description: str, value_label: str) -> Chart:
    return Chart(
        chart_id, title, description, value_label, (), _empty_svg(chart_id, title, description)
    )


def _safe(parts: list[str]) -> SafeString:
    """Join the SVG: every text and attribute value in `parts` was escaped when added."""
    return mark_safe("".join(parts))  # noqa: S308


def horizontal_bar_chart(
    points: Sequence[Point],
    *,
    chart_id: str,
    title: str,
    value_label: str,
    description: str | None = None,
    decimals: int = 0,
    label_chars: int = 31,
) -> Chart:
    """Bars from left to right, one row per label: for long labels (units, provisions)."""
    points = tuple(points)
    description = description or _describe(points, value_label, decimals)
    if not points:
        return _empty_chart(chart_id, title, description, value_label)
    # 260 px hold 31 characters of 13 px type (about 8 px each at most, wide letters included):
    # the seed walk's "Dinas Pekerjaan Umum dan Penataan…" lost its first letter at 34.
    row, top, label_width, value_width = 28, 8, 260, 80
    height = top * 2 + row * len(points)
    scale_top = max(point.value for point in points) or 1
    bar_room = WIDTH - label_width - value_width
    parts = _open_svg(chart_id, title, description, height)
    for index, point in enumerate(points):
        y = top + index * row
        length = bar_room * (point.value / scale_top)
        label = escape(point.label)
        value = escape(format_number(point.value, decimals))
        parts.append(
            f"<g><title>{label}: {value}</title>"
            f'<text x="{label_width - 8}" y="{y + 18}" text-anchor="end" fill="{INK}">'
            f"{escape(_shorten(point.label, label_chars))}</text>"
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{BAR}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 18}" fill="{INK}">{value}</text></g>'
        )
    parts.append("</svg>")
    return Chart(chart_id, title, description, value_label, points, _safe(parts), decimals)


def axis_scale(highest: float, *, whole: bool = False) -> tuple[float, float]:
    """The axis top and the step between grid lines: round steps (1, 2 or 5 times 10^k);
    at least 1 when the values are whole numbers (counts)."""
    step = nice_ceiling(highest / 4) if highest > 0 else 1.0
    if whole:
        step = max(step, 1.0)
    return step * max(math.ceil(highest / step - 1e-9), 1), step


def _axes(
    parts: list[str], *, left: int, top: int, plot_height: int, scale: tuple[float, float]
) -> None:
    scale_top, step = scale
    ticks = round(scale_top / step)
    for tick in range(ticks + 1):
        value = step * tick
        y = top + plot_height - plot_height * value / scale_top
        decimals = 0 if float(value).is_integer() else 1
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - 10}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">'
            f"{escape(format_number(value, decimals))}</text>"
        )


def _x_label(
    parts: list[str], x: float, y: float, label: str, rotate: bool, slot: float = 0
) -> None:
    # Upright labels get the room of their slot (about 7 px a character at 13 px type);
    # slanted ones 14 characters.
    limit = 14 if rotate else max(14, int(slot // 7))
    if rotate:
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="end" fill="{INK}" '
            f'transform="rotate(-40 {x:.1f} {y:.1f})">{escape(_shorten(label, 14))}</text>'
        )
    else:
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" fill="{INK}">'
            f"{escape(_shorten(label, limit))}</text>"
        )


class _Titles(TypedDict):
    chart_id: str
    title: str
    value_label: str


class ChartOptions(_Titles, total=False):
    """What `column_chart` and `line_chart` take besides the points."""

    description: str | None
    decimals: int


def column_chart(points: Sequence[Point], **options: Unpack[ChartOptions]) -> Chart:
    """Upright columns in order (months, levels): the count of each."""
    return _xy_chart(points, line=False, **options)


def line_chart(points: Sequence[Point], **options: Unpack[ChartOptions]) -> Chart:
    """A line through the values in order (a trend by month)."""
    return _xy_chart(points, line=True, **options)


def _xy_chart(
    points: Sequence[Point],
    *,
    chart_id: str,
    title: str,
    value_label: str,
    description: str | None = None,
    decimals: int = 0,
    line: bool,
) -> Chart:
    points = tuple(points)
    description = description or _describe(points, value_label, decimals)
    if not points:
        return _empty_chart(chart_id, title, description, value_label)
    rotate = len(points) > 6
    left, top, right = 56, 12, 10
    plot_height = 200
    bottom = 80 if rotate else 30
    height = top + plot_height + bottom
    scale = axis_scale(max(point.value for point in points), whole=decimals == 0)
    scale_top = scale[0]
    slot = (WIDTH - left - right) / len(points)
    parts = _open_svg(chart_id, title, description, height)
    _axes(parts, left=left, top=top, plot_height=plot_height, scale=scale)
    baseline = top + plot_height
    coordinates: list[tuple[float, float]] = []
    for index, point in enumerate(points):
        centre = left + slot * index + slot / 2
        y = baseline - plot_height * (point.value / scale_top)
        coordinates.append((centre, y))
        label = escape(point.label)
        value = escape(format_number(point.value, decimals))
        if line:
            parts.append(
                f"<g><title>{label}: {value}</title>"
                f'<circle cx="{centre:.1f}" cy="{y:.1f}" r="4" fill="{BAR}"/></g>'
            )
        else:
            bar_width = max(min(slot * 0.7, 48), 2)
            parts.append(
                f"<g><title>{label}: {value}</title>"
                f'<rect x="{centre - bar_width / 2:.1f}" y="{y:.1f}" width="{bar_width:.1f}" '
                f'height="{baseline - y:.1f}" fill="{BAR}"/></g>'
            )
        _x_label(
            parts,
            centre + (4 if rotate else 0),
            baseline + (16 if not rotate else 14),
            point.label,
            rotate,
            slot,
        )
    if line and len(coordinates) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{BAR}" stroke-width="2"/>')
    parts.append(
        f'<line x1="{left}" y1="{baseline}" x2="{WIDTH - right}" y2="{baseline}" stroke="{INK}"/>'
    )
    parts.append("</svg>")
    return Chart(chart_id, title, description, value_label, points, _safe(parts), decimals)


# --- several series over shared labels (attendance) ----------------------------------------

SERIES_WIDTH = 640
SERIES_HEIGHT = 220
SERIES_MARGIN_LEFT = 44
SERIES_MARGIN_BOTTOM = 40
SERIES_MARGIN_TOP = 16
SERIES_COLOURS = ("#b42318", "#1f6feb", "#9a6700", "#1a7f37")


def _series_top(value: float) -> float:
    if value <= 0:
        return 1.0
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 4:
            return float(step * 4)
    return float(value)


def _series_axis(maximum: float) -> SafeString:
    plot_height = SERIES_HEIGHT - SERIES_MARGIN_TOP - SERIES_MARGIN_BOTTOM
    ticks = [maximum * index / 4 for index in range(5)]
    return format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d0d7de" stroke-width="1"/>'
        '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#57606a">{}</text>',
        (
            (
                SERIES_MARGIN_LEFT,
                SERIES_WIDTH,
                y,
                y,
                SERIES_MARGIN_LEFT - 6,
                y + 4,
                f"{tick:g}",
            )
            for tick in ticks
            for y in [round(SERIES_MARGIN_TOP + plot_height - plot_height * tick / maximum, 1)]
        ),
    )


def grouped_bar_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    title: str,
    description: str,
    chart_id: str = "chart",
) -> SafeString:
    """Grouped bars: one group per label, one bar per series."""
    maximum = _series_top(max((value for _, values in series for value in values), default=0))
    plot_width = SERIES_WIDTH - SERIES_MARGIN_LEFT
    plot_height = SERIES_HEIGHT - SERIES_MARGIN_TOP - SERIES_MARGIN_BOTTOM
    group = plot_width / max(len(labels), 1)
    bar = max(group * 0.8 / max(len(series), 1), 1)
    rects = []
    for index, label in enumerate(labels):
        for number, (name, values) in enumerate(series):
            value = values[index]
            height = plot_height * value / maximum
            rects.append(
                (
                    round(SERIES_MARGIN_LEFT + index * group + group * 0.1 + number * bar, 1),
                    round(SERIES_MARGIN_TOP + plot_height - height, 1),
                    round(bar - 1, 1),
                    round(height, 1),
                    SERIES_COLOURS[number % len(SERIES_COLOURS)],
                    f"{label} — {name}: {value:g}",
                )
            )
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>',
        rects,
    )
    captions = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#24292f">{}</text>',
        (
            (
                round(SERIES_MARGIN_LEFT + index * group + group / 2, 1),
                SERIES_HEIGHT - SERIES_MARGIN_BOTTOM + 16,
                label,
            )
            for index, label in enumerate(labels)
        ),
    )
    return _series_frame(
        title,
        description,
        _series_axis(maximum) + bars + captions + _series_legend(series),
        chart_id,
    )


def series_line_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    title: str,
    description: str,
    chart_id: str = "chart",
) -> SafeString:
    """Lines over the labels (months), one per series, with a dot on each value."""
    maximum = _series_top(max((value for _, values in series for value in values), default=0))
    plot_width = SERIES_WIDTH - SERIES_MARGIN_LEFT - 12
    plot_height = SERIES_HEIGHT - SERIES_MARGIN_TOP - SERIES_MARGIN_BOTTOM
    step = plot_width / max(len(labels) - 1, 1)

    def point(index: int, value: float) -> tuple[float, float]:
        return (
            round(SERIES_MARGIN_LEFT + 6 + index * step, 1),
            round(SERIES_MARGIN_TOP + plot_height - plot_height * value / maximum, 1),
        )

    parts = []
    for number, (name, values) in enumerate(series):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        points = " ".join(f"{x},{y}" for x, y in (point(i, v) for i, v in enumerate(values)))
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>', points, colour
            )
        )
        parts.append(
            format_html_join(
                "",
                '<circle cx="{}" cy="{}" r="3" fill="{}"><title>{}</title></circle>',
                (
                    (*point(i, value), colour, f"{labels[i]} — {name}: {value:g}")
                    for i, value in enumerate(values)
                ),
            )
        )
    captions = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#24292f">{}</text>',
        (
            (point(i, 0)[0], SERIES_HEIGHT - SERIES_MARGIN_BOTTOM + 16, label)
            for i, label in enumerate(labels)
        ),
    )
    body = _series_axis(maximum) + SafeString("".join(parts)) + captions + _series_legend(series)
    return _series_frame(title, description, body, chart_id)


def _series_legend(series: Sequence[tuple[str, Sequence[float]]]) -> SafeString:
    return format_html_join(
        "",
        '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>'
        '<text x="{}" y="{}" font-size="11" fill="#24292f">{}</text>',
        (
            (
                SERIES_MARGIN_LEFT + number * 200,
                SERIES_HEIGHT - 14,
                SERIES_COLOURS[number % len(SERIES_COLOURS)],
                SERIES_MARGIN_LEFT + number * 200 + 14,
                SERIES_HEIGHT - 5,
                name,
            )
            for number, (name, _) in enumerate(series)
        ),
    )


def _series_frame(title: str, description: str, body: SafeString, chart_id: str) -> SafeString:
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title><desc>{}</desc>'
        "{}</svg>",
        SERIES_WIDTH,
        SERIES_HEIGHT,
        chart_id,
        chart_id,
        title,
        description,
        body,
    )


DAY_FROM = 5 * 60  # the bar runs from 05:00 …
DAY_TO = 20 * 60  # … to 20:00 local time
DAY_WIDTH = 600
DAY_HEIGHT = 46


def _minute_x(minute: float) -> float:
    clamped = min(max(minute, DAY_FROM), DAY_TO)
    return round((clamped - DAY_FROM) / (DAY_TO - DAY_FROM) * DAY_WIDTH, 1)


def day_bar(
    *,
    label: str,
    work: tuple[int, int] | None,
    breaks: Sequence[tuple[int, int]],
    marks: Sequence[tuple[int, str, str]],
) -> SafeString:
    """One day from 05:00 to 20:00: working hours shaded, breaks lighter, and marks (minute of
    the day, kind `check_in` or `evidence`, text) drawn as ticks with their own titles."""
    parts = [
        format_html(
            '<rect x="0" y="14" width="{}" height="18" fill="#f6f8fa" stroke="#d0d7de"/>',
            DAY_WIDTH,
        )
    ]
    if work is not None:
        parts.append(
            format_html(
                '<rect x="{}" y="14" width="{}" height="18" fill="#ddf4ff"/>',
                _minute_x(work[0]),
                round(_minute_x(work[1]) - _minute_x(work[0]), 1),
            )
        )
    for start, end in breaks:
        parts.append(
            format_html(
                '<rect x="{}" y="14" width="{}" height="18" fill="#fff8c5"/>',
                _minute_x(start),
                round(_minute_x(end) - _minute_x(start), 1),
            )
        )
    for hour in range(DAY_FROM // 60, DAY_TO // 60 + 1, 3):
        # The first and last hours sit on the bar's edges: anchored inwards, not cut in half.
        minute = hour * 60
        anchor = "start" if minute == DAY_FROM else "end" if minute == DAY_TO else "middle"
        parts.append(
            format_html(
                '<text x="{}" y="44" font-size="9" text-anchor="{}" fill="#57606a">{}</text>',
                _minute_x(minute),
                anchor,
                f"{hour:02d}:00",
            )
        )
    for minute, kind, text in marks:
        colour = "#1a7f37" if kind == "check_in" else "#b42318"
        top = 8 if kind == "check_in" else 10
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="36" stroke="{}" stroke-width="3">'
                "<title>{}</title></line>",
                _minute_x(minute),
                _minute_x(minute),
                top,
                colour,
                text,
            )
        )
    return format_html(
        '<svg class="day-bar" viewBox="0 0 {} {}" role="img" aria-label="{}" '
        'xmlns="http://www.w3.org/2000/svg">{}</svg>',
        DAY_WIDTH,
        DAY_HEIGHT + 4,
        label,
        SafeString("".join(parts)),
    )
