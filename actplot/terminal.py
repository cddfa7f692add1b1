"""A Chart drawn with Unicode characters, for a plot in the terminal (``--terminal``), through
plotext. plotext is imported only when a chart is drawn, so nothing else pays for it."""

from __future__ import annotations

import shutil
import sys

import numpy as np

from actplot.charts import Chart, Series

DEFAULT_SIZE = (80, 24)  # columns, rows when stdout is not a terminal
# (style, dashed) -> plotext marker: a derivative must read apart from its function without colour
_MARKERS = {
    ("curve", False): "hd",
    ("curve", True): "braille",
    ("points", False): "dot",
    ("points", True): "x",
    ("bars", False): "full",
    ("bars", True): "▒",
}
# Further functions of a comparison (groups 1, 2, ...): (function, derivative) marker pairs
_GROUP_MARKERS = (("•", "·"), ("+", "x"), ("o", "°"), ("*", "'"))
_MAX_CURVE_POINTS = 4000  # samples of a long curve: many per column even on a wide terminal
_BAR_WIDTH = 0.8  # of the spacing between inputs, shared by the bar series side by side
_Y_TICKS_WIDTH = 8  # columns taken by the y tick labels and the frame, to judge whether bar values fit


def render(chart: Chart, size: tuple[int, int] | None = None, *, color: bool = False) -> str:
    """The chart drawn with Unicode characters, ``size`` = (columns, rows) of the whole plot
    including title and axes (None: the terminal's size less one row for the prompt when stdout
    is a terminal, else 80 x 24). Returns the text, ``rows`` lines of ``columns`` characters
    joined by newlines and ending in one; no ANSI escape codes unless ``color``.

    Curves are lines, points are markers, bars are one bar per input with its value written on
    it when it fits; a dashed series (a derivative) takes its own marker. Non-finite values are
    left out of the drawing.
    """
    import plotext

    columns, rows = _size(size)
    figure = plotext.figure
    figure.clear()
    plotext.terminal.limit(False, False)  # the size asked for, not clamped to the terminal's
    try:
        figure.plot_size(columns, rows)
        if color:  # before anything is drawn: the theme colours what comes after it
            figure.theme("simple")  # colours on the data only: readable on dark and light terminals
        _draw(figure, chart, columns)
        return figure.build().string(colorless=not color)
    finally:
        figure.clear()
        plotext.terminal.clear()


def _size(size: tuple[int, int] | None) -> tuple[int, int]:
    if size is None:
        if not sys.stdout.isatty():
            return DEFAULT_SIZE
        columns, rows = shutil.get_terminal_size(DEFAULT_SIZE)
        return columns, max(rows - 1, 1)  # the prompt's row, so the title does not scroll away
    columns, rows = size
    if columns < 1 or rows < 1:
        raise ValueError(f"a terminal plot needs at least 1 x 1 characters, not {columns} x {rows}")
    return columns, rows


def _draw(figure, chart: Chart, columns: int) -> None:
    bars = [s for s in chart.series if s.style == "bars"]
    comparison = sum(not s.dashed for s in chart.series) > 1
    if not bars:
        _zero_lines(figure, chart)
    for series in chart.series:
        label = series.label if chart.legend else None
        if series.style == "bars":
            _bars(figure, series, label, bars.index(series), len(bars), columns)
        else:
            _signal(figure, series, label, comparison)
    if bars:  # after the bars, which set their own ticks
        figure.ruler("x").ticks(list(range(bars[0].x.size)), [f"{v:g}" for v in bars[0].x])
    figure.title(chart.title)
    figure.label(chart.xlabel, axis="x")
    figure.label(chart.ylabel, axis="y")
    if chart.xlim and not bars:  # bars stand at the inputs' indices, not at their values
        figure.ruler("x").lim(*chart.xlim)
    if chart.ylim:
        figure.ruler("y").lim(*chart.ylim)


def _marker(series: Series, comparison: bool) -> str:
    """Each function of a comparison its own marker, so that they read apart without colour."""
    if series.style != "curve" or series.group == 0 or not comparison:
        return _MARKERS[series.style, series.dashed]
    return _GROUP_MARKERS[(series.group - 1) % len(_GROUP_MARKERS)][series.dashed]


def _signal(figure, series: Series, label: str | None, comparison: bool) -> None:
    """A curve or a set of points; a curve breaks where values were left out. A terminal shows a
    few hundred columns: a long curve is drawn from evenly spaced samples (plotext takes
    seconds per 10^5 points)."""
    sample = np.arange(series.x.size)
    if series.style == "curve" and sample.size > _MAX_CURVE_POINTS:
        sample = np.unique(np.linspace(0, sample.size - 1, _MAX_CURVE_POINTS).round().astype(np.int64))
    x, y = series.x[sample], series.y[sample]
    kept = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
    if kept.size == 0:
        return
    signal = figure.signal(x[kept], y[kept], marker=_marker(series, comparison))
    if series.style == "curve":
        signal.lines()
        for index in np.flatnonzero(np.diff(kept) > 1) + 1:
            signal.line(int(index), False)
    signal.label(label)
    figure.draw(signal)


def _bars(figure, series: Series, label: str | None, index: int, count: int, columns: int) -> None:
    """One bar per input at the input's index, side by side when several series share the
    inputs, each value written on its bar when every value fits in its bar's width."""
    kept = np.flatnonzero(np.isfinite(series.y))
    if kept.size == 0:
        return
    width = _BAR_WIDTH / count
    values = [f"{v:.3g}" for v in series.y[kept]]
    cells = (columns - _Y_TICKS_WIDTH) / series.x.size * width
    signal = figure.bar(
        kept + (index - (count - 1) / 2) * width,
        series.y[kept],
        marker=_MARKERS["bars", series.dashed],
        width=width,
        labeled=values if max(map(len, values)) <= cells else False,
    )
    signal.label(label)
    figure.draw(signal)


def _zero_lines(figure, chart: Chart) -> None:
    """Axis lines through zero, as in the image, where zero is within what is shown (a line
    would otherwise stretch the axis to reach it)."""
    for orientation, limits, coordinate in (("h", chart.ylim, "y"), ("v", chart.xlim, "x")):
        values = np.concatenate([np.empty(0), *(getattr(s, coordinate) for s in chart.series)])
        values = values[np.isfinite(values)]
        if limits is None and values.size:
            limits = (values.min(), values.max())
        if limits is not None and limits[0] <= 0 <= limits[1]:
            figure.line(0, orientation=orientation)
