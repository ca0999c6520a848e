"""An indicator's course by year (planck.render.series) drawn as a small PNG, for the Word
report.

Every text inside the picture is digits and Latin (years, numbers, a Latin legend), drawn with
matplotlib's bundled font, so no system font is needed and nothing Chinese can come out as
boxes: the caption in words goes under the picture, in the document. matplotlib is imported
only when the first chart is drawn, with the Agg backend; nothing is written to disk.
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING, Any

from planck.render.series import ChartRow, Tag

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# 14 cm by 5.6 cm at 150 dpi: sharp on paper, a few dozen kB each.
WIDTH_CM = 14.0
HEIGHT_CM = 5.6
DPI = 150
_INCH = 2.54

LEGEND = {
    "actual": "reported",
    "path": "needed path",
    "target": "target",
    "projected": "projected",
}


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def drawable(rows: list[ChartRow]) -> bool:
    """A chart says something when at least one value by year is known."""
    return any(_finite(row.actual) is not None for row in rows)


class ChartDrawer:
    """Draws charts one after another on the same figure (making a figure costs more than
    drawing on it)."""

    def __init__(self) -> None:
        self._figure: Figure | None = None

    def figure(self) -> Figure:
        if self._figure is None:
            from matplotlib.figure import Figure

            # A Figure of its own, not pyplot: no global state, no GUI backend; savefig on a
            # bare Figure renders with Agg.
            self._figure = Figure(figsize=(WIDTH_CM / _INCH, HEIGHT_CM / _INCH), dpi=DPI)
        return self._figure

    def png(self, rows: list[ChartRow]) -> bytes:
        """The chart of ``rows`` as PNG bytes."""
        figure = self.figure()
        figure.clear()
        axes = figure.add_subplot(1, 1, 1)
        _draw(axes, rows)
        # Fixed margins: tight_layout() costs more than the drawing.
        figure.subplots_adjust(left=0.09, right=0.98, top=0.86, bottom=0.13)
        out = io.BytesIO()
        # No metadata: the software name and date would make every run's bytes differ.
        figure.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
        return out.getvalue()


def _series(rows: list[ChartRow], pick: str) -> tuple[list[int], list[float]]:
    years: list[int] = []
    values: list[float] = []
    for row in rows:
        value = _finite(getattr(row, pick))
        if value is not None:
            years.append(row.year)
            values.append(value)
    return years, values


def _draw(axes: Any, rows: list[ChartRow]) -> None:
    years, values = _series(rows, "actual")
    path_years, path_values = _series(rows, "path")
    if path_years:
        axes.plot(
            path_years,
            path_values,
            linestyle="--",
            color="#555555",
            linewidth=1.2,
            label=LEGEND["path"],
        )
    target = [row for row in rows if Tag.TARGET in row.tags and _finite(row.path) is not None]
    if target:
        axes.plot(
            [target[0].year],
            [target[0].path],
            marker="D",
            linestyle="none",
            color="#b22222",
            markersize=6,
            label=LEGEND["target"],
        )
    projected_years, projected_values = _series(rows, "projected")
    if projected_years and years:
        # From the last reported value on, so the line reads as its continuation.
        axes.plot(
            [years[-1], *projected_years],
            [values[-1], *projected_values],
            linestyle=":",
            color="#1f4e9a",
            linewidth=1.2,
            label=LEGEND["projected"],
        )
    axes.plot(
        years,
        values,
        linestyle="-",
        marker="o",
        color="#1f4e9a",
        linewidth=1.8,
        markersize=4,
        label=LEGEND["actual"],
    )
    _label_this_year(axes, rows)
    _finish_axes(axes, rows)


def _label_this_year(axes: Any, rows: list[ChartRow]) -> None:
    """The value of the report's own year, written above its point."""
    for row in rows:
        if Tag.THIS in row.tags and _finite(row.actual) is not None:
            axes.annotate(
                f"{row.actual:g}",
                (row.year, row.actual),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize=7,
            )


def _finish_axes(axes: Any, rows: list[ChartRow]) -> None:
    all_years = [row.year for row in rows]
    axes.set_xticks(all_years)
    axes.set_xticklabels([str(y) for y in all_years], fontsize=7)
    axes.tick_params(axis="y", labelsize=7)
    axes.grid(axis="y", linewidth=0.4, color="#dddddd")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    # Above the plot, in one row (never over a line), in the order of LEGEND.
    handles, labels = axes.get_legend_handles_labels()
    order = list(LEGEND.values())
    pairs = sorted(zip(handles, labels, strict=True), key=lambda pair: order.index(pair[1]))
    axes.legend(
        [handle for handle, _ in pairs],
        [label for _, label in pairs],
        fontsize=7,
        frameon=False,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        ncol=4,
        borderaxespad=0.2,
    )
