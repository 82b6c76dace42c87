"""SVG charts: accessible, escaped, proportional, numbers in the reader's convention."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from tegak.core.charts import (
    Point,
    axis_scale,
    column_chart,
    format_number,
    horizontal_bar_chart,
    line_chart,
    nice_ceiling,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart) -> ET.Element:
    return ET.fromstring(str(chart.svg))


@pytest.mark.parametrize("draw", [column_chart, line_chart, horizontal_bar_chart])
def test_every_chart_is_an_image_named_by_its_title_and_description(draw):
    chart = draw(
        [Point("Jan", 3), Point("Feb", 5)],
        chart_id="per-month",
        title="Per month",
        value_label="Cases",
    )
    root = parse(chart)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "per-month-title per-month-desc"
    assert root.find(f"{SVG}title").text == "Per month"
    assert root.find(f"{SVG}title").get("id") == "per-month-title"
    description = root.find(f"{SVG}desc").text
    assert "Feb" in description and "5" in description  # the highest value is named
    assert chart.rows == [("Jan", "3"), ("Feb", "5")]


def test_no_style_attributes_so_the_strict_csp_allows_the_chart():
    chart = column_chart([Point("A", 1)], chart_id="c", title="t", value_label="v")
    assert "style=" not in str(chart.svg)


def test_labels_are_escaped():
    chart = horizontal_bar_chart(
        [Point("<script>alert(1)</script>", 2)], chart_id="x", title="<b>", value_label="v"
    )
    svg = str(chart.svg)
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg
    parse(chart)  # still well-formed XML


def test_horizontal_bars_are_proportional_to_their_values():
    chart = horizontal_bar_chart(
        [Point("A", 10), Point("B", 5), Point("C", 0)], chart_id="h", title="t", value_label="v"
    )
    widths = [float(rect.get("width")) for rect in parse(chart).iter(f"{SVG}rect")]
    assert widths[0] == pytest.approx(2 * widths[1])
    assert widths[2] == 0


def test_columns_rise_with_their_values_on_a_nice_axis():
    chart = column_chart([Point("a", 7), Point("b", 14)], chart_id="c", title="t", value_label="v")
    heights = [float(rect.get("height")) for rect in parse(chart).iter(f"{SVG}rect")]
    assert heights[1] == pytest.approx(2 * heights[0], abs=0.2)  # coordinates have 1 decimal
    axis_labels = [text.text for text in parse(chart).iter(f"{SVG}text")]
    assert axis_labels[:4] == ["0", "5", "10", "15"]  # 14 rounds up to 15, in steps of 5


def test_a_column_label_is_shortened_only_when_its_slot_is_too_narrow():
    """Seed walk: the level chart's fourth column read "Belum ditetap…" with room to spare."""
    levels = [Point(name, 1) for name in ("Ringan", "Sedang", "Berat", "Belum ditetapkan")]
    chart = column_chart(levels, chart_id="c", title="t", value_label="v")
    labels = [text.text for text in parse(chart).iter(f"{SVG}text")]
    assert "Belum ditetapkan" in labels
    # Twelve months slant and are cut at 14 characters; the data table keeps the whole label.
    months = [Point(f"Bulan yang sangat panjang {n}", n) for n in range(12)]
    labels = [
        text.text
        for text in parse(column_chart(months, chart_id="m", title="t", value_label="v")).iter(
            f"{SVG}text"
        )
    ]
    assert "Bulan yang sa…" in labels


def test_an_empty_chart_says_so_instead_of_drawing_nothing():
    chart = line_chart([], chart_id="e", title="t", value_label="v")
    assert chart.empty
    with translation.override("id"):
        chart = line_chart([], chart_id="e", title="t", value_label="v")
    assert "Belum ada data." in str(chart.svg)


def test_chart_id_must_be_a_slug():
    with pytest.raises(ValueError):
        column_chart([Point("a", 1)], chart_id='x" onload="', title="t", value_label="v")


@pytest.mark.parametrize(
    ("value", "ceiling"), [(0, 1), (0.3, 0.5), (1, 1), (7, 10), (14, 20), (101, 200), (4900, 5000)]
)
def test_nice_ceiling(value, ceiling):
    assert nice_ceiling(value) == pytest.approx(ceiling)


@pytest.mark.parametrize(
    ("highest", "scale"),
    [(0, (1, 1)), (3, (3, 1)), (14, (15, 5)), (21, (30, 10)), (65.3, (80, 20))],
)
def test_axis_scale_uses_round_steps(highest, scale):
    assert axis_scale(highest) == pytest.approx(scale)


def test_counts_have_whole_steps():
    assert axis_scale(1, whole=True) == (1, 1)
    assert axis_scale(1) == pytest.approx((1, 0.5))


def test_numbers_follow_the_readers_convention():
    with translation.override("id"):
        assert format_number(12345.5, 1) == "12.345,5"
    with translation.override("en"):
        assert format_number(12345.5, 1) == "12,345.5"


def test_the_day_bars_first_and_last_hours_are_not_cut_at_its_edges():
    """Seed replay: the attendance bar of the case page read ":00" on the left and "20:" on the
    right, each half outside the picture."""
    from tegak.core.charts import day_bar

    svg = ET.fromstring(str(day_bar(label="Jumat", work=(480, 960), breaks=[], marks=[])))
    hours = {text.text: text.get("text-anchor") for text in svg.iter(f"{SVG}text")}
    assert hours["05:00"] == "start" and hours["20:00"] == "end"
    assert hours["11:00"] == "middle"


def test_a_long_bar_label_is_shortened_to_fit_its_room_on_the_left():
    """Seed walk: "Dinas Pekerjaan Umum dan Penataan…" was drawn past the picture's left edge."""
    unit = "Dinas Pekerjaan Umum dan Penataan Ruang Kota Sukamaju"
    chart = horizontal_bar_chart([Point(unit, 1)], chart_id="u", title="t", value_label="v")
    label = next(text.text for text in parse(chart).iter(f"{SVG}text") if text.text.endswith("…"))
    assert len(label) <= 31 and unit.startswith(label[:-1])
