"""Bar charts drawn on the server as inline SVG, with the same figures as a table.

A chart here is a handful of ``<rect>`` and ``<text>`` elements: written by
hand they need no JavaScript, no library to keep up to date, and render the
same in the Wagtail admin, on a django CMS page or in a printed report.
Screen readers get a named image (``role="img"``, ``<title>``, ``<desc>``
saying what the chart shows and its highest bar) and, beside it, a table of
every figure, which is also what a sighted reader uses to read exact numbers.

The geometry is computed here and handed to the template as ready strings:
a template would localise decimals ("12,5" in French), which SVG does not
read.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

TEMPLATE = "acnm_mentoring/charts/bar_chart.html"

#: The drawing's width in SVG units; it scales to its container.
WIDTH = 480
FONT_SIZE = 14
#: Columns (vertical bars): room above for the values, below for two lines
#: of labels.
COLUMN_TOP = 22
COLUMN_PLOT = 160
COLUMN_LABELS = 38
#: Bars (horizontal): one row per bar; the labels' column fits the longest.
ROW = 28
BAR = 18
LABEL_CHARS = 24
CHAR_WIDTH = 8
VALUE_ROOM = 48


@dataclass(frozen=True)
class Bar:
    """One bar: ``label`` under or beside it, ``long_label`` in the table and
    the description when the label is short ("Mar" for "March 2026"),
    ``sublabel`` a second line under a column (the year)."""

    label: str
    value: int
    long_label: str = ""
    sublabel: str = ""

    @property
    def name(self):
        return self.long_label or self.label


def _n(number):
    """A coordinate as SVG reads it, whatever the language."""
    return f"{number:.1f}".removesuffix(".0")


def summary(bars, *, with_total=True):
    """One sentence for the chart's ``<desc>``: the highest bar and the total."""
    total = sum(bar.value for bar in bars)
    if not bars or total == 0:
        return _("Every figure is zero.")
    highest = max(bar.value for bar in bars)
    names = ", ".join(str(bar.name) for bar in bars if bar.value == highest)
    values = {
        "names": names,
        "value": number_format(highest),
        "total": number_format(total),
    }
    if with_total:
        return _("Highest: %(names)s, %(value)s. Total: %(total)s.") % values
    return _("Highest: %(names)s, %(value)s.") % values


def _columns(bars):
    scale = max([bar.value for bar in bars] + [1])
    slot = WIDTH / max(len(bars), 1)
    width = min(slot * 0.62, 48)
    baseline = COLUMN_TOP + COLUMN_PLOT
    shapes = []
    for index, bar in enumerate(bars):
        height = COLUMN_PLOT * bar.value / scale
        centre = slot * index + slot / 2
        shapes.append(
            {
                "bar": bar,
                "x": _n(centre - width / 2),
                "y": _n(baseline - height),
                "width": _n(width),
                "height": _n(height),
                "value_x": _n(centre),
                "value_y": _n(baseline - height - 6),
                "value_anchor": "middle",
                "label_x": _n(centre),
                "label_y": _n(baseline + FONT_SIZE + 5),
                "label_anchor": "middle",
                "sublabel_y": _n(baseline + 2 * FONT_SIZE + 9),
                "label": bar.label,
                "value": number_format(bar.value),
            }
        )
    return {
        "height": _n(baseline + COLUMN_LABELS),
        "baseline": {
            "x1": "0",
            "x2": _n(WIDTH),
            "y1": _n(baseline),
            "y2": _n(baseline),
        },
        "shapes": shapes,
    }


def _shorten(label):
    label = str(label)
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _bars(bars):
    scale = max([bar.value for bar in bars] + [1])
    longest = max([len(_shorten(bar.label)) for bar in bars] + [4])
    labels = longest * CHAR_WIDTH + 8
    start = labels + 8
    room = WIDTH - start - VALUE_ROOM
    shapes = []
    for index, bar in enumerate(bars):
        length = room * bar.value / scale
        middle = ROW * index + ROW / 2
        shapes.append(
            {
                "bar": bar,
                "x": _n(start),
                "y": _n(middle - BAR / 2),
                "width": _n(length),
                "height": _n(BAR),
                "value_x": _n(start + length + 6),
                "value_y": _n(middle + FONT_SIZE / 2 - 2),
                "value_anchor": "start",
                "label_x": _n(labels),
                "label_y": _n(middle + FONT_SIZE / 2 - 2),
                "label_anchor": "end",
                "label": _shorten(bar.label),
                "value": number_format(bar.value),
            }
        )
    height = ROW * len(bars)
    return {
        "height": _n(height),
        "baseline": {"x1": _n(start), "x2": _n(start), "y1": "0", "y2": _n(height)},
        "shapes": shapes,
    }


def bar_chart(
    *,
    chart_id,
    title,
    description,
    bars,
    label_heading,
    value_heading,
    horizontal=False,
    template_name=TEMPLATE,
):
    """The chart (a ``<figure>``: caption, SVG, table in a ``<details>``).

    ``chart_id`` must be unique on the page: the SVG's ``aria-labelledby``
    points at ids made from it. ``horizontal`` draws one row per bar, for
    long labels (fields); otherwise columns, for a series in time (months).
    ``label_heading`` and ``value_heading`` head the table's columns.
    """
    bars = list(bars)
    geometry = _bars(bars) if horizontal else _columns(bars)
    return render_to_string(
        template_name,
        {
            "chart_id": chart_id,
            "title": title,
            "description": description,
            "bars": bars,
            "label_heading": label_heading,
            "value_heading": value_heading,
            "horizontal": horizontal,
            "width": _n(WIDTH),
            "font_size": FONT_SIZE,
            **geometry,
        },
    )
