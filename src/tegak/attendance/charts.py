"""Small SVG charts drawn on the server: no script, no internet, readable by screen readers
(each has a `<title>` and a `<desc>`; the pages also show the numbers as a table)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 640
HEIGHT = 220
MARGIN_LEFT = 44
MARGIN_BOTTOM = 40
MARGIN_TOP = 16
COLOURS = ("#b42318", "#1f6feb", "#9a6700", "#1a7f37")


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 4:
            return float(step * 4)
    return float(value)


def _axis(maximum: float) -> SafeString:
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    ticks = [maximum * index / 4 for index in range(5)]
    return format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d0d7de" stroke-width="1"/>'
        '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#57606a">{}</text>',
        (
            (
                MARGIN_LEFT,
                WIDTH,
                y,
                y,
                MARGIN_LEFT - 6,
                y + 4,
                f"{tick:g}",
            )
            for tick in ticks
            for y in [round(MARGIN_TOP + plot_height - plot_height * tick / maximum, 1)]
        ),
    )


def bar_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    title: str,
    description: str,
    chart_id: str = "chart",
) -> SafeString:
    """Grouped bars: one group per label, one bar per series."""
    maximum = _nice_max(max((value for _, values in series for value in values), default=0))
    plot_width = WIDTH - MARGIN_LEFT
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    group = plot_width / max(len(labels), 1)
    bar = max(group * 0.8 / max(len(series), 1), 1)
    rects = []
    for index, label in enumerate(labels):
        for number, (name, values) in enumerate(series):
            value = values[index]
            height = plot_height * value / maximum
            rects.append(
                (
                    round(MARGIN_LEFT + index * group + group * 0.1 + number * bar, 1),
                    round(MARGIN_TOP + plot_height - height, 1),
                    round(bar - 1, 1),
                    round(height, 1),
                    COLOURS[number % len(COLOURS)],
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
            (round(MARGIN_LEFT + index * group + group / 2, 1), HEIGHT - MARGIN_BOTTOM + 16, label)
            for index, label in enumerate(labels)
        ),
    )
    return _frame(title, description, _axis(maximum) + bars + captions + _legend(series), chart_id)


def line_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    title: str,
    description: str,
    chart_id: str = "chart",
) -> SafeString:
    """Lines over the labels (months), one per series, with a dot on each value."""
    maximum = _nice_max(max((value for _, values in series for value in values), default=0))
    plot_width = WIDTH - MARGIN_LEFT - 12
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    step = plot_width / max(len(labels) - 1, 1)

    def point(index: int, value: float) -> tuple[float, float]:
        return (
            round(MARGIN_LEFT + 6 + index * step, 1),
            round(MARGIN_TOP + plot_height - plot_height * value / maximum, 1),
        )

    parts = []
    for number, (name, values) in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
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
        ((point(i, 0)[0], HEIGHT - MARGIN_BOTTOM + 16, label) for i, label in enumerate(labels)),
    )
    body = _axis(maximum) + SafeString("".join(parts)) + captions + _legend(series)
    return _frame(title, description, body, chart_id)


def _legend(series: Sequence[tuple[str, Sequence[float]]]) -> SafeString:
    return format_html_join(
        "",
        '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>'
        '<text x="{}" y="{}" font-size="11" fill="#24292f">{}</text>',
        (
            (
                MARGIN_LEFT + number * 200,
                HEIGHT - 14,
                COLOURS[number % len(COLOURS)],
                MARGIN_LEFT + number * 200 + 14,
                HEIGHT - 5,
                name,
            )
            for number, (name, _) in enumerate(series)
        ),
    )


def _frame(title: str, description: str, body: SafeString, chart_id: str) -> SafeString:
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title><desc>{}</desc>'
        "{}</svg>",
        WIDTH,
        HEIGHT,
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
        parts.append(
            format_html(
                '<text x="{}" y="44" font-size="9" text-anchor="middle" fill="#57606a">{}</text>',
                _minute_x(hour * 60),
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
