"""A Chart drawn with Unicode characters, for a plot in the terminal (``--terminal``), through
plotext. plotext is imported only when a chart is drawn, so nothing else pays for it.

The chart's limits are the axes' (a ``--ylim`` clips the curve, it never narrows the x axis),
the ticks are round values placed here, the legend stands below the frame (never over the tick
labels) and colours are on the data only, in tones that read on dark and light terminals.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import sys
import textwrap
from dataclasses import replace

import numpy as np

from actplot.charts import Chart, Series, Stack, cut, shorter, tick_labels, ticks, value_labels

DEFAULT_SIZE = (80, 24)  # columns, rows when stdout is not a terminal and $COLUMNS/$LINES say nothing
MIN_SIZE = (24, 8)  # the frame, the tick labels, the title and room for a curve
# Above the legend: the title, the frame, the tick labels, the axis label and two rows of curve
# (with fewer, twelve curves were drawn over each other on one row, or the plot was left out).
_PLOT_ROWS = 7
MAX_SIZE = (1000, 500)
# (style, dashed) -> plotext marker: a derivative must read apart from its function without colour
_MARKERS = {
    ("curve", False): "hd",
    ("curve", True): "braille",
    ("points", False): "•",
    ("points", True): "x",
    ("bars", False): "█",
    ("bars", True): "▒",
}
# Further functions of a comparison (groups 1, 2, ...): (function, derivative) marker pairs, each
# group its own, so that every series reads apart without colour.
_GROUP_MARKERS = (
    ("•", "·"),
    ("+", "x"),
    ("o", "°"),
    ("*", "'"),
    ("#", ":"),
    ("@", "~"),
    ("%", "-"),
    ("&", "^"),
) + tuple((letter, letter.lower()) for letter in "ABCDEFGHJKLMNPQRSTUVWYZ")  # no X: x is taken (+, x)
# ... and past 33 functions (a comparison of every function there is): digits, then shapes
_GROUP_MARKERS += tuple(zip("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹", strict=True)) + tuple(
    zip("■▲▼◆●★♠♣♥♦▶◀▰◉", "□△▽◇○☆♤♧♡♢▷◁▱◎", strict=True)
)
# 256-colour tones of middle lightness: they read on a dark terminal and on a light one.
_COLOURS = (33, 208, 34, 160, 98, 130, 169, 244, 142, 37)
_AXIS_COLOUR = 244
_MAX_CURVE_POINTS = 4000  # samples of a long curve: many per column even on a wide terminal
_BAR_WIDTH = 0.8  # of the spacing between inputs, shared by the bar series side by side
_BACKGROUND = re.compile(r"\x1b\[48;[0-9;]*m")


class SizeError(ValueError):
    """A terminal plot that does not fit the size asked for."""


def render(chart: Chart | Stack, size: tuple[int, int] | None = None, *, color: bool = False) -> str:
    """The chart drawn with Unicode characters, ``size`` = (columns, rows) of the whole plot
    including title, axes and legend (None: the terminal's size less one row for the prompt when
    stdout is a terminal, else $COLUMNS x $LINES, else 80 x 24). Returns the text, ``rows`` lines
    of at most ``columns`` characters, each ending in a newline; no ANSI escape codes unless
    ``color``. SizeError (a ValueError) for a size outside MIN_SIZE..MAX_SIZE, or one whose
    legend leaves the plot less than MIN_SIZE's rows.

    Curves are lines, points are markers, bars are one bar per input with its value written on
    it when it fits; a dashed series (a derivative) takes its own marker, and so does each
    function of a comparison. Non-finite values are left out of the drawing.
    """
    import plotext

    columns, rows = _size(size)
    if isinstance(chart, Stack):
        return _render_stack(chart, columns, rows, color)
    legend = _legend(chart, columns, color) if chart.legend else []
    if rows - len(legend) < _PLOT_ROWS:
        raise SizeError(
            f"the legend's {len(chart.series)} entries take {len(legend)} of the {rows} rows, leaving less than "
            f"the {_PLOT_ROWS} a plot needs; give more rows ({len(legend) + _PLOT_ROWS} or more) or fewer functions"
        )
    # a note takes rows down to the plot's least, as a legend does: at 24 x 8 'actplot tanh nan 1 2
    # --terminal' left "not drawn" unsaid (its rows were taken only beyond MIN_SIZE's 8)
    if chart.note and rows - len(legend) > _PLOT_ROWS:
        legend += _note_lines(chart.note, columns, rows - len(legend) - _PLOT_ROWS)
    figure = plotext.figure
    figure.clear()
    plotext.terminal.limit(False, False)  # the size asked for, not clamped to the terminal's
    try:
        figure.plot_size(columns, rows - len(legend))
        if color:  # before anything is drawn: the theme colours what comes after it
            figure.theme("simple")  # no colours on the frame and text
        _draw(figure, chart, columns, rows - len(legend))
        text = figure.build().string(colorless=not color)
    finally:
        figure.clear()
        plotext.terminal.clear()
    lines = _BACKGROUND.sub("", text).rstrip("\n").split("\n") + legend
    return "\n".join(lines) + "\n"


def _render_stack(stack: Stack, columns: int, rows: int, color: bool) -> str:
    """The charts of a stack one above the other, the rows shared as their heights say, each at
    least what it needs (MIN_SIZE's, and its legend's rows above a plot's); with fewer rows than
    that, the last chart (a diff's difference) alone, under the first one's title."""
    legends = [len(_legend(c, columns, color)) if c.legend else 0 for c in stack.charts]
    needs = np.array([max(MIN_SIZE[1], _PLOT_ROWS + legend) for legend in legends])
    # (at 24 x 16 the curves' legend took 2 of their 8 rows: a usage error asking for 9); a note needs
    # a row of its own: at 24 x 17 a diff whose every sample lay beyond --xlim drew two empty frames
    # without "no sample within these limits"
    if rows < needs.sum() + bool(stack.charts[-1].note):
        return render(replace(stack.charts[-1], title=stack.charts[0].title), (columns, rows), color=color)
    # The lowest chart's note (a diff's: what is not drawn in either panel) under the stack, in the
    # rows the panels leave beyond what each needs: within the lowest panel, at 60 x 20, its 8 rows
    # left none, and a diff whose every sample was NaN drew two empty frames without a word.
    *upper, lowest = stack.charts
    note = _note_lines(lowest.note, columns, rows - needs.sum())
    charts, rows = (*upper, replace(lowest, note="")), rows - len(note)
    shares = np.array(stack.heights) / sum(stack.heights) * rows
    heights = np.maximum(np.floor(shares).astype(int), needs)
    for index in range(1, heights.size):  # the first takes what is left, never less than its need
        excess = heights[1:].sum() - (rows - needs[0])
        heights[index] -= min(max(excess, 0), heights[index] - needs[index])
    heights[0] += rows - heights.sum()
    drawn = "".join(render(c, (columns, int(h)), color=color) for c, h in zip(charts, heights, strict=True))
    return drawn + "".join(line + "\n" for line in note)


def _note_lines(note: str, columns: int, room: int) -> list[str]:
    """A note wrapped to the width, in at most ``room`` lines; one that needs more ends its last
    line with an ellipsis (it was cut mid-phrase without a mark: "..., tanh(nan) =")."""
    lines = textwrap.wrap(note, columns)
    if len(lines) <= room:
        return lines
    if room <= 0:
        return []
    # the last line cut between words, to leave room for the mark: at 30 columns "no sample within
    # these limits" (29) was cut mid-word, "no sample within these limit \u2026"
    last = textwrap.wrap(" ".join(lines[room - 1 :]), columns - 2)[0]
    return [*lines[: room - 1], last + " \u2026"]


def _size(size: tuple[int, int] | None) -> tuple[int, int]:
    if size is None:
        if sys.stdout.isatty():
            columns, rows = shutil.get_terminal_size(DEFAULT_SIZE)
            size = (columns, rows - 1)  # the prompt's row, so the title does not scroll away
        else:
            size = (_environment("COLUMNS", DEFAULT_SIZE[0]), _environment("LINES", DEFAULT_SIZE[1]))
        return (min(max(size[0], MIN_SIZE[0]), MAX_SIZE[0]), min(max(size[1], MIN_SIZE[1]), MAX_SIZE[1]))
    columns, rows = size
    if not (MIN_SIZE[0] <= columns <= MAX_SIZE[0] and MIN_SIZE[1] <= rows <= MAX_SIZE[1]):
        raise SizeError(
            f"a terminal plot is {MIN_SIZE[0]} to {MAX_SIZE[0]} columns by {MIN_SIZE[1]} to {MAX_SIZE[1]} rows, "
            f"not {columns} x {rows}"
        )
    return columns, rows


def _environment(name: str, default: int) -> int:
    """A positive whole number from the environment ($COLUMNS, $LINES), else the default."""
    try:  # as shutil reads it ('²' is a digit to isdigit, not to int)
        value = int(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def _draw(figure, chart: Chart, columns: int, rows: int) -> None:
    bars = [s for s in chart.series if s.style == "bars"]
    comparison = sum(not s.dashed for s in chart.series) > 1
    _zero_lines(figure, chart)
    for series in chart.series:
        if series.style == "bars":
            _bars(figure, chart, series, bars.index(series), len(bars), columns, rows)
        else:
            _signal(figure, chart, series, comparison)
    # plotext leaves out a title wider than the plot: cut, it still says what is drawn.
    figure.title(cut(" ".join(chart.title.split()), columns))  # on one row: a tab or newline is a space
    figure.label(chart.xlabel, axis="x")
    figure.label(chart.ylabel, axis="y")
    figure.ruler("x").lim(*chart.xlim)
    figure.ruler("y").lim(*chart.ylim)
    y_ticks = ticks(*chart.ylim, max(2, (rows - 5) // 2))
    figure.ruler("y").ticks(list(y_ticks), tick_labels(y_ticks))
    if bars:  # bars stand at the inputs' indices
        labels = value_labels(bars[0].x)
        every = math.ceil((max(map(len, labels)) + 1) * len(labels) / max(columns - 10, 1))
        figure.ruler("x").ticks(list(range(0, len(labels), every)), labels[::every])
    else:
        x_ticks = ticks(*chart.xlim, max(2, (columns - 10) // 10))
        figure.ruler("x").ticks(list(x_ticks), tick_labels(x_ticks))


def _marker(series: Series, comparison: bool) -> str:
    """Each function of a comparison its own marker, so that they read apart without colour."""
    if series.style == "bars" or series.group == 0 or not comparison:
        return _MARKERS[series.style, series.dashed]
    return _GROUP_MARKERS[(series.group - 1) % len(_GROUP_MARKERS)][series.dashed]


def _colour(series: Series) -> int:
    return _COLOURS[series.group % len(_COLOURS)]


def _legend(chart: Chart, columns: int, color: bool) -> list[str]:
    """The legend's lines, below the plot: each series' marker and label, as many to a line as fit."""
    comparison = sum(not s.dashed for s in chart.series) > 1
    lines: list[tuple[str, int]] = []
    for series in chart.series:
        marker = _marker(series, comparison)
        sample = {"hd": "▀▄", "braille": "⠉⠒"}.get(marker, marker * 2)
        # A label wider than the plot goes on under its sample, indented.
        indent = " " * (len(sample) + 1)
        label, *more = textwrap.wrap(series.label, columns - len(indent)) or [""]
        width = len(indent) + len(label)
        if color:
            sample = f"\x1b[38;5;{_colour(series)}m{sample}\x1b[0m"
        entry = f"{sample} {label}"
        if lines and not more and lines[-1][1] + 3 + width <= columns:
            lines[-1] = (lines[-1][0] + "   " + entry, lines[-1][1] + 3 + width)
        else:
            lines.append((entry, width))
        lines += [(indent + line, len(indent) + len(line)) for line in more]
    return [line for line, _ in lines]


def _signal(figure, chart: Chart, series: Series, comparison: bool) -> None:
    """A curve or a set of points, clipped to the limits: a curve runs to the frame where it
    leaves the axes and breaks where values are missing. A long curve is drawn from evenly spaced
    samples (plotext takes seconds per 10^5 points; a terminal shows a few hundred columns)."""
    import plotext

    x, y = series.x, series.y
    if series.style == "curve" and x.size > _MAX_CURVE_POINTS:
        sample = np.unique(np.linspace(0, x.size - 1, _MAX_CURVE_POINTS).round().astype(np.int64))
        x, y = x[sample], y[sample]
    if series.style == "curve":
        x, y = _clipped(x, y, chart.xlim, chart.ylim)
    inside = np.isfinite(x) & np.isfinite(y)
    inside &= (x >= chart.xlim[0]) & (x <= chart.xlim[1]) & (y >= chart.ylim[0]) & (y <= chart.ylim[1])
    kept = np.flatnonzero(inside)
    if kept.size == 0:
        return
    marker = plotext.marker(_marker(series, comparison), pixel=_colour(series))
    signal = figure.signal(x[kept], y[kept], marker=marker)
    if series.style == "curve":
        signal.lines()
        for index in np.flatnonzero(np.diff(kept) > 1) + 1:
            signal.line(int(index), False)
    figure.draw(signal)


def _clipped(x: np.ndarray, y: np.ndarray, xlim, ylim) -> tuple[np.ndarray, np.ndarray]:
    """The polyline with a point added where each segment crosses the edge of the limits, and a
    break (NaN) between points on either side of a crossing that lies outside: a curve that
    leaves the axes runs to the frame, and one that returns starts again there."""
    finite = np.isfinite(x) & np.isfinite(y)
    out_x, out_y = [], []
    low, high = ylim
    for i in range(x.size):
        if i and finite[i] and finite[i - 1]:
            for edge in (low, high):
                if (y[i - 1] - edge) * (y[i] - edge) < 0:  # strictly across the edge
                    t = (edge - y[i - 1]) / (y[i] - y[i - 1])
                    out_x.append(x[i - 1] + t * (x[i] - x[i - 1]))
                    out_y.append(edge)
                    if not (low <= y[i] <= high):
                        out_x.append(math.nan)
                        out_y.append(math.nan)
        out_x.append(x[i])
        out_y.append(y[i] if low <= y[i] <= high or not finite[i] else math.nan)
    return np.array(out_x, dtype=np.float64), np.array(out_y, dtype=np.float64)


def _bars(figure, chart: Chart, series: Series, index: int, count: int, columns: int, rows: int) -> None:
    """One bar per input at the input's index, side by side when several series share the inputs,
    each value written on its bar when every value fits in its bar's width. Each bar is drawn as
    much of it as the limits hold: clipped to the frame ('--ylim 0 1e-8' had plotext fill rows
    from 0 to 0.665 in steps of 1e-9, until it ran out of memory), and labelled in the middle of
    what is seen. A bar seen for less than half a character cell is left out (plotext would fill
    the whole cell); its value is written where it stands, on the zero line for a small value, as
    the image writes "0" on a bar of no height. A bar not seen is not labelled, as in the image."""
    import plotext

    low, high = chart.ylim
    cell = (high - low) / max(rows - 6, 1)
    finite = np.flatnonzero(np.isfinite(series.y))
    if finite.size == 0:
        return
    width = _BAR_WIDTH / count
    at = finite + (index - (count - 1) / 2) * width
    values = np.array([shorter(series.labels[i]) if series.labels else f"{series.y[i]:.3g}" for i in finite])
    room = (columns - 10) / series.x.size * width
    y = series.y[finite]
    bottom, top = np.maximum(np.minimum(y, 0), low), np.minimum(np.maximum(y, 0), high)
    seen = top >= bottom
    tall = seen & (top - bottom >= cell / 2)
    if tall.any():  # (each kind labelled where all its values fit: a long 2.54e-13 left 1 unsaid)
        signal = figure.bar(
            at[tall],
            bottom[tall],
            top[tall],
            marker=plotext.marker(_MARKERS["bars", series.dashed], pixel=_colour(series)),
            width=width,
            labeled=list(values[tall]) if max(map(len, values[tall])) <= room else False,
        )
        figure.draw(signal)
    flat = seen & ~tall
    if flat.any() and max(map(len, values[flat])) <= room:
        for x, middle, value in zip(at[flat], (bottom[flat] + top[flat]) / 2, values[flat], strict=True):
            figure.draw(figure.text(x, middle, value.replace("-", "\u2212"), alignment="center"))


def _zero_lines(figure, chart: Chart) -> None:
    """Axis lines through zero, as in the image, where zero is within the limits, drawn first so
    that the data stands over them."""
    import plotext

    axis = {"h": plotext.marker("─", pixel=_AXIS_COLOUR), "v": plotext.marker("│", pixel=_AXIS_COLOUR)}
    if chart.ylim[0] <= 0 <= chart.ylim[1]:
        line = figure.signal(list(chart.xlim), [0.0, 0.0], marker=axis["h"])
        line.lines()
        figure.draw(line)
    if not chart.bars and chart.xlim[0] <= 0 <= chart.xlim[1]:
        line = figure.signal([0.0, 0.0], list(chart.ylim), marker=axis["v"])
        line.lines()
        figure.draw(line)
